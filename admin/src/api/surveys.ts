/** The 征集调查 endpoints of the office: a site's surveys, drafting, opening, ending early, the result feedback, the opinions. */
import type { z } from 'zod';
import type {
  PublishSurveyResultSchema,
  SaveSurveySchema,
  SurveyOpinionView,
  SurveyState,
  SurveyView,
} from '../../../common/schemas/interaction.ts';
import { api } from './client.ts';

export type { SurveyState, SurveyView };
export type SaveSurveyInput = z.input<typeof SaveSurveySchema>;
export type PublishSurveyResultInput = z.input<typeof PublishSurveyResultSchema>;

export type SurveyOpinion = SurveyOpinionView;

const surveyPath = (id: string) => `/api/interaction/surveys/${encodeURIComponent(id)}`;

/** The site's surveys, drafts included, newest first. */
export function fetchSurveys(siteId: string, signal?: AbortSignal): Promise<SurveyView[]> {
  return api.get('/api/interaction/surveys', { query: { siteId }, ...(signal ? { signal } : {}) });
}

export function createSurvey(siteId: string, body: SaveSurveyInput): Promise<SurveyView> {
  return api.post('/api/interaction/surveys', body, { query: { siteId } });
}

export function updateSurvey(id: string, body: SaveSurveyInput): Promise<SurveyView> {
  return api.put(surveyPath(id), body);
}

/** Publishes a draft on the site. */
export function openSurvey(id: string): Promise<SurveyView> {
  return api.post(`${surveyPath(id)}/open`);
}

/** Ends the survey early: no opinion is taken from now on. */
export function endSurvey(id: string): Promise<SurveyView> {
  return api.post(`${surveyPath(id)}/end`);
}

/** Publishes (or corrects) the result feedback of an ended survey. */
export function publishSurveyResult(id: string, body: PublishSurveyResultInput): Promise<SurveyView> {
  return api.post(`${surveyPath(id)}/result`, body);
}

/** One page of the survey's opinions, oldest first. */
export function fetchSurveyOpinions(
  id: string,
  page: { limit?: number; offset?: number },
  signal?: AbortSignal,
): Promise<{ items: SurveyOpinion[]; total: number }> {
  return api.get(`${surveyPath(id)}/opinions`, { query: { limit: page.limit, offset: page.offset }, ...(signal ? { signal } : {}) });
}

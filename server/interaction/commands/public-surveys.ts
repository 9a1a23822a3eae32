/**
 * The public side of 征集调查 on every hosted site: the list of the site's surveys, one survey
 * with its opinion form (a text challenge against bots) and its result feedback, and the
 * thank-you page. Each function answers with a status and a whole page (null: no site).
 */
import type { SurveyView } from '../../../common/schemas/interaction.ts';
import { SurveyOpinionFormSchema } from '../../../common/schemas/interaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { isAppError } from '../../platform/errors.ts';
import { challengeProblem, framedPages, newChallenge, sm3, textField, type PublicPage } from '../../platform/public-forms.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { publicSiteId, sitePage, type SafeHtml } from '../../publishing/index.ts';
import {
  EMPTY_OPINION,
  SURVEY_PATH,
  surveyBody,
  surveyListBody,
  surveyMissingBody,
  surveyPath,
  thanksBody,
  type OpinionValues,
} from '../render/survey-pages.ts';
import { publicSurvey, publicSurveys, submitOpinion } from './surveys.ts';

export type { PublicPage };

/** Purpose of the opinion form's challenge token: of this form on this site (a token of another form or site is worthless here). */
const challengeOf = (code: string) => `zjdc-challenge.${code}`;
const LIST_TITLE = '征集调查';
/** Survey ids are UUIDs; anything else finds nothing without asking the database. */
const SURVEY_ID = /^[0-9A-Za-z-]{1,40}$/;

const page = framedPages<SafeHtml>(() => sitePage);

async function surveyOf(deps: Deps, siteId: string, id: string): Promise<SurveyView | null> {
  return SURVEY_ID.test(id) ? publicSurvey(deps, siteId, id) : null;
}

const missing = (deps: Deps, code: string) => page(deps, code, SURVEY_PATH, '征集不存在', 404, surveyMissingBody());

function opinionValues(body: Record<string, unknown>): OpinionValues {
  // Cut well beyond each field's limit: too long is refused with a message, not silently shortened.
  return {
    content: textField(body.content, 4000),
    name: textField(body.name, 200),
    phone: textField(body.phone, 120),
    answer: textField(body.answer, 3),
  };
}

/** GET: the site's surveys. */
export async function surveyListPage(deps: Deps, code: string): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  return page(deps, code, SURVEY_PATH, LIST_TITLE, 200, surveyListBody(await publicSurveys(deps, siteId)));
}

/** GET: one survey, with the empty opinion form while it is open. */
export async function surveyPage(deps: Deps, code: string, id: string): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const survey = await surveyOf(deps, siteId, id);
  if (!survey) return missing(deps, code);
  const form = { values: EMPTY_OPINION, challenge: newChallenge(deps, challengeOf(code)), errors: [] };
  return page(deps, code, surveyPath(survey.id), survey.title, 200, surveyBody(survey, form));
}

/** POST: an opinion. 201 with the thank-you page; 400 with the form and every problem; 409 when the survey takes none now. */
export async function submitSurveyForm(deps: Deps, code: string, id: string, body: Record<string, unknown>): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const survey = await surveyOf(deps, siteId, id);
  if (!survey) return missing(deps, code);
  const path = surveyPath(survey.id);
  if (survey.state !== 'open') return page(deps, code, path, survey.title, 409, surveyBody(survey, null, '本次征集当前不接受意见'));
  const values = opinionValues(body);
  const token = textField(body.challenge, 1000);
  const errors: string[] = [];
  const challenge = challengeProblem(deps, challengeOf(code), token, values.answer, textField(body.website, 100));
  if (challenge) errors.push(challenge);
  const input = { content: values.content, name: values.name.trim() || null, phone: values.phone.trim() || null };
  const parsed = SurveyOpinionFormSchema.safeParse(input);
  if (!parsed.success) errors.push(...fieldErrors(parsed.error).map((f) => f.message));
  const again = (status: number, problems: readonly string[]) =>
    page(
      deps,
      code,
      path,
      survey.title,
      status,
      surveyBody(survey, { values: { ...values, answer: '' }, challenge: newChallenge(deps, challengeOf(code)), errors: problems }),
    );
  if (errors.length) return again(400, errors);
  try {
    // The same form sent twice (a double click, a resent page) carries the same challenge: one opinion.
    await submitOpinion(deps, siteId, survey.id, input, sm3(`zjdc:${token}`));
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    if (e.status === 404) return missing(deps, code);
    if (e.status === 409) return page(deps, code, path, survey.title, 409, surveyBody(survey, null, e.message));
    return again(400, e.fields.length ? e.fields.map((f) => f.message) : [e.message]);
  }
  return page(deps, code, path, '意见已提交', 201, thanksBody(survey));
}

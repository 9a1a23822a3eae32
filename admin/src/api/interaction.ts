/** The 政民互动 endpoints of the office: channels, site settings, reply templates, letters and supervision. */
import type {
  ChannelView,
  InteractionStatistics,
  LetterAction,
  LetterDetail,
  LetterState,
  LetterSummary,
  SaveChannelInput,
} from '../../../common/schemas/interaction.ts';
import { api } from './client.ts';

export type { ChannelView, InteractionStatistics, LetterAction, LetterDetail, LetterSummary, SaveChannelInput };

export interface InteractionSettings {
  redactWords: string[];
}

export interface ReplyTemplate {
  id: string;
  title: string;
  body: string;
}

export interface LetterFilter {
  state?: LetterState | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface LetterPage {
  items: LetterSummary[];
  total: number;
}

/** One org's open letters, as the supervision view counts them. */
export interface OrgLetterLoad {
  orgId: string;
  orgName: string;
  open: number;
  overdue: number;
  vetoRisk: number;
}

export interface InteractionOversight {
  byOrg: OrgLetterLoad[];
  vetoRisk: LetterSummary[];
}

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
const channelPath = (id: string) => `/api/interaction/channels/${encodeURIComponent(id)}`;
const settingsPath = (siteId: string) => `/api/interaction/settings/${encodeURIComponent(siteId)}`;
const templatePath = (id: string) => `/api/interaction/templates/${encodeURIComponent(id)}`;
const letterPath = (id: string) => `/api/interaction/letters/${encodeURIComponent(id)}`;

export function fetchChannels(siteId: string, signal?: AbortSignal): Promise<ChannelView[]> {
  return api.get('/api/interaction/channels', { query: { siteId }, ...withSignal(signal) });
}

export function createChannel(siteId: string, body: SaveChannelInput): Promise<ChannelView> {
  return api.post('/api/interaction/channels', body, { query: { siteId } });
}

export function updateChannel(id: string, body: SaveChannelInput): Promise<ChannelView> {
  return api.put(channelPath(id), body);
}

export function fetchInteractionSettings(siteId: string, signal?: AbortSignal): Promise<InteractionSettings> {
  return api.get(settingsPath(siteId), withSignal(signal));
}

export function saveInteractionSettings(siteId: string, body: InteractionSettings): Promise<InteractionSettings> {
  return api.put(settingsPath(siteId), body);
}

export function fetchReplyTemplates(siteId: string, signal?: AbortSignal): Promise<ReplyTemplate[]> {
  return api.get('/api/interaction/templates', { query: { siteId }, ...withSignal(signal) });
}

export function createReplyTemplate(siteId: string, body: { title: string; body: string }): Promise<ReplyTemplate> {
  return api.post('/api/interaction/templates', body, { query: { siteId } });
}

export function updateReplyTemplate(id: string, body: { title: string; body: string }): Promise<ReplyTemplate> {
  return api.put(templatePath(id), body);
}

export function deleteReplyTemplate(id: string): Promise<void> {
  return api.delete(templatePath(id));
}

/** The site's letters and those handled by, or offered (转办) to, the site's org; one page of them. */
export function fetchLetters(siteId: string, filter: LetterFilter = {}, signal?: AbortSignal): Promise<LetterPage> {
  const query = { siteId, state: filter.state || undefined, limit: filter.limit, offset: filter.offset };
  return api.get('/api/interaction/letters', { query, ...withSignal(signal) });
}

/** One letter; the writer is masked unless `reveal` (the server records the reveal in the audit log). */
export function fetchLetter(id: string, reveal: boolean, signal?: AbortSignal): Promise<LetterDetail> {
  return api.get(letterPath(id), { query: { reveal: reveal ? '1' : undefined }, ...withSignal(signal) });
}

/** One step on a letter; the answer is the letter as it is afterwards. */
export function sendLetterAction(id: string, body: LetterAction): Promise<LetterDetail> {
  return api.post(`${letterPath(id)}/actions`, body);
}

/** Open letters at 即将到期 or past their due date: of one site (and its org), or of every site (siteId null, supervisors). */
export function fetchOverdueLetters(siteId: string | null, signal?: AbortSignal): Promise<LetterSummary[]> {
  return api.get('/api/interaction/overdue', { query: { siteId: siteId ?? undefined }, ...withSignal(signal) });
}

/** Supervisors: open and overdue letters per org, and the letters near the veto line. */
export function fetchInteractionOversight(signal?: AbortSignal): Promise<InteractionOversight> {
  return api.get('/api/interaction/oversight', withSignal(signal));
}

export function fetchInteractionStatistics(siteId: string, year: number, signal?: AbortSignal): Promise<InteractionStatistics> {
  return api.get(`/api/interaction/statistics/${encodeURIComponent(siteId)}/${encodeURIComponent(String(year))}`, withSignal(signal));
}

/** Where a letter's attachment is downloaded (only by those who may read the letter; each download is audited). */
export function letterAttachmentUrl(letterId: string, attachmentId: string): string {
  return `${letterPath(letterId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

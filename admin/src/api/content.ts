/** The content endpoints (articles, review workflow, checks, files, dictionaries), typed as the server answers them. */
import type {
  ArticleDetail,
  ArticleSummary,
  CheckOutcome,
  Comparison,
  CreateArticleInput,
  DeadlineBoard,
  DictionaryEntry,
  DictionaryEntryInput,
  ParsedDocument,
  RevisionSummary,
  SavedArticle,
  UpdateArticleInput,
  UploadedFile,
  WorkflowResult,
} from '../../../common/schemas/content.ts';
import { api } from './client.ts';
import type { ListResponse } from './orgs.ts';
import { postMultipart } from './upload.ts';

// The response types (and request input types) are declared once in common/, shared with the server.
export type * from '../../../common/schemas/content.ts';

/** The values of ArticleSummary.deadline, for the screens' labels. */
export type DeadlineState = 'none' | 'ok' | 'dueSoon' | 'overdue' | 'onTime' | 'late';

/** The values of ArticleEvent.kind, for the screens' labels. */
export type ArticleEventKind =
  'create' | 'edit' | 'submit' | 'approve' | 'reject' | 'withdraw' | 'schedule' | 'publish' | 'correct' | 'emergency' | 'retract';

export interface ArticleFilter {
  siteId?: string | null | undefined;
  columnId?: string | null | undefined;
  status?: string | null | undefined;
  type?: string | null | undefined;
  q?: string | null | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface ReviewQueueFilter {
  siteId?: string | null | undefined;
  stage?: string | null | undefined;
  type?: string | null | undefined;
  dueBefore?: string | null | undefined;
  limit?: number | undefined;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const articlePath = (id: string) => `/api/articles/${encodeURIComponent(id)}`;
const blank = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? undefined : v.trim());

export async function fetchArticles(filter: ArticleFilter, signal?: AbortSignal): Promise<ArticleSummary[]> {
  const query = {
    siteId: blank(filter.siteId),
    columnId: blank(filter.columnId),
    status: blank(filter.status),
    type: blank(filter.type),
    q: blank(filter.q),
    limit: filter.limit,
    offset: filter.offset,
  };
  return (await api.get<ListResponse<ArticleSummary>>('/api/articles', { query, ...withSignal(signal) })).items;
}

export function fetchArticle(id: string, signal?: AbortSignal): Promise<ArticleDetail> {
  return api.get<ArticleDetail>(articlePath(id), withSignal(signal));
}

export function createArticle(body: CreateArticleInput): Promise<SavedArticle> {
  return api.post<SavedArticle>('/api/articles', body);
}

export function updateArticle(id: string, body: UpdateArticleInput): Promise<SavedArticle> {
  return api.put<SavedArticle>(articlePath(id), body);
}

export async function fetchRevisions(id: string, signal?: AbortSignal): Promise<RevisionSummary[]> {
  return (await api.get<ListResponse<RevisionSummary>>(`${articlePath(id)}/revisions`, withSignal(signal))).items;
}

export function compareRevisions(id: string, from: string, to: string, signal?: AbortSignal): Promise<Comparison> {
  return api.get<Comparison>(`${articlePath(id)}/compare`, { query: { from, to }, ...withSignal(signal) });
}

export function submitArticle(id: string): Promise<WorkflowResult> {
  return api.post<WorkflowResult>(`${articlePath(id)}/submit`);
}

export function approveArticle(id: string, body: { revisionId: string; opinion?: string; publish?: string }): Promise<WorkflowResult> {
  return api.post<WorkflowResult>(`${articlePath(id)}/approve`, body);
}

export function rejectArticle(id: string, body: { revisionId: string; opinion: string }): Promise<WorkflowResult> {
  return api.post<WorkflowResult>(`${articlePath(id)}/reject`, body);
}

export function withdrawArticle(id: string): Promise<WorkflowResult> {
  return api.post<WorkflowResult>(`${articlePath(id)}/withdraw`);
}

/** Publishes now, or at `at` (ISO) when given. */
export function publishArticle(id: string, at?: string): Promise<WorkflowResult> {
  return api.post<WorkflowResult>(`${articlePath(id)}/publish`, at ? { at } : {});
}

export function emergencyPublishArticle(id: string, reason: string): Promise<WorkflowResult> {
  return api.post<WorkflowResult>(`${articlePath(id)}/emergency-publish`, { reason });
}

export function retractArticle(id: string, reason: string): Promise<WorkflowResult> {
  return api.post<WorkflowResult>(`${articlePath(id)}/retract`, { reason });
}

/** Where the review sheet (审签单) is downloaded (docx) or opened for printing (html). */
export function reviewSheetUrl(id: string, format: 'docx' | 'html'): string {
  return `${articlePath(id)}/review-sheet.${format}`;
}

export function checkDraft(body: Record<string, unknown>): Promise<CheckOutcome> {
  return api.post<CheckOutcome>('/api/articles/check', body);
}

export async function fetchReviewQueue(filter: ReviewQueueFilter, signal?: AbortSignal): Promise<ArticleSummary[]> {
  const query = {
    siteId: blank(filter.siteId),
    stage: blank(filter.stage),
    type: blank(filter.type),
    dueBefore: blank(filter.dueBefore),
    limit: filter.limit,
  };
  return (await api.get<ListResponse<ArticleSummary>>('/api/reviews/queue', { query, ...withSignal(signal) })).items;
}

export function fetchDeadlines(siteId: string | null, soonHours: number, signal?: AbortSignal): Promise<DeadlineBoard> {
  return api.get<DeadlineBoard>('/api/deadlines', { query: { siteId: siteId ?? undefined, soonHours }, ...withSignal(signal) });
}

export function uploadFile(siteId: string, file: File, csrfToken: string | null): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file);
  return postMultipart<UploadedFile>(`/api/sites/${encodeURIComponent(siteId)}/files`, form, csrfToken);
}

/** Reads a 公文 from a DOCX or text file. */
export function parseDocumentFile(file: File, csrfToken: string | null): Promise<ParsedDocument> {
  const form = new FormData();
  form.append('file', file);
  return postMultipart<ParsedDocument>('/api/documents/parse', form, csrfToken);
}

/** Reads a 公文 from pasted text. */
export function parseDocumentText(text: string): Promise<ParsedDocument> {
  return api.post<ParsedDocument>('/api/documents/parse', { text });
}

export async function fetchDictionary(scope: string, kind?: string, signal?: AbortSignal): Promise<DictionaryEntry[]> {
  return (await api.get<ListResponse<DictionaryEntry>>('/api/dictionaries', { query: { scope, kind }, ...withSignal(signal) })).items;
}

export function addDictionaryEntry(body: DictionaryEntryInput): Promise<DictionaryEntry> {
  return api.post<DictionaryEntry>('/api/dictionaries', body);
}

export function removeDictionaryEntry(id: string): Promise<{ ok: true }> {
  return api.delete<{ ok: true }>(`/api/dictionaries/${encodeURIComponent(id)}`);
}

export type { ReviewStage } from '../../../common/review-stages.ts';
import type { ReviewStage } from '../../../common/review-stages.ts';

const reviewStagesPath = (siteId: string) => `/api/sites/${encodeURIComponent(siteId)}/review-stages`;

/** The site's review stages (the default 初审 → 审核 → 审签 unless the site configured its own). */
export async function fetchReviewStages(siteId: string, signal?: AbortSignal): Promise<ReviewStage[]> {
  return (await api.get<{ stages: ReviewStage[] }>(reviewStagesPath(siteId), signal ? { signal } : {})).stages;
}

/** Replaces the site's review stages; the server refuses fewer than three. */
export async function saveReviewStages(siteId: string, stages: readonly ReviewStage[]): Promise<ReviewStage[]> {
  return (await api.put<{ stages: ReviewStage[] }>(reviewStagesPath(siteId), { stages })).stages;
}

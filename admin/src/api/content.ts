/** The content endpoints (articles, review workflow, checks, files, dictionaries), typed as the server answers them. */
import type { ArticleStatus, ArticleType } from '../../../common/content.ts';
import type { CreateArticleInput, DictionaryEntryInput, UpdateArticleInput } from '../../../common/schemas/content.ts';
import { api } from './client.ts';
import type { ListResponse } from './orgs.ts';
import { fetchColumns, type Column } from './sites.ts';
import { postMultipart } from './upload.ts';

export type DeadlineState = 'none' | 'ok' | 'dueSoon' | 'overdue' | 'onTime' | 'late';

export interface ArticleSummary {
  id: string;
  siteId: string;
  columnId: string;
  type: ArticleType | string;
  typeLabel: string;
  title: string;
  status: ArticleStatus | string;
  stage: string | null;
  stageLabel: string | null;
  version: number;
  live: boolean;
  emergency: boolean;
  dueAt: string | null;
  dueRule: string | null;
  deadline: DeadlineState | string;
  lateMinutes: number | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  updatedAt: string;
}

export interface CheckResult {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  field?: string;
  snippet?: string;
}

export interface CheckOutcome {
  errors: number;
  warnings: number;
  results: CheckResult[];
}

export interface StoredCheck extends CheckOutcome {
  revisionId: string;
  context: string;
  at: string;
}

export interface ArticleStage {
  key: string;
  label: string;
  roles: string[];
}

export interface ArticleRevision {
  id: string;
  number: number;
  title: string;
  summary: string | null;
  source: string | null;
  bodyHtml: string;
  metadata: Record<string, unknown>;
  createdBy: string;
  createdByName: string;
  createdAt: string;
}

export type ArticleEventKind =
  'create' | 'edit' | 'submit' | 'approve' | 'reject' | 'withdraw' | 'schedule' | 'publish' | 'correct' | 'emergency' | 'retract';

export interface ArticleEvent {
  kind: ArticleEventKind | string;
  stage: string | null;
  actorName: string;
  actorId: string | null;
  opinion: string | null;
  revisionId: string | null;
  at: string;
}

export interface ArticleDetail extends ArticleSummary {
  emergencyReason: string | null;
  emergencyDueAt: string | null;
  retractedAt: string | null;
  retractReason: string | null;
  createdBy: string;
  createdAt: string;
  stages: ArticleStage[];
  current: ArticleRevision | null;
  liveRevisionId: string | null;
  liveRevisionNumber: number | null;
  checks: StoredCheck | null;
  events: ArticleEvent[];
  interpretations: string[];
  policies: string[];
}

export interface SavedArticle {
  id: string;
  version: number;
  status: string;
  revisionId: string;
  revisionNumber: number;
}

export interface RevisionItem {
  id: string;
  number: number;
  title: string;
  createdByName: string;
  createdAt: string;
  live: boolean;
}

export type DiffKind = 'added' | 'removed' | 'same';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface Comparison {
  from: { id: string; number: number };
  to: { id: string; number: number };
  fields: FieldChange[];
  title: DiffPart[];
  body: DiffPart[];
}

export interface WorkflowResult {
  id: string;
  status: string;
  stage: string | null;
  version: number;
  checks?: CheckOutcome;
}

/** A column as the content screens need it: which article types it takes. */
export interface ContentColumn extends Column {
  /** Types the column accepts; null: the defaults for its freshness class. */
  accepts?: string[] | null;
}

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

export interface DeadlineBoard {
  dueSoon: ArticleSummary[];
  overdue: ArticleSummary[];
  publishedLate: ArticleSummary[];
}

export interface UploadedFile {
  fileId: string;
  name: string;
  size: number;
  mime: string;
  image: boolean;
}

export interface ParsedDocument {
  docNumber: string | null;
  title: string | null;
  issuingOrg: string | null;
  recipients: string[] | null;
  writtenOn: string | null;
  attachments: string[] | null;
  disclosure: string | null;
  bodyHtml: string;
}

export interface DictionaryEntry {
  id: string;
  scope: string;
  kind: string;
  word: string;
  extra: Record<string, string>;
  createdAt: string;
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

export async function fetchRevisions(id: string, signal?: AbortSignal): Promise<RevisionItem[]> {
  return (await api.get<ListResponse<RevisionItem>>(`${articlePath(id)}/revisions`, withSignal(signal))).items;
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

export async function fetchContentColumns(siteId: string, signal?: AbortSignal): Promise<ContentColumn[]> {
  // The columns endpoint also reports `accepts`; the shared Column type predates it.
  return (await fetchColumns(siteId, signal)) as ContentColumn[];
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

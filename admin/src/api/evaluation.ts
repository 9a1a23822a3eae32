/**
 * The 检查评估 endpoints of the office: indicator systems, spot checks (抽查) with their ranked
 * results and circular, rectification tasks (整改) and accountability interviews (约谈问责).
 */
import type {
  AnnualResults,
  BatchDetail,
  BatchResultView,
  BatchView,
  CreateBatchInput,
  IndicatorSystem,
  SaveLocalSystemInput,
  SystemDetail,
  SystemSummary,
  InterviewCandidate,
  SupervisionDashboard,
  InterviewView,
  TaskDetail,
  TaskList,
  TaskState,
} from '../../../common/schemas/evaluation.ts';
import type { ManualValues, WebsiteReport, WebsiteReportStatus } from '../../../common/schemas/website-report.ts';
import { api, postForFile } from './client.ts';

export type {
  AnnualResults,
  BatchDetail,
  BatchResultView,
  BatchView,
  IndicatorSystem,
  InterviewCandidate,
  InterviewView,
  SystemDetail,
  SystemSummary,
  TaskDetail,
  TaskList,
};

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
const spotCheck = (id: string) => `/api/evaluation/spot-checks/${encodeURIComponent(id)}`;
const task = (id: string) => `/api/evaluation/rectification/${encodeURIComponent(id)}`;

/** 监管驾驶舱: every figure the supervision office watches, in one read. */
export const fetchDashboard = (signal?: AbortSignal): Promise<SupervisionDashboard> =>
  api.get('/api/evaluation/dashboard', withSignal(signal));
/** Every indicator system: the built-in ones, then the local ones at their newest version. */
export const fetchSystems = (signal?: AbortSignal): Promise<SystemSummary[]> => api.get('/api/evaluation/systems', withSignal(signal));
/** A system whole (its newest version, or the one asked for) with its versions. */
export const fetchSystem = (key: string, version?: number, signal?: AbortSignal): Promise<SystemDetail> =>
  api.get(`/api/evaluation/systems/${encodeURIComponent(key)}`, { query: { version }, ...withSignal(signal) });
/** Saves a local system as a new one or as the next version of the one edited. */
export const saveSystem = (body: SaveLocalSystemInput): Promise<SystemDetail> => api.post('/api/evaluation/systems', body);
export const fetchSpotChecks = (signal?: AbortSignal): Promise<BatchView[]> => api.get('/api/evaluation/spot-checks', withSignal(signal));
/** A spot check's ranked results and breakdowns; the interaction ranking takes sites with at least `minLetters` letters. */
export const fetchSpotCheck = (id: string, minLetters?: number, signal?: AbortSignal): Promise<BatchDetail> =>
  api.get(spotCheck(id), { query: { minLetters }, ...withSignal(signal) });
export const createSpotCheck = (body: CreateBatchInput): Promise<BatchView> => api.post('/api/evaluation/spot-checks', body);

export interface NoticeForm {
  issuer: string;
  docNumber: string;
  recipients?: string;
  date?: string;
  praiseFrom?: number;
  rectifyDays?: number;
}

/** The draft circular (DOCX) of a finished spot check. */
export const draftNotice = (id: string, body: NoticeForm): Promise<Blob> => postForFile(`${spotCheck(id)}/notice.docx`, body);

export const issueRectification = (
  id: string,
  body: { deadline?: string; scope?: 'failing' | 'all' },
): Promise<{ created: number; existing: number }> => api.post(`${spotCheck(id)}/rectification`, body);

export const fetchInterviewCandidates = (id: string, signal?: AbortSignal): Promise<InterviewCandidate[]> =>
  api.get(`${spotCheck(id)}/interviews/candidates`, withSignal(signal));

export interface TaskFilter {
  batchId?: string | undefined;
  siteId?: string | undefined;
  state?: TaskState | undefined;
  overdue?: boolean | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export function fetchTasks(filter: TaskFilter = {}, signal?: AbortSignal): Promise<TaskList> {
  const query = {
    batchId: filter.batchId || undefined,
    siteId: filter.siteId || undefined,
    state: filter.state || undefined,
    overdue: filter.overdue ? 'true' : undefined,
    page: filter.page,
    pageSize: filter.pageSize,
  };
  return api.get('/api/evaluation/rectification', { query, ...withSignal(signal) });
}

export const fetchTask = (id: string, signal?: AbortSignal): Promise<TaskDetail> => api.get(task(id), withSignal(signal));
export const reportFix = (id: string, note: string): Promise<TaskDetail> => api.post(`${task(id)}/report`, { note });
export const verifyTask = (id: string, fixed: boolean, note: string): Promise<TaskDetail> =>
  api.post(`${task(id)}/verify`, { fixed, note });
export const requestDismissal = (id: string, reason: string): Promise<TaskDetail> => api.post(`${task(id)}/dismissal`, { reason });
export const decideDismissal = (id: string, approve: boolean, opinion: string): Promise<TaskDetail> =>
  api.post(`${task(id)}/dismissal/decision`, { approve, opinion });

export const fetchInterviews = (siteId?: string, signal?: AbortSignal): Promise<InterviewView[]> =>
  api.get('/api/evaluation/interviews', { query: { siteId }, ...withSignal(signal) });
export const recordInterview = (body: Record<string, unknown>): Promise<InterviewView> => api.post('/api/evaluation/interviews', body);

const annualPath = (year: number) => `/api/evaluation/annual-results/${year}`;

/** The year's results from its spot checks; `weights` like `Q1:25,Q2:25,Q3:25,Q4:25` (equal shares when absent). */
export const fetchAnnualResults = (year: number, weights?: string, signal?: AbortSignal): Promise<AnnualResults> =>
  api.get(annualPath(year), { query: { weights: weights || undefined }, ...withSignal(signal) });

/** Where the year's results are downloaded as XLSX. */
export const annualResultsXlsxUrl = (year: number, weights?: string): string =>
  `${annualPath(year)}/results.xlsx${weights ? `?${new URLSearchParams({ weights }).toString()}` : ''}`;

const websiteReportPath = (year: number, siteId: string) => `/api/evaluation/website-reports/${year}/sites/${encodeURIComponent(siteId)}`;
/** A site's 政府网站工作年度报表 of a year: the platform's figures and the hand-entered ones. */
export const fetchWebsiteReport = (year: number, siteId: string, signal?: AbortSignal): Promise<WebsiteReport> =>
  api.get(websiteReportPath(year, siteId), withSignal(signal));
export const saveWebsiteReport = (
  year: number,
  siteId: string,
  body: { expectedVersion: number; values: ManualValues },
): Promise<WebsiteReport> => api.put(websiteReportPath(year, siteId), body);
/** Submits the report as an article of the site's 年度报表 column into the three reviews. */
export const submitWebsiteReport = (year: number, siteId: string): Promise<{ articleId: string; status: string; created: boolean }> =>
  api.post(`${websiteReportPath(year, siteId)}/submit`, {});
export const websiteReportXlsxUrl = (year: number, siteId: string): string => `${websiteReportPath(year, siteId)}/report.xlsx`;
/** Every hosted site's report of the year (supervisors). */
export const fetchWebsiteReportStatuses = (year: number, signal?: AbortSignal): Promise<WebsiteReportStatus[]> =>
  api.get(`/api/evaluation/website-reports/${year}`, withSignal(signal));
/** The January reminder of the site's report, or null. */
export const fetchWebsiteReportReminder = (
  siteId: string,
  signal?: AbortSignal,
): Promise<{ reminder: { year: number; remindedOn: string; daysLeft: number } | null }> =>
  api.get('/api/evaluation/website-report-reminder', { query: { siteId }, ...withSignal(signal) });

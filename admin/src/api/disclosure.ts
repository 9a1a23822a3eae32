/** The 依申请公开 endpoints of the office: the site's requests, one request, its events. */
import type {
  RecordRequestEventInput,
  RequestApplicant,
  RequestClockView,
  RequestDetail,
  RequestSummary,
  SaveAnnualReportInput,
} from '../../../common/schemas/disclosure.ts';
import type { AnnualReportView } from '../../../common/annual-report.ts';
import { api } from './client.ts';

export type { RecordRequestEventInput, RequestApplicant, RequestClockView, RequestDetail, RequestSummary };

/** The site's requests (and those assigned to its org); `archived` keeps only archived (true) or unarchived (false) ones. */
export function fetchRequests(
  siteId: string,
  signal?: AbortSignal,
  archived?: boolean,
): Promise<{ items: RequestSummary[]; orgId: string | null }> {
  const query = { siteId, archived: archived === undefined ? undefined : archived ? '1' : '0' };
  return api.get('/api/disclosure/requests', { query, ...(signal ? { signal } : {}) });
}

export function fetchRequest(id: string, reveal: boolean, signal?: AbortSignal): Promise<RequestDetail> {
  return api.get(`/api/disclosure/requests/${encodeURIComponent(id)}${reveal ? '?reveal=1' : ''}`, signal ? { signal } : undefined);
}

export function recordRequestEvent(id: string, body: RecordRequestEventInput): Promise<RequestClockView> {
  return api.post(`/api/disclosure/requests/${encodeURIComponent(id)}/events`, body);
}

/** Where the reply letter (答复书) of an answered request is downloaded. */
export function replyLetterUrl(id: string): string {
  return `/api/disclosure/requests/${encodeURIComponent(id)}/reply-letter.docx`;
}

const annualReportPath = (orgId: string, year: number | string) =>
  `/api/disclosure/annual-reports/${encodeURIComponent(orgId)}/${encodeURIComponent(String(year))}`;

/** An org's 政府信息公开工作年度报告 for a year: every section and the problems found. */
export function fetchAnnualReport(orgId: string, year: number, signal?: AbortSignal): Promise<AnnualReportView> {
  return api.get(annualReportPath(orgId, year), signal ? { signal } : undefined);
}

/** Saves the cells and narratives typed in by hand, with the version loaded. */
export function saveAnnualReport(orgId: string, year: number, body: SaveAnnualReportInput): Promise<AnnualReportView> {
  return api.put(annualReportPath(orgId, year), body);
}

/** Submits the report to the catalogue's 年报 column, where it goes through the review. */
export function publishAnnualReport(orgId: string, year: number): Promise<AnnualReportPublication> {
  return api.post(`${annualReportPath(orgId, year)}/publication`, {});
}

/** Where the report is downloaded as DOCX or XLSX. */
export function annualReportFileUrl(orgId: string, year: number, kind: 'docx' | 'xlsx'): string {
  return `${annualReportPath(orgId, year)}/report.${kind}`;
}

export interface AnnualReportPublication {
  articleId: string;
  status: string;
  created: boolean;
}
export type { AnnualReportView, SaveAnnualReportInput };

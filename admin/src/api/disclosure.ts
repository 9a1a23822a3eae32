/** The 依申请公开 endpoints of the office: the site's requests, one request, its events. */
import type {
  RecordRequestEventInput,
  RequestApplicant,
  RequestClockView,
  RequestDetail,
  RequestSummary,
} from '../../../common/schemas/disclosure.ts';
import { api } from './client.ts';

export type { RecordRequestEventInput, RequestApplicant, RequestClockView, RequestDetail, RequestSummary };

export function fetchRequests(siteId: string, signal?: AbortSignal): Promise<{ items: RequestSummary[] }> {
  return api.get(`/api/disclosure/requests?siteId=${encodeURIComponent(siteId)}`, signal ? { signal } : undefined);
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

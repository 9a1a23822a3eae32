/** The 依申请公开 back office after registration: assignment, delivery, archive, letters, overdue and repeated requests. */
import type {
  ArchiveRequestInput,
  AssignRequestInput,
  DeliverRequestInput,
  OverdueRequest,
  RepeatedRequestGroup,
} from '../../../common/schemas/disclosure-handling.ts';
import { api } from './client.ts';

export type { OverdueRequest, RepeatedRequestGroup };

const requestPath = (id: string) => `/api/disclosure/requests/${encodeURIComponent(id)}`;

export function assignRequest(id: string, body: AssignRequestInput): Promise<unknown> {
  return api.post(`${requestPath(id)}/assign`, body);
}

export function recordDelivery(id: string, body: DeliverRequestInput): Promise<unknown> {
  return api.post(`${requestPath(id)}/delivery`, body);
}

export function archiveRequest(id: string, body: ArchiveRequestInput = {}): Promise<unknown> {
  return api.post(`${requestPath(id)}/archive`, body);
}

export function fetchOverdueRequests(signal?: AbortSignal): Promise<{ items: OverdueRequest[]; today: string }> {
  return api.get('/api/disclosure/overdue', signal ? { signal } : undefined);
}

export function fetchRepeatedRequests(
  orgId: string,
  signal?: AbortSignal,
): Promise<{ orgId: string; since: string; threshold: number; groups: RepeatedRequestGroup[] }> {
  return api.get('/api/disclosure/repeated-requests', { query: { orgId }, ...(signal ? { signal } : {}) });
}

/** Where the 征求意见函 to this party is downloaded. */
export function consultationLetterUrl(id: string, party: 'thirdParty' | 'agencies', addressee: string): string {
  return `${requestPath(id)}/consultation-letter.docx?${new URLSearchParams({ party, addressee }).toString()}`;
}

/** Where the 收费通知书 is downloaded, by count (items) or by volume (pages). */
export function feeNoticeUrl(id: string, fee: { mode: 'byCount'; items: number } | { mode: 'byVolume'; pages: number }): string {
  const query: Record<string, string> =
    fee.mode === 'byCount' ? { mode: fee.mode, items: String(fee.items) } : { mode: fee.mode, pages: String(fee.pages) };
  return `${requestPath(id)}/fee-notice.docx?${new URLSearchParams(query).toString()}`;
}

/** Labels of the 依申请公开 screens. Pure. */
import { replyOutcomeLabel } from '../../../../common/disclosure-outcomes.ts';
import { RecordRequestEventSchema, type RecordRequestEventInput } from '../../../../common/schemas/disclosure.ts';
import type { RequestSummary } from '../../api/disclosure.ts';

export const LEVEL_TAGS: Record<RequestSummary['level'], { color: string; text: string } | null> = {
  none: null,
  ok: null,
  warning: { color: 'orange', text: '即将到期' },
  overdue: { color: 'red', text: '已逾期' },
};

export function outcomeText(code: string | null): string {
  return code ? replyOutcomeLabel(code) : '—';
}

/** The events an office records after registration, with their Chinese names. */
export const EVENT_CHOICES = [
  { value: 'amendmentRequested', label: '发出补正通知' },
  { value: 'amendmentReceived', label: '收到补正' },
  { value: 'amendmentLapsed', label: '按逾期未补正处理' },
  { value: 'consultationStarted', label: '征求意见' },
  { value: 'consultationEnded', label: '结束征求意见' },
  { value: 'feeNoticeSent', label: '发出收费通知' },
  { value: 'feePaid', label: '登记缴费' },
  { value: 'feeLapsed', label: '按逾期未缴费处理' },
  { value: 'extensionApproved', label: '延长答复期限' },
  { value: 'delaySet', label: '确定延迟答复期限' },
  { value: 'answered', label: '答复' },
] as const;
export type EventChoice = (typeof EVENT_CHOICES)[number]['value'];

export interface EventFormValues {
  type?: EventChoice;
  on?: string;
  applicantDeadline?: string;
  party?: 'thirdParty' | 'agencies';
  noticeReceivedOn?: string;
  workdays?: number;
  approverId?: string;
  applicantNotifiedOn?: string;
  newDueDate?: string;
  outcome?: string;
  note?: string;
}

/**
 * The request body for the event chosen in the form (only the fields that event takes), checked
 * against the server's schema: a body, or the first reason it is not one.
 */
export function eventBody(v: EventFormValues): { ok: true; body: RecordRequestEventInput } | { ok: false; message: string } {
  const parsed = RecordRequestEventSchema.safeParse(eventFields(v));
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? '请检查填写的内容' };
}

function eventFields(v: EventFormValues): { event: Record<string, unknown>; note: string | null } {
  const on = v.on ?? '';
  const orNull = (x: string | undefined) => (x && x.trim() ? x.trim() : null);
  const event: Record<string, unknown> = { type: v.type, on };
  switch (v.type) {
    case 'amendmentRequested':
      event.applicantDeadline = v.applicantDeadline ?? '';
      break;
    case 'consultationStarted':
    case 'consultationEnded':
      event.party = v.party ?? 'thirdParty';
      break;
    case 'feeNoticeSent':
      event.noticeReceivedOn = orNull(v.noticeReceivedOn);
      break;
    case 'extensionApproved':
      event.workdays = v.workdays ?? 20;
      event.approverId = orNull(v.approverId);
      event.applicantNotifiedOn = orNull(v.applicantNotifiedOn);
      break;
    case 'delaySet':
      event.newDueDate = v.newDueDate ?? '';
      event.applicantNotifiedOn = orNull(v.applicantNotifiedOn);
      break;
    case 'answered':
      event.outcome = v.outcome;
      break;
    default:
      break;
  }
  return { event, note: orNull(v.note) };
}

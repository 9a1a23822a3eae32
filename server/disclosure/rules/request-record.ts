/**
 * The record events of a request: facts of the file that do not move the legal clock.
 *
 *   assigned   转办 to the org responsible for the information (条例 第十条), while the request is open
 *   delivered  the reply reached the applicant (how, when, tracking number or receipt), after the answer
 *   archived   the file is closed (条例 第四十五条: 登记、审核、办理、答复、归档), once the request is
 *              closed and, when answered, delivered; nothing is recorded on it afterwards
 *
 * They are kept in the request's history beside the clock events but never replayed by the
 * clock (rules/request-clock.ts), which is why they are not in its TRANSITIONS table: the table
 * describes how the reply period runs, and none of these changes it. In particular an assigned
 * request keeps the due date counted from the original receipt: the applicant applied to the
 * platform's government once, and passing the file between its offices gives no one more time.
 *
 * The rules are data like the clock's: RECORD_TRANSITIONS says in which clock states each may be
 * recorded; recordEventRefusals collects every reason one is refused. Pure.
 */
import { DELIVERY_METHOD_LABELS, type DeliveryMethod } from '../../../common/schemas/disclosure-handling.ts';
import { chineseDate, CLOSED_STATES, REQUEST_STATES, type RequestState } from './request-clock.ts';

export const RECORD_EVENT_TYPES = ['assigned', 'delivered', 'archived'] as const;
export type RecordEventType = (typeof RECORD_EVENT_TYPES)[number];

export type RecordEvent =
  | { type: 'assigned'; on: string; fromOrgId: string; fromOrgName: string; toOrgId: string; toOrgName: string; reason: string | null }
  | { type: 'delivered'; on: string; method: DeliveryMethod; trackingNumber: string | null; receiptNote: string | null }
  | { type: 'archived'; on: string; note: string | null };

const OPEN_STATES = REQUEST_STATES.filter((s) => s !== 'notReceived' && !CLOSED_STATES.includes(s));

/** The clock states each record event may be recorded in (never on an archived request). */
export const RECORD_TRANSITIONS: Record<RecordEventType, readonly RequestState[]> = {
  assigned: OPEN_STATES,
  delivered: ['answered'],
  archived: CLOSED_STATES,
};

/** True for the types the clock replays; false for record events. */
export function isRecordEventType(type: string): type is RecordEventType {
  return (RECORD_EVENT_TYPES as readonly string[]).includes(type);
}

export type RecordRefusalCode =
  'archived' | 'notAllowedInState' | 'sameOrg' | 'dateInFuture' | 'deliveredBeforeAnswer' | 'trackingNumberNeedsPost' | 'notDelivered';

export interface RecordRefusal {
  code: RecordRefusalCode;
  message: string;
}

/** Where the request stands, as far as record events care. */
export interface RecordContext {
  state: RequestState;
  archivedAt: string | null;
  orgId: string;
  answeredOn: string | null;
  deliveries: number;
}

const STATE_WORDS: Partial<Record<RequestState, string>> = {
  answered: '已答复',
  abandonedNoAmendment: '已按逾期未补正处理',
  abandonedUnpaid: '已按逾期未缴费处理',
  notReceived: '尚未收到',
};

/** Every reason `ev` cannot be recorded on a request in context `c` on `today` (empty: it can). */
export function recordEventRefusals(c: RecordContext, ev: RecordEvent, today: string): RecordRefusal[] {
  if (c.archivedAt) return [{ code: 'archived', message: '申请已归档，不能再记录办理环节' }];
  const out: RecordRefusal[] = [];
  if (!RECORD_TRANSITIONS[ev.type].includes(c.state)) {
    const why =
      ev.type === 'assigned'
        ? `申请${STATE_WORDS[c.state] ?? '已办结'}，不能再转办`
        : ev.type === 'delivered'
          ? '申请尚未答复，不能登记送达'
          : '申请尚未办结（答复或按放弃申请处理），不能归档';
    out.push({ code: 'notAllowedInState', message: why });
  }
  if (ev.on > today) out.push({ code: 'dateInFuture', message: `日期（${chineseDate(ev.on)}）不能晚于今天` });
  switch (ev.type) {
    case 'assigned':
      if (ev.toOrgId === c.orgId) out.push({ code: 'sameOrg', message: `申请已由${ev.toOrgName}办理，不需要转办` });
      break;
    case 'delivered':
      if (c.answeredOn && ev.on < c.answeredOn)
        out.push({
          code: 'deliveredBeforeAnswer',
          message: `送达日期（${chineseDate(ev.on)}）不能早于答复日期（${chineseDate(c.answeredOn)}）`,
        });
      if (ev.trackingNumber && ev.method !== 'post')
        out.push({
          code: 'trackingNumberNeedsPost',
          message: `邮件单号只适用于邮寄送达，当前送达方式为${DELIVERY_METHOD_LABELS[ev.method]}`,
        });
      break;
    case 'archived':
      if (c.state === 'answered' && c.deliveries === 0) out.push({ code: 'notDelivered', message: '答复尚未登记送达，不能归档' });
      break;
  }
  return out;
}

/** The history line of a record event, in Chinese. */
export function recordEventText(ev: RecordEvent): string {
  switch (ev.type) {
    case 'assigned':
      return `${chineseDate(ev.on)}由${ev.fromOrgName}转办至${ev.toOrgName}${ev.reason ? `（${ev.reason}）` : ''}；答复期限仍自收到申请之日起计算`;
    case 'delivered':
      return (
        `${chineseDate(ev.on)}以${DELIVERY_METHOD_LABELS[ev.method]}方式送达` +
        (ev.trackingNumber ? `，邮件单号 ${ev.trackingNumber}` : '') +
        (ev.receiptNote ? `，${ev.receiptNote}` : '')
      );
    case 'archived':
      return `${chineseDate(ev.on)}归档${ev.note ? `（${ev.note}）` : ''}`;
  }
}

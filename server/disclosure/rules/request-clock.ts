/**
 * The legal clock of a disclosure request (依申请公开, 政府信息公开条例 2019 arts. 30–35, fee
 * notice per 国办函〔2020〕109号): from the request's recorded events, its state, the reply due
 * date with a calculation trace in Chinese, and where it stands on a given day. Pure: the
 * calendar and `today` are passed in; working-day arithmetic is the calendar room's.
 *
 * The state machine is TRANSITIONS below; in short:
 *
 *   notReceived ─received─▶ processing ─amendmentRequested─▶ awaitingAmendment ─amendmentReceived─▶ processing (clock restarts)
 *                               │                                   └─amendmentLapsed─▶ abandonedNoAmendment
 *                               ├─consultationStarted─▶ consulting ─consultationEnded─▶ back to processing / extended
 *                               ├─feeNoticeSent─▶ awaitingFee ─feePaid─▶ back to processing / extended
 *                               │                      └─feeLapsed─▶ abandonedUnpaid
 *                               ├─extensionApproved─▶ extended (consultation, fee, delay and answer go on from there)
 *                               ├─delaySet─▶ delayed ─answered─▶ answered
 *                               └─answered─▶ answered
 *
 * Assignment to another org (转办), delivery of the reply and archiving are facts of the file,
 * not of the clock: they live in rules/request-record.ts, are kept in the same event history and
 * are never given to this replay. An assigned request's reply period therefore still runs from
 * the original receipt.
 *
 * Counting rules decided here (the trace states each one where it applies):
 *
 * - Day of receipt. By default it is not counted: the 20 working days run from the next day,
 *   so the due date is the calendar room's addWorkdays(receipt, 20) (§3.2 open point: the
 *   conservative reading, which gives the latest safe date). With `countReceiptDay`, a receipt on
 *   a working day is working day 1. The same reading applies to the other period counted from
 *   the receipt, the 7 working days for the amendment notice.
 * - Amendment (补正, art. 30). While the agency waits for the applicant no reply clock runs; the
 *   amended application's receipt date starts a fresh 20 working days (pauses before it are
 *   forgotten). The notice is one single notice, so a second one is refused.
 * - Pauses (consultation arts. 32–34, fee notice and payment). A pause started on day P and
 *   ended on day E excludes the working days after P up to and including E, the same reading
 *   as countWorkdays(P, E): P still counts for the reply (the agency worked that day and sent
 *   the letter), E does not (the answer or payment came in that day; the clock runs again from
 *   the next day). These working days are added back: due = start + (20 + extension + paused)
 *   working days. That equals stopping the clock at P and running the remaining days from E.
 *   Overlapping pauses (a third party and co-authoring agencies consulted at once) count each
 *   day once. A pause never lasts beyond its legal window: 15 working days after it started
 *   for a consultation (silence then means the agency decides, or the agencies consent), the
 *   payment deadline for a fee. A pause still open on `today` counts up to `today` (or its
 *   window end), so the due date shown while paused is where it stands if the pause ended today.
 *   A pause may start only on or before the due date: time cannot be stopped once it ran out.
 * - Extension (art. 33): once, 1–20 working days, with the approver's id and the date the
 *   applicant was told, decided within the reply period. A lawfully extended request is not
 *   overdue before its extended due date.
 * - Reasonable delay (art. 35): the agency-set date replaces the due date.
 * - Fee payment: within 20 working days from the day after the applicant received the notice,
 *   i.e. addWorkdays(noticeReceivedOn, 20); paying later is refused, record feeLapsed instead.
 */
import {
  addWorkdays,
  countWorkdays,
  isCalendarDate,
  isWorkday,
  type AddWorkdaysResult,
  type CalendarData,
  type TraceStep,
} from '../../calendar/index.ts';
import { Errors } from '../../platform/errors.ts';

/** Statutory periods in working days. */
export const REPLY_WORKDAYS = 20; // art. 33
export const MAX_EXTENSION_WORKDAYS = 20; // art. 33
export const AMENDMENT_NOTICE_WORKDAYS = 7; // art. 30
export const CONSULTATION_WORKDAYS = 15; // arts. 32, 34
export const FEE_PAYMENT_WORKDAYS = 20;
/** Default warning: the due date is this many working days away or fewer. */
export const WARN_WITHIN_WORKDAYS = 3; // 109号 as implemented in 四川 [P]; configurable

export const REQUEST_STATES = [
  'notReceived',
  'processing',
  'extended',
  'awaitingAmendment',
  'consulting',
  'awaitingFee',
  'delayed',
  'answered',
  'abandonedNoAmendment',
  'abandonedUnpaid',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const STATE_LABELS: Record<RequestState, string> = {
  notReceived: '未收到申请',
  processing: '办理中',
  extended: '办理中（已延期）',
  awaitingAmendment: '待补正',
  consulting: '征求意见中',
  awaitingFee: '待缴费',
  delayed: '延迟答复',
  answered: '已答复',
  abandonedNoAmendment: '逾期未补正，视为放弃申请',
  abandonedUnpaid: '逾期未缴费，视为放弃申请',
};

/** How the application arrived: art. 31 fixes which date counts as its receipt. */
export const RECEIPT_CHANNELS = ['inPerson', 'post', 'ordinaryLetter', 'online', 'fax'] as const;
export type ReceiptChannel = (typeof RECEIPT_CHANNELS)[number];

export type Receipt =
  /** Handed in at the office: the submission date. */
  | { channel: 'inPerson'; submittedOn: string }
  /** Post the agency signs for (挂号、快递): the date it signed. */
  | { channel: 'post'; signedOn: string }
  /** Ordinary letter: the date the office confirmed with the applicant (due the day it arrived). */
  | { channel: 'ordinaryLetter'; arrivedOn?: string | null; confirmedOn: string }
  /** Online form or fax: the date both sides confirmed. */
  | { channel: 'online' | 'fax'; submittedOn: string; confirmedOn: string };

const CHANNEL_RULES: Record<ReceiptChannel, { label: string; rule: string }> = {
  inPerson: { label: '当面提交', rule: '以申请人提交之日为收到申请之日' },
  post: { label: '邮寄（需签收）', rule: '以行政机关签收之日为收到申请之日' },
  ordinaryLetter: { label: '平常信函', rule: '以与申请人确认之日为收到申请之日' },
  online: { label: '互联网', rule: '以双方确认之日为收到申请之日' },
  fax: { label: '传真', rule: '以双方确认之日为收到申请之日' },
};

export const CONSULTED_PARTIES = ['thirdParty', 'agencies'] as const;
export type ConsultedParty = (typeof CONSULTED_PARTIES)[number];

const PARTY_LABELS: Record<ConsultedParty, { label: string; basis: string }> = {
  thirdParty: { label: '第三方', basis: '条例第三十二条' },
  agencies: { label: '有关行政机关', basis: '条例第三十三条、第三十四条' },
};

/** One recorded event on a request; `on` is the calendar date it happened (YYYY-MM-DD, Beijing). */
export type ClockEvent =
  | ({ type: 'received' } & Receipt)
  | { type: 'amendmentRequested'; on: string; applicantDeadline: string | null }
  | { type: 'amendmentReceived'; on: string }
  | { type: 'amendmentLapsed'; on: string }
  /** `on`: the day the consulted party received the written request; its 15 working days run from the next day. */
  | { type: 'consultationStarted'; on: string; party: ConsultedParty }
  | { type: 'consultationEnded'; on: string; party: ConsultedParty }
  | { type: 'feeNoticeSent'; on: string; noticeReceivedOn: string | null }
  | { type: 'feePaid'; on: string }
  | { type: 'feeLapsed'; on: string }
  | { type: 'extensionApproved'; on: string; workdays: number; approverId: string | null; applicantNotifiedOn: string | null }
  | { type: 'delaySet'; on: string; newDueDate: string; applicantNotifiedOn: string | null }
  | { type: 'answered'; on: string };
export type ClockEventType = ClockEvent['type'];

export const EVENT_LABELS: Record<ClockEventType, string> = {
  received: '收到申请',
  amendmentRequested: '发出补正通知',
  amendmentReceived: '收到补正',
  amendmentLapsed: '按逾期未补正处理',
  consultationStarted: '征求意见',
  consultationEnded: '结束征求意见',
  feeNoticeSent: '发出收费通知',
  feePaid: '登记缴费',
  feeLapsed: '按逾期未缴费处理',
  extensionApproved: '延长答复期限',
  delaySet: '确定延迟答复期限',
  answered: '答复',
};

/**
 * The transition table: from which states each event may be recorded, and the state it leads
 * to. 'resume' goes back to the running state the pause started from (processing or extended)
 * once no pause is left open.
 */
export const TRANSITIONS: Record<ClockEventType, { from: readonly RequestState[]; to: RequestState | 'resume' }> = {
  received: { from: ['notReceived'], to: 'processing' },
  amendmentRequested: { from: ['processing'], to: 'awaitingAmendment' },
  amendmentReceived: { from: ['awaitingAmendment'], to: 'processing' },
  amendmentLapsed: { from: ['awaitingAmendment'], to: 'abandonedNoAmendment' },
  consultationStarted: { from: ['processing', 'extended', 'consulting'], to: 'consulting' },
  consultationEnded: { from: ['consulting'], to: 'resume' },
  feeNoticeSent: { from: ['processing', 'extended'], to: 'awaitingFee' },
  feePaid: { from: ['awaitingFee'], to: 'resume' },
  feeLapsed: { from: ['awaitingFee'], to: 'abandonedUnpaid' },
  extensionApproved: { from: ['processing'], to: 'extended' },
  delaySet: { from: ['processing', 'extended'], to: 'delayed' },
  answered: { from: ['processing', 'extended', 'delayed'], to: 'answered' },
};

/** States with no way out: the request is answered or treated as abandoned. */
export const CLOSED_STATES: readonly RequestState[] = ['answered', 'abandonedNoAmendment', 'abandonedUnpaid'];

export type RefusalCode =
  | 'notAllowedInState'
  | 'invalidDate'
  | 'dateBeforePrevious'
  | 'dateInFuture'
  | 'confirmationBeforeSubmission'
  | 'amendmentAlreadyRequested'
  | 'amendmentDeadlineInvalid'
  | 'amendmentDeadlineNotPassed'
  | 'afterDueDate'
  | 'consultationAlreadyOpen'
  | 'consultationNotOpen'
  | 'feeNoticeReceivedBeforeSent'
  | 'feePaidAfterDeadline'
  | 'feeDeadlineNotPassed'
  | 'extensionNeedsApprover'
  | 'extensionNeedsApplicantNotice'
  | 'extensionWorkdaysInvalid'
  | 'extensionTooLong'
  | 'extensionAlreadyUsed'
  | 'extensionNoticeAfterDueDate'
  | 'delayNeedsApplicantNotice'
  | 'delayNotLater';

/** Why an event cannot be recorded: a stable code and a message for the UI. */
export interface Refusal {
  code: RefusalCode;
  message: string;
}

export interface RefusedEvent {
  /** Position of the event in the list given. */
  index: number;
  type: ClockEventType;
  reasons: Refusal[];
}

export type ProblemCode =
  'amendmentNoticeLate' | 'amendmentLate' | 'letterConfirmationNotSameDay' | 'consultationBeyondWindow' | 'answeredLate';
export type ReminderCode = 'amendmentNoticeDue' | 'amendmentDeadlinePassed' | 'consultationWindowEnded' | 'feeDeadlinePassed';

/** A recorded fact that breaks a rule without stopping the clock (e.g. a late amendment notice). */
export interface ClockProblem {
  code: ProblemCode;
  message: string;
}

/** Something the handler should do now, as of `today`. */
export interface ClockReminder {
  code: ReminderCode;
  message: string;
}

/** One step of the calculation, in order: what happened, when, and the working days it involved. */
export interface ClockStep {
  kind: ClockEventType | 'due';
  date: string;
  text: string;
  /** Working days this step counted (a pause's excluded days, the reply period's total). */
  workdays?: number;
  /** The days the calendar walked, each with whether it counted and why (holiday, 调休, weekend). */
  days?: readonly TraceStep[];
}

export interface ClockOptions {
  /** Count a receipt on a working day as working day 1 (default false: count from the next day). */
  countReceiptDay?: boolean;
  /** Warn when the due date is this many working days away or fewer (default 3). */
  warnWithinWorkdays?: number;
  /** Working days to pay after the day the fee notice was received (default 20). */
  feePaymentWorkdays?: number;
}

export type ClockStatus = 'notStarted' | 'running' | 'paused' | 'awaitingAmendment' | 'stopped';
export type AlertLevel = 'none' | 'ok' | 'warning' | 'overdue';

export interface ConsultationWindow {
  party: ConsultedParty;
  startedOn: string;
  windowEndsOn: string;
  endedOn: string | null;
}

export interface RequestClock {
  state: RequestState;
  stateLabel: string;
  clock: ClockStatus;
  receivedOn: string | null;
  receiptChannel: ReceiptChannel | null;
  /** The receipt, or the amended application's receipt after an amendment. */
  clockStartedOn: string | null;
  /** The date by which the reply is due; null while no reply clock runs (awaiting amendment, abandoned). */
  dueDate: string | null;
  workdays: { reply: number; extension: number; paused: number; total: number } | null;
  lawfullyExtended: boolean;
  overdue: boolean;
  level: AlertLevel;
  /** Working days after `today` up to the due date (0: due today); null when not running or overdue. */
  workdaysLeft: number | null;
  /** Working days after the due date up to `today`, when overdue. */
  workdaysOverdue: number | null;
  answeredOn: string | null;
  answeredLate: boolean;
  /** The latest date for the single amendment notice (7 working days after receipt). */
  amendmentNoticeBy: string | null;
  /** The applicant's deadline set in the amendment notice. */
  amendmentDeadline: string | null;
  feePaymentDeadline: string | null;
  /** The window end of the open consultation ending last, else of the last consultation. */
  consultationWindowEnd: string | null;
  consultations: ConsultationWindow[];
  trace: ClockStep[];
  problems: ClockProblem[];
  reminders: ClockReminder[];
  refused: RefusedEvent[];
  /** Calendar warnings: years on the way without the State Council's holiday arrangement. */
  warnings: string[];
}

interface Pause {
  kind: 'consultation' | 'fee';
  party: ConsultedParty | null;
  start: string;
  /** The last day the pause may cover (its legal window). */
  cap: string;
  end: string | null;
}

/** The running state of a replay; mutated only by `apply`. */
interface Fold {
  state: RequestState;
  resumeTo: 'processing' | 'extended';
  receivedOn: string | null;
  channel: ReceiptChannel | null;
  clockStart: string | null;
  amendmentNoticeBy: string | null;
  lastDate: string | null;
  amendment: { requestedOn: string; deadline: string } | null;
  pauses: Pause[];
  consultations: ConsultationWindow[];
  feeDeadline: string | null;
  extension: { on: string; workdays: number } | null;
  delay: { newDueDate: string } | null;
  answeredOn: string | null;
  trace: ClockStep[];
  problems: ClockProblem[];
  warnings: Set<string>;
}

interface Settings {
  countReceiptDay: boolean;
  warnWithinWorkdays: number;
  feePaymentWorkdays: number;
}

function settings(options: ClockOptions): Settings {
  const s = {
    countReceiptDay: options.countReceiptDay ?? false,
    warnWithinWorkdays: options.warnWithinWorkdays ?? WARN_WITHIN_WORKDAYS,
    feePaymentWorkdays: options.feePaymentWorkdays ?? FEE_PAYMENT_WORKDAYS,
  };
  const fields: { field: string; message: string }[] = [];
  if (!Number.isInteger(s.warnWithinWorkdays) || s.warnWithinWorkdays < 0 || s.warnWithinWorkdays > 100)
    fields.push({ field: 'warnWithinWorkdays', message: '预警工作日数应为 0 到 100 之间的整数' });
  if (!Number.isInteger(s.feePaymentWorkdays) || s.feePaymentWorkdays < 1 || s.feePaymentWorkdays > 100)
    fields.push({ field: 'feePaymentWorkdays', message: '缴费期限应为 1 到 100 之间的整数个工作日' });
  if (fields.length > 0) throw Errors.validation(fields.map((f) => f.message).join('；'), fields);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Dates and wording

/** '2026-02-13' → '2026年2月13日'. */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

function withWeekday(date: string): string {
  const wd = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
  return `${chineseDate(date)}（${WEEKDAYS[wd] ?? ''}）`;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/**
 * The calendar's days in words: working days counted (named `countedLabel`), 调休 days among
 * them, holidays and weekends skipped.
 */
export function describeDays(days: readonly TraceStep[], countedLabel = '计入工作日'): string {
  const counted = days.filter((d) => d.counted);
  const adjusted = counted.filter((d) => d.reason.startsWith('调休'));
  const weekends = days.filter((d) => !d.counted && d.reason === '周末').length;
  const holidays: { name: string; from: string; to: string; n: number }[] = [];
  let previous: TraceStep | undefined;
  for (const d of days) {
    if (!d.counted && d.reason !== '周末') {
      const last = holidays[holidays.length - 1];
      if (last && previous && !previous.counted && previous.reason === d.reason) {
        last.to = d.date;
        last.n++;
      } else holidays.push({ name: d.reason, from: d.date, to: d.date, n: 1 });
    }
    previous = d;
  }
  const parts = [`${countedLabel} ${counted.length} 天`];
  if (adjusted.length > 0) parts.push(`其中${adjusted.map((d) => `${chineseDate(d.date)}${d.reason}`).join('、')}`);
  if (holidays.length > 0)
    parts.push(
      `跳过${holidays
        .map((h) => (h.n === 1 ? `${chineseDate(h.from)}${h.name}` : `${chineseDate(h.from)}至${chineseDate(h.to)}${h.name}（${h.n} 天）`))
        .join('、')}`,
    );
  if (weekends > 0) parts.push(`跳过周末 ${weekends} 天`);
  return parts.join('；');
}

/** The date that counts as receipt under art. 31, the rule applied, and any irregularity. */
export function receiptDate(receipt: Receipt): { date: string; channel: ReceiptChannel; rule: string; problem: ClockProblem | null } {
  const { label, rule } = CHANNEL_RULES[receipt.channel];
  const text = `${label}，${rule}`;
  switch (receipt.channel) {
    case 'inPerson':
      return { date: receipt.submittedOn, channel: receipt.channel, rule: text, problem: null };
    case 'post':
      return { date: receipt.signedOn, channel: receipt.channel, rule: text, problem: null };
    case 'ordinaryLetter': {
      const late = receipt.arrivedOn && receipt.arrivedOn !== receipt.confirmedOn;
      return {
        date: receipt.confirmedOn,
        channel: receipt.channel,
        rule: text,
        problem: late
          ? {
              code: 'letterConfirmationNotSameDay',
              message: `平常信函应于收到当日与申请人确认（条例第三十一条）；本件${chineseDate(receipt.arrivedOn ?? '')}收到，${chineseDate(receipt.confirmedOn)}确认，以确认之日为收到申请之日`,
            }
          : null,
      };
    }
    case 'online':
    case 'fax':
      return { date: receipt.confirmedOn, channel: receipt.channel, rule: text, problem: null };
  }
}

function eventDate(ev: ClockEvent): string {
  return ev.type === 'received' ? receiptDate(ev).date : ev.on;
}

// ---------------------------------------------------------------------------------------------
// Working-day arithmetic over the calendar room

/** The end of a period of n working days from `start`, honouring the day-of-receipt option. */
function periodEnd(cal: CalendarData, start: string, n: number, countStartDay: boolean): AddWorkdaysResult {
  if (countStartDay) {
    const first = isWorkday(cal, start);
    if (first.workday) {
      const rest = n > 1 ? addWorkdays(cal, start, n - 1) : { date: start, trace: [], warnings: [] };
      return { date: rest.date, trace: [{ date: start, counted: true, ...first }, ...rest.trace], warnings: rest.warnings };
    }
  }
  return addWorkdays(cal, start, n);
}

/** Each pause as (start, end]: ended, or open up to `asOf`, but never beyond its window. */
function pauseSpans(f: Fold, asOf: string): { start: string; end: string }[] {
  return f.pauses.map((p) => ({ start: p.start, end: minDate(p.end ?? asOf, p.cap) })).filter((s) => s.end > s.start);
}

/** Working days excluded by the pauses as of `asOf`; overlapping pauses count each day once. */
function pausedWorkdays(cal: CalendarData, f: Fold, asOf: string): number {
  const spans = pauseSpans(f, asOf).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: { start: string; end: string }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = maxDate(last.end, s.end);
    else merged.push({ ...s });
  }
  let total = 0;
  for (const s of merged) {
    const c = countWorkdays(cal, s.start, s.end);
    for (const w of c.warnings) f.warnings.add(w);
    total += c.count;
  }
  return total;
}

interface Due {
  date: string;
  reply: number;
  extension: number;
  paused: number;
  total: number;
  result: AddWorkdaysResult | null;
}

/** The due date as the events so far stand on `asOf`; null when no reply clock runs. */
function dueAt(cal: CalendarData, f: Fold, asOf: string, s: Settings): Due | null {
  if (!f.clockStart || f.state === 'awaitingAmendment' || f.state === 'notReceived') return null;
  const extension = f.extension?.workdays ?? 0;
  if (f.delay) return { date: f.delay.newDueDate, reply: REPLY_WORKDAYS, extension, paused: 0, total: 0, result: null };
  const paused = pausedWorkdays(cal, f, asOf);
  const total = REPLY_WORKDAYS + extension + paused;
  const result = periodEnd(cal, f.clockStart, total, s.countReceiptDay);
  for (const w of result.warnings) f.warnings.add(w);
  return { date: result.date, reply: REPLY_WORKDAYS, extension, paused, total, result };
}

// ---------------------------------------------------------------------------------------------
// Checking and applying one event

interface DateField {
  field: string;
  label: string;
  value: string | null | undefined;
}

function receiptFields(r: Receipt): DateField[] {
  switch (r.channel) {
    case 'inPerson':
      return [{ field: 'submittedOn', label: '提交日期', value: r.submittedOn }];
    case 'post':
      return [{ field: 'signedOn', label: '签收日期', value: r.signedOn }];
    case 'ordinaryLetter':
      return [
        { field: 'confirmedOn', label: '确认日期', value: r.confirmedOn },
        ...(r.arrivedOn != null ? [{ field: 'arrivedOn', label: '收信日期', value: r.arrivedOn }] : []),
      ];
    case 'online':
    case 'fax':
      return [
        { field: 'submittedOn', label: '提交日期', value: r.submittedOn },
        { field: 'confirmedOn', label: '确认日期', value: r.confirmedOn },
      ];
  }
}

function dateFields(ev: ClockEvent): DateField[] {
  switch (ev.type) {
    case 'received':
      return receiptFields(ev);
    case 'amendmentRequested':
      // A missing applicant deadline has its own refusal below.
      return [
        { field: 'on', label: '日期', value: ev.on },
        ...(ev.applicantDeadline != null ? [{ field: 'applicantDeadline', label: '补正期限', value: ev.applicantDeadline }] : []),
      ];
    case 'feeNoticeSent':
      return [
        { field: 'on', label: '日期', value: ev.on },
        { field: 'noticeReceivedOn', label: '申请人收到收费通知的日期', value: ev.noticeReceivedOn },
      ];
    case 'extensionApproved':
      return [
        { field: 'on', label: '日期', value: ev.on },
        ...(ev.applicantNotifiedOn != null
          ? [{ field: 'applicantNotifiedOn', label: '告知申请人日期', value: ev.applicantNotifiedOn }]
          : []),
      ];
    case 'delaySet':
      return [
        { field: 'on', label: '日期', value: ev.on },
        { field: 'newDueDate', label: '延迟答复期限', value: ev.newDueDate },
        ...(ev.applicantNotifiedOn != null
          ? [{ field: 'applicantNotifiedOn', label: '告知申请人日期', value: ev.applicantNotifiedOn }]
          : []),
      ];
    default:
      return [{ field: 'on', label: '日期', value: ev.on }];
  }
}

const refusal = (code: RefusalCode, message: string): Refusal => ({ code, message });

/** Every reason `ev` cannot be recorded after the events folded into `f` (empty: it can). */
function refusalsFor(cal: CalendarData, f: Fold, ev: ClockEvent, today: string, s: Settings): Refusal[] {
  const out: Refusal[] = [];
  const label = EVENT_LABELS[ev.type];
  const repeatExtension = ev.type === 'extensionApproved' && f.state === 'extended';
  // A second extension gets its own reason below; "not allowed while extended" would say the same twice.
  if (!TRANSITIONS[ev.type].from.includes(f.state) && !repeatExtension)
    out.push(refusal('notAllowedInState', `当前状态（${STATE_LABELS[f.state]}）下不能${label}`));

  const badDates = dateFields(ev).filter((d) => !isCalendarDate(d.value));
  for (const d of badDates) out.push(refusal('invalidDate', `${label}：${d.label}应为有效日期（YYYY-MM-DD）`));
  if (badDates.length > 0) return out;

  const on = eventDate(ev);
  if (f.lastDate && on < f.lastDate)
    out.push(refusal('dateBeforePrevious', `${label}的日期（${chineseDate(on)}）早于上一事项的日期（${chineseDate(f.lastDate)}）`));
  if (on > today) out.push(refusal('dateInFuture', `${label}的日期（${chineseDate(on)}）晚于今天`));

  const due = dueAt(cal, f, on, s);
  const afterDue = () => {
    if (due && on > due.date) out.push(refusal('afterDueDate', `答复期限已于${chineseDate(due.date)}届满，不能再${label}`));
  };

  switch (ev.type) {
    case 'received':
      if ((ev.channel === 'online' || ev.channel === 'fax') && ev.confirmedOn < ev.submittedOn)
        out.push(refusal('confirmationBeforeSubmission', '确认日期不能早于提交日期'));
      if (ev.channel === 'ordinaryLetter' && ev.arrivedOn && ev.confirmedOn < ev.arrivedOn)
        out.push(refusal('confirmationBeforeSubmission', '确认日期不能早于收信日期'));
      break;
    case 'amendmentRequested':
      if (f.amendment)
        out.push(
          refusal(
            'amendmentAlreadyRequested',
            `补正应一次性告知（条例第三十条），本申请已于${chineseDate(f.amendment.requestedOn)}通知补正`,
          ),
        );
      if (!ev.applicantDeadline) out.push(refusal('amendmentDeadlineInvalid', '补正通知须载明申请人补正的合理期限'));
      else if (ev.applicantDeadline <= ev.on) out.push(refusal('amendmentDeadlineInvalid', '补正期限应晚于补正通知的日期'));
      break;
    case 'amendmentLapsed':
      if (f.amendment && on <= f.amendment.deadline)
        out.push(refusal('amendmentDeadlineNotPassed', `补正期限（${chineseDate(f.amendment.deadline)}）尚未届满，不能按逾期未补正处理`));
      break;
    case 'consultationStarted':
      afterDue();
      if (f.pauses.some((p) => p.kind === 'consultation' && p.party === ev.party && p.end === null))
        out.push(refusal('consultationAlreadyOpen', `正在征求${PARTY_LABELS[ev.party].label}意见，不能重复发起`));
      break;
    case 'consultationEnded':
      if (!f.pauses.some((p) => p.kind === 'consultation' && p.party === ev.party && p.end === null))
        out.push(refusal('consultationNotOpen', `没有正在进行的征求${PARTY_LABELS[ev.party].label}意见`));
      break;
    case 'feeNoticeSent':
      afterDue();
      if (ev.noticeReceivedOn && ev.noticeReceivedOn < ev.on)
        out.push(refusal('feeNoticeReceivedBeforeSent', '申请人收到收费通知的日期不能早于发出日期'));
      break;
    case 'feePaid':
      if (f.feeDeadline && on > f.feeDeadline)
        out.push(
          refusal('feePaidAfterDeadline', `缴费期限已于${chineseDate(f.feeDeadline)}届满，逾期未缴费视为放弃申请，应按逾期未缴费处理`),
        );
      break;
    case 'feeLapsed':
      if (f.feeDeadline && on <= f.feeDeadline)
        out.push(refusal('feeDeadlineNotPassed', `缴费期限（${chineseDate(f.feeDeadline)}）尚未届满，不能按逾期未缴费处理`));
      break;
    case 'extensionApproved':
      if (f.extension)
        out.push(
          refusal('extensionAlreadyUsed', `答复期限只能延长一次，已于${chineseDate(f.extension.on)}延长 ${f.extension.workdays} 个工作日`),
        );
      if (!ev.approverId?.trim())
        out.push(refusal('extensionNeedsApprover', '延长答复期限须经政府信息公开工作机构负责人同意，未填写批准人'));
      if (!ev.applicantNotifiedOn) out.push(refusal('extensionNeedsApplicantNotice', '延长答复期限须告知申请人，未填写告知日期'));
      else if (due && ev.applicantNotifiedOn > due.date)
        out.push(
          refusal(
            'extensionNoticeAfterDueDate',
            `告知申请人延期的日期（${chineseDate(ev.applicantNotifiedOn)}）晚于答复期限（${chineseDate(due.date)}）`,
          ),
        );
      if (!Number.isInteger(ev.workdays) || ev.workdays < 1)
        out.push(refusal('extensionWorkdaysInvalid', `延长的工作日数应为 1 到 ${MAX_EXTENSION_WORKDAYS} 之间的整数`));
      else if (ev.workdays > MAX_EXTENSION_WORKDAYS)
        out.push(refusal('extensionTooLong', `延长的期限最长不得超过 ${MAX_EXTENSION_WORKDAYS} 个工作日（条例第三十三条）`));
      afterDue();
      break;
    case 'delaySet':
      afterDue();
      if (!ev.applicantNotifiedOn) out.push(refusal('delayNeedsApplicantNotice', '延迟答复须告知申请人，未填写告知日期'));
      if (due && ev.newDueDate <= due.date)
        out.push(refusal('delayNotLater', `延迟答复期限应晚于现行答复期限（${chineseDate(due.date)}）`));
      break;
    case 'amendmentReceived':
    case 'answered':
      break;
  }
  return out;
}

function resume(f: Fold): RequestState {
  return f.pauses.some((p) => p.end === null) ? f.state : f.resumeTo;
}

function endPause(cal: CalendarData, f: Fold, p: Pause, on: string, what: string): ClockStep {
  p.end = on;
  const end = minDate(on, p.cap);
  const c = end > p.start ? countWorkdays(cal, p.start, end) : { count: 0, trace: [], warnings: [] };
  for (const w of c.warnings) f.warnings.add(w);
  const capped = on > p.cap ? `；${chineseDate(p.cap)}期限届满后的时间不予扣除` : '';
  return {
    kind: p.kind === 'fee' ? 'feePaid' : 'consultationEnded',
    date: on,
    text: `${chineseDate(on)}${what}。中止期间自${chineseDate(p.start)}次日至${chineseDate(end)}，含工作日 ${c.count} 天，不计入答复期限${capped}（${describeDays(c.trace, '中止工作日')}）。`,
    workdays: c.count,
    days: c.trace,
  };
}

/** Applies an event already checked by refusalsFor. */
function apply(cal: CalendarData, f: Fold, ev: ClockEvent, s: Settings): void {
  const on = eventDate(ev);
  const to = TRANSITIONS[ev.type].to;
  const step = (text: string, extra: Partial<ClockStep> = {}) => f.trace.push({ kind: ev.type, date: on, text, ...extra });
  const period = (n: number) =>
    `${n} 个工作日，` + (s.countReceiptDay ? '收到当日为工作日的计为第 1 个工作日' : '收到当日不计入，自次日起计算');

  switch (ev.type) {
    case 'received': {
      const r = receiptDate(ev);
      f.receivedOn = on;
      f.channel = r.channel;
      f.clockStart = on;
      const notice = periodEnd(cal, on, AMENDMENT_NOTICE_WORKDAYS, s.countReceiptDay);
      f.amendmentNoticeBy = notice.date;
      if (r.problem) f.problems.push(r.problem);
      step(
        `${withWeekday(on)}收到申请（${r.rule}，条例第三十一条）。答复期限为 ${period(REPLY_WORKDAYS)}（条例第三十三条）。如需补正，最迟应于${chineseDate(notice.date)}一次性告知（收到后 ${AMENDMENT_NOTICE_WORKDAYS} 个工作日，条例第三十条）。`,
      );
      break;
    }
    case 'amendmentRequested': {
      const deadline = ev.applicantDeadline ?? on;
      f.amendment = { requestedOn: on, deadline };
      if (f.amendmentNoticeBy && on > f.amendmentNoticeBy)
        f.problems.push({
          code: 'amendmentNoticeLate',
          message: `补正通知于${chineseDate(on)}发出，晚于收到申请后 ${AMENDMENT_NOTICE_WORKDAYS} 个工作日的最迟日期（${chineseDate(f.amendmentNoticeBy)}）（条例第三十条）`,
        });
      step(
        `${chineseDate(on)}发出补正通知，申请人最迟应于${chineseDate(deadline)}补正；答复期限待收到补正后的申请之日起重新计算（条例第三十条）。`,
      );
      break;
    }
    case 'amendmentReceived': {
      if (f.amendment && on > f.amendment.deadline)
        f.problems.push({
          code: 'amendmentLate',
          message: `申请人于${chineseDate(on)}补正，晚于补正期限（${chineseDate(f.amendment.deadline)}）；无正当理由逾期不补正的，视为放弃申请`,
        });
      f.clockStart = on;
      f.pauses = [];
      f.consultations = [];
      step(`${withWeekday(on)}收到补正后的申请，答复期限自该日重新计算，为 ${period(REPLY_WORKDAYS)}（条例第三十条）。`);
      break;
    }
    case 'amendmentLapsed':
      step(`${chineseDate(on)}申请人逾期未补正（补正期限${chineseDate(f.amendment?.deadline ?? on)}），视为放弃申请（条例第三十条）。`);
      break;
    case 'consultationStarted': {
      const window = addWorkdays(cal, on, CONSULTATION_WORKDAYS);
      for (const w of window.warnings) f.warnings.add(w);
      if (f.state !== 'consulting') f.resumeTo = f.state === 'extended' ? 'extended' : 'processing';
      f.pauses.push({ kind: 'consultation', party: ev.party, start: on, cap: window.date, end: null });
      f.consultations.push({ party: ev.party, startedOn: on, windowEndsOn: window.date, endedOn: null });
      const { label, basis } = PARTY_LABELS[ev.party];
      step(
        `${chineseDate(on)}书面征求${label}意见（${basis}），答复期限中止计算；征求意见期限 ${CONSULTATION_WORKDAYS} 个工作日，至${chineseDate(window.date)}，期满后恢复计算。`,
        { days: window.trace },
      );
      break;
    }
    case 'consultationEnded': {
      const p = f.pauses.find((x) => x.kind === 'consultation' && x.party === ev.party && x.end === null);
      const c = [...f.consultations].reverse().find((x) => x.party === ev.party && x.endedOn === null);
      if (c) c.endedOn = on;
      if (p) {
        if (on > p.cap)
          f.problems.push({
            code: 'consultationBeyondWindow',
            message: `征求${PARTY_LABELS[ev.party].label}意见于${chineseDate(on)}结束，超过征求意见期限（${chineseDate(p.cap)}），超出的时间不予扣除`,
          });
        f.trace.push(endPause(cal, f, p, on, `结束征求${PARTY_LABELS[ev.party].label}意见`));
      }
      break;
    }
    case 'feeNoticeSent': {
      const received = ev.noticeReceivedOn ?? on;
      const deadline = addWorkdays(cal, received, s.feePaymentWorkdays);
      for (const w of deadline.warnings) f.warnings.add(w);
      f.resumeTo = f.state === 'extended' ? 'extended' : 'processing';
      f.feeDeadline = deadline.date;
      f.pauses.push({ kind: 'fee', party: null, start: on, cap: deadline.date, end: null });
      step(
        `${chineseDate(on)}发出收费通知，申请人于${chineseDate(received)}收到，应自次日起 ${s.feePaymentWorkdays} 个工作日内即最迟于${chineseDate(deadline.date)}缴费，逾期未缴费视为放弃申请；通知和缴费期间答复期限中止计算。`,
        { days: deadline.trace },
      );
      break;
    }
    case 'feePaid': {
      const p = f.pauses.find((x) => x.kind === 'fee' && x.end === null);
      if (p) f.trace.push(endPause(cal, f, p, on, '申请人缴费'));
      break;
    }
    case 'feeLapsed':
      step(`${chineseDate(on)}申请人逾期未缴费（缴费期限${chineseDate(f.feeDeadline ?? on)}），视为放弃申请。`);
      break;
    case 'extensionApproved':
      f.extension = { on, workdays: ev.workdays };
      step(
        `${chineseDate(on)}经政府信息公开工作机构负责人（${ev.approverId ?? ''}）同意，答复期限延长 ${ev.workdays} 个工作日，已于${chineseDate(ev.applicantNotifiedOn ?? on)}告知申请人（条例第三十三条）。`,
        { workdays: ev.workdays },
      );
      break;
    case 'delaySet':
      f.delay = { newDueDate: ev.newDueDate };
      step(
        `${chineseDate(on)}确定延迟答复期限至${chineseDate(ev.newDueDate)}，已于${chineseDate(ev.applicantNotifiedOn ?? on)}告知申请人（条例第三十五条）；答复期限以该日为准。`,
      );
      break;
    case 'answered': {
      const due = dueAt(cal, f, on, s);
      f.answeredOn = on;
      const late = due !== null && on > due.date;
      if (late && due)
        f.problems.push({ code: 'answeredLate', message: `于${chineseDate(on)}答复，晚于答复期限（${chineseDate(due.date)}）` });
      step(
        `${chineseDate(on)}作出答复${due ? (late ? `，已超过答复期限（${chineseDate(due.date)}）` : `，在答复期限（${chineseDate(due.date)}）内`) : ''}。`,
      );
      break;
    }
  }
  f.state = to === 'resume' ? resume(f) : to;
  f.lastDate = on;
}

function newFold(): Fold {
  return {
    state: 'notReceived',
    resumeTo: 'processing',
    receivedOn: null,
    channel: null,
    clockStart: null,
    amendmentNoticeBy: null,
    lastDate: null,
    amendment: null,
    pauses: [],
    consultations: [],
    feeDeadline: null,
    extension: null,
    delay: null,
    answeredOn: null,
    trace: [],
    problems: [],
    warnings: new Set(),
  };
}

function requireToday(today: string): void {
  if (!isCalendarDate(today)) throw Errors.validation('今天的日期应为 YYYY-MM-DD', [{ field: 'today', message: '日期应为 YYYY-MM-DD' }]);
}

function replay(cal: CalendarData, events: readonly ClockEvent[], today: string, s: Settings): { fold: Fold; refused: RefusedEvent[] } {
  const fold = newFold();
  const refused: RefusedEvent[] = [];
  events.forEach((ev, index) => {
    const reasons = refusalsFor(cal, fold, ev, today, s);
    if (reasons.length > 0) refused.push({ index, type: ev.type, reasons });
    else apply(cal, fold, ev, s);
  });
  return { fold, refused };
}

// ---------------------------------------------------------------------------------------------
// The door

/**
 * Every reason `next` cannot be recorded after `history` (empty: it can). Commands call this
 * before writing the event; refused events in `history` are skipped as requestClock skips them.
 */
export function clockEventRefusals(
  cal: CalendarData,
  history: readonly ClockEvent[],
  next: ClockEvent,
  today: string,
  options: ClockOptions = {},
): Refusal[] {
  requireToday(today);
  const s = settings(options);
  const { fold } = replay(cal, history, today, s);
  return refusalsFor(cal, fold, next, today, s);
}

/**
 * The request's state, reply due date with its trace, and where it stands on `today`. Events
 * are in the order they happened; one that may not be recorded is skipped and listed in `refused`.
 */
/**
 * How urgent an open request with this due date is on `today`: overdue only while its clock runs
 * and the day is past the date; a warning while it runs and the date is `warnWithin` working days
 * away or fewer; otherwise ok (a paused clock is never overdue or warned about). Lists use this
 * on the due date kept on the row; `requestClock` on the one it replays.
 */
export function dueLevel(
  cal: CalendarData,
  running: boolean,
  dueDate: string,
  today: string,
  warnWithin = WARN_WITHIN_WORKDAYS,
): AlertLevel {
  if (today > dueDate) return running ? 'overdue' : 'ok';
  return running && countWorkdays(cal, today, dueDate).count <= warnWithin ? 'warning' : 'ok';
}

export function requestClock(cal: CalendarData, events: readonly ClockEvent[], today: string, options: ClockOptions = {}): RequestClock {
  requireToday(today);
  const s = settings(options);
  const { fold: f, refused } = replay(cal, events, today, s);
  const closed = CLOSED_STATES.includes(f.state);
  // A closed request keeps the due date it had when it closed; an abandoned one has none.
  const asOf = f.answeredOn ?? today;
  const due = f.state === 'answered' || !closed ? dueAt(cal, f, asOf, s) : null;

  // Paused from the day a pause starts until its end event or the end of its window.
  const openPause = !closed && f.pauses.some((p) => p.end === null && asOf <= p.cap);
  const clock: ClockStatus =
    f.state === 'notReceived'
      ? 'notStarted'
      : closed
        ? 'stopped'
        : f.state === 'awaitingAmendment'
          ? 'awaitingAmendment'
          : openPause
            ? 'paused'
            : 'running';

  let overdue = false;
  let workdaysLeft: number | null = null;
  let workdaysOverdue: number | null = null;
  let level: AlertLevel = 'none';
  if (due && !closed) {
    if (today > due.date && clock === 'running') {
      overdue = true;
      level = 'overdue';
      // countWorkdays refuses spans over ten years; an answer that old is simply overdue.
      if (Number(today.slice(0, 4)) - Number(due.date.slice(0, 4)) < 9) workdaysOverdue = countWorkdays(cal, due.date, today).count;
    } else if (today <= due.date) {
      workdaysLeft = countWorkdays(cal, today, due.date).count;
      level = dueLevel(cal, clock === 'running', due.date, today, s.warnWithinWorkdays);
    } else level = 'ok';
  }

  const trace = [...f.trace];
  if (due && f.clockStart) {
    const from = s.countReceiptDay ? `自${chineseDate(f.clockStart)}起（收到当日为工作日的计入）` : `自${chineseDate(f.clockStart)}次日起`;
    const stillPaused = f.pauses.some((p) => p.end === null) ? `（计至${chineseDate(asOf)}）` : '';
    const text = f.delay
      ? `答复期限：按延迟答复确定的${withWeekday(due.date)}。`
      : `答复期限：${from}计算 ${due.reply} 个工作日` +
        (due.extension ? ` + 延期 ${due.extension} 个工作日` : '') +
        (due.paused ? ` + 中止期间 ${due.paused} 个工作日${stillPaused}` : '') +
        (due.extension || due.paused ? `，共 ${due.total} 个工作日` : '') +
        `，至${withWeekday(due.date)}（${describeDays(due.result?.trace ?? [])}）。`;
    trace.push({
      kind: 'due',
      date: due.date,
      text,
      ...(due.result ? { workdays: due.total, days: due.result.trace } : {}),
    });
  }

  const reminders: ClockReminder[] = [];
  if (f.state === 'processing' && !f.amendment && f.amendmentNoticeBy && today <= f.amendmentNoticeBy)
    reminders.push({ code: 'amendmentNoticeDue', message: `如需补正，最迟应于${chineseDate(f.amendmentNoticeBy)}一次性告知申请人` });
  if (f.state === 'awaitingAmendment' && f.amendment && today > f.amendment.deadline)
    reminders.push({
      code: 'amendmentDeadlinePassed',
      message: `补正期限已于${chineseDate(f.amendment.deadline)}届满，申请人无正当理由逾期不补正的，视为放弃申请`,
    });
  if (f.state === 'consulting')
    for (const p of f.pauses.filter((x) => x.kind === 'consultation' && x.end === null && today > x.cap))
      reminders.push({
        code: 'consultationWindowEnded',
        message: `征求${PARTY_LABELS[p.party ?? 'thirdParty'].label}意见的期限已于${chineseDate(p.cap)}届满，答复期限已恢复计算，请依法作出决定`,
      });
  if (f.state === 'awaitingFee' && f.feeDeadline && today > f.feeDeadline)
    reminders.push({ code: 'feeDeadlinePassed', message: `缴费期限已于${chineseDate(f.feeDeadline)}届满，申请人逾期未缴费，视为放弃申请` });

  const open = f.consultations.filter((c) => c.endedOn === null);
  const windowEnd = (open.length > 0 ? open : f.consultations).reduce<string | null>(
    (latest, c) => (latest === null || c.windowEndsOn > latest ? c.windowEndsOn : latest),
    null,
  );

  return {
    state: f.state,
    stateLabel: STATE_LABELS[f.state],
    clock,
    receivedOn: f.receivedOn,
    receiptChannel: f.channel,
    clockStartedOn: f.clockStart,
    dueDate: due?.date ?? null,
    workdays: due && !f.delay ? { reply: due.reply, extension: due.extension, paused: due.paused, total: due.total } : null,
    lawfullyExtended: f.extension !== null,
    overdue,
    level,
    workdaysLeft,
    workdaysOverdue,
    answeredOn: f.answeredOn,
    answeredLate: f.answeredOn !== null && due !== null && f.answeredOn > due.date,
    amendmentNoticeBy: f.amendmentNoticeBy,
    amendmentDeadline: f.amendment?.deadline ?? null,
    feePaymentDeadline: f.feeDeadline,
    consultationWindowEnd: windowEnd,
    consultations: f.consultations.map((c) => ({ ...c })),
    trace,
    problems: [...f.problems],
    reminders,
    refused,
    warnings: [...f.warnings],
  };
}

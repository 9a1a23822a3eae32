/** Request schemas of the disclosure API (依申请公开), shared by server and admin. */
import { z } from 'zod';
import { groundsProblems, ORG_CATEGORIES, REDACTION_GROUND_CODES, REPLY_OUTCOME_CODES } from '../disclosure-outcomes.ts';
import { NARRATIVE_MAX } from '../annual-report.ts';
import { ID_TYPES } from '../identity.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** Markup is refused, not stored: these fields are plain text wherever they are shown. */
const MARKUP = /<[a-zA-Z!/?]/;
const plain = (s: z.ZodString, label: string) => s.refine((v) => !MARKUP.test(v), `${label}不能包含 HTML 标记`);
const text = (max: number, label: string) =>
  plain(z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字符`), label);
const optionalText = (max: number, label: string) =>
  plain(z.string().trim().max(max, `${label}不能超过 ${max} 个字符`), label)
    .nullable()
    .optional();

/** Forms in which the applicant wants the information (条例 第二十九条、第四十条). */
export const DELIVERY_FORMS = ['paper', 'electronic', 'onsiteReading'] as const;
export const DELIVERY_FORM_LABELS: Record<(typeof DELIVERY_FORMS)[number], string> = {
  paper: '纸质文本',
  electronic: '电子数据',
  onsiteReading: '现场查阅',
};
/** Channels by which it should reach the applicant. */
export const DELIVERY_CHANNELS = ['post', 'email', 'fax', 'pickup', 'online'] as const;
export const DELIVERY_CHANNEL_LABELS: Record<(typeof DELIVERY_CHANNELS)[number], string> = {
  post: '邮寄',
  email: '电子邮件',
  fax: '传真',
  pickup: '自行领取',
  online: '网上获取',
};

/** How the application arrived and the dates art. 31 reads its receipt from. */
export const ReceiptSchema = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('inPerson'), submittedOn: date }),
  z.strictObject({ channel: z.literal('post'), signedOn: date }),
  z.strictObject({ channel: z.literal('ordinaryLetter'), arrivedOn: date.nullable().optional(), confirmedOn: date }),
  z.strictObject({ channel: z.enum(['online', 'fax']), submittedOn: date, confirmedOn: date }),
]);

export const ApplicantSchema = z.strictObject({
  kind: z.enum(['person', 'organisation'], { message: '申请人类型应为 公民 或 法人或其他组织' }),
  /** For organisations: the annual report's column (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他). */
  orgCategory: z.enum(ORG_CATEGORIES, { message: '请选择法人或其他组织的类别' }).optional(),
  name: text(100, '姓名或名称'),
  idType: z.enum(ID_TYPES.map((t) => t.type) as [string, ...string[]], { message: '证件类型不正确' }),
  idNumber: text(40, '证件号码'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/, '联系电话格式不正确'),
  address: optionalText(200, '通信地址'),
  email: z.email('电子邮箱格式不正确').max(100).nullable().optional(),
});

/** What an applicant writes on the request form, online or on paper. */
export const RequestFormSchema = z.strictObject({
  applicant: ApplicantSchema,
  description: text(5000, '所需信息的描述'),
  purpose: optionalText(500, '用途'),
  forms: z.array(z.enum(DELIVERY_FORMS)).min(1, '请选择至少一种获取信息的方式').max(DELIVERY_FORMS.length),
  channels: z.array(z.enum(DELIVERY_CHANNELS)).min(1, '请选择至少一种获取信息的途径').max(DELIVERY_CHANNELS.length),
});
export type RequestForm = z.output<typeof RequestFormSchema>;

/** A request registered by the office (received on paper, by post, in person, online or by fax). */
export const RegisterRequestSchema = RequestFormSchema.extend({
  siteId: z.string().min(1).max(40),
  receipt: ReceiptSchema,
  /** A client-made key: the same key twice registers one request. */
  idempotencyKey: z.string().min(8).max(80).optional(),
});
export type RegisterRequestInput = z.input<typeof RegisterRequestSchema>;

const party = z.enum(['thirdParty', 'agencies']);

/** A clock event recorded on a registered request (the receipt is recorded at registration). */
export const RequestEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('amendmentRequested'), on: date, applicantDeadline: date }),
  z.strictObject({ type: z.literal('amendmentReceived'), on: date }),
  z.strictObject({ type: z.literal('amendmentLapsed'), on: date }),
  z.strictObject({ type: z.literal('consultationStarted'), on: date, party }),
  z.strictObject({ type: z.literal('consultationEnded'), on: date, party }),
  z.strictObject({ type: z.literal('feeNoticeSent'), on: date, noticeReceivedOn: date.nullable() }),
  z.strictObject({ type: z.literal('feePaid'), on: date }),
  z.strictObject({ type: z.literal('feeLapsed'), on: date }),
  z.strictObject({
    type: z.literal('extensionApproved'),
    on: date,
    workdays: z.number().int(),
    approverId: z.string().max(40).nullable(),
    applicantNotifiedOn: date.nullable(),
  }),
  z.strictObject({ type: z.literal('delaySet'), on: date, newDueDate: date, applicantNotifiedOn: date.nullable() }),
  z.strictObject({
    type: z.literal('answered'),
    on: date,
    outcome: z.enum(REPLY_OUTCOME_CODES, { message: '请选择答复结果' }),
    /** 条例 14–16 grounds: required when the outcome withholds or partly discloses. */
    grounds: z
      .array(z.enum(REDACTION_GROUND_CODES, { message: '不予公开的依据不正确' }))
      .max(REDACTION_GROUND_CODES.length)
      .optional(),
  }),
]);
export const RecordRequestEventSchema = z
  .strictObject({
    event: RequestEventSchema,
    note: optionalText(5000, '说明'),
  })
  .superRefine((v, ctx) => {
    if (v.event.type !== 'answered') return;
    for (const message of groundsProblems(v.event.outcome, v.event.grounds ?? []))
      ctx.addIssue({ code: 'custom', path: ['event', 'grounds'], message });
  });
export type RecordRequestEventInput = z.input<typeof RecordRequestEventSchema>;

/** One step of a request's due-date calculation, as people read it. */
export interface RequestClockStep {
  kind: string;
  date: string;
  text: string;
  workdays?: number;
}

/** Where a request stands today (the server replays its events through the request clock). */
export interface RequestClockView {
  state: string;
  stateLabel: string;
  receivedOn: string | null;
  dueDate: string | null;
  lawfullyExtended: boolean;
  overdue: boolean;
  level: 'none' | 'ok' | 'warning' | 'overdue';
  workdaysLeft: number | null;
  trace: readonly RequestClockStep[];
}

/** A request in the office's list: personal data masked. */
export interface RequestSummary {
  id: string;
  trackingNo: string;
  siteId: string;
  applicantName: string;
  applicantKind: string;
  description: string;
  channel: string;
  receivedOn: string;
  state: string;
  stateLabel: string;
  dueOn: string | null;
  /** overdue: past its due date and still open; warning: due within 3 working days. */
  level: 'none' | 'ok' | 'warning' | 'overdue';
  outcome: string | null;
  /** When the file was archived; null while not archived. */
  archivedAt: string | null;
  /** True when the request was assigned to another org than the site's (转办). */
  assigned: boolean;
}

/** The applicant as the office sees them: masked unless the view was revealed. */
export interface RequestApplicant {
  kind: string;
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
  address: string | null;
  email: string | null;
}

/** One request as the office's screen shows it. */
export interface RequestDetail {
  id: string;
  trackingNo: string;
  siteId: string;
  orgId: string;
  applicant: RequestApplicant;
  /** True when the applicant's personal data is shown in full (the view was audited). */
  revealed: boolean;
  /** Other requests with the same ID number (条例 44: the same information asked for repeatedly). */
  sameApplicantRequests: number;
  description: string;
  purpose: string | null;
  forms: { forms: string[]; channels: string[] };
  channel: string;
  events: {
    seq: number;
    type: string;
    data: Record<string, unknown>;
    note: string | null;
    actorId: string;
    recordedAt: string;
    /** The history line of a record event (assignment, delivery, archive), in Chinese. */
    text?: string;
  }[];
  clock: RequestClockView;
  createdAt: string;
  /** The org now responsible for the request (after any assignment) and its name. */
  orgName: string;
  /** When the file was archived (read-only since); null while open. */
  archivedAt: string | null;
  /** The reply's outcome and its 条例 14–16 grounds, once answered. */
  reply: { on: string; outcome: string; grounds: { code: string; text: string }[] } | null;
  /** Delivery records of the reply, oldest first. */
  deliveries: { on: string; method: string; methodLabel: string; trackingNumber: string | null; receiptNote: string | null }[];
  /** What may be done next: assign (open, not archived), record a delivery (answered), archive (closed and delivered). */
  actions: { assign: boolean; deliver: boolean; archive: boolean };
}

// ---------------------------------------------------------------------------------------------
// The annual report (政府信息公开工作年度报告): what is entered by hand, saved with the version read.

/** A count of decisions or cases: a whole number, never negative. */
const reportCount = (label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(100_000_000, `${label}过大`);
const reviewBlock = (label: string) =>
  z.strictObject({
    upheld: reportCount(`${label}“结果维持”`),
    corrected: reportCount(`${label}“结果纠正”`),
    other: reportCount(`${label}“其他结果”`),
    pending: reportCount(`${label}“尚未审结”`),
    total: reportCount(`${label}“总计”`),
  });
/** Control characters other than tab and line breaks cannot be written to DOCX or XLSX. */
const hasControl = (v: string) =>
  [...v].some((ch) => {
    const c = ch.charCodeAt(0);
    return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
  });
const narrative = (label: string) =>
  plain(z.string().max(NARRATIVE_MAX, `${label}不能超过 ${NARRATIVE_MAX} 个字符`), label).refine(
    (v) => !hasControl(v),
    `${label}包含无法保存的控制字符`,
  );

export const SaveAnnualReportSchema = z.strictObject({
  /** The version loaded (0 for a report never saved); another version means someone saved first. */
  expectedVersion: z.number().int().min(0),
  entered: z.strictObject({
    proactive: z.strictObject({
      licensing: reportCount('行政许可本年处理决定数量'),
      penalty: reportCount('行政处罚本年处理决定数量'),
      enforcement: reportCount('行政强制本年处理决定数量'),
      feeFen: z
        .number({ message: '行政事业性收费金额应为数字' })
        .int('行政事业性收费金额应以分为单位的整数')
        .min(0, '行政事业性收费金额不能为负数')
        .max(1_000_000_000_000, '行政事业性收费金额过大'),
    }),
    review: z.strictObject({
      reconsideration: reviewBlock('行政复议'),
      litigationDirect: reviewBlock('行政诉讼（未经复议直接起诉）'),
      litigationAfterReconsideration: reviewBlock('行政诉讼（复议后起诉）'),
    }),
  }),
  narratives: z.strictObject({
    overview: narrative('总体情况'),
    problems: narrative('存在的主要问题及改进情况'),
    other: narrative('其他需要报告的事项'),
  }),
});
export type SaveAnnualReportInput = z.input<typeof SaveAnnualReportSchema>;

/**
 * The back office of 依申请公开 after registration, shared by server and admin: assignment to the
 * responsible org (转办), delivery of the reply, archiving, the documents sent out (征求意见函,
 * 收费通知书), and the supervisors' views (overdue requests, the same information asked for by
 * several applicants, 条例 第四十四条).
 */
import { z } from 'zod';
import { isExistingDate } from '../dates.ts';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isExistingDate, '日期不存在');
/** Markup is refused, not stored: these fields are plain text wherever they are shown. */
const MARKUP = /<[a-zA-Z!/?]/;
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字符`)
    .refine((v) => !MARKUP.test(v), `${label}不能包含 HTML 标记`);
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字符`)
    .refine((v) => !MARKUP.test(v), `${label}不能包含 HTML 标记`)
    .nullable()
    .optional();
const id = (label: string) =>
  z
    .string({ message: `请选择${label}` })
    .min(1, `请选择${label}`)
    .max(40, `${label}不正确`);

/** How the reply reached the applicant. */
export const DELIVERY_METHODS = ['post', 'email', 'inPerson', 'online', 'other'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  post: '邮寄',
  email: '电子邮件',
  inPerson: '当面领取',
  online: '网上答复',
  other: '其他',
};

/** 转办: the request goes to the org responsible for the information (条例 第十条). */
export const AssignRequestSchema = z.strictObject({
  orgId: id('承办单位'),
  reason: optionalText(500, '转办说明'),
});
export type AssignRequestInput = z.input<typeof AssignRequestSchema>;

/** The reply was delivered: when, how, and the postal tracking number or the receipt. */
export const DeliverRequestSchema = z.strictObject({
  on: date,
  method: z.enum(DELIVERY_METHODS, { message: '请选择送达方式' }),
  trackingNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{0,40}$/, '邮件单号只能包含字母、数字和连字符，不超过 40 个字符')
    .nullable()
    .optional(),
  receiptNote: optionalText(500, '签收说明'),
});
export type DeliverRequestInput = z.input<typeof DeliverRequestSchema>;

export const ArchiveRequestSchema = z.strictObject({ note: optionalText(500, '归档说明') });
export type ArchiveRequestInput = z.input<typeof ArchiveRequestSchema>;

/** The 征求意见函: to a third party (条例 32) or to the agencies that made the information with us (33–34). */
export const ConsultationLetterQuerySchema = z.strictObject({
  party: z.enum(['thirdParty', 'agencies'], { message: '征求意见对象应为 第三方 或 有关行政机关' }),
  addressee: text(100, '征求意见对象名称'),
});
export type ConsultationLetterQuery = z.output<typeof ConsultationLetterQuerySchema>;

const count = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${label}应为整数` })
    .int(`${label}应为整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能超过 ${max}`);

/** The 收费通知书: one charging mode per application (国办函〔2020〕109号). */
export const FeeNoticeQuerySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('byCount'), items: count('本次申请件数', 1, 10_000) }),
  z.strictObject({ mode: z.literal('byVolume'), pages: count('页数', 0, 1_000_000) }),
]);
export type FeeNoticeQuery = z.output<typeof FeeNoticeQuerySchema>;

/** Options of the 条例 44 detection (defaults: the last 12 months, similarity 0.5). */
export const RepeatedRequestsQuerySchema = z.strictObject({
  orgId: id('单位'),
  months: count('统计月数', 1, 60).optional(),
  threshold: z.coerce
    .number({ message: '相似度阈值应为 0.1 到 1 之间的数' })
    .min(0.1, '相似度阈值不能小于 0.1')
    .max(1, '相似度阈值不能大于 1')
    .optional(),
});

/** An open request past its due date or close to it, as the supervisors' list shows it. */
export interface OverdueRequest {
  id: string;
  trackingNo: string;
  siteId: string;
  siteName: string;
  orgId: string;
  orgName: string;
  receivedOn: string;
  state: string;
  stateLabel: string;
  dueOn: string;
  level: 'warning' | 'overdue';
  /** Working days after the due date up to today (0 when not overdue). */
  workdaysOverdue: number;
  /** Calendar days after the due date up to today (0 when not overdue). */
  daysOverdue: number;
  /** Working days left up to the due date, when not overdue. */
  workdaysLeft: number | null;
  lawfullyExtended: boolean;
}

/** Requests of one org for similar information by different applicants (条例 44). */
export interface RepeatedRequestGroup {
  /** Different applicants (by ID number) in the group. */
  applicants: number;
  /** Lowest similarity between two linked requests of the group. */
  similarity: number;
  /** Words every request of the group shares. */
  commonWords: string[];
  requests: { id: string; trackingNo: string; receivedOn: string; description: string; outcome: string | null }[];
}

/**
 * Interaction (政民互动), shared by server and admin: the channels a site opens, the letters
 * citizens write to them and how an office handles them (受理, 交办, 转办, 答复, 审核, 办结), the
 * warning ladder before the national veto line, and surveys (征集调查).
 */
import { z } from 'zod';
import { calendarDate, optionalPlainText, pickedId, plainText } from './text.ts';

export const CHANNEL_KINDS = ['leaderMailbox', 'deptMailbox', 'consultation', 'complaint', 'suggestion', 'errorReport'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  leaderMailbox: '领导信箱',
  deptMailbox: '部门信箱',
  consultation: '咨询',
  complaint: '投诉',
  suggestion: '建议',
  errorReport: '我为政府网站找错',
};
/** Reply deadlines in working days unless the site sets its own (domain-rules §2.6: 5 for messages, 3 for 找错). */
export const DEFAULT_REPLY_DAYS: Record<ChannelKind, number> = {
  leaderMailbox: 5,
  deptMailbox: 5,
  consultation: 5,
  complaint: 5,
  suggestion: 5,
  errorReport: 3,
};
/** Channels the national veto line (互动回应差: a 政务咨询 letter unanswered > 3 months) reads. 找错 has its own 3-day rule. */
export const CONSULTATIVE_KINDS: readonly ChannelKind[] = ['leaderMailbox', 'deptMailbox', 'consultation', 'complaint', 'suggestion'];

/** What a letter is about, for routing and the public list. */
export const LETTER_CATEGORIES = [
  '综合政务',
  '城乡建设',
  '交通运输',
  '教育',
  '卫生健康',
  '社会保障',
  '劳动就业',
  '市场监管',
  '生态环境',
  '农业农村',
  '公共安全',
  '网站问题',
  '其他',
] as const;
export type LetterCategory = (typeof LETTER_CATEGORIES)[number];

export const LETTER_STATES = ['received', 'rejected', 'merged', 'handling', 'transferring', 'reviewing', 'replied', 'closed'] as const;
export type LetterState = (typeof LETTER_STATES)[number];
export const LETTER_STATE_LABELS: Record<LetterState, string> = {
  received: '待受理',
  rejected: '不予受理',
  merged: '已合并',
  handling: '办理中',
  transferring: '转办待确认',
  reviewing: '答复待审核',
  replied: '已答复',
  closed: '已办结',
};
/** States in which the letter still waits for its reply: the deadline ladder runs only here. */
export const OPEN_LETTER_STATES: readonly LetterState[] = ['received', 'handling', 'transferring', 'reviewing'];

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/** The warning ladder (domain-rules §1.2 item 5): share of the local deadline used, then overdue; veto risk by calendar days open. */
export const DUE_LEVELS = ['normal', 'warn50', 'warn80', 'overdue'] as const;
export type DueLevel = (typeof DUE_LEVELS)[number];
export const DUE_LEVEL_LABELS: Record<DueLevel, string> = {
  normal: '正常',
  warn50: '已过半',
  warn80: '即将到期',
  overdue: '已超期',
};

/** [R]/[P] values of the ladder, configurable per platform (setting `interaction.ladder`). */
export interface LadderSettings {
  /** Shares of the local deadline (working days) at which the handler is warned. */
  warnShares: [number, number];
  /** Calendar days open after which the supervision view flags the letter (well before the veto line). */
  vetoWarnDays: number;
  /** The national line: a 政务咨询 letter unanswered for more than three months fails the site. */
  vetoDays: number;
}
export const DEFAULT_LADDER: LadderSettings = { warnShares: [0.5, 0.8], vetoWarnDays: 60, vetoDays: 90 };

// ---------------------------------------------------------------------------------------------
// Channels and site settings (site administrators)

export const SaveChannelSchema = z.strictObject({
  kind: z.enum(CHANNEL_KINDS, { message: '请选择渠道类型' }),
  name: plainText(50, '渠道名称'),
  handlingOrgId: pickedId('办理单位'),
  replyDays: z
    .number({ message: '答复时限应为数字' })
    .int('答复时限应为整数')
    .min(1, '答复时限至少 1 个工作日')
    .max(60, '答复时限不能超过 60 个工作日'),
  publishReplies: z.boolean(),
  reviewReplies: z.boolean(),
  reopenOnUnsatisfied: z.boolean(),
  intro: optionalPlainText(1000, '渠道说明'),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  enabled: z.boolean(),
});
export type SaveChannelInput = z.input<typeof SaveChannelSchema>;

export interface ChannelView {
  id: string;
  siteId: string;
  kind: ChannelKind;
  name: string;
  handlingOrgId: string;
  handlingOrgName: string;
  replyDays: number;
  publishReplies: boolean;
  reviewReplies: boolean;
  reopenOnUnsatisfied: boolean;
  intro: string | null;
  sortOrder: number;
  enabled: boolean;
}

export const SaveInteractionSettingsSchema = z.strictObject({
  /** Words replaced by ＊ when a letter is published (names of places, people, firms …). */
  redactWords: z.array(plainText(50, '屏蔽词')).max(500, '屏蔽词不能超过 500 个'),
});

export const SaveReplyTemplateSchema = z.strictObject({
  title: plainText(50, '模板名称'),
  body: plainText(5000, '模板内容'),
});

// ---------------------------------------------------------------------------------------------
// Letters

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

/** What a citizen writes on the public form (the attachments travel separately). */
export const LetterFormSchema = z.strictObject({
  channelId: pickedId('信件类型'),
  category: z.enum(LETTER_CATEGORIES, { message: '请选择信件分类' }),
  title: plainText(100, '标题'),
  content: plainText(5000, '内容'),
  name: plainText(50, '姓名'),
  phone: z.string({ message: '请填写联系电话' }).trim().regex(PHONE, '联系电话应为 11 位手机号码或带区号的固定电话'),
  email: z.email('电子邮箱格式不正确').max(100).nullable().optional(),
  consentPublish: z.boolean(),
});
export type LetterForm = z.output<typeof LetterFormSchema>;

/** One step of the back office on a letter. */
export const LetterActionSchema = z.discriminatedUnion('action', [
  /** 受理: the letter is valid; it stays with the channel's handling org unless assigned. */
  z.strictObject({ action: z.literal('accept') }),
  z.strictObject({ action: z.literal('reject'), reason: plainText(500, '不予受理理由') }),
  z.strictObject({ action: z.literal('merge'), intoLetterId: pickedId('合并到的信件'), note: optionalPlainText(500, '说明') }),
  /** 交办: the screening office sends the letter to the org that must answer. */
  z.strictObject({ action: z.literal('assign'), orgId: pickedId('承办单位'), note: optionalPlainText(500, '交办意见') }),
  /** 转办: the handling org passes it on; the receiving org accepts or refuses. */
  z.strictObject({ action: z.literal('transfer'), orgId: pickedId('转办单位'), reason: plainText(500, '转办理由') }),
  z.strictObject({ action: z.literal('acceptTransfer') }),
  z.strictObject({ action: z.literal('refuseTransfer'), reason: plainText(500, '退回理由') }),
  z.strictObject({ action: z.literal('draftReply'), reply: plainText(5000, '答复内容') }),
  /** Send the drafted reply: to the leader's review when the channel asks for it, otherwise out. */
  z.strictObject({ action: z.literal('submitReply') }),
  z.strictObject({ action: z.literal('approveReply'), note: optionalPlainText(500, '审核意见') }),
  z.strictObject({ action: z.literal('returnReply'), reason: plainText(500, '退回意见') }),
  z.strictObject({ action: z.literal('close'), note: optionalPlainText(500, '办结说明') }),
  z.strictObject({ action: z.literal('reopen'), reason: plainText(500, '重新办理理由') }),
  /** Take a published Q&A off the public list (e.g. a redaction was missed). */
  z.strictObject({ action: z.literal('unpublish'), reason: plainText(500, '撤回理由') }),
]);
export type LetterAction = z.output<typeof LetterActionSchema>;
export type LetterActionName = LetterAction['action'];
export const LETTER_ACTION_LABELS: Record<LetterActionName, string> = {
  accept: '受理',
  reject: '不予受理',
  merge: '合并重复信件',
  assign: '交办',
  transfer: '转办',
  acceptTransfer: '接收转办',
  refuseTransfer: '退回转办',
  draftReply: '保存答复',
  submitReply: '提交答复',
  approveReply: '审核通过',
  returnReply: '退回修改',
  close: '办结',
  reopen: '重新办理',
  unpublish: '撤回公开',
};

export const RateLetterSchema = z.strictObject({
  rating: z.enum(RATINGS, { message: '请选择满意程度' }),
  comment: optionalPlainText(500, '评价意见'),
});

export interface LetterSummary {
  id: string;
  trackingNo: string;
  siteId: string;
  channelId: string;
  channelName: string;
  channelKind: ChannelKind;
  category: string;
  title: string;
  state: LetterState;
  handlingOrgId: string;
  handlingOrgName: string;
  pendingOrgId: string | null;
  pendingOrgName: string | null;
  receivedOn: string;
  dueOn: string;
  dueLevel: DueLevel;
  /** Calendar days since receipt while unanswered (null once answered). */
  daysOpen: number | null;
  vetoRisk: boolean;
  repliedOn: string | null;
  published: boolean;
  rating: Rating | null;
}

export interface LetterEventView {
  seq: number;
  type: string;
  label: string;
  data: Record<string, unknown>;
  note: string | null;
  actorId: string;
  actorName: string;
  recordedAt: string;
}

export interface LetterDetail extends LetterSummary {
  content: string;
  /** Masked unless revealed (the reveal is audited). */
  writer: { name: string; phone: string; email: string | null; revealed: boolean };
  consentPublish: boolean;
  /** Files sent with the letter (the names are personal data: only those who may read the letter get them). */
  attachments: { id: string; name: string; size: number; mime: string }[];
  duplicateOf: string | null;
  reply: string | null;
  replyOrgName: string | null;
  ratingComment: string | null;
  closedOn: string | null;
  events: LetterEventView[];
  /** Actions the rules allow now (the asking user's grants are checked when the action is sent). */
  actions: LetterActionName[];
  reviewReplies: boolean;
  /** Letters of the same site within 30 days whose text is nearly the same (合并 candidates). */
  similar: { id: string; trackingNo: string; title: string; state: LetterState; similarity: number }[];
}

// ---------------------------------------------------------------------------------------------
// Surveys (征集调查)

export const SaveSurveySchema = z
  .strictObject({
    title: plainText(100, '标题'),
    description: plainText(20_000, '征集说明'),
    startsOn: calendarDate,
    endsOn: calendarDate,
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });

export const PublishSurveyResultSchema = z.strictObject({ result: plainText(20_000, '结果反馈') });

export const SurveyOpinionFormSchema = z.strictObject({
  content: plainText(2000, '意见内容'),
  name: optionalPlainText(50, '姓名'),
  phone: z.string().trim().regex(PHONE, '联系电话应为 11 位手机号码或带区号的固定电话').nullable().optional().or(z.literal('')),
});

export const SURVEY_STATES = ['draft', 'upcoming', 'open', 'ended', 'resultPublished'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];
export const SURVEY_STATE_LABELS: Record<SurveyState, string> = {
  draft: '草稿',
  upcoming: '未开始',
  open: '征集中',
  ended: '已结束',
  resultPublished: '已反馈结果',
};

export interface SurveyView {
  id: string;
  siteId: string;
  title: string;
  description: string;
  startsOn: string;
  endsOn: string;
  state: SurveyState;
  opinions: number;
  result: string | null;
  resultPublishedAt: string | null;
}

/** One opinion as the office sees it (name and phone masked). */
export interface SurveyOpinionView {
  id: string;
  content: string;
  name: string | null;
  phone: string | null;
  submittedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Statistics (政府网站工作年度报表 互动交流, domain-rules §2.7)

export interface InteractionStatistics {
  year: number;
  letters: { received: number; closed: number; averageDays: number | null; publishedReplies: number };
  surveys: { held: number; opinions: number; resultsPublished: number };
}

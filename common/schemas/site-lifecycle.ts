/**
 * The site lifecycle (集约化, issue 11): the steps a site's status moves through, their inputs
 * and the API's answers. The transition table itself is server/sites/rules/lifecycle.ts.
 */
import { z } from 'zod';
import { isExistingDate } from '../dates.ts';
import { SITE_CODE_PATTERN } from '../codes.ts';
import type { SiteStatus } from './sites.ts';

export const LIFECYCLE_STEPS = [
  'requestOpen',
  'approve',
  'reject',
  'goLive',
  'takeOffline',
  'restore',
  'startMigration',
  'finishMigration',
  'setDeadline',
  'requestClose',
  'requestMerge',
  'finishClosure',
] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

export const LIFECYCLE_STEP_LABELS: Record<LifecycleStep, string> = {
  requestOpen: '提交开设请示',
  approve: '批准',
  reject: '退回',
  goLive: '登记标识并上线',
  takeOffline: '临时下线',
  restore: '恢复上线',
  startMigration: '开始迁移',
  finishMigration: '完成迁移',
  setDeadline: '设定整合期限',
  requestClose: '申请关停',
  requestMerge: '申请整合到门户网站',
  finishClosure: '关停',
};

/** What a pending request asks for. */
export const LIFECYCLE_REQUEST_KINDS = ['open', 'close', 'merge'] as const;
export type LifecycleRequestKind = (typeof LIFECYCLE_REQUEST_KINDS)[number];
export const LIFECYCLE_REQUEST_LABELS: Record<LifecycleRequestKind, string> = {
  open: '开设网站',
  close: '关停网站',
  merge: '整合到门户网站',
};

/** The status a temporarily offline site (临时下线, e.g. a revamp) has, beside the registry's statuses. */
export const OFFLINE_STATUS = 'offline' satisfies SiteStatus;

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isExistingDate, '日期不存在');
const text = (min: number, max: number, empty: string) =>
  z.string({ message: empty }).trim().min(min, empty).max(max, `不能超过 ${max} 个字符`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`).optional();
/** The lifecycle sequence number the user saw: a step taken on a stale view is refused. */
const expectedSeq = z.number({ message: '缺少页面版本，请刷新后重试' }).int().min(0).max(1_000_000_000);
const siteId = z.string().trim().min(1, '请选择网站').max(40);
const url = z.url({ protocol: /^https?$/, message: '网址应以 http:// 或 https:// 开头' }).max(500);
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9\u4e00-\u9fa5]([a-z0-9\u4e00-\u9fa5-]{0,61}[a-z0-9\u4e00-\u9fa5])?\.)+[a-z\u4e00-\u9fa5]{2,63}$/;
const dataMigrated = z.literal(true, { message: '关停前须先完成数据迁移或归档，请确认' });

export const LIFECYCLE_STEP_SCHEMAS = {
  requestOpen: z.strictObject({
    expectedSeq,
    reason: text(2, 2000, '请填写请示内容'),
    documentNo: optionalText(100),
  }),
  approve: z.strictObject({ expectedSeq, opinion: optionalText(500) }),
  reject: z.strictObject({ expectedSeq, opinion: text(2, 500, '请填写退回理由') }),
  goLive: z.strictObject({
    expectedSeq,
    code: z.string().trim().regex(SITE_CODE_PATTERN, '网站标识码应为 10 位数字，或 bm 加 8 位数字').optional(),
    icpNumber: z.string().trim().min(1, '不能为空').max(64, '不能超过 64 个字符').optional(),
    psbNumber: z.string().trim().min(1, '不能为空').max(64, '不能超过 64 个字符').optional(),
    domains: z.array(z.string().trim().toLowerCase().regex(HOSTNAME, '域名格式不正确')).min(1, '请填写域名').max(10).optional(),
  }),
  takeOffline: z.strictObject({
    expectedSeq,
    noticeText: text(5, 500, '请填写在网站上公示的下线公告（至少 5 个字）'),
    until: date.optional(),
  }),
  restore: z.strictObject({ expectedSeq, note: optionalText(500) }),
  startMigration: z.strictObject({ expectedSeq, reason: text(2, 2000, '请填写迁移说明'), deadline: date.optional() }),
  finishMigration: z.strictObject({ expectedSeq, note: optionalText(500) }),
  setDeadline: z.strictObject({ expectedSeq, deadline: date.nullable(), note: optionalText(500) }),
  requestClose: z
    .strictObject({
      expectedSeq,
      reason: text(2, 2000, '请填写关停理由'),
      successorSiteId: siteId.optional(),
      successorUrl: url.optional(),
      noticeText: optionalText(500),
      dataMigrated,
    })
    .refine((v) => v.successorSiteId || v.successorUrl, {
      message: '关停公告须指明新网站：请选择平台上的网站或填写新网址',
      path: ['successorSiteId'],
    }),
  requestMerge: z.strictObject({
    expectedSeq,
    reason: text(2, 2000, '请填写整合理由'),
    parentSiteId: siteId,
    noticeText: optionalText(500),
    dataMigrated,
  }),
  finishClosure: z.strictObject({ expectedSeq, note: optionalText(500) }),
} satisfies Record<LifecycleStep, z.ZodType>;

export type LifecycleStepInput<S extends LifecycleStep> = z.output<(typeof LIFECYCLE_STEP_SCHEMAS)[S]>;

export const LifecycleStepParamSchema = z.strictObject({
  siteId: z.string().min(1).max(40),
  step: z.enum(LIFECYCLE_STEPS, { message: '未知的网站生命周期步骤' }),
});

// ---------------------------------------------------------------------------------------
// Responses.

/** One recorded step of a site (the timeline, oldest first). */
export interface LifecycleEvent {
  seq: number;
  step: string;
  fromStatus: string;
  toStatus: string;
  actorName: string;
  approverName: string | null;
  text: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

/** A request waiting for (or, for opening, holding) its approval. */
export interface LifecycleRequest {
  kind: LifecycleRequestKind;
  state: 'pending' | 'approved';
  requestedBy: string;
  requestedAt: string;
  reason: string;
  seq: number;
}

/** GET /api/sites/:id/lifecycle. */
export interface SiteLifecycle {
  siteId: string;
  name: string;
  status: string;
  seq: number;
  request: LifecycleRequest | null;
  successorSiteId: string | null;
  successorUrl: string | null;
  mergedIntoSiteId: string | null;
  noticeText: string | null;
  noticeFrom: string | null;
  noticeUntil: string | null;
  deadline: string | null;
  closedAt: string | null;
  /** Steps this user may take now. */
  steps: LifecycleStep[];
  events: LifecycleEvent[];
  /** The closure notice period in days (a setting). */
  noticeDays: number;
}

/** One row of GET /api/sites/consolidation (the platform view). */
export interface ConsolidationRow {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  status: string;
  hosting: string;
  sponsorOrgId: string;
  sponsorName: string;
  /** The county (or the city) the sponsor belongs to. */
  countyName: string | null;
  successorSiteId: string | null;
  successorName: string | null;
  successorUrl: string | null;
  mergedIntoSiteId: string | null;
  deadline: string | null;
  /** Days from today to the deadline (negative: past), null without a deadline. */
  daysLeft: number | null;
  noticeUntil: string | null;
  closedAt: string | null;
  request: LifecycleRequestKind | null;
  /** The consolidation rules the site still breaks, in Chinese. */
  problems: string[];
}

/**
 * Indicator systems (指标体系) and the evaluation of a site against one (server/evaluation).
 *
 * A system is data: groups (一级指标, with their points) and items (veto, deduction or bonus),
 * each with the official rule text shown to users, a cap, and how it is measured — `drivers`
 * that count monitoring findings, or `manual` when the table itself has a checker sample or try
 * the site (the checker's recorded result then scores it). Shape checks are here; the checks
 * that need the whole system (unknown finding kinds, caps that do not add up…) are in
 * server/evaluation/rules/indicator-system.ts and name the item at fault.
 */
import { z } from 'zod';
import { FRESHNESS_CLASSES } from './sites.ts';
import { calendarDate, plainText } from './text.ts';
import { SEVERITIES, type Finding, type FindingKind } from './monitoring.ts';

export const INDICATOR_KINDS = ['veto', 'deduction', 'bonus'] as const;

/** The kinds of problem results are broken down by (the founding notice's four failures, and the rest). */
export const PROBLEM_CATEGORIES = ['update', 'accuracy', 'interaction', 'service', 'function'] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
export const PROBLEM_CATEGORY_LABELS: Record<ProblemCategory, string> = {
  update: '更新不及时',
  accuracy: '发布不准确',
  interaction: '互动不回应',
  service: '服务不实用',
  function: '功能和可用性',
};
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = { veto: '单项否决', deduction: '扣分指标', bonus: '加分指标' };

/**
 * What one matching finding is worth: `site` — the points once if any finding matches; `finding`
 * — the points for each; `page` — for each page the finding counts (`params.pages`, at most
 * `sample`); `percent` — for each whole percent of failed probes (`params.failures / probes`).
 */
export const DRIVER_UNITS = ['site', 'finding', 'page', 'percent'] as const;

export const DriverSchema = z.strictObject({
  /** Finding kinds (monitoring's FINDING_KINDS). */
  kinds: z.array(z.string().min(1).max(40)).min(1).max(20),
  /** Only findings of these elements (identity_missing: siteCode…; meta_missing: home/column/article). */
  element: z.array(z.string().min(1).max(40)).max(20).optional(),
  /** Only column findings of these freshness classes (`params.class`). */
  columnClass: z.array(z.enum(FRESHNESS_CLASSES)).max(10).optional(),
  /** Only column findings whose column name matches (a regular expression). */
  columnName: z.string().min(1).max(200).optional(),
  /** Only findings of these severities. */
  severity: z.array(z.enum(SEVERITIES)).max(3).optional(),
  per: z.enum(DRIVER_UNITS),
  /** Points per unit (deduction and bonus items). */
  points: z.number().positive().max(100).optional(),
  /** Points per unit on the home page instead (a broken link or a missing 找错 entry there weighs more). */
  homePoints: z.number().positive().max(100).optional(),
  sample: z.number().int().positive().max(1000).optional(),
});
export type IndicatorDriver = z.infer<typeof DriverSchema>;

export const IndicatorGroupSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/),
  kind: z.enum(['deduction', 'bonus']),
  name: z.string().min(1).max(40),
  /** The group's points; unset when the table gives none (its items then deduct until the score is zero). */
  points: z.number().positive().max(100).optional(),
  /** The 办事服务 group: not checked for sites without external services. */
  services: z.boolean().optional(),
});
export type IndicatorGroup = z.infer<typeof IndicatorGroupSchema>;

export const IndicatorItemSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,59}$/),
  kind: z.enum(INDICATOR_KINDS),
  /** The group (deduction and bonus items). */
  group: z.string().max(40).optional(),
  name: z.string().min(1).max(60),
  /** Most points the item can take or give (bonus items always; deduction items unless the table sets none). */
  cap: z.number().positive().max(100).optional(),
  /** The official rule text, shown as is. */
  rule: z.string().min(1).max(4000),
  drivers: z.array(DriverSchema).max(20).optional(),
  /** What the checker samples or tries and records; set when the item is (also) scored by hand. */
  manual: z.string().min(1).max(500).optional(),
  /** A veto item about services: not checked for sites without external services. */
  services: z.boolean().optional(),
  /** What kind of problem losing it means (deduction and veto items). */
  category: z.enum(PROBLEM_CATEGORIES).optional(),
});
export type IndicatorItem = z.infer<typeof IndicatorItemSchema>;

export const IndicatorSystemSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  name: z.string().min(1).max(100),
  version: z.number().int().positive(),
  /** Below this 不合格. */
  passLine: z.number().min(0).max(100),
  /** Above this the bonus items are scored. */
  bonusLine: z.number().min(0).max(100),
  /** Sites without external services are scored out of `without` points, scaled to 100 (75 × 4/3). */
  serviceScale: z.strictObject({ without: z.number().positive().max(100) }).optional(),
  groups: z.array(IndicatorGroupSchema).max(50),
  items: z.array(IndicatorItemSchema).min(1).max(500),
});
export type IndicatorSystem = z.infer<typeof IndicatorSystemSchema>;

/** What scoring reads of a finding (a batch loads only this much of each). */
export type ScorableFinding = Pick<Finding, 'kind' | 'severity' | 'url' | 'parent' | 'column' | 'element' | 'params'>;

/** A checker's recorded result for an item scored by hand. */
export interface ManualResult {
  /** Points lost (deduction) or gained (bonus); for a veto item, whether it is hit. */
  points?: number;
  veto?: boolean;
  /** What was sampled (the items, letters, titles tried…). */
  sample?: string[];
  note?: string;
}

export interface ScoredVeto<F extends ScorableFinding = Finding> {
  code: string;
  indicator: string;
  findings: F[];
  manual?: ManualResult;
}

export interface ScoredDeduction<F extends ScorableFinding = Finding> {
  code: string;
  indicator: string;
  /** Points lost, at most the item's cap. */
  points: number;
  findings: F[];
  manual?: ManualResult;
}

export interface ScoredBonus {
  code: string;
  indicator: string;
  points: number;
  manual?: ManualResult;
}

/** A site scored against a system. */
export interface Evaluation<F extends ScorableFinding = Finding> {
  system: string;
  verdict: 'pass' | 'fail';
  vetoes: ScoredVeto<F>[];
  /** Every item that lost points, with the findings behind it. */
  deductions: ScoredDeduction<F>[];
  bonuses: ScoredBonus[];
  /** 100 minus the deductions (scaled for sites without services); null when a veto stopped the scoring. */
  deductionScore: number | null;
  bonus: number;
  /** The final score (deductions plus bonus), null when vetoed. */
  score: number | null;
  /** Items scored by hand that have no recorded result yet (counted as no loss and no gain). */
  notAssessed: { code: string; indicator: string; manual: string }[];
}

/** The document `gongkai evaluate --json` prints (the contract's fields only). */
export interface EvaluateReport {
  url: string;
  asOf: string;
  system: string;
  verdict: 'pass' | 'fail';
  vetoes: { indicator: string; findings: Finding[] }[];
  deductions: { indicator: string; points: number; findings: Finding[] }[];
  score: number | null;
}

// ---------------------------------------------------------------------------------------------
// Spot checks (抽查): batches of a period, their results, and the checkers' manual results.

/** Where an indicator system comes from: built into the platform, or kept by the city (versioned). */
export const SYSTEM_SOURCES = ['builtIn', 'local'] as const;
export type SystemSource = (typeof SYSTEM_SOURCES)[number];
export const SYSTEM_SOURCE_LABELS: Record<SystemSource, string> = { builtIn: '内置', local: '本地' };

/** A system as listed: its newest version. */
export interface SystemSummary {
  key: string;
  name: string;
  version: number;
  source: SystemSource;
  basedOn: string | null;
  groups: number;
  items: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface SystemVersionSummary {
  version: number;
  name: string;
  note: string;
  createdBy: string;
  createdAt: string;
}

/** One version of a system, with the list of its versions (local systems). */
export interface SystemDetail {
  system: IndicatorSystem;
  source: SystemSource;
  basedOn: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string | null;
  versions: SystemVersionSummary[];
}

/**
 * Saving a local system: a new system (`baseVersion` null) or a new version of one, edited from
 * `baseVersion` (refused when someone saved another version since). The key and version of
 * `system` are set by the platform.
 */
export const SaveLocalSystemSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '编码只能由小写字母、数字和“-”组成（不超过 40 个字符）'),
  baseVersion: z.number().int().positive().nullable(),
  /** The system it was copied from (`key@version`), for a new one. */
  basedOn: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}@\d{1,6}$/)
    .optional(),
  note: plainText(500, '版本说明'),
  system: IndicatorSystemSchema.omit({ key: true, version: true }),
});
export type SaveLocalSystemInput = z.infer<typeof SaveLocalSystemSchema>;

export const PERIOD_PATTERN = /^\d{4}-(Q[1-4]|H[12])$/;

export const CreateBatchSchema = z.strictObject({
  name: plainText(200, '抽查名称'),
  /** `YYYY-Qn` (quarter) or `YYYY-Hn` (half-year). */
  period: z.string().regex(PERIOD_PATTERN, '期间应为“2026-Q3”（季度）或“2026-H1”（半年）的格式'),
  /** The day the findings are judged to; the period's last day unless given. */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '检查日期应为 YYYY-MM-DD 格式')
    .optional(),
  system: z.string().max(40).optional(),
  /** A random sample instead of every open site; the seed is drawn when not given. */
  sample: z
    .strictObject({
      size: z.number({ message: '请填写抽查网站数' }).int('抽查网站数应为整数').min(1, '至少抽查 1 个网站').max(10_000),
      seed: z.string().trim().min(1).max(40).optional(),
    })
    .optional(),
});
export type CreateBatchInput = z.infer<typeof CreateBatchSchema>;

export const ManualResultInputSchema = z
  .strictObject({
    itemCode: z.string().min(1).max(60),
    points: z.number().min(0, '分值不能为负').max(100).optional(),
    veto: z.boolean().optional(),
    /** What was sampled or tried (items, letters, titles…): at least one. */
    sample: z.array(plainText(500, '抽查样本')).min(1, '请记录抽查的样本').max(100),
    note: plainText(1000, '说明').optional(),
  })
  .refine((v) => (v.points === undefined) !== (v.veto === undefined), {
    message: '请填写扣分（或得分），否决项请填写是否否决',
    path: ['points'],
  });
export type ManualResultInput = z.infer<typeof ManualResultInputSchema>;

export const BATCH_STATES = ['pending', 'running', 'done'] as const;
export type BatchState = (typeof BATCH_STATES)[number];
export const BATCH_STATE_LABELS: Record<BatchState, string> = { pending: '待评分', running: '评分中', done: '已完成' };

export interface BatchView {
  id: string;
  name: string;
  period: string;
  asOf: string;
  system: { key: string; version: number; name: string };
  scope: 'all' | 'sample';
  sampleSize: number | null;
  /** The sample's seed: anyone can draw the same sample again from it. */
  seed: string | null;
  state: BatchState;
  sites: number;
  scored: number;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface BatchResultView {
  siteId: string;
  siteName: string;
  rank: number | null;
  state: 'pending' | 'scored';
  verdict: 'pass' | 'fail' | null;
  score: number | null;
  deductionScore: number | null;
  bonus: number | null;
  /** Each with the findings behind it (the first 100 named; `findingCount` in all). */
  vetoes: { code: string; indicator: string; findingIds: string[]; findingCount: number }[];
  deductions: { code: string; indicator: string; points: number; findingIds: string[]; findingCount: number }[];
  notAssessed: number;
  /** The same site in the previous period's batch, when there is one. */
  previous: { batchId: string; verdict: 'pass' | 'fail' | null; score: number | null } | null;
  /** Failed in this period and the previous one: flagged for 约谈问责. */
  repeatFailure: boolean;
}

export interface CountyBreakdown {
  /** null: the city-level sites. */
  countyId: string | null;
  county: string;
  sites: number;
  scored: number;
  pass: number;
  fail: number;
  /** Per cent of the scored sites that passed. */
  passRate: number | null;
  /** Over the sites with a score (vetoed ones have none). */
  averageScore: number | null;
}

export interface CategoryBreakdown {
  category: ProblemCategory;
  label: string;
  /** Sites that lost points (or were vetoed) on this kind of problem. */
  sites: number;
  items: number;
  points: number;
  vetoes: number;
}

export interface InteractionRanking {
  /** Letters a site must have received in the period to be ranked. */
  minLetters: number;
  ranked: { rank: number; siteId: string; siteName: string; letters: number; lost: number | null; vetoed: boolean }[];
  unranked: { siteId: string; siteName: string; letters: number; reason: 'pending' | 'fewLetters' | 'vetoed' }[];
}

export interface BatchDetail {
  batch: BatchView;
  results: BatchResultView[];
  /** The batch of the previous period the comparison uses, if any. */
  previousBatchId: string | null;
  byCounty: CountyBreakdown[];
  byCategory: CategoryBreakdown[];
  interaction: InteractionRanking;
}

export const BatchDetailQuerySchema = z.strictObject({
  /** Letters a site must have received in the period to take part in the interaction ranking. */
  minLetters: z.coerce.number().int().min(0).max(100_000).optional(),
});

/** What the office fills in to draft the circular (通报) of a spot check. */
export const NoticeRequestSchema = z.strictObject({
  /** 发文机关 (its mark in the 版头 and the signature). */
  issuer: plainText(40, '发文机关'),
  /** 发文字号, the year in 六角括号: 攀办函〔2026〕12号. */
  docNumber: z
    .string()
    .trim()
    .regex(/^\S{1,20}〔\d{4}〕\d{1,5}号$/, '发文字号应为“机关代字〔年份〕序号号”，如“攀办函〔2026〕12号”'),
  recipients: plainText(200, '主送机关').default('各县（区）人民政府，市级各部门'),
  /** 成文日期, today unless given. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '成文日期应为 YYYY-MM-DD 格式')
    .optional(),
  /** Sites at or above this score are praised. */
  praiseFrom: z.number().min(0).max(130).default(90),
  /** Days to rectify. */
  rectifyDays: z.number().int().min(1).max(365).default(30),
});

// ---- Rectification (整改) ------------------------------------------------------------------

export const TASK_STATES = ['open', 'reported', 'dismissalRequested', 'closed', 'dismissed'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Record<TaskState, string> = {
  open: '待整改',
  reported: '已报整改，待复查',
  dismissalRequested: '申请核销，待审批',
  closed: '复查通过，已销号',
  dismissed: '经批准核销',
};

export const TASK_EVENTS = [
  'created',
  'reported',
  'closed',
  'reopened',
  'escalated',
  'dismissalRequested',
  'dismissalApproved',
  'dismissalRejected',
] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];
export const TASK_EVENT_LABELS: Record<TaskEvent, string> = {
  created: '下发整改',
  reported: '报送整改情况',
  closed: '复查通过，销号',
  reopened: '复查未通过，重新整改',
  escalated: '逾期未整改，已督办',
  dismissalRequested: '申请核销',
  dismissalApproved: '批准核销',
  dismissalRejected: '驳回核销申请',
};

/** Issuing the rectification tasks of a finished spot check: one per lost item of each site. */
export const IssueTasksSchema = z.strictObject({
  /** 整改期限; 30 days from today unless given. */
  deadline: calendarDate.optional(),
  /** Only the failing sites' items (default), or every item that lost points. */
  scope: z.enum(['failing', 'all']).default('failing'),
});
export type IssueTasksInput = z.infer<typeof IssueTasksSchema>;

export const ReportFixSchema = z.strictObject({ note: plainText(2000, '整改情况') });
export const RequestDismissalSchema = z.strictObject({
  reason: plainText(2000, '核销理由').refine((s) => s.length >= 5, '请写明核销理由（不少于5个字）'),
});
export const DecideDismissalSchema = z.strictObject({
  approve: z.boolean({ message: '请选择批准或驳回' }),
  opinion: plainText(1000, '审批意见'),
});
/** A checker's re-check of an item scored by hand. */
export const VerifyTaskSchema = z.strictObject({
  fixed: z.boolean({ message: '请选择复查结果' }),
  note: plainText(1000, '复查说明'),
});

export const TaskQuerySchema = z.strictObject({
  batchId: z.string().max(40).optional(),
  siteId: z.string().max(40).optional(),
  state: z.enum(TASK_STATES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export interface TaskView {
  id: string;
  batchId: string;
  batchName: string;
  period: string;
  siteId: string;
  siteName: string;
  orgId: string;
  orgName: string;
  itemCode: string;
  indicator: string;
  kind: 'veto' | 'deduction';
  /** Points lost (deductions). */
  points: number | null;
  category: ProblemCategory | null;
  /** The findings behind it when it was last (re)checked: the first 100 named, `findingCount` in all. */
  findingIds: string[];
  findingCount: number;
  /** `auto`: a re-check runs the monitoring again; `manual`: a checker re-checks by hand. */
  recheck: 'auto' | 'manual';
  state: TaskState;
  deadline: string;
  overdue: boolean;
  escalatedAt: string | null;
  reopened: number;
  createdAt: string;
  closedAt: string | null;
}

export interface TaskEventView {
  seq: number;
  at: string;
  actor: string;
  event: TaskEvent;
  note: string | null;
}

export interface TaskDetail extends TaskView {
  events: TaskEventView[];
}

export interface TaskList {
  items: TaskView[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- Accountability interviews (约谈问责) ----------------------------------------------------

export const INTERVIEW_REASONS = ['repeatFailure', 'overdueRectification'] as const;
export type InterviewReason = (typeof INTERVIEW_REASONS)[number];
export const INTERVIEW_REASON_LABELS: Record<InterviewReason, string> = {
  repeatFailure: '连续两期检查不合格',
  overdueRectification: '整改逾期',
};

export const InterviewInputSchema = z.strictObject({
  siteId: z.string().min(1).max(40),
  batchId: z.string().min(1).max(40).optional(),
  reason: z.enum(INTERVIEW_REASONS, { message: '请选择约谈原因' }),
  heldOn: calendarDate,
  /** Who was interviewed and by whom. */
  attendees: plainText(500, '参加人员'),
  summary: plainText(4000, '约谈情况'),
  /** What the org committed to. */
  commitments: plainText(2000, '整改承诺').optional(),
});

export interface InterviewView {
  id: string;
  siteId: string;
  siteName: string;
  orgId: string;
  orgName: string;
  batchId: string | null;
  reason: InterviewReason;
  heldOn: string;
  attendees: string;
  summary: string;
  commitments: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A site flagged for 约谈问责, with why. */
export interface InterviewCandidate {
  siteId: string;
  siteName: string;
  orgName: string;
  reasons: InterviewReason[];
  /** Overdue tasks, when that is a reason. */
  overdueTasks: number;
  /** Interviews already recorded for the site since the flag arose. */
  interviews: number;
}

// ---- Annual results (年度结果) ------------------------------------------------------------

/** `Q1:30,Q2:20,Q3:25,Q4:25` (quarters) or `H1:50,H2:50` (half-years): each period's weight in the year's score. */
export const WEIGHTS_PATTERN = /^(?:(?:Q[1-4]|H[12]):\d{1,3}(?:\.\d{1,2})?)(?:,(?:Q[1-4]|H[12]):\d{1,3}(?:\.\d{1,2})?)*$/;

export const AnnualQuerySchema = z.strictObject({
  weights: z.string().max(100).regex(WEIGHTS_PATTERN, '权重格式应为“Q1:25,Q2:25,Q3:25,Q4:25”，半年检查为“H1:50,H2:50”').optional(),
});

export const AnnualYearSchema = z.strictObject({
  year: z.coerce.number({ message: '年份不正确' }).int('年份不正确').min(2000, '年份不正确').max(2100, '年份不正确'),
});

export interface AnnualPeriod {
  period: string;
  batchId: string;
  batchName: string;
  weight: number;
}

export interface AnnualRow {
  rank: number | null;
  siteId: string;
  siteName: string;
  orgName: string;
  county: string;
  /** Per period of `periods`, in order: the score, 0 when vetoed, null when the site was not checked. */
  scores: (number | null)[];
  vetoed: boolean[];
  /** Periods that checked the site, and of them those it failed. */
  checked: number;
  failed: number;
  /** The weighted mean over the periods that checked the site (a vetoed period counts 0). */
  annualScore: number | null;
  verdict: 'pass' | 'fail' | null;
}

export interface AnnualResults {
  year: number;
  /** The latest finished spot check of each period of the year, with its weight. */
  periods: AnnualPeriod[];
  passLine: number;
  rows: AnnualRow[];
}

// ---- Supervision dashboard (监管驾驶舱) ----------------------------------------------------

export interface DashboardBatch {
  batchId: string;
  name: string;
  period: string;
  sites: number;
  scored: number;
  pass: number;
  passRate: number | null;
  averageScore: number | null;
}

export interface SupervisionDashboard {
  /** Beijing day the figures are of. */
  asOf: string;
  /** The latest finished spot checks, oldest first (at most 8). */
  trend: DashboardBatch[];
  /** The latest finished spot check by county, with its lowest-scoring sites. */
  latest: {
    batchId: string;
    name: string;
    period: string;
    byCounty: CountyBreakdown[];
    lowest: { siteId: string; siteName: string; score: number | null; verdict: 'pass' | 'fail' | null; vetoes: number }[];
  } | null;
  /** Every site's open findings by kind. */
  findings: { kind: FindingKind; veto: number; deduction: number; info: number }[];
  overduePublications: number;
  /** Letters past their reply deadline, and consultative ones at the veto line's warning. */
  letters: { overdue: number; vetoRisk: number };
  disclosureRequests: { overdue: number; warning: number };
  emergencies: { awaiting: number; overdue: number };
  rectification: { open: number; overdue: number };
  /** Sites registered but not hosted on the platform (not closed). */
  outside: { siteId: string; name: string; baseUrl: string | null }[];
}

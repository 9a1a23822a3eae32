/**
 * Monitoring findings: one observed problem on a site with its evidence. The kind names and
 * the JSON shape of `gongkai monitor --json` are a contract other tools rely on (issue 9):
 * keep them exactly.
 */
import { z } from 'zod';

export const FINDING_KINDS = [
  'site_unreachable',
  'homepage_stale',
  'column_stale',
  'column_empty',
  'broken_link',
  'identity_missing',
  'meta_missing',
  'publish_time_missing',
  'wording_error',
  'letter_unanswered',
  'guide_incomplete',
  'accessibility',
  'tls_expiring',
  'consolidation',
  'redirect_broken',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  site_unreachable: '站点无法访问',
  homepage_stale: '首页不更新',
  column_stale: '栏目不更新',
  column_empty: '空白栏目',
  broken_link: '链接不可用',
  identity_missing: '网站标识缺失',
  meta_missing: '网页标签缺失',
  publish_time_missing: '未注明发布时间',
  wording_error: '表述错误',
  letter_unanswered: '留言未回复',
  guide_incomplete: '办事指南要素不全',
  accessibility: '无障碍问题',
  tls_expiring: '证书即将过期',
  consolidation: '不符合集约化要求',
  redirect_broken: '旧网址跳转失效',
};

/** The footer identity elements of domain-rules.md §2.4. */
export const IDENTITY_ELEMENTS = ['siteCode', 'icp', 'psb', 'sponsor', 'contact', 'errorReport', 'partyGovMark'] as const;
export type IdentityElement = (typeof IDENTITY_ELEMENTS)[number];

export const IDENTITY_ELEMENT_LABELS: Record<IdentityElement, string> = {
  siteCode: '网站标识码',
  icp: 'ICP备案编号',
  psb: '公安机关备案号',
  sponsor: '主办单位',
  contact: '联系方式',
  errorReport: '“我为政府网站找错”入口',
  partyGovMark: '党政机关网站标识',
};

/** Severity under the national 2019 indicators: a veto item, a deduction item, or information only. */
export const SEVERITIES = ['veto', 'deduction', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FindingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  severity: z.enum(SEVERITIES),
  url: z.string(),
  parent: z.string().optional(),
  column: z.string().optional(),
  element: z.string().optional(),
  status: z.number().int().optional(),
  /** Calendar date YYYY-MM-DD (Beijing) of the newest item seen, for freshness findings. */
  lastUpdated: z.string().optional(),
  /** Days since lastUpdated (or since a letter was written), counted to the as-of day. */
  days: z.number().int().optional(),
  /** What is wrong, in Chinese, for people. */
  detail: z.string(),
  /** The rule that produced it (e.g. `veto.column_stale`) and the parameters it ran with. */
  rule: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  /** A short piece of the page as evidence. */
  snippet: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** What identifies "the same problem" from one run to the next (first seen, last seen, resolved). */
export const findingKey = (f: Pick<Finding, 'kind' | 'url' | 'element' | 'column'>): string =>
  [f.kind, f.element ?? '', f.column ?? '', f.url].join('|');

/** A finding as `gongkai monitor --json` prints it (the contract's fields only). */
export type MonitorFinding = Pick<
  Finding,
  'kind' | 'severity' | 'url' | 'parent' | 'column' | 'element' | 'status' | 'lastUpdated' | 'days' | 'detail'
>;

/** The document `gongkai monitor --json` prints. */
export interface MonitorReport {
  url: string;
  asOf: string;
  pages: number;
  links: number;
  findings: Finding[];
}

// ---------------------------------------------------------------------------------------------
// The findings store (server/monitoring): runs, lifecycle, probes, notices, and the API's shapes.

/** Where a finding comes from; a run of one source resolves only that source's findings. */
export const FINDING_SOURCES = ['crawl', 'database', 'probe', 'axe', 'tls', 'consolidation', 'redirects'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];
export const FINDING_SOURCE_LABELS: Record<FindingSource, string> = {
  crawl: '网页抓取',
  database: '平台数据',
  probe: '可用性探测',
  axe: '无障碍检测',
  tls: '证书检查',
  consolidation: '集约化检查',
  redirects: '旧网址跳转检查',
};

/** A finding is open while runs keep seeing it, resolved when a run of its source no longer does. */
export const FINDING_STATES = ['open', 'resolved'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** What happened to a finding in a run (its history, kept forever). */
export const FINDING_EVENTS = ['opened', 'changed', 'resolved', 'reopened'] as const;
export type FindingEventKind = (typeof FINDING_EVENTS)[number];
export const FINDING_EVENT_LABELS: Record<FindingEventKind, string> = {
  opened: '发现',
  changed: '严重程度变化',
  resolved: '已消除',
  reopened: '再次出现',
};

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true, message: '时间格式不正确' });

/** What a monitoring source hands over after looking at one site (recordRun). */
export const RecordRunSchema = z
  .strictObject({
    siteId: z.string().min(1).max(40),
    source: z.enum(FINDING_SOURCES),
    /** The calendar day (Beijing) the run judged the site as of. */
    asOf: date,
    startedAt: instant,
    /** When the run ended; the recording time when absent. */
    finishedAt: instant.optional(),
    pages: z.number().int().min(0).optional(),
    links: z.number().int().min(0).optional(),
    /** A run that failed (site not crawlable, tool crashed) changes no finding: it says nothing about them. */
    error: z.string().min(1).max(2000).optional(),
    findings: z.array(FindingSchema).max(200_000),
  })
  .refine((r) => !r.error || r.findings.length === 0, { message: '失败的监测不能带有发现的问题', path: ['findings'] });
export type RecordRunInput = z.input<typeof RecordRunSchema>;

/** What recordRun did. */
export interface RunSummary {
  runId: string;
  outcome: 'ok' | 'failed';
  /** Distinct findings in the run (duplicates by key counted once). */
  found: number;
  opened: number;
  reopened: number;
  /** Open findings whose severity changed. */
  changed: number;
  resolved: number;
  /** Veto notices created for the site's owner org. */
  notices: number;
}

/** The availability probe and its alert lines (setting `monitoring.settings`). */
export interface MonitoringSettings {
  /** A homepage not open within this time counts as a failed probe (national rule: 15 s). */
  probeTimeoutMs: number;
  /** Failure ratio (percent) over the rolling 7 days that warns the site (deduction). */
  alertPercent: number;
  /** Failure ratio (percent) that is the national veto line (5 %). */
  vetoPercent: number;
  /** Probes the 7-day window needs before the veto is claimed. */
  minProbes: number;
  /** Days each probe is kept (the quarterly and yearly evaluations read the period's probes). */
  probeRetentionDays: number;
}

const DEFAULT_PROBE_RETENTION_DAYS = 400;

export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = {
  probeTimeoutMs: 15_000,
  alertPercent: 1,
  vetoPercent: 5,
  minProbes: 140,
  probeRetentionDays: DEFAULT_PROBE_RETENTION_DAYS,
};

const percent = (label: string) =>
  z
    .number({ message: `请填写${label}` })
    .min(0.01, `${label}不小于 0.01%`)
    .max(100, `${label}不超过 100%`)
    .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, `${label}最多两位小数`);

export const SaveMonitoringSettingsSchema = z
  .strictObject({
    probeTimeoutMs: z
      .number({ message: '请填写超时时间' })
      .int('超时时间应为整数毫秒')
      .min(100, '超时时间不小于 100 毫秒')
      .max(60_000, '超时时间不超过 60 秒'),
    alertPercent: percent('预警比例'),
    vetoPercent: percent('否决比例'),
    minProbes: z
      .number({ message: '请填写最少探测次数' })
      .int('最少探测次数应为整数')
      .min(1, '最少探测次数不小于 1')
      .max(10_000, '最少探测次数不超过 10000'),
    probeRetentionDays: z
      .number({ message: '请填写探测记录保留天数' })
      .int('保留天数应为整数')
      .min(100, '探测记录至少保留 100 天（季度检查需要整季的记录）')
      .max(3_660, '探测记录最多保留 3660 天')
      .default(DEFAULT_PROBE_RETENTION_DAYS),
  })
  .refine((s) => s.alertPercent < s.vetoPercent, { message: '预警比例应低于否决比例', path: ['alertPercent'] }) satisfies z.ZodType<
  MonitoringSettings,
  unknown
>;

const pageFields = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const FindingQuerySchema = z.strictObject({
  siteId: z.string().min(1).max(40).optional(),
  kind: z.enum(FINDING_KINDS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  state: z.enum(FINDING_STATES).optional(),
  source: z.enum(FINDING_SOURCES).optional(),
  /** Text searched in the URL and the description. */
  q: z.string().trim().max(100).optional(),
  ...pageFields,
});
export type FindingQuery = z.input<typeof FindingQuerySchema>;

export const RunQuerySchema = z.strictObject({ source: z.enum(FINDING_SOURCES).optional(), ...pageFields });
export type RunQuery = z.input<typeof RunQuerySchema>;

export const NoticeQuerySchema = z.strictObject({ state: z.enum(['unread', 'all']).default('unread'), ...pageFields });
export type NoticeQuery = z.input<typeof NoticeQuerySchema>;

/** A stored finding as the API shows it. */
export interface FindingView {
  id: string;
  siteId: string;
  siteName: string;
  source: FindingSource;
  key: string;
  kind: FindingKind;
  severity: Severity;
  state: FindingState;
  url: string;
  parent: string | null;
  column: string | null;
  element: string | null;
  status: number | null;
  lastUpdated: string | null;
  days: number | null;
  detail: string;
  rule: string;
  params: Record<string, unknown> | null;
  snippet: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  /** The run that last saw it. */
  lastRunId: string;
}

export interface FindingList {
  items: FindingView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FindingEventView {
  seq: number;
  event: FindingEventKind;
  at: string;
  runId: string;
  severity: Severity;
  previousSeverity: Severity | null;
}

export interface RunView {
  id: string;
  siteId: string;
  source: FindingSource;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  pages: number | null;
  links: number | null;
  outcome: 'ok' | 'failed';
  error: string | null;
  found: number;
  opened: number;
  reopened: number;
  resolved: number;
}

export interface RunList {
  items: RunView[];
  total: number;
  page: number;
  pageSize: number;
}

/** One finding with its evidence, its history (oldest first) and the run that last saw it. */
export interface FindingDetail extends FindingView {
  history: FindingEventView[];
  lastRun: RunView | null;
}

/** Probes of one Beijing day. */
export interface ProbeDay {
  date: string;
  probes: number;
  failures: number;
  /** Mean time of the probes that opened the page, in ms; null when none did. */
  avgMs: number | null;
}

export interface ProbeView {
  at: string;
  url: string;
  ok: boolean;
  status: number | null;
  ms: number | null;
  error: string | null;
}

/** Where a site stands against the availability lines over the rolling window. */
export type AvailabilityLevel = 'ok' | 'alert' | 'veto';

/** A freshness finding (column_stale / column_empty) with what a countdown needs. */
export interface FreshnessView {
  findingId: string;
  kind: 'column_stale' | 'column_empty';
  severity: Severity;
  column: string | null;
  url: string;
  lastUpdated: string | null;
  days: number | null;
  /** The column's update window in days (from the finding's parameters, or the hosted column's freshness class). */
  window: number | null;
  /** window − days: days left before the column is overdue (negative: days overdue); null when unknown. */
  daysLeft: number | null;
  detail: string;
  firstSeenAt: string;
}

export interface SiteHealth {
  siteId: string;
  siteName: string;
  homepageUrl: string | null;
  /** Today (Beijing), the last day of the series. */
  asOf: string;
  settings: MonitoringSettings;
  availability: {
    windowDays: number;
    since: string;
    probes: number;
    failures: number;
    /** failures / probes, 0 without probes. */
    ratio: number;
    level: AvailabilityLevel;
    /** True when the window holds fewer probes than the veto needs. */
    insufficient: boolean;
  };
  /** The last 30 days, oldest first, every day present. */
  daily: ProbeDay[];
  /** The latest failed probes (up to 20), newest first. */
  recentFailures: ProbeView[];
  openFindings: {
    total: number;
    byKind: { kind: FindingKind; veto: number; deduction: number; info: number; total: number }[];
  };
  freshness: FreshnessView[];
}

/** A veto notice to a site's owner org. */
export interface NoticeView {
  id: string;
  orgId: string;
  siteId: string;
  siteName: string;
  findingId: string;
  kind: FindingKind;
  severity: Severity;
  url: string;
  detail: string;
  findingState: FindingState;
  createdAt: string;
  readAt: string | null;
}

export interface NoticeList {
  items: NoticeView[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

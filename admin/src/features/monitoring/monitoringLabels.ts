/** Display texts, filters and figures of the 网站监测 screens. Pure. */
import {
  FINDING_EVENT_LABELS,
  FINDING_KIND_LABELS,
  FINDING_KINDS,
  FINDING_SOURCE_LABELS,
  FINDING_SOURCES,
  IDENTITY_ELEMENT_LABELS,
  IDENTITY_ELEMENTS,
  SEVERITIES,
  type AvailabilityLevel,
  type FindingEventView,
  type FindingKind,
  type FindingSource,
  type FindingState,
  type ProbeDay,
  type Severity,
  type SiteHealth,
} from '../../../../common/schemas/monitoring.ts';
import type { FindingFilter } from '../../api/monitoring.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';

const labelOf =
  <K extends string>(codes: readonly K[], labels: Record<K, string>) =>
  (code: string): string =>
    (codes as readonly string[]).includes(code) ? labels[code as K] : code;

export const SEVERITY_LABELS: Record<Severity, string> = { veto: '否决', deduction: '扣分', info: '提示' };
/** Tag colours with WCAG AA text contrast (white on dark red and dark orange; antd's blue preset). */
export const SEVERITY_COLORS: Record<Severity, string> = { veto: TAG_COLORS.darkRed, deduction: TAG_COLORS.orange, info: 'blue' };
export const STATE_LABELS: Record<FindingState, string> = { open: '未解决', resolved: '已解决' };
export const STATE_COLORS: Record<FindingState, string> = { open: 'magenta', resolved: TAG_COLORS.green };

export const kindLabel = labelOf(FINDING_KINDS, FINDING_KIND_LABELS);
export const sourceLabel = labelOf(FINDING_SOURCES, FINDING_SOURCE_LABELS);
export const severityLabel = labelOf(SEVERITIES, SEVERITY_LABELS);

export const KIND_OPTIONS = [
  { value: '', label: '全部类型' },
  ...FINDING_KINDS.map((k) => ({ value: k as string, label: FINDING_KIND_LABELS[k] })),
];
export const SEVERITY_OPTIONS = [
  { value: '', label: '全部' },
  ...SEVERITIES.map((s) => ({ value: s as string, label: SEVERITY_LABELS[s] })),
];
export const SOURCE_OPTIONS = [
  { value: '', label: '全部来源' },
  ...FINDING_SOURCES.map((s) => ({ value: s as string, label: FINDING_SOURCE_LABELS[s] })),
];
export type StateFilter = FindingState | 'all';
export const STATE_OPTIONS: { value: StateFilter; label: string }[] = [
  { value: 'open', label: STATE_LABELS.open },
  { value: 'resolved', label: STATE_LABELS.resolved },
  { value: 'all', label: '全部状态' },
];

/** The page types of `meta_missing` findings. */
const PAGE_TYPE_LABELS: Record<string, string> = { home: '首页', column: '栏目页', article: '内容页' };

/** The element a finding names, for people: an identity element, a page type, or as given. */
export function elementLabel(kind: string, element: string | null): string | null {
  if (element === null || element === '') return null;
  if (kind === 'identity_missing' && (IDENTITY_ELEMENTS as readonly string[]).includes(element))
    return IDENTITY_ELEMENT_LABELS[element as keyof typeof IDENTITY_ELEMENT_LABELS];
  if (kind === 'meta_missing') return PAGE_TYPE_LABELS[element] ?? element;
  return element;
}

/** "栏目 / 要素" of a finding: the column, the element, both, or null. */
export function whereText(f: { kind: string; column: string | null; element: string | null }): string | null {
  const parts = [f.column, elementLabel(f.kind, f.element)].filter((p): p is string => !!p);
  return parts.length ? parts.join(' / ') : null;
}

// ---------------------------------------------------------------------------------------------
// The findings list's filter, kept in the address so that a link opens the list filtered.

export const PAGE_SIZES = [20, 50, 100] as const;

export interface FindingQuery {
  siteId: string;
  kind: FindingKind | '';
  severity: Severity | '';
  state: StateFilter;
  source: FindingSource | '';
  q: string;
  page: number;
  pageSize: number;
  /** The finding shown in the drawer, or ''. */
  finding: string;
}

const oneOf = <K extends string>(codes: readonly K[], raw: string | null): K | '' =>
  raw !== null && (codes as readonly string[]).includes(raw) ? (raw as K) : '';

/** The list's filter from its address; only open findings unless the address says otherwise. */
export function findingQueryFrom(params: URLSearchParams): FindingQuery {
  const state = params.get('state');
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    siteId: params.get('siteId') ?? '',
    kind: oneOf(FINDING_KINDS, params.get('kind')),
    severity: oneOf(SEVERITIES, params.get('severity')),
    state: state === 'resolved' || state === 'all' ? state : 'open',
    source: oneOf(FINDING_SOURCES, params.get('source')),
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
    finding: params.get('finding') ?? '',
  };
}

/** The address parameters of a filter, defaults left out. */
export function findingQueryParams(q: FindingQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.siteId) out.siteId = q.siteId;
  if (q.kind) out.kind = q.kind;
  if (q.severity) out.severity = q.severity;
  if (q.state !== 'open') out.state = q.state;
  if (q.source) out.source = q.source;
  if (q.q.trim()) out.q = q.q.trim();
  if (q.page > 1) out.page = String(q.page);
  if (q.pageSize !== PAGE_SIZES[0]) out.size = String(q.pageSize);
  if (q.finding) out.finding = q.finding;
  return out;
}

/** The API filter of a list query. */
export function findingFilter(q: FindingQuery): FindingFilter {
  return {
    siteId: q.siteId || undefined,
    kind: q.kind || undefined,
    severity: q.severity || undefined,
    state: q.state === 'all' ? undefined : q.state,
    source: q.source || undefined,
    q: q.q.trim() || undefined,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------------------------------------------------------------------------------------------
// Availability and freshness.

/** A ratio (0…1) as a percentage: at most two decimals, trailing zeros dropped ("6%", "1.25%"). */
export function percentText(ratio: number): string {
  return `${Math.round(ratio * 10_000) / 100}%`;
}

export const LEVEL_LABELS: Record<AvailabilityLevel, string> = { ok: '正常', alert: '超过预警线', veto: '达到否决线' };
export const LEVEL_COLORS: Record<AvailabilityLevel, string> = { ok: TAG_COLORS.green, alert: TAG_COLORS.orange, veto: TAG_COLORS.darkRed };

/**
 * Where the ratio and the two lines sit on a gauge, in percent of its width: the gauge runs to
 * twice the veto line, or further when the ratio is beyond that.
 */
export function gauge(ratio: number, alertPercent: number, vetoPercent: number): { value: number; alert: number; veto: number } {
  const valuePercent = ratio * 100;
  const max = Math.max(vetoPercent * 2, valuePercent * 1.1, 0.01);
  const at = (p: number) => Math.min(100, Math.max(0, (p / max) * 100));
  return { value: at(valuePercent), alert: at(alertPercent), veto: at(vetoPercent) };
}

/** A freshness countdown: "已超期 N 天", "今天到期", "还剩 N 天", or null without a window. */
export function countdownText(daysLeft: number | null): string | null {
  if (daysLeft === null) return null;
  if (daysLeft < 0) return `已超期 ${-daysLeft} 天`;
  if (daysLeft === 0) return '今天到期';
  return `还剩 ${daysLeft} 天`;
}

/** Countdown tag colour: overdue dark red, within three days dark orange, else green. */
export function countdownColor(daysLeft: number | null): string | undefined {
  if (daysLeft === null) return undefined;
  if (daysLeft < 0) return TAG_COLORS.darkRed;
  return daysLeft <= 3 ? TAG_COLORS.orange : TAG_COLORS.green;
}

/** How a day's probes went against the lines: its own failure ratio, as the week's is judged. */
export function dayLevel(day: Pick<ProbeDay, 'probes' | 'failures'>, alertPercent: number, vetoPercent: number): AvailabilityLevel {
  if (day.probes === 0 || day.failures === 0) return 'ok';
  const percent = (day.failures / day.probes) * 100;
  if (percent >= vetoPercent) return 'veto';
  return percent >= alertPercent ? 'alert' : 'ok';
}

/** The chart's upper bound: a round number at or above the largest day (at least 1). */
export function chartMax(daily: readonly Pick<ProbeDay, 'failures'>[]): number {
  const top = Math.max(1, ...daily.map((d) => d.failures));
  if (top <= 5) return top;
  const step = 10 ** Math.floor(Math.log10(top));
  for (const m of [1, 2, 5, 10]) if (m * step >= top) return m * step;
  return top;
}

/** "11-27" from "2026-11-27". */
export const shortDate = (date: string): string => date.slice(5);

// ---------------------------------------------------------------------------------------------
// A finding's history.

/** One history entry in words: "发现（否决）", "严重程度变化：扣分 → 否决", "已消除". */
export function eventText(e: Pick<FindingEventView, 'event' | 'severity' | 'previousSeverity'>): string {
  const label = FINDING_EVENT_LABELS[e.event] ?? e.event;
  if (e.event === 'changed') return `${label}：${severityLabel(e.previousSeverity ?? '')} → ${severityLabel(e.severity)}`;
  if (e.event === 'resolved') return label;
  return `${label}（${severityLabel(e.severity)}）`;
}

export interface HistoryEntry {
  key: string;
  at: string;
  text: string;
  /** The last time a run saw it (not an event of its own). */
  seen?: boolean;
}

/** The history oldest first, with the latest sighting placed among the events when it is not one of them. */
export function historyEntries(f: { history: readonly FindingEventView[]; lastSeenAt: string }): HistoryEntry[] {
  const entries: HistoryEntry[] = [...f.history]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({ key: `e${e.seq}`, at: e.at, text: eventText(e) }));
  if (!f.history.some((e) => e.at === f.lastSeenAt)) entries.push({ key: 'seen', at: f.lastSeenAt, text: '最近一次发现', seen: true });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** A rule parameter's value as text (lists joined, objects as JSON). */
export function paramText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The run outcome in words. */
export const RUN_OUTCOME_LABELS: Record<'ok' | 'failed', string> = { ok: '完成', failed: '失败' };

/** A site's open findings by severity and its overdue columns, for the overview table. */
export function healthCounts(h: Pick<SiteHealth, 'openFindings' | 'freshness'>): {
  veto: number;
  deduction: number;
  info: number;
  overdueColumns: number;
} {
  const sum = (s: Severity) => h.openFindings.byKind.reduce((n, k) => n + k[s], 0);
  return {
    veto: sum('veto'),
    deduction: sum('deduction'),
    info: sum('info'),
    overdueColumns: h.freshness.filter((f) => f.daysLeft !== null && f.daysLeft < 0).length,
  };
}

/**
 * Freshness windows (domain-rules.md §1.2): 动态/要闻 columns must update within 2 weeks,
 * 通知公告/政策文件 within 6 months, 人事/规划计划 within a year; the home page within 2 weeks.
 * For sites not on the platform a column's class comes from its name. Both the name patterns and
 * the windows are configuration. Every window is counted to an as-of day, so a check of a past
 * period gives the same answer every time. Pure.
 */
import type { Finding } from '../../../common/schemas/monitoring.ts';
import type { FreshnessClass } from '../../../common/schemas/sites.ts';

export interface FreshnessSettings {
  /** Column name patterns (regular expression source) → class, first match wins. */
  columnClasses: { pattern: string; freshnessClass: FreshnessClass }[];
  /** Days a column of each class may go without an update. */
  windows: Record<'news' | 'notice' | 'policy' | 'personnel' | 'plan', number>;
  homepageDays: number;
  /** Words a list shows when it has nothing (暂无信息 and friends). */
  emptyMarkers: string;
  /** Veto lines of the 2019 table (栏目不更新): stale 动态/要闻 + first-level 通知公告/政策文件; any stale; empty. */
  vetoStaleKey: number;
  vetoStaleAny: number;
  vetoEmpty: number;
}

export const DEFAULT_FRESHNESS: FreshnessSettings = {
  columnClasses: [
    { pattern: '动态|要闻|新闻|时政|工作信息|图片报道|媒体聚焦', freshnessClass: 'news' },
    { pattern: '通知公告|公告公示|通知|公告|公示', freshnessClass: 'notice' },
    { pattern: '政策文件|规范性文件|政策法规|文件', freshnessClass: 'policy' },
    { pattern: '人事', freshnessClass: 'personnel' },
    { pattern: '规划|计划', freshnessClass: 'plan' },
  ],
  windows: { news: 14, notice: 183, policy: 183, personnel: 365, plan: 365 },
  homepageDays: 14,
  emptyMarkers: '暂无(?:相关)?(?:信息|内容|数据|记录|文章|新闻)|没有(?:找到)?相关(?:信息|内容)|(?:正在|栏目)建设中|敬请期待|信息正在更新',
  vetoStaleKey: 5,
  vetoStaleAny: 10,
  vetoEmpty: 5,
};

/** The class of a column by its name, or null when its name says nothing (not checked). */
export function classifyColumnName(name: string, s: FreshnessSettings = DEFAULT_FRESHNESS): FreshnessClass | null {
  for (const c of s.columnClasses) {
    try {
      if (new RegExp(c.pattern).test(name)) return c.freshnessClass;
    } catch {
      // A bad pattern in the settings is skipped, not fatal (the settings form validates them).
    }
  }
  return null;
}

/** The window of a class in days, or null for classes not checked. */
export function windowOf(cls: FreshnessClass | null, s: FreshnessSettings = DEFAULT_FRESHNESS, customDays?: number | null): number | null {
  if (!cls || cls === 'none') return null;
  if (cls === 'custom') return customDays ?? null;
  return s.windows[cls];
}

const DAY = 86_400_000;
const utc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): number => Math.round((utc(to) - utc(from)) / DAY);

/** A list date as of `asOf`: `--MM-DD` gets the latest year that does not put it after the as-of day. */
export function resolveListDate(date: string, asOf: string): string {
  if (!date.startsWith('--')) return date;
  const year = Number(asOf.slice(0, 4));
  const candidate = `${year}${date.slice(1)}`;
  return candidate > asOf ? `${year - 1}${date.slice(1)}` : candidate;
}

/** The newest of `dates` on or before `asOf` (what had been published by then), or null. */
export function newestBy(dates: Iterable<string>, asOf: string): string | null {
  let best: string | null = null;
  for (const raw of dates) {
    const d = resolveListDate(raw, asOf);
    if (d <= asOf && (best === null || d > best)) best = d;
  }
  return best;
}

/** A stale column's finding and whether it counts towards the first veto line (动态/要闻, first-level 通知公告/政策文件). */
export interface StaleColumn {
  finding: Finding;
  key: boolean;
}

/**
 * The national veto lines of 栏目不更新 (2019 table, item 4) over one check's column findings:
 * `vetoStaleKey` or more stale 动态/要闻 and first-level 通知公告/政策文件 columns, `vetoStaleAny` or
 * more stale columns, `vetoEmpty` or more empty columns each turn every finding of their group into
 * a veto that says why. Used by the crawl's judgement
 * (site-analysis.ts) and the hosted sites' (hosted-freshness.ts) alike.
 */
export function applyColumnVetoLines(
  stale: readonly StaleColumn[],
  blank: readonly Finding[],
  s: Pick<FreshnessSettings, 'vetoStaleKey' | 'vetoStaleAny' | 'vetoEmpty'> = DEFAULT_FRESHNESS,
): { stale: Finding[]; blank: Finding[] } {
  const staleOut = stale.map((c) => ({ ...c.finding }));
  const blankOut = blank.map((f) => ({ ...f }));
  const veto = (list: Finding[], line: number, rule: string, why: string) => {
    if (list.length < line) return;
    for (const f of list) {
      f.severity = 'veto';
      f.rule = rule;
      f.detail += `；${why.replace('{n}', String(list.length))}`;
    }
  };
  veto(
    staleOut.filter((_, i) => stale[i]!.key),
    s.vetoStaleKey,
    'veto.column_stale',
    '动态要闻类及通知公告、政策文件类一级栏目共{n}个不更新，达到单项否决线',
  );
  veto(staleOut, s.vetoStaleAny, 'veto.column_stale', '共{n}个栏目应更新未更新，达到单项否决线');
  veto(blankOut, s.vetoEmpty, 'veto.column_empty', '共{n}个空白栏目，达到单项否决线');
  return { stale: staleOut, blank: blankOut };
}

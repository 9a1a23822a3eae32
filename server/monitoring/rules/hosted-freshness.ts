/**
 * Freshness of a site hosted on the platform, judged exactly from the database as of a day
 * (domain-rules.md §1.2 items 3 and 4): every column against its own update window, empty
 * columns, the home page, and the national veto lines. The crawl judges the same things from the
 * public pages (site-analysis.ts); here nothing is guessed from names or list layouts: a column's
 * class is the one set on it, and every article carries its publication time.
 *
 * - A column is what the public site shows: active, under active parents (as the publisher
 *   builds the tree), its folder made of the slugs from the top down.
 * - Columns not meant to list articles are not judged: a column that accepts no article type (a
 *   link or navigation entry), and the 依申请公开 and 公开指南 catalogue columns (pages built from
 *   other data, common/catalogue.ts).
 * - A column with sub-columns is as fresh as the newest article under it; only a column without
 *   sub-columns can be empty (a section's own columns are judged one by one, not twice).
 * Pure.
 */
import { holdsArticles } from '../../../common/catalogue.ts';
import { beijingDate } from '../../../common/dates.ts';
import type { Finding } from '../../../common/schemas/monitoring.ts';
import { FRESHNESS_CLASSES, type FreshnessClass } from '../../../common/schemas/sites.ts';
import { applyColumnVetoLines, daysBetween, DEFAULT_FRESHNESS, windowOf, type FreshnessSettings, type StaleColumn } from './freshness.ts';

/** A column of a hosted site as stored. */
export interface HostedColumn {
  id: string;
  parentId: string | null;
  name: string;
  slug: string;
  sortOrder: number;
  freshnessClass: string;
  /** The days of a `custom` class. */
  freshnessDays: number | null;
  /** Article types the column takes; an empty list: none (a link or navigation column). */
  accepts: readonly string[] | null;
  catalogueCategory: string | null;
  status: string;
}

/** What a column had published by the end of the as-of day. */
export interface ColumnContent {
  live: number;
  /** UTC ISO instant of the newest publication. */
  newestAt: string;
}

/** A column the public site shows, with its place in the tree. */
export interface VisibleColumn extends HostedColumn {
  /** Site-root folder, e.g. `/xwdt/zwyw`. */
  path: string;
  /** 0 for a top-level (first-level) column. */
  depth: number;
  children: VisibleColumn[];
}

/** How deep a column tree is followed (the publisher stops at 20 too). */
const MAX_DEPTH = 20;

/** Catalogue columns whose pages are not article lists: 依申请公开 (the request form) and the 指南 (built from the org's guide fields). */
const isCataloguePage = (code: string) => !holdsArticles(code) || code === 'guide';

/** Whether a column is meant to list articles (and so can be empty or stale). */
export function listsArticles(c: Pick<HostedColumn, 'accepts' | 'catalogueCategory'>): boolean {
  if (c.accepts && c.accepts.length === 0) return false;
  return !(c.catalogueCategory && isCataloguePage(c.catalogueCategory));
}

/** The columns the public site shows, in tree order: parents before their children, siblings by sort order then name (as the publisher lists them). */
export function visibleColumns(columns: readonly HostedColumn[]): VisibleColumn[] {
  const active = columns
    .filter((c) => c.status === 'active')
    .sort((a, b) => a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1));
  const byParent = new Map<string | null, HostedColumn[]>();
  for (const c of active) {
    const list = byParent.get(c.parentId) ?? [];
    list.push(c);
    byParent.set(c.parentId, list);
  }
  const out: VisibleColumn[] = [];
  const walk = (parentId: string | null, parentPath: string, depth: number): VisibleColumn[] => {
    if (depth >= MAX_DEPTH) return [];
    return (byParent.get(parentId) ?? []).map((c) => {
      const v: VisibleColumn = { ...c, path: `${parentPath}/${c.slug}`, depth, children: [] };
      out.push(v);
      v.children = walk(c.id, v.path, depth + 1);
      return v;
    });
  };
  walk(null, '', 0);
  return out;
}

const freshnessClassOf = (cls: string): FreshnessClass | null =>
  (FRESHNESS_CLASSES as readonly string[]).includes(cls) ? (cls as FreshnessClass) : null;

export interface FreshnessFacts {
  /** YYYY-MM-DD (Beijing): windows are counted to this day. */
  asOf: string;
  columns: readonly HostedColumn[];
  /** Per column id, what it had published by the end of `asOf` (columns with nothing left out). */
  content: ReadonlyMap<string, ColumnContent>;
  /** The public URL of a site-root path (`/` for the home page, `/xwdt/` for a column). */
  url: (path: string) => string;
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** `homepage_stale`, `column_stale` and `column_empty` findings of a hosted site as of `asOf`. */
export function freshnessFindings(f: FreshnessFacts, s: FreshnessSettings = DEFAULT_FRESHNESS): Finding[] {
  const { asOf } = f;
  const columns = visibleColumns(f.columns);
  const own = (c: VisibleColumn) => (listsArticles(c) ? f.content.get(c.id) : undefined);
  // The newest publication under each column (its own list and every sub-column's), children first.
  const newestUnder = new Map<string, string | null>();
  for (const c of [...columns].reverse())
    newestUnder.set(
      c.id,
      c.children.reduce((n, ch) => later(n, newestUnder.get(ch.id) ?? null), own(c)?.newestAt ?? null),
    );

  const out: Finding[] = [];
  const siteNewest = columns.filter((c) => c.depth === 0).reduce<string | null>((n, c) => later(n, newestUnder.get(c.id) ?? null), null);
  const homeDate = siteNewest ? beijingDate(siteNewest) : null;
  const homeDays = homeDate ? daysBetween(homeDate, asOf) : null;
  if (homeDays === null || homeDays > s.homepageDays) {
    out.push({
      kind: 'homepage_stale',
      severity: 'veto',
      url: f.url('/'),
      ...(homeDate ? { lastUpdated: homeDate, days: homeDays! } : {}),
      detail: homeDate
        ? `网站最新信息发布于${homeDate}，首页已${homeDays}天未更新（要求${s.homepageDays}天内）`
        : '网站没有已发布的信息，首页不更新',
      rule: 'veto.homepage_stale',
      params: { windowDays: s.homepageDays, asOf },
    });
  }

  const stale: StaleColumn[] = [];
  const blank: Finding[] = [];
  for (const c of columns) {
    if (!listsArticles(c)) continue;
    const url = f.url(`${c.path}/`);
    if (c.children.length === 0 && !own(c)?.live) {
      blank.push({
        kind: 'column_empty',
        severity: 'deduction',
        url,
        column: c.name,
        detail: `栏目“${c.name}”没有已发布的信息`,
        rule: 'deduction.column_empty',
      });
      continue;
    }
    const cls = freshnessClassOf(c.freshnessClass);
    const window = windowOf(cls, s, c.freshnessDays);
    if (window === null) continue;
    const newest = newestUnder.get(c.id) ?? null;
    const date = newest ? beijingDate(newest) : null;
    const days = date ? daysBetween(date, asOf) : null;
    if (days !== null && days <= window) continue;
    stale.push({
      finding: {
        kind: 'column_stale',
        severity: 'deduction',
        url,
        column: c.name,
        ...(date ? { lastUpdated: date, days: days! } : {}),
        detail: date
          ? `栏目“${c.name}”最新信息发布于${date}，已${days}天未更新（要求${window}天内）`
          : `栏目“${c.name}”及其下级栏目没有已发布的信息（要求${window}天内更新）`,
        rule: 'deduction.column_stale',
        params: { windowDays: window, class: cls, asOf },
      },
      // 动态/要闻 columns, and 通知公告/政策文件 columns at the first level.
      key: cls === 'news' || ((cls === 'notice' || cls === 'policy') && c.depth === 0),
    });
  }
  const judged = applyColumnVetoLines(stale, blank, s);
  out.push(...judged.stale, ...judged.blank);
  return out;
}

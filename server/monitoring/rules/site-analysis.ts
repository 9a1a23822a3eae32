/**
 * Judging a crawled site against the national rules: page by page as the crawl goes (memory
 * holds one entry per column and per kind, not per page), then the findings at the end.
 *
 * What it finds, and the severity under the 2019 indicators (domain-rules.md §1.2, indicators.md):
 * - `site_unreachable`: the home page did not open (one crawl cannot judge the 5% line: info;
 *   the probes decide the veto).
 * - `homepage_stale`: no new item on the home page for more than 2 weeks (veto). A home page that
 *   is only navigation is judged by its second-level pages.
 * - `column_stale` / `column_empty`: per column, from list pages (meta ColumnName, or dated lists)
 *   and article pages; deduction each, veto when the counts reach the table's lines (5 stale
 *   动态/要闻 + first-level 通知公告/政策文件; 10 stale in all; 5 empty).
 * - `publish_time_missing`: an article page that shows no publication time (deduction; such
 *   items also count as not updated).
 * - `identity_missing` (per element) and `meta_missing` (per page type): deduction.
 * - `broken_link`: deduction.
 * - `wording_error`: banned words and leaders' titles written wrong are 严重表述错误 (veto);
 *   typos and warning-level words are deductions.
 * - `letter_unanswered`: letter lists showing 未回复/办理中… past the deadline (deduction) and past
 *   3 months within the last year (veto).
 */
import { IDENTITY_ELEMENTS, IDENTITY_ELEMENT_LABELS, type Finding, type IdentityElement } from '../../../common/schemas/monitoring.ts';
import type { FreshnessClass } from '../../../common/schemas/sites.ts';
import { identityOf, missingMeta, type PageType } from './identity.ts';
import { allDates, type PageFacts } from './page-facts.ts';
import {
  applyColumnVetoLines,
  classifyColumnName,
  DEFAULT_FRESHNESS,
  daysBetween,
  newestBy,
  resolveListDate,
  windowOf,
  type FreshnessSettings,
} from './freshness.ts';

/** Default documents a server answers for a folder: a link to one of them is a link to the home page. */
const HOME_DOCUMENTS = [
  'index.html',
  'index.htm',
  'index.shtml',
  'default.html',
  'default.htm',
  'index.jsp',
  'index.php',
  'index.asp',
  'default.aspx',
];

export interface AnalysedPage {
  url: string;
  depth: number;
  parent: string | null;
  facts: PageFacts;
}

export interface AnalysedLink {
  url: string;
  ok: boolean;
  status?: number;
  error?: string;
  parent: string | null;
}

export interface WordingHit {
  serious: boolean;
  message: string;
  snippet: string;
}

export interface AnalysisSettings extends FreshnessSettings {
  /** Days a letter may wait for its answer before it is flagged (local rule; the veto line is 90). */
  letterDeadlineDays: number;
  letterVetoDays: number;
  letterStatusWords: string;
  /** At most this many findings of one kind are listed; the rest are counted in the last one. */
  maxPerKind: number;
}

export const DEFAULT_ANALYSIS: AnalysisSettings = {
  ...DEFAULT_FRESHNESS,
  letterDeadlineDays: 15,
  letterVetoDays: 90,
  letterStatusWords: '未回复|待回复|未答复|待答复|办理中|正在办理|未办结|待处理|处理中',
  maxPerKind: 1_000,
};

const LETTER_PAGE = /信箱|留言|咨询|投诉|建议|问政|来信|诉求|互动/;
const TITLE_SEPARATORS = /\s*[-_|—–·>»]\s*/;

interface ColumnState {
  name: string;
  url: string;
  depth: number;
  cls: FreshnessClass | null;
  newest: string | null;
  /** Whether `url` is a list page of the column (else an article page of it). */
  listed: boolean;
  items: number;
  dated: number;
  articles: number;
  emptyMarker: boolean;
}

const FETCH_ERROR_TEXT: Record<string, string> = {
  timeout: '超时无响应',
  unreachable: '无法连接',
  tls: '证书或加密连接错误',
  redirectLoop: '重定向循环',
  tooManyRedirects: '重定向次数过多',
  badUrl: '链接地址无效',
  badScheme: '链接不是 http 或 https 地址',
  aborted: '检测被中止',
};

/** Why a link failed, in Chinese. */
export const linkFailureText = (l: Pick<AnalysedLink, 'status' | 'error'>): string =>
  l.error && l.error !== 'http' ? (FETCH_ERROR_TEXT[l.error] ?? l.error) : `HTTP ${l.status ?? '错误'}`;

const snippet = (text: string, at: number, len: number) => text.slice(Math.max(0, at - 20), at + len + 20).replace(/\s+/g, ' ');

/** The name of the column a page belongs to: its ColumnName tag, else the first part of its title. */
export function columnNameOf(facts: PageFacts): string | null {
  const meta = facts.meta.columnname?.trim();
  if (meta) return meta;
  const first = facts.title.split(TITLE_SEPARATORS)[0]?.trim();
  return first || null;
}

export interface SiteAnalyser {
  page(p: AnalysedPage): void;
  link(l: AnalysedLink): void;
  /** The home page could not be read. */
  homeFailed(url: string, status: number | null, error: string | null): void;
  finish(): Finding[];
}

/** An analyser for one crawl of one site, judging as of `asOf` (YYYY-MM-DD). */
export function createSiteAnalyser(opts: {
  homeUrl: string;
  asOf: string;
  settings?: AnalysisSettings;
  wording?: (text: string) => { serious: boolean; start: number; end: number; message: string }[];
}): SiteAnalyser {
  const s = opts.settings ?? DEFAULT_ANALYSIS;
  const asOf = opts.asOf;
  const empty = new RegExp(s.emptyMarkers);
  const letterStatus = new RegExp(s.letterStatusWords);
  const findings: Finding[] = [];
  const counts = new Map<string, number>();
  const add = (f: Finding) => {
    const n = (counts.get(f.kind) ?? 0) + 1;
    counts.set(f.kind, n);
    if (n <= s.maxPerKind) findings.push(f);
  };

  let home: { url: string; newest: string | null; hasItems: boolean } | null = null;
  let homeFailure: Finding | null = null;
  let secondLevelNewest: string | null = null;
  const columns = new Map<string, ColumnState>();
  const listPages = new Set<string>();
  const identityMissing = new Map<IdentityElement, { pages: number; home: boolean; problem?: string; examples: string[] }>();
  const metaMissing = new Map<PageType, { pages: number; tags: Set<string>; examples: string[] }>();
  let pagesSeen = 0;

  /** The column `name`, pointing at its shallowest list page (or an article page until a list page is seen). */
  const column = (name: string, url: string, depth: number, listed: boolean): ColumnState => {
    let c = columns.get(name);
    if (!c) {
      const cls = classifyColumnName(name, s);
      columns.set(name, (c = { name, url, depth, cls, listed, newest: null, items: 0, dated: 0, articles: 0, emptyMarker: false }));
    }
    if ((listed && !c.listed) || (listed === c.listed && depth < c.depth)) {
      c.url = url;
      c.depth = depth;
      c.listed = listed;
    }
    return c;
  };

  // The home page under another name (`/index.html` for `/`): the same page, not a column page.
  const homeAliases = (() => {
    const home = new URL(opts.homeUrl);
    if (!home.pathname.endsWith('/')) return new Set<string>();
    return new Set(HOME_DOCUMENTS.map((doc) => new URL(doc, home).href));
  })();

  return {
    page({ url, depth, parent, facts }) {
      if (depth > 0 && homeAliases.has(url)) return;
      pagesSeen++;
      const isHome = depth === 0 && parent === null;
      const isArticle = !isHome && (Boolean(facts.meta.articletitle) || (parent !== null && listPages.has(parent)));
      const datedItems = facts.items.filter((i) => i.date);
      const isList = !isHome && !facts.meta.articletitle && (Boolean(facts.meta.columnname) || datedItems.length >= 3);
      if (isList) listPages.add(url);
      const type: PageType = isHome ? 'home' : isArticle && !isList ? 'article' : 'column';

      if (isHome) {
        const newest = newestBy(
          datedItems.map((i) => i.date!),
          asOf,
        );
        home = { url, newest: newest ?? newestBy(allDates(facts.text), asOf), hasItems: datedItems.length > 0 };
      } else if (depth === 1) {
        const n = newestBy(
          datedItems.map((i) => i.date!),
          asOf,
        );
        if (n && (!secondLevelNewest || n > secondLevelNewest)) secondLevelNewest = n;
      }

      const name = columnNameOf(facts);
      if (isList && name) {
        const c = column(name, url, depth, true);
        c.items += facts.items.length;
        c.dated += datedItems.length;
        const n = newestBy(
          datedItems.map((i) => i.date!),
          asOf,
        );
        if (n && (!c.newest || n > c.newest)) c.newest = n;
        if (datedItems.length === 0 && empty.test(facts.text)) c.emptyMarker = true;
      }

      if (type === 'article') {
        const pub = facts.meta.pubdate ? allDates(facts.meta.pubdate)[0] : undefined;
        const visible = allDates(`${facts.title}\n${facts.text}`);
        if (visible.length === 0) {
          add({
            kind: 'publish_time_missing',
            severity: 'deduction',
            url,
            ...(parent ? { parent } : {}),
            detail: '稿件页面未注明发布时间（未注明发布时间的视为不更新）',
            rule: 'deduction.publish_time',
          });
        } else if (name && facts.meta.columnname) {
          const c = column(name, url, depth, false);
          c.articles++;
          const n = newestBy([pub ?? visible[0]!], asOf);
          if (n && (!c.newest || n > c.newest)) c.newest = n;
        }
      }

      // Letters a list still shows as waiting for an answer.
      if (LETTER_PAGE.test(`${facts.title} ${name ?? ''}`)) {
        for (const item of facts.items) {
          if (!item.date || !letterStatus.test(item.text)) continue;
          const written = resolveListDate(item.date, asOf);
          const days = daysBetween(written, asOf);
          if (days < 0 || days > 365) continue;
          const veto = days > s.letterVetoDays;
          if (!veto && days <= s.letterDeadlineDays) continue;
          add({
            kind: 'letter_unanswered',
            severity: veto ? 'veto' : 'deduction',
            url: item.url ?? url,
            parent: url,
            lastUpdated: written,
            days,
            detail: veto
              ? `留言“${item.title}”（${written}）已${days}天未回复，超过3个月`
              : `留言“${item.title}”（${written}）已${days}天未回复，超过${s.letterDeadlineDays}天的办理时限`,
            rule: veto ? 'veto.interaction' : 'deduction.letter_reply',
            params: { deadlineDays: s.letterDeadlineDays, vetoDays: s.letterVetoDays },
            snippet: item.text.slice(0, 200),
          });
        }
      }

      // Identity elements and meta tags, counted over every page.
      const identity = identityOf(facts);
      for (const el of IDENTITY_ELEMENTS) {
        const st = identity[el];
        if (st.present && !st.problem) continue;
        let m = identityMissing.get(el);
        if (!m) identityMissing.set(el, (m = { pages: 0, home: false, examples: [] }));
        m.pages++;
        if (isHome) m.home = true;
        if (st.problem && !m.problem) m.problem = st.problem;
        if (m.examples.length < 5) m.examples.push(url);
      }
      const missing = missingMeta(facts, type);
      if (missing.length) {
        let m = metaMissing.get(type);
        if (!m) metaMissing.set(type, (m = { pages: 0, tags: new Set(), examples: [] }));
        m.pages++;
        for (const t of missing) m.tags.add(t);
        if (m.examples.length < 5) m.examples.push(url);
      }

      if (opts.wording) {
        const text = `${facts.title}\n${facts.text}`;
        for (const w of opts.wording(text)) {
          add({
            kind: 'wording_error',
            severity: w.serious ? 'veto' : 'deduction',
            url,
            detail: `页面${w.message}`,
            rule: w.serious ? 'veto.serious_error' : 'deduction.wording',
            snippet: snippet(text, w.start, w.end - w.start),
          });
        }
      }
    },

    link(l) {
      // The home page itself failing is `site_unreachable`, not a broken link.
      if (l.ok || l.parent === null) return;
      add({
        kind: 'broken_link',
        severity: 'deduction',
        url: l.url,
        ...(l.parent ? { parent: l.parent } : {}),
        ...(l.status !== undefined ? { status: l.status } : {}),
        detail: `链接打不开：${linkFailureText(l)}${l.parent === opts.homeUrl ? '（首页上的链接）' : ''}`,
        rule: l.parent === opts.homeUrl ? 'deduction.availability.home' : 'deduction.availability.other',
      });
    },

    homeFailed(url, status, error) {
      homeFailure = {
        kind: 'site_unreachable',
        severity: 'info',
        url,
        ...(status !== null ? { status } : {}),
        detail: `首页无法打开：${linkFailureText({ status: status ?? undefined, error: error ?? 'http' })}。单次检测不作否决，以7天内探测失败比例是否达到5%为准`,
        rule: 'veto.unreachable',
        params: { probes: 1 },
      };
    },

    finish() {
      if (homeFailure) return [homeFailure, ...findings];
      const out: Finding[] = [];
      const h = home as { url: string; newest: string | null; hasItems: boolean } | null;
      if (h) {
        // A home page that is only navigation is judged by its second-level pages (the 2019 checkpoint note).
        const newest = h.hasItems ? h.newest : (h.newest ?? secondLevelNewest);
        const days = newest ? daysBetween(newest, asOf) : null;
        if (days === null || days > s.homepageDays) {
          out.push({
            kind: 'homepage_stale',
            severity: 'veto',
            url: h.url,
            ...(newest ? { lastUpdated: newest, days: days! } : {}),
            detail: newest
              ? `首页最新信息发布于${newest}，已${days}天未更新（要求${s.homepageDays}天内）`
              : '首页未发现注明发布时间的信息（未注明发布时间的视为不更新）',
            rule: 'veto.homepage_stale',
            params: { windowDays: s.homepageDays, asOf },
          });
        }
      }

      const stale: Finding[] = [];
      const key: Finding[] = [];
      const blank: Finding[] = [];
      for (const c of columns.values()) {
        if (c.articles === 0 && (c.items === 0 || (c.dated === 0 && c.emptyMarker))) {
          blank.push({
            kind: 'column_empty',
            severity: 'deduction',
            url: c.url,
            column: c.name,
            detail: `栏目“${c.name}”没有内容${c.emptyMarker ? '（页面显示“暂无信息”一类字样）' : ''}`,
            rule: 'deduction.column_empty',
          });
          continue;
        }
        const window = windowOf(c.cls, s);
        if (window === null) continue;
        const days = c.newest ? daysBetween(c.newest, asOf) : null;
        if (days !== null && days <= window) continue;
        const f: Finding = {
          kind: 'column_stale',
          severity: 'deduction',
          url: c.url,
          column: c.name,
          ...(c.newest ? { lastUpdated: c.newest, days: days! } : {}),
          detail: c.newest
            ? `栏目“${c.name}”最新信息发布于${c.newest}，已${days}天未更新（要求${window}天内）`
            : `栏目“${c.name}”的信息均未注明发布时间（未注明发布时间的视为不更新）`,
          rule: 'deduction.column_stale',
          params: { windowDays: window, class: c.cls, asOf },
        };
        stale.push(f);
        // 动态/要闻 columns, and 通知公告/政策文件 first-level columns (linked from the home page).
        if (c.cls === 'news' || ((c.cls === 'notice' || c.cls === 'policy') && c.depth <= 1)) key.push(f);
      }
      const judged = applyColumnVetoLines(
        stale.map((finding) => ({ finding, key: key.includes(finding) })),
        blank,
        s,
      );
      out.push(...judged.stale, ...judged.blank);

      for (const [el, m] of identityMissing) {
        const label = IDENTITY_ELEMENT_LABELS[el];
        const where = m.home ? (m.pages > 1 ? `首页及另外${m.pages - 1}个页面` : '首页') : `${m.pages}个页面（共检查${pagesSeen}个）`;
        out.push({
          kind: 'identity_missing',
          severity: 'deduction',
          url: opts.homeUrl,
          element: el,
          detail: m.problem ? `${m.problem}（${where}）` : `${where}底部未列明${label}`,
          rule: 'deduction.identity',
          params: { pages: m.pages, home: m.home, examples: m.examples },
        });
      }
      const TYPE_LABEL: Record<PageType, string> = { home: '首页', column: '栏目页', article: '内容页' };
      for (const [type, m] of metaMissing) {
        out.push({
          kind: 'meta_missing',
          severity: 'deduction',
          url: opts.homeUrl,
          element: type,
          detail: `${m.pages}个${TYPE_LABEL[type]}缺少网页标签：${[...m.tags].join('、')}`,
          rule: 'deduction.meta',
          params: { pages: m.pages, tags: [...m.tags], examples: m.examples },
        });
      }
      for (const [kind, n] of counts) {
        if (n > s.maxPerKind) {
          const last = findings.filter((f) => f.kind === kind).at(-1);
          if (last) last.detail += `（同类问题另有${n - s.maxPerKind}处未逐一列出）`;
        }
      }
      return [...out, ...findings];
    },
  };
}

/**
 * The 政府信息公开目录's rules: what an item of the catalogue says about a published article
 * (条例 12: 索引, 名称, 内容概述, 生成日期; plus 文号, 主题分类, 发布机构, 有效性 to browse by),
 * how a catalogue query is read from the visitor's form, and how complete a site's catalogue is
 * (every category of the standard structure fed by a column, and fed recently enough).
 */
import { catalogueCategory, categoriesFor, holdsArticles, type CatalogueCategory } from '../../../common/catalogue.ts';
import { beijingDate, isExistingDate } from '../../../common/dates.ts';
import type { OrgLevel } from '../../../common/schemas/accounts.ts';

/** A published article as the publisher hands it to the catalogue. */
export interface CatalogueSource {
  articleId: string;
  siteId: string;
  columnId: string;
  category: string;
  title: string;
  summary: string | null;
  /** The body as plain text (for the 内容概述 when there is no summary). */
  bodyText: string;
  metadata: Readonly<Record<string, unknown>>;
  publishedAt: string;
  firstPublishedAt: string;
  /** The article page, site-relative. */
  url: string;
}

export interface CatalogueEntry {
  articleId: string;
  siteId: string;
  columnId: string;
  orgId: string;
  category: string;
  indexNo: string | null;
  title: string;
  summary: string;
  docNumber: string | null;
  topic: string | null;
  issuingOrg: string | null;
  validity: string | null;
  generatedOn: string;
  year: number;
  publishedAt: string;
  url: string;
}

/** Longest 内容概述 kept (characters). */
export const SUMMARY_CHARS = 200;

const text = (v: unknown, max: number): string | null => {
  if (typeof v !== 'string') return null;
  const t = v.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, max) : null;
};

/** The catalogue item of a published article, with its 索引号 and the org it belongs to. */
export function catalogueEntry(source: CatalogueSource, numbering: { indexNo: string | null; orgId: string }): CatalogueEntry {
  const written =
    typeof source.metadata.writtenOn === 'string' && isExistingDate(source.metadata.writtenOn) ? source.metadata.writtenOn : null;
  const generatedOn = written ?? beijingDate(source.firstPublishedAt);
  const summary = text(source.summary, SUMMARY_CHARS) ?? text(source.bodyText, SUMMARY_CHARS) ?? source.title.slice(0, SUMMARY_CHARS);
  return {
    articleId: source.articleId,
    siteId: source.siteId,
    columnId: source.columnId,
    orgId: numbering.orgId,
    category: source.category,
    indexNo: numbering.indexNo,
    title: source.title.slice(0, 500),
    summary,
    docNumber: text(source.metadata.docNumber, 100),
    topic: text(source.metadata.topic, 100),
    issuingOrg: text(source.metadata.issuingOrg, 200),
    validity: text(source.metadata.validity, 20),
    generatedOn,
    year: Number(generatedOn.slice(0, 4)),
    publishedAt: source.publishedAt,
    url: source.url,
  };
}

/** A catalogue query as the public page and the admin ask it. */
export interface CatalogueQuery {
  category: string | null;
  topic: string | null;
  orgId: string | null;
  year: number | null;
  /** Words of the title (all must appear). */
  title: string | null;
  /** Part of the 文号. */
  docNumber: string | null;
  /** 索引号, exact or its start. */
  indexNo: string | null;
  /** 生成日期 range, inclusive. */
  from: string | null;
  to: string | null;
  page: number;
}

export interface QueryProblem {
  field: string;
  message: string;
}

/** Longest free-text filter accepted (characters). */
export const MAX_FILTER_CHARS = 50;
/** Pages beyond this are not served (a bot walking every page gets a refusal, not a scan). */
export const MAX_PAGE = 500;

const one = (v: unknown): string | undefined => (Array.isArray(v) ? undefined : typeof v === 'string' ? v : undefined);

/**
 * Reads the visitor's form (query string values) into a query, collecting every problem.
 * Blank fields are no filter; values with control characters, too long, or not of their shape are refused.
 */
export function parseCatalogueQuery(
  raw: Readonly<Record<string, unknown>>,
  known: { categories: ReadonlySet<string> },
): { query: CatalogueQuery; problems: QueryProblem[] } {
  const problems: QueryProblem[] = [];
  const textField = (field: string, label: string): string | null => {
    const v = raw[field];
    if (v === undefined || v === '') return null;
    const s = one(v);
    if (s === undefined) {
      problems.push({ field, message: `${label}只能填写一个` });
      return null;
    }
    const t = s.trim();
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(t)) problems.push({ field, message: `${label}含有不可见字符` });
    else if (t.length > MAX_FILTER_CHARS) problems.push({ field, message: `${label}不能超过 ${MAX_FILTER_CHARS} 个字` });
    else return t || null;
    return null;
  };
  const dateField = (field: string, label: string): string | null => {
    const t = textField(field, label);
    if (t === null) return null;
    if (!isExistingDate(t)) {
      problems.push({ field, message: `${label}应为有效日期，如 2025-03-01` });
      return null;
    }
    return t;
  };
  const category = textField('category', '目录分类');
  if (category !== null && !known.categories.has(category)) problems.push({ field: 'category', message: '没有这个目录分类' });
  const yearText = textField('year', '年份');
  let year: number | null = null;
  if (yearText !== null) {
    if (/^\d{4}$/.test(yearText) && Number(yearText) >= 1949 && Number(yearText) <= 2100) year = Number(yearText);
    else problems.push({ field: 'year', message: '年份应为四位数字' });
  }
  const pageText = textField('page', '页码');
  let page = 1;
  if (pageText !== null) {
    if (/^\d{1,4}$/.test(pageText) && Number(pageText) >= 1 && Number(pageText) <= MAX_PAGE) page = Number(pageText);
    else problems.push({ field: 'page', message: `页码应为 1—${MAX_PAGE} 之间的整数` });
  }
  const from = dateField('from', '起始日期');
  const to = dateField('to', '截止日期');
  if (from && to && from > to) problems.push({ field: 'to', message: '截止日期不能早于起始日期' });
  const query: CatalogueQuery = {
    category: category !== null && known.categories.has(category) ? category : null,
    topic: textField('topic', '主题分类'),
    orgId: textField('org', '发布机构'),
    year,
    title: textField('q', '标题'),
    docNumber: textField('wh', '文号'),
    indexNo: textField('sy', '索引号'),
    from,
    to,
    page,
  };
  return { query, problems };
}

/** Whether the query filters anything (else the page shows the whole catalogue, newest first). */
export function isFiltered(q: CatalogueQuery): boolean {
  return Boolean(q.category || q.topic || q.orgId || q.year || q.title || q.docNumber || q.indexNo || q.from || q.to);
}

/** Title words: split on spaces; each must appear in the title. */
export function titleWords(title: string | null): string[] {
  return (title ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
}

/** One category of a site's catalogue as the office sees it: which columns feed it, how many items, the newest. */
export interface CategoryCoverage {
  category: CatalogueCategory;
  columns: { id: string; name: string }[];
  items: number;
  newestPublishedAt: string | null;
  /** Why the category needs attention (empty when it is fine). */
  problems: string[];
}

/**
 * How complete a site's catalogue is: for each category of the standard structure (for the
 * sponsor's level) the columns mapped onto it and its items. A category with no column, or
 * whose columns publish nothing, is flagged; the 指南 needs its contact fields, the 依申请公开
 * entry is always there (the request pages), and last year's annual report must be out once its
 * deadline has passed (条例 49: departments by 31 January, governments by 31 March).
 */
export function catalogueCoverage(input: {
  level: OrgLevel;
  columns: readonly { id: string; name: string; category: string | null }[];
  counts: ReadonlyMap<string, { items: number; newestPublishedAt: string | null }>;
  guideComplete: boolean;
  /** Years (of the 生成日期) of the items listed in the 年报 category. */
  reportYears: readonly number[];
  /** Today (Beijing). */
  today: string;
}): CategoryCoverage[] {
  const year = Number(input.today.slice(0, 4));
  // The year in which the newest report is due to have appeared: 条例 49 gives departments until
  // 31 January and governments (their 办公室 publishing for the whole government) until 31 March.
  const deadline = input.level === 'department' ? `${year}-01-31` : `${year}-03-31`;
  const dueIn = input.today > deadline ? year : year - 1;
  return categoriesFor(input.level).map((category) => {
    const columns = input.columns.filter((c) => c.category === category.code).map((c) => ({ id: c.id, name: c.name }));
    const count = input.counts.get(category.code);
    const problems: string[] = [];
    if (category.code === 'guide') {
      if (!input.guideComplete) problems.push('指南的工作机构名称、地址、办公时间、电话、传真或互联网联系方式未填写完整');
    } else if (category.code === 'annualReport') {
      if (!columns.length) problems.push('没有栏目对应政府信息公开年报');
      else if (!input.reportYears.some((y) => y >= dueIn)) problems.push(`未发布 ${dueIn - 1} 年度政府信息公开工作年度报告`);
    } else if (holdsArticles(category.code)) {
      if (!columns.length) problems.push('没有栏目对应此分类');
      else if (!count?.items) problems.push('对应栏目尚无公开信息');
    }
    return { category, columns, items: count?.items ?? 0, newestPublishedAt: count?.newestPublishedAt ?? null, problems };
  });
}

/** The label of a category code for lists ('未分类' when the mapping was removed since). */
export function categoryLabel(code: string): string {
  return catalogueCategory(code)?.label ?? '未分类';
}

/**
 * Full-text search of published articles (站内搜索), shared by server and public pages: the query
 * a search box sends and the result the server returns. Highlights are data (text parts with a
 * hit flag), never HTML: the public renderer escapes them and wraps hits in <mark>.
 */
import { z } from 'zod';
import { ARTICLE_TYPES } from '../content.ts';

export const SEARCH_PAGE_SIZE = 20;
/**
 * The deepest match served (page 50). Matches are counted newest first only as far as the page
 * asked for, so the total is a lower bound until the last page (see ADR 0007).
 */
export const SEARCH_MAX_MATCHES = 1000;
export const SEARCH_MAX_PAGE = SEARCH_MAX_MATCHES / SEARCH_PAGE_SIZE;
/** Longest query accepted (characters); a search box needs a few words, not a document. */
export const SEARCH_MAX_QUERY_CHARS = 100;
export const SEARCH_SORTS = ['date', 'relevance'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_SORT_LABELS: Record<SearchSort, string> = { date: '按时间', relevance: '按相关度' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isRealDate = (s: string) => {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};
const dateText = z.string().refine(isRealDate, '日期格式应为 YYYY-MM-DD，例如 2025-11-08');
const idText = z.string().trim().min(1, '不能为空').max(40, '不能超过 40 个字符');
const pageMessage = `页码应为 1—${SEARCH_MAX_PAGE} 之间的整数`;

/** GET /search query (and the searchArticles input): what to look for, where, in which order. */
export const SearchQuerySchema = z
  .strictObject({
    q: z
      .string({ message: '请输入搜索词' })
      .max(SEARCH_MAX_QUERY_CHARS, `搜索词不能超过 ${SEARCH_MAX_QUERY_CHARS} 个字符`)
      .refine((s) => s.trim().length > 0, '请输入搜索词'),
    siteId: idText.optional(),
    columnId: idText.optional(),
    type: z.enum(ARTICLE_TYPES, { message: '信息类型不存在' }).optional(),
    from: dateText.optional(),
    to: dateText.optional(),
    // Query strings carry text; numbers are accepted too for callers in code.
    page: z
      .union(
        [
          z.number(),
          z
            .string()
            .regex(/^\d{1,4}$/, pageMessage)
            .transform(Number),
        ],
        { message: pageMessage },
      )
      .pipe(z.number().int(pageMessage).min(1, pageMessage).max(SEARCH_MAX_PAGE, pageMessage))
      .default(1),
    sort: z.enum(SEARCH_SORTS, { message: '排序方式应为 date（按时间）或 relevance（按相关度）' }).default('date'),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type SearchQuery = z.input<typeof SearchQuerySchema>;

/** A run of text; `hit` runs are where a search term matched. */
export interface TextPart {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  articleId: string;
  siteId: string;
  columnId: string;
  columnName: string;
  type: string;
  title: string;
  /** Site-relative path of the article page, e.g. `/xwdt/zwyw/202511/<id>.html`. */
  url: string;
  publishedAt: string;
  titleParts: TextPart[];
  /** About 120 characters of the body around the first hit (the start of the body when only the title matched). */
  snippetParts: TextPart[];
}

export interface SearchResult {
  /** The words searched for, after segmentation (what the highlights mark). */
  terms: string[];
  sort: SearchSort;
  /** Matches counted: up to the end of this page; totalIsLowerBound says more exist ("20 条以上", a next page). */
  total: number;
  totalIsLowerBound: boolean;
  page: number;
  pages: number;
  items: SearchHit[];
}

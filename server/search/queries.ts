/**
 * Searching: published articles of all sites or one, newest first (default) or by relevance.
 * The database returns the keys of the newest matches, only as many as the page needs plus one
 * (relevance: the newest RANKED_WINDOW); the total, the ranking and the page come from those,
 * and only the page's rows are read. Counting every match would read every posting of common
 * words: at 1M articles that is what breaks the latency target (ADR 0007).
 */
import {
  SEARCH_MAX_MATCHES,
  SEARCH_MAX_PAGE,
  SEARCH_PAGE_SIZE,
  SearchQuerySchema,
  type SearchHit,
  type SearchResult,
  type SearchSort,
} from '../../common/schemas/search.ts';
import type { Deps } from '../platform/deps.ts';
import { parseInput } from '../platform/validation.ts';
import { keyRange } from './rules/doc-key.ts';
import { highlightParts, snippetParts } from './rules/highlight.ts';
import { searchDocuments } from './search.repository.ts';
import { segmentQuery } from './segmenter.ts';
import { searchStore } from './store.ts';

/** Newest matches relevance orders: enough for the first pages people read. */
const RANKED_WINDOW = 200;

/** Matches to read for a page: up to its end (at least the ranked window), plus one to know more exist. */
const matchWindow = (page: number, sort: SearchSort) =>
  Math.min(SEARCH_MAX_MATCHES, Math.max(page * SEARCH_PAGE_SIZE, sort === 'relevance' ? RANKED_WINDOW : 0)) + 1;

/** Published articles matching every word of `q`, with highlighted titles and snippets. Public: no actor. */
export async function searchArticles(deps: Deps, input: unknown): Promise<SearchResult> {
  const query = parseInput(SearchQuerySchema, input);
  const terms = segmentQuery(query.q);
  const empty = { terms, sort: query.sort, total: 0, totalIsLowerBound: false, page: query.page, pages: 0, items: [] };
  if (terms.length === 0) return empty;

  const db = deps.db.kysely;
  const store = searchStore(deps.db.dialect.name);
  const window = matchWindow(query.page, query.sort);
  const { min, max } = keyRange(query.from, query.to);
  const matches = await store.matches(db, {
    terms,
    siteId: query.siteId,
    columnId: query.columnId,
    type: query.type,
    minKey: min,
    maxKey: max,
    ranked: query.sort === 'relevance',
    limit: window,
  });
  // Reading one match past the window tells whether there are more than it counts.
  const total = Math.min(matches.length, window - 1);
  const ordered = matches.slice(0, total);
  if (query.sort === 'relevance') ordered.sort((a, b) => b.score - a.score || b.docKey - a.docKey);
  const pageKeys = ordered.slice((query.page - 1) * SEARCH_PAGE_SIZE, query.page * SEARCH_PAGE_SIZE).map((m) => m.docKey);

  const rows = new Map((await searchDocuments.byKeys(db, pageKeys)).map((r) => [Number(r.doc_key), r]));
  const items: SearchHit[] = pageKeys.flatMap((key) => {
    const r = rows.get(key);
    return r
      ? [
          {
            articleId: r.article_id,
            siteId: r.site_id,
            columnId: r.column_id,
            columnName: r.column_name,
            type: r.type,
            title: r.title,
            url: r.url,
            publishedAt: r.published_at,
            titleParts: highlightParts(r.title, terms),
            snippetParts: snippetParts(r.body, terms),
          },
        ]
      : [];
  });
  const more = matches.length >= window;
  // With more matches than counted there is at least a next page (up to the last one served).
  const pages = more
    ? Math.min(SEARCH_MAX_PAGE, Math.max(Math.ceil(total / SEARCH_PAGE_SIZE), query.page + 1))
    : Math.ceil(total / SEARCH_PAGE_SIZE);
  return { ...empty, total, totalIsLowerBound: more, pages, items };
}

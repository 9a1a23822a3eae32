/**
 * The public search page of a site (站内搜索): validates what the visitor sent, searches, and
 * renders the page — the form echoing what was typed, the results, or why the query was refused.
 */
import { SearchQuerySchema } from '../../../common/schemas/search.ts';
import type { Deps } from '../../platform/deps.ts';
import { isAppError } from '../../platform/errors.ts';
import { searchArticles } from '../../search/index.ts';
import { renderSearchPage, type SearchForm } from '../render/search-page.ts';
import { SERVICE_SEARCH } from '../render/service-pages.ts';
import { SEARCH_PATH, relativeUrl } from '../rules/paths.ts';
import { loadSiteModel, pageContext } from '../site-model.ts';
import { publicSiteId } from './site-page.ts';

export interface SearchPageAnswer {
  /** 200, 400 (the query was refused: the page says why) or 404 (no such site). */
  status: 200 | 400 | 404;
  html: string | null;
}

function text(v: unknown, max: number): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

export async function searchPage(deps: Deps, code: string, query: Record<string, unknown>): Promise<SearchPageAnswer> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return { status: 404, html: null };
  const model = await loadSiteModel(deps, siteId);
  // The form echoes what was typed (cut to a sane length); the query itself is validated below.
  const form: SearchForm = {
    q: text(query.q, 200),
    type: text(query.type, 40),
    from: text(query.from, 10),
    to: text(query.to, 10),
    sort: text(query.sort, 20),
  };
  let result = null;
  let error: string | null = null;
  if (form.q.trim() || Object.keys(query).length > 0) {
    const input: Record<string, unknown> = { q: query.q, siteId, page: query.page ?? '1' };
    for (const k of ['type', 'from', 'to', 'sort'] as const) if (query[k]) input[k] = query[k];
    // 办事指南 are not an article type: the service items' documents share one column of their own.
    if (input.type === SERVICE_SEARCH.type) {
      delete input.type;
      input.columnId = SERVICE_SEARCH.columnId;
    }
    const parsed = SearchQuerySchema.safeParse(input);
    if (!parsed.success) error = parsed.error.issues[0]?.message ?? '搜索条件不正确';
    else {
      try {
        result = await searchArticles(deps, parsed.data);
      } catch (e) {
        if (!isAppError(e) || e.status >= 500) throw e;
        error = e.message;
      }
    }
  }
  const ctx = pageContext(model, SEARCH_PATH, deps.clock.now().toISOString());
  const html = renderSearchPage(ctx, { form, result, error, resultUrl: (url) => relativeUrl(SEARCH_PATH, url) });
  return { status: error ? 400 : 200, html };
}

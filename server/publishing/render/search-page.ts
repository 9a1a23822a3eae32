/**
 * The public search page (站内搜索): a plain GET form that works without JavaScript, the results
 * with their hits marked, and numbered pages. Hits arrive as text parts and are escaped here.
 */
import { ARTICLE_TYPE_CONFIG, ARTICLE_TYPES } from '../../../common/content.ts';
import { SEARCH_SORTS, SEARCH_SORT_LABELS, type SearchResult, type TextPart } from '../../../common/schemas/search.ts';
import { beijingDate } from './dates.ts';
import { html, safeUrl, type SafeHtml } from './html.ts';
import { layout, siteMeta } from './layout.ts';
import { paginationNav } from './pages.ts';
import { SERVICE_SEARCH } from './service-pages.ts';
import type { RenderContext } from './types.ts';

export interface SearchForm {
  q: string;
  type: string;
  from: string;
  to: string;
  sort: string;
}

export interface SearchPageInput {
  form: SearchForm;
  /** Null before a search (empty box) or when the query was refused. */
  result: SearchResult | null;
  /** Why the query was refused (shown to the visitor), or null. */
  error: string | null;
  /** Page URL of each result, as the page links it (null: the article is no longer public). */
  resultUrl: (url: string) => string | null;
}

function parts(list: readonly TextPart[]): SafeHtml[] {
  return list.map((p) => (p.hit ? html`<mark>${p.text}</mark>` : html`${p.text}`));
}

function queryString(form: SearchForm, page: number): string {
  const params = new URLSearchParams();
  params.set('q', form.q);
  if (form.type) params.set('type', form.type);
  if (form.from) params.set('from', form.from);
  if (form.to) params.set('to', form.to);
  if (form.sort) params.set('sort', form.sort);
  if (page > 1) params.set('page', String(page));
  return `?${params.toString()}`;
}

/**
 * A date the form may echo into `<input type="date">`: a real `YYYY-MM-DD` date, else empty.
 * Browsers drop any other value anyway, and HTML does not allow one there; the error message
 * above the form says what was wrong.
 */
export function dateInputValue(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value ? value : '';
}

/**
 * What kind of information a result is, for the label on each result and the type filter: the
 * article's type (政策文件, 通知公告…) or 办事指南 for a service item.
 */
export function resultKindLabel(type: string): string | null {
  if (type === SERVICE_SEARCH.type) return SERVICE_SEARCH.label;
  return (ARTICLE_TYPES as readonly string[]).includes(type) ? ARTICLE_TYPE_CONFIG[type as (typeof ARTICLE_TYPES)[number]].label : null;
}

function searchForm(ctx: RenderContext, form: SearchForm): SafeHtml {
  const typeOptions = [...ARTICLE_TYPES, SERVICE_SEARCH.type].map(
    (t) => html`<option value="${t}"${form.type === t ? html` selected` : ''}>${resultKindLabel(t)}</option>\n`,
  );
  const sorts = SEARCH_SORTS.map(
    (s) =>
      html`<label><input type="radio" name="sort" value="${s}"${(form.sort || 'date') === s ? html` checked` : ''}> ${SEARCH_SORT_LABELS[s]}</label>\n`,
  );
  return html`<form class="search-page-form" role="search" aria-label="搜索条件" action="${ctx.links.search}" method="get">
<p><label for="search-q">搜索词</label>
<input id="search-q" type="search" name="q" value="${form.q}" maxlength="100" autocomplete="off">
<button type="submit">搜索</button></p>
<details${form.type || form.from || form.to ? html` open` : ''}>
<summary>高级搜索</summary>
<p><label for="search-type">信息类型</label>
<select id="search-type" name="type">
<option value="">全部</option>
${typeOptions}</select></p>
<p><label for="search-from">发布日期从</label>
<input id="search-from" type="date" name="from" value="${dateInputValue(form.from)}">
<label for="search-to">至</label>
<input id="search-to" type="date" name="to" value="${dateInputValue(form.to)}"></p>
<fieldset>
<legend>排序</legend>
${sorts}</fieldset>
</details>
</form>`;
}

function resultList(input: SearchPageInput, result: SearchResult): SafeHtml {
  if (!result.items.length) return html`<p class="empty">没有找到与“${input.form.q}”相关的信息，请更换搜索词再试。</p>`;
  const items = result.items.map((item) => {
    const url = safeUrl(input.resultUrl(item.url));
    const title = parts(item.titleParts);
    const kind = resultKindLabel(item.type);
    return html`<li>
<h2>${url ? html`<a href="${url}">${title}</a>` : title}</h2>
<p>${parts(item.snippetParts)}</p>
<p class="result-info">${kind ? html`<span class="result-kind">[${kind}]</span> ` : null}<span>${item.columnName}</span> <time datetime="${item.publishedAt}">${beijingDate(item.publishedAt)}</time></p>
</li>
`;
  });
  return html`<ol class="search-results">
${items}</ol>`;
}

function pagination(ctx: RenderContext, form: SearchForm, page: number, pages: number): SafeHtml | null {
  return paginationNav('搜索结果分页', page, pages, (p) => `${ctx.links.search}${queryString(form, p)}`);
}

/** The search page; answer with status 400 when `error` is set. */
export function renderSearchPage(ctx: RenderContext, input: SearchPageInput): string {
  const { result, error, form } = input;
  const summary = result
    ? html`<p class="search-summary" role="status">找到${result.totalIsLowerBound ? '超过' : '约'} ${result.total} 条与“${form.q}”相关的结果${
        result.pages > 1 ? html`，第 ${result.page}/${result.pages} 页` : ''
      }。</p>`
    : null;
  return layout(ctx, {
    title: form.q ? `搜索：${form.q}` : '站内搜索',
    meta: [...siteMeta(ctx), ['ColumnName', '站内搜索'], ['ColumnType', '站内搜索']],
    breadcrumbs: [{ name: '站内搜索', url: null }],
    // The 适老化 switch brings the visitor back to these results, not to an empty search page.
    backPath: form.q ? `${ctx.pagePath}${queryString(form, result?.page ?? 1)}` : ctx.pagePath,
    body: html`<h1>站内搜索</h1>
${searchForm(ctx, form)}
${error ? html`<p class="form-error" role="alert">${error}</p>` : null}
${summary}
${result ? resultList(input, result) : null}
${result ? pagination(ctx, form, result.page, result.pages) : null}`,
  });
}

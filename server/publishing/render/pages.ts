/**
 * Public pages as pure functions from views to HTML/XML strings. Every value is escaped by the
 * `html` template except article bodies, which come from the one sanitiser (see html.ts).
 * Template whitespace is output (see layout.ts on Prettier).
 */
import { VALIDITY_LABELS } from '../../../common/content.ts';
import { HOME_BLOCK_LABELS } from '../../../common/schemas/sites.ts';
import { beijingDate, beijingDateTime, beijingW3c, rfc822Beijing } from './dates.ts';
import { html, safeUrl, type SafeHtml } from './html.ts';
import { absoluteUrl, layout, siteMeta, type Crumb, type MetaTags } from './layout.ts';
import { resolveInternalRefs } from './refs.ts';
import type { ArticleSummary, ArticleView, ColumnRef, ColumnView, HomeBlockKind, LinkRef, RenderContext } from './types.ts';

export { siteStylesheet } from './theme.ts';

export const PAGE_SIZE = 20;

/** Number of list pages for a column with `total` items (at least 1: an empty column has one empty page). */
export function pageCount(total: number, perPage = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / perPage));
}

/** Page numbers to show, with `null` for a gap: first, last, and two either side of the current page. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

function articleHref(ctx: RenderContext, id: string): string | null {
  return safeUrl(ctx.links.article(id));
}

function articleList(ctx: RenderContext, items: readonly ArticleSummary[]): SafeHtml {
  if (!items.length) return html`<p class="empty">暂无信息</p>`;
  const rows = items.map((a) => {
    const url = articleHref(ctx, a.id);
    const date = html`<time datetime="${a.publishedAt}">${beijingDate(a.publishedAt)}</time>`;
    const via = a.via ? html` <span class="via">来源：${a.via}</span>` : null;
    return html`<li>${url ? html`<a href="${url}">${a.title}</a>` : a.title}${via} ${date}</li>\n`;
  });
  return html`<ul class="article-list">
${rows}</ul>`;
}

function columnCrumbs(ctx: RenderContext, column: ColumnView, linkSelf: boolean): Crumb[] {
  return [
    ...column.ancestors.map((a) => ({ name: a.name, url: ctx.links.column(a, 1) })),
    { name: column.name, url: linkSelf ? ctx.links.column(column, 1) : null },
  ];
}

function topNavId(column: ColumnView): string {
  return column.ancestors[0]?.id ?? column.id;
}

// ---------------------------------------------------------------- home

/** Data for a list block on the home page; the block is skipped when absent. */
export interface HomeListBlock {
  column: ColumnRef;
  items: readonly ArticleSummary[];
}

export type HomeLists = Partial<Record<'news' | 'notices' | 'policies' | 'interpretations', HomeListBlock>> & {
  /** The newest published 政府网站工作年度报表, linked in a prominent place (国办函〔2018〕12号). */
  websiteReport?: ArticleSummary;
};

const BLOCK_TEXT: Record<'catalogue' | 'interaction' | 'services', string> = {
  catalogue: '按主题、机构和文种查阅主动公开的政府信息。',
  interaction: '领导信箱、咨询投诉、意见征集和在线访谈。',
  services: '办事指南、在线办理和便民服务入口。',
};

function homeBlock(ctx: RenderContext, kind: HomeBlockKind, lists: HomeLists): SafeHtml | null {
  const title = HOME_BLOCK_LABELS[kind];
  const id = `block-${kind}`;
  switch (kind) {
    case 'news':
    case 'notices':
    case 'policies':
    case 'interpretations': {
      const block = lists[kind];
      if (!block) return null;
      return html`<section class="block" aria-labelledby="${id}">
<h2 id="${id}">${block.column.name}</h2>
${articleList(ctx, block.items)}
<p class="more"><a href="${ctx.links.column(block.column, 1)}">更多${block.column.name}</a></p>
</section>`;
    }
    case 'catalogue':
      return html`<section class="block" aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
<p>${BLOCK_TEXT[kind]}</p>
<p class="more"><a href="${ctx.links.catalogue}">进入政府信息公开目录</a></p>
<p class="more"><a href="${ctx.links.guide}">政府信息公开指南</a></p>
<p class="more"><a href="${ctx.links.disclosureRequest}">依申请公开</a></p>
</section>`;
    case 'interaction':
    case 'services':
      return html`<section class="block" aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
<p>${BLOCK_TEXT[kind]}</p>
<p class="more"><a href="${ctx.links.section(kind)}">进入${title}</a></p>
</section>`;
    case 'search':
      return html`<section class="block" aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
<form class="search-form" role="search" aria-labelledby="${id}" action="${ctx.links.search}" method="get">
<label for="home-search-q">搜索本站信息</label>
<input id="home-search-q" type="search" name="q" autocomplete="off">
<button type="submit">搜索</button>
</form>
</section>`;
  }
}

/** The home page: banner, then the theme's blocks in order (list blocks without data are skipped). */
export function renderHome(ctx: RenderContext, lists: HomeLists): string {
  const { site } = ctx;
  const banner = safeUrl(site.theme.bannerUrl);
  const blocks = [...new Set(site.theme.homeBlocks)].map((k) => homeBlock(ctx, k, lists)).filter((b) => b !== null);
  const meta: MetaTags = [
    ...siteMeta(ctx),
    ['Description', site.description],
    ['Keywords', site.keywords],
    ['Url', absoluteUrl(ctx, ctx.links.home)],
  ];
  return layout(ctx, {
    title: null,
    meta,
    currentNavId: null,
    body: html`<h1 class="visually-hidden-heading">${site.name}</h1>
${banner ? html`<div class="banner"><img src="${banner}" alt=""></div>` : null}
${websiteReportLink(ctx, lists.websiteReport)}
<div class="blocks">
${blocks}
</div>`,
  });
}

function websiteReportLink(ctx: RenderContext, report: ArticleSummary | undefined): SafeHtml | null {
  const href = report ? articleHref(ctx, report.id) : null;
  if (!report || !href) return null;
  return html`<p class="annual-report"><span>政府网站工作年度报表：</span><a href="${href}">${report.title}</a></p>`;
}

// ---------------------------------------------------------------- column list

export interface ColumnPageInput {
  column: ColumnView;
  /** The items of this page only (at most 20), newest first. */
  items: readonly ArticleSummary[];
  /** 1-based page number. */
  page: number;
  /** Total number of published items in the column. */
  total: number;
}

/** Numbered page links with previous/next; `footer` follows the list (e.g. the page count). */
export function paginationNav(
  label: string,
  page: number,
  pages: number,
  href: (p: number) => string,
  footer: SafeHtml | null = null,
): SafeHtml | null {
  if (pages <= 1) return null;
  const numbers = pageWindow(page, pages).map((p) => {
    if (p === null) return html`<li><span class="gap" aria-hidden="true">…</span></li>\n`;
    if (p === page) return html`<li><a href="${href(p)}" aria-current="page" aria-label="第 ${p} 页，当前页">${p}</a></li>\n`;
    return html`<li><a href="${href(p)}" aria-label="第 ${p} 页">${p}</a></li>\n`;
  });
  const prev = page > 1 ? html`<li><a href="${href(page - 1)}" rel="prev">上一页</a></li>\n` : null;
  const next = page < pages ? html`<li><a href="${href(page + 1)}" rel="next">下一页</a></li>\n` : null;
  return html`<nav class="pagination" aria-label="${label}">
<ul>
${prev}${numbers}${next}</ul>
${footer}</nav>`;
}

function pagination(ctx: RenderContext, column: ColumnRef, page: number, pages: number): SafeHtml | null {
  return paginationNav('分页', page, pages, (p) => ctx.links.column(column, p), html`<p>共 ${pages} 页</p>\n`);
}

/**
 * Page `page` of a column list. Throws RangeError when the page does not exist (callers answer 404
 * with `renderNotFound`): pages run from 1 to `pageCount(total)`.
 */
export function renderColumnPage(ctx: RenderContext, input: ColumnPageInput): string {
  const { column, page, total } = input;
  const pages = pageCount(total);
  if (!Number.isInteger(page) || page < 1 || page > pages) throw new RangeError(`column page ${page} is outside 1..${pages}`);
  const url = ctx.links.column(column, page);
  const rss = ctx.links.rss(column);
  const meta: MetaTags = [
    ...siteMeta(ctx),
    ['ColumnName', column.name],
    ['ColumnDescription', column.description ?? column.name],
    ['ColumnKeywords', column.keywords ?? column.name],
    ['ColumnType', column.typeLabel],
    ['Url', absoluteUrl(ctx, url)],
  ];
  return layout(ctx, {
    title: page > 1 ? `${column.name}（第 ${page} 页）` : column.name,
    meta,
    currentNavId: topNavId(column),
    breadcrumbs: columnCrumbs(ctx, column, false),
    headLinks: html`<link rel="alternate" type="application/rss+xml" title="${column.name}" href="${rss}">\n`,
    body: html`<h1>${column.name}</h1>
${total > 0 ? articleList(ctx, input.items) : html`<p class="empty">本栏目暂无信息。</p>`}
${pagination(ctx, column, page, pages)}
<p><a href="${rss}">订阅本栏目（RSS）</a></p>`,
  });
}

// ---------------------------------------------------------------- article

function validityBanner(article: ArticleView): SafeHtml | null {
  const m = article.metadata;
  if (!m || !m.validity || m.validity === 'valid') return null;
  const label = VALIDITY_LABELS[m.validity];
  const note = m.validity === 'amended' ? '，请以修改后的内容为准。' : '，内容仅供查阅，不再作为执行依据。';
  const url = m.replacedBy ? safeUrl(m.replacedBy.url) : null;
  const replacement = m.replacedBy
    ? html`<p>现行文件：${url ? html`<a href="${url}">${m.replacedBy.title}</a>` : m.replacedBy.title}</p>`
    : null;
  return html`<div class="validity-banner" role="note" aria-label="文件有效性提示">
<p><strong>本文件${label}</strong>${note}</p>
${replacement}
</div>`;
}

function metadataTable(article: ArticleView): SafeHtml | null {
  const m = article.metadata;
  if (!m) return null;
  const rows: [string, string | null][] = [
    ['索引号', m.indexNo],
    ['主题分类', m.topic],
    ['发布机构', m.issuingOrg],
    ['成文日期', m.writtenOn ? beijingDate(m.writtenOn) : null],
    ['发布日期', beijingDateTime(article.publishedAt)],
    ['文号', m.docNumber],
    ['有效性', m.validity ? VALIDITY_LABELS[m.validity] : null],
  ];
  const trs = rows.filter(([, v]) => v).map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>\n`);
  return html`<table class="meta-table">
<caption>信息公开元数据</caption>
<tbody>
${trs}</tbody>
</table>`;
}

function linkList(heading: string, id: string, items: readonly LinkRef[]): SafeHtml | null {
  if (!items.length) return null;
  const lis = items.map((l) => {
    const url = safeUrl(l.url);
    return html`<li>${url ? html`<a href="${url}">${l.title}</a>` : l.title}</li>\n`;
  });
  return html`<section class="related" aria-labelledby="${id}">
<h2 id="${id}">${heading}</h2>
<ul>
${lis}</ul>
</section>`;
}

/** Human-readable file size. */
export function formatSize(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function attachmentList(article: ArticleView): SafeHtml | null {
  const lis = article.attachments.flatMap((a) => {
    const url = safeUrl(a.url);
    if (!url) return [];
    const size = a.size !== null ? html` <span>（${formatSize(a.size)}）</span>` : null;
    return [html`<li><a href="${url}">${a.name}</a>${size}</li>\n`];
  });
  if (!lis.length) return null;
  return html`<section class="attachments" aria-labelledby="attachments-h">
<h2 id="attachments-h">附件</h2>
<ul>
${lis}</ul>
</section>`;
}

/** An article page within its column. */
export function renderArticle(ctx: RenderContext, column: ColumnView, article: ArticleView): string {
  const url = ctx.links.article(article.id) ?? ctx.links.column(column, 1);
  const source = article.source ?? ctx.site.sponsorName;
  const meta: MetaTags = [
    ...siteMeta(ctx),
    ['ColumnName', column.name],
    ['ColumnType', column.typeLabel],
    ['ArticleTitle', article.title],
    ['PubDate', beijingDateTime(article.publishedAt)],
    ['ContentSource', source],
    ['Keywords', article.keywords],
    ['Author', article.author ?? article.metadata?.issuingOrg ?? ctx.site.sponsorName],
    ['Description', article.summary],
    ['Url', absoluteUrl(ctx, url)],
  ];
  const correction = article.correction
    ? html`<aside class="correction" aria-label="更正说明"><p>更正说明（${beijingDateTime(article.correction.at)}）：${article.correction.note}</p></aside>`
    : null;
  const body = html`<article>
${validityBanner(article)}
<h1>${article.title}</h1>
<p class="article-info"><span>发布时间：<time datetime="${article.publishedAt}">${beijingDateTime(article.publishedAt)}</time></span>
<span>来源：${source}</span>
<span>类型：${article.typeLabel}</span></p>
${metadataTable(article)}
<div class="article-body">
${resolveInternalRefs(article.bodyHtml, ctx.links)}
</div>
${attachmentList(article)}
${linkList('相关政策文件', 'related-policies-h', article.relatedPolicies)}
${linkList('相关政策解读', 'related-interpretations-h', article.relatedInterpretations)}
${correction}
</article>`;
  return layout(ctx, {
    title: article.title,
    meta,
    currentNavId: topNavId(column),
    breadcrumbs: [...columnCrumbs(ctx, column, true), { name: '正文', url: null }],
    body,
  });
}

// ---------------------------------------------------------------- site map, 404

/** The human-readable site map: every column as a nested list, then the platform's 办事服务 and 政民互动 (as in the navigation). */
export function renderSiteMap(ctx: RenderContext, columns: readonly ColumnView[]): string {
  const ids = new Set(columns.map((c) => c.id));
  const children = (parentId: string | null): ColumnView[] =>
    columns.filter((c) => (parentId === null ? c.parentId === null || !ids.has(c.parentId) : c.parentId === parentId));
  const sections = html`<li><a href="${ctx.links.section('services')}">办事服务</a></li>
<li><a href="${ctx.links.section('interaction')}">政民互动</a></li>
`;
  const tree = (parentId: string | null, depth: number): SafeHtml | null => {
    const list = depth > 10 ? [] : children(parentId);
    if (!list.length && parentId !== null) return null;
    const lis = list.map((c) => html`<li><a href="${ctx.links.column(c, 1)}">${c.name}</a>${tree(c.id, depth + 1)}</li>\n`);
    return html`<ul>
${lis}${parentId === null ? sections : null}</ul>`;
  };
  return layout(ctx, {
    title: '网站地图',
    meta: [...siteMeta(ctx), ['ColumnName', '网站地图'], ['ColumnType', '网站地图'], ['Url', absoluteUrl(ctx, ctx.links.siteMap)]],
    breadcrumbs: [{ name: '网站地图', url: null }],
    body: html`<h1>网站地图</h1>
<nav class="sitemap-tree" aria-label="网站地图">
${tree(null, 0)}
</nav>`,
  });
}

/** The 404 page (answer with status 404). */
export function renderNotFound(ctx: RenderContext): string {
  const { links } = ctx;
  return layout(ctx, {
    title: '页面未找到',
    meta: siteMeta(ctx),
    breadcrumbs: [{ name: '页面未找到', url: null }],
    body: html`<div class="not-found">
<h1>抱歉，您访问的页面不存在或已删除</h1>
<p>请检查网址是否正确，或通过以下方式查找信息：</p>
<p><a href="${links.home}">返回首页</a> · <a href="${links.siteMap}">网站地图</a> · <a href="${links.search}">站内搜索</a></p>
</div>`,
  });
}

// ---------------------------------------------------------------- machine-readable

/**
 * A sitemaps.org 0.9 urlset: the home page and column first pages (when `columns` is given) and
 * article pages. A large site splits its articles into several of these under one index.
 */
export function renderSitemapXml(ctx: RenderContext, columns: readonly ColumnRef[] | null, articles: readonly ArticleSummary[]): string {
  const entry = (url: string, lastmod: string | null) =>
    html`<url><loc>${absoluteUrl(ctx, url)}</loc>${lastmod ? html`<lastmod>${beijingW3c(lastmod)}</lastmod>` : null}</url>\n`;
  const articleEntries = articles.flatMap((a) => {
    const url = articleHref(ctx, a.id);
    return url ? [entry(url, a.updatedAt ?? a.publishedAt)] : [];
  });
  return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${columns ? entry(ctx.links.home, null) : null}${(columns ?? []).map((c) => entry(ctx.links.column(c, 1), null))}${articleEntries}</urlset>
`.toString();
}

/** A sitemaps.org sitemap index listing urlset files (URLs as the page links them). */
export function renderSitemapIndex(ctx: RenderContext, sitemaps: readonly { url: string; lastmod: string | null }[]): string {
  const entries = sitemaps.map(
    (m) =>
      html`<sitemap><loc>${absoluteUrl(ctx, m.url)}</loc>${m.lastmod ? html`<lastmod>${beijingW3c(m.lastmod)}</lastmod>` : null}</sitemap>\n`,
  );
  return html`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries}</sitemapindex>
`.toString();
}

/** RSS 2.0 feed of a column (items newest first, as given; unpublished ones are skipped). */
export function renderRss(ctx: RenderContext, column: ColumnView, items: readonly ArticleSummary[]): string {
  const link = absoluteUrl(ctx, ctx.links.column(column, 1));
  const entries = items.flatMap((a) => {
    const url = articleHref(ctx, a.id);
    if (!url) return [];
    const abs = absoluteUrl(ctx, url);
    return [
      html`<item>
<title>${a.title}</title>
<link>${abs}</link>
<guid isPermaLink="true">${abs}</guid>
<pubDate>${rfc822Beijing(a.publishedAt)}</pubDate>
${a.summary ? html`<description>${a.summary}</description>\n` : null}</item>
`,
    ];
  });
  return html`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>${ctx.site.name} - ${column.name}</title>
<link>${link}</link>
<description>${column.description ?? `${ctx.site.name}${column.name}`}</description>
<language>zh-cn</language>
<lastBuildDate>${rfc822Beijing(ctx.now)}</lastBuildDate>
${entries}</channel>
</rss>
`.toString();
}

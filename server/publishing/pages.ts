/**
 * Writes the pages of a site: article pages in batches, column lists with their feeds, the
 * home page, the site frame (site map, 404, stylesheets) and the sitemaps. Full and incremental
 * publishing both write through these, so a page looks the same whichever wrote it.
 */
import type { Deps } from '../platform/deps.ts';
import { recordCatalogueEntries, type CatalogueSource } from '../disclosure/index.ts';
import { indexedDocuments, upsertSearchDocuments, type SearchDocument } from '../search/index.ts';
import { plainText } from './rules/plain-text.ts';
import type { PublicFiles } from './public-files.ts';
import {
  publicArticleQueries,
  publishedRefs,
  syndicatedLists,
  type ListedArticleRow,
  type PublicArticleRow,
} from './publishing.repository.ts';
import {
  PAGE_SIZE,
  elderStylesheet,
  pageCount,
  renderArticle,
  renderColumnPage,
  renderHome,
  renderNotFound,
  renderRss,
  renderSiteMap,
  renderSitemapIndex,
  renderSitemapXml,
  siteStylesheet,
} from './render/index.ts';
import {
  HOME_PATH,
  NOT_FOUND_PATH,
  PREVIEW_NOT_FOUND_PATH,
  SITEMAP_COLUMNS_PATH,
  SITEMAP_SERVICES_PATH,
  SITEMAP_XML_PATH,
  SITE_MAP_PATH,
  beijingMonth,
  columnPagePath,
  previewRoot,
  relativeUrl,
  rssPath,
  sitemapMonthPath,
} from './rules/paths.ts';
import {
  articlePagePath,
  articleView,
  EMPTY_REMOTE,
  loadBatch,
  loadRemoteRefs,
  loadHomeLists,
  pageContext,
  summaryIn,
  summaryOf,
  type ModelColumn,
  type PageRefs,
  type RemoteRefs,
  type SiteModel,
} from './site-model.ts';

/** Rows read per query when streaming a column (a multiple of the page size). */
export const SLICE = 25 * PAGE_SIZE;

/** Renders and writes the pages of these articles (and places the files they use); returns the page count. */
export async function writeArticlePages(
  deps: Deps,
  model: SiteModel,
  out: PublicFiles,
  rows: PublicArticleRow[],
  now: string,
): Promise<number> {
  if (!rows.length) return 0;
  const batch = await loadBatch(deps, model, rows);
  for (const f of batch.refs.files.values()) out.place(f.path, f.source);
  await publishedRefs.replace(
    deps.db.kysely,
    rows.map((r) => r.id),
    batch.mentions,
  );
  let pages = 0;
  for (const row of rows) {
    const column = model.columnById.get(row.column_id);
    const path = articlePagePath(model, row);
    if (!column || !path) continue;
    const ctx = pageContext(model, path, now, batch.refs);
    out.write(path, renderArticle(ctx, column, articleView(batch, row, ctx)));
    pages++;
  }
  return pages;
}

function refsOf(model: SiteModel, items: readonly ListedArticleRow[], remote: RemoteRefs = EMPTY_REMOTE): PageRefs {
  const articles = new Map<string, string>();
  for (const a of items) {
    if (remote.via.has(a.id)) continue;
    const p = articlePagePath(model, a);
    if (p) articles.set(a.id, p);
  }
  return { articles, files: new Map(), remote: remote.urls };
}

/**
 * Puts these articles into the search index (one transaction), with the paths of their pages,
 * and those of columns mapped onto a 政府信息公开目录 category into the catalogue.
 * With `onlyChanged`, documents the index already holds as they are (same page, title, column
 * and publication instant — a correction re-publishes) are left alone: a full build then
 * segments only what changed.
 */
export async function indexArticles(deps: Deps, model: SiteModel, rows: readonly PublicArticleRow[], onlyChanged = false): Promise<void> {
  const held = new Map(
    onlyChanged
      ? (
          await indexedDocuments(
            deps.db,
            rows.map((r) => r.id),
          )
        ).map((d) => [d.articleId, d])
      : [],
  );
  const docs: SearchDocument[] = [];
  const catalogue: CatalogueSource[] = [];
  const uncatalogued: string[] = [];
  for (const r of rows) {
    const column = model.columnById.get(r.column_id);
    const url = articlePagePath(model, r);
    if (!column || !url) continue;
    if (column.catalogueCategory)
      catalogue.push({
        articleId: r.id,
        siteId: model.siteId,
        columnId: r.column_id,
        category: column.catalogueCategory,
        title: r.title,
        summary: r.summary,
        bodyText: plainText(r.body_html),
        metadata: JSON.parse(r.metadata) as Record<string, unknown>,
        publishedAt: r.published_at,
        firstPublishedAt: r.first_published_at,
        url,
      });
    else uncatalogued.push(r.id);
    const h = held.get(r.id);
    if (h && h.url === url && h.publishedAt === r.published_at && h.title === r.title && h.columnName === column.name) continue;
    docs.push({
      articleId: r.id,
      siteId: model.siteId,
      columnId: r.column_id,
      columnName: column.name,
      type: r.type,
      title: r.title,
      bodyText: plainText(r.body_html),
      publishedAt: r.published_at,
      url,
    });
  }
  if (docs.length) await upsertSearchDocuments(deps.db, docs);
  await recordCatalogueEntries(deps, catalogue, uncatalogued);
}

/** Writes list page `page` of a column from its items (at most 20). */
export function writeColumnPage(
  model: SiteModel,
  out: PublicFiles,
  column: ModelColumn,
  page: number,
  total: number,
  items: readonly ListedArticleRow[],
  now: string,
  remote: RemoteRefs = EMPTY_REMOTE,
): void {
  const path = columnPagePath(column.path, page);
  const ctx = pageContext(model, path, now, refsOf(model, items, remote));
  out.write(path, renderColumnPage(ctx, { column, page, total, items: items.map(summaryIn(remote)) }));
}

/** Writes the RSS feed of a column from its newest items. */
export function writeRss(
  model: SiteModel,
  out: PublicFiles,
  column: ModelColumn,
  items: readonly ListedArticleRow[],
  now: string,
  remote: RemoteRefs = EMPTY_REMOTE,
): void {
  const path = rssPath(column.path);
  const ctx = pageContext(model, path, now, refsOf(model, items, remote));
  out.write(path, renderRss(ctx, column, items.slice(0, PAGE_SIZE).map(summaryIn(remote))));
}

/**
 * One slice of a column's list with the other sites' articles it took, and where their pages
 * are. A column that took none reads its own articles through the plain indexed query.
 */
export async function listSlice(
  deps: Deps,
  model: SiteModel,
  column: ModelColumn,
  offset: number,
  limit: number,
  took: boolean,
): Promise<{ items: ListedArticleRow[]; remote: RemoteRefs }> {
  const db = deps.db.kysely;
  if (!took) return { items: await publicArticleQueries.columnList(db, column.id, offset, limit), remote: EMPTY_REMOTE };
  const items = await syndicatedLists.columnSlice(db, column.id, offset, limit);
  return { items, remote: await loadRemoteRefs(deps, model, items) };
}

/** Public items of a column list: its own articles and the taken ones. */
export async function listTotal(deps: Deps, columnId: string, took: boolean): Promise<number> {
  const own = await publicArticleQueries.countInColumn(deps.db.kysely, columnId);
  return took ? own + (await syndicatedLists.countInColumn(deps.db.kysely, columnId)) : own;
}

/**
 * Rewrites some list pages of a column (those an article joined or left), the feed when the
 * first page is among them and the last page when the list grew by one. The pages in between
 * keep the old order until `writeColumnLists` rewrites them (the follow-up job). When the list
 * lost its last page, every page links to it: the whole list is rewritten now. Returns whether
 * the whole list was.
 */
export async function writeColumnPages(
  deps: Deps,
  model: SiteModel,
  out: PublicFiles,
  column: ModelColumn,
  now: string,
  pages: Iterable<number>,
): Promise<boolean> {
  const took = await syndicatedLists.hasTaken(deps.db.kysely, column.id);
  const total = await listTotal(deps, column.id, took);
  const last = pageCount(total);
  if (out.exists(columnPagePath(column.path, last + 1))) {
    await writeColumnLists(deps, model, out, column, now);
    return true;
  }
  const wanted = new Set([...pages].filter((p) => p >= 1 && p <= last));
  if (!out.exists(columnPagePath(column.path, last))) wanted.add(last);
  for (const p of [...wanted].sort((a, b) => a - b)) {
    const { items, remote } = total
      ? await listSlice(deps, model, column, (p - 1) * PAGE_SIZE, PAGE_SIZE, took)
      : { items: [], remote: EMPTY_REMOTE };
    if (p === 1) writeRss(model, out, column, items, now, remote);
    writeColumnPage(model, out, column, p, total, items, now, remote);
  }
  return false;
}

/**
 * Rewrites every list page and the feed of a column (an article appeared, moved or left: every
 * page after it shifts) and removes list pages left beyond the new last page.
 */
export async function writeColumnLists(deps: Deps, model: SiteModel, out: PublicFiles, column: ModelColumn, now: string): Promise<number> {
  const took = await syndicatedLists.hasTaken(deps.db.kysely, column.id);
  const total = await listTotal(deps, column.id, took);
  const pages = pageCount(total);
  let page = 1;
  for (let offset = 0; page <= pages; offset += SLICE) {
    const { items: slice, remote } = total
      ? await listSlice(deps, model, column, offset, SLICE, took)
      : { items: [], remote: EMPTY_REMOTE };
    if (offset === 0) writeRss(model, out, column, slice, now, remote);
    for (let i = 0; i < SLICE && page <= pages; i += PAGE_SIZE, page++)
      writeColumnPage(model, out, column, page, total, slice.slice(i, i + PAGE_SIZE), now, remote);
  }
  for (let p = pages + 1; out.exists(columnPagePath(column.path, p)); p++) out.remove(columnPagePath(column.path, p));
  return pages + 1;
}

export async function writeHome(deps: Deps, model: SiteModel, out: PublicFiles, now: string): Promise<void> {
  const { lists, refs } = await loadHomeLists(deps, model);
  out.write(HOME_PATH, renderHome(pageContext(model, HOME_PATH, now, refs), lists));
}

/** Pages that depend only on the site and its columns: site map, 404 and the stylesheets. */
export function writeSiteFrame(model: SiteModel, out: PublicFiles, now: string): number {
  out.write(SITE_MAP_PATH, renderSiteMap(pageContext(model, SITE_MAP_PATH, now), model.columns));
  out.write(NOT_FOUND_PATH, renderNotFound(pageContext(model, NOT_FOUND_PATH, now, undefined, '/')));
  out.write(PREVIEW_NOT_FOUND_PATH, renderNotFound(pageContext(model, NOT_FOUND_PATH, now, undefined, previewRoot(model.code))));
  out.write('/assets/site.css', siteStylesheet(model.view.theme));
  out.write('/assets/elder.css', elderStylesheet());
  return 2;
}

// ---------------------------------------------------------------- sitemaps

/** `YYYYMM` months from the first to the last, inclusive. */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(4, 6));
  const end = Number(last);
  while (y * 100 + m <= end && out.length < 1200) {
    out.push(`${y}${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The UTC instant at which a Beijing month starts. */
function monthStart(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(4, 6)) - 1, 1, -8)).toISOString();
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(4, 6));
  return m === 12 ? `${y + 1}01` : `${y}${String(m + 1).padStart(2, '0')}`;
}

/** Writes the sitemap chunk of one month (articles first published then). */
export async function writeSitemapMonth(deps: Deps, model: SiteModel, out: PublicFiles, month: string, now: string): Promise<void> {
  const path = sitemapMonthPath(month);
  const items: ListedArticleRow[] = [];
  for (let after = ''; ;) {
    const page = await publicArticleQueries.firstPublishedBetween(
      deps.db.kysely,
      model.siteId,
      monthStart(month),
      monthStart(nextMonth(month)),
      after,
      1000,
    );
    items.push(...page);
    if (page.length < 1000) break;
    after = page[page.length - 1]!.id;
  }
  const ctx = pageContext(model, path, now, refsOf(model, items));
  out.write(
    path,
    renderSitemapXml(
      ctx,
      null,
      items.map((a) => ({ ...summaryOf(a), updatedAt: a.published_at })),
    ),
  );
}

/**
 * Writes `sitemap.xml` (an index of the columns' urlset, the 办事服务 chunk and the months'
 * chunks), the columns' urlset and, unless `months` is given, every month's chunk.
 */
export async function writeSitemaps(
  deps: Deps,
  model: SiteModel,
  out: PublicFiles,
  now: string,
  months?: readonly string[],
): Promise<void> {
  const range = await publicArticleQueries.firstPublishedRange(deps.db.kysely, model.siteId);
  const all = range?.first && range.last ? monthsBetween(beijingMonth(range.first), beijingMonth(range.last)) : [];
  for (const month of months ?? all) await writeSitemapMonth(deps, model, out, month, now);
  const cols = pageContext(model, SITEMAP_COLUMNS_PATH, now);
  out.write(SITEMAP_COLUMNS_PATH, renderSitemapXml(cols, model.columns, []));
  const ctx = pageContext(model, SITEMAP_XML_PATH, now);
  // The 办事服务 chunk is written with the service pages (services.ts); listed once it is there.
  const services = out.exists(SITEMAP_SERVICES_PATH) ? [SITEMAP_SERVICES_PATH] : [];
  const entries = [SITEMAP_COLUMNS_PATH, ...services, ...all.map(sitemapMonthPath)].map((p) => ({
    url: relativeUrl(SITEMAP_XML_PATH, p),
    lastmod: null,
  }));
  out.write(SITEMAP_XML_PATH, renderSitemapIndex(ctx, entries));
}

/**
 * Where each public page lives in a site's folder, and the links between pages. Paths are
 * site-root paths (`/xwdt/zwyw/index.html`); pages link to each other relatively, so the same
 * files work at a domain's root and under the `/sites/<code>/` preview prefix.
 */

export const HOME_PATH = '/index.html';
export const SITE_MAP_PATH = '/sitemap.html';
/** The 404 page answers any missing path, so it links from the site root: one copy for the site's domain, one for the preview prefix. */
export const NOT_FOUND_PATH = '/404.html';
export const PREVIEW_NOT_FOUND_PATH = '/404-preview.html';

/** Where a site is previewed on the platform itself. */
export function previewRoot(code: string): string {
  return `/sites/${code}/`;
}
export const SITEMAP_XML_PATH = '/sitemap.xml';
export const SITEMAP_COLUMNS_PATH = '/sitemap-columns.xml';
/** The dynamic search page (served by the application, not written to disk). */
export const SEARCH_PATH = '/search';
/** The 依申请公开 pages (served by the application; the disclosure room's). */
export {
  APP_PAGE_FOLDERS,
  APP_PAGE_PATHS,
  CATALOGUE_PATH,
  DISCLOSURE_REQUEST_PATH,
  DISCLOSURE_TRACKING_PATH,
  GUIDE_PATH,
  INTERACTION_PATH,
} from '../../../common/public-paths.ts';
export const ASSETS_DIR = '/assets';

/**
 * The 办事服务 pages, written from the guides room's published items: the catalogue home, one
 * list per department (`bm`), topic (`zt`) and life event (`sj`), and one page per item (`sx`,
 * named by the guides room's `servicePagePath`). Static files, like the column pages.
 */
export const SERVICES_DIR = '/bsfw';
/** The catalogue home as a link target (the folder). */
export const SERVICES_PATH = '/bsfw/';
export const SERVICES_INDEX_PATH = '/bsfw/index.html';
/** The sitemap chunk listing the 办事服务 pages. */
export const SITEMAP_SERVICES_PATH = '/sitemap-services.xml';

export type ServiceListKind = 'bm' | 'zt' | 'sj';

/** Page `page` (1-based) of a 办事服务 list: `/bsfw/bm/<orgId>.html`, then `/bsfw/bm/<orgId>_2.html`… */
export function serviceListPath(kind: ServiceListKind, key: string, page: number): string {
  return `${SERVICES_DIR}/${kind}/${key}${page === 1 ? '' : `_${page}`}.html`;
}
export const FILES_DIR = '/files';

/** A column's folder: the slugs from the top-level column down, e.g. `/xwdt/zwyw`. */
export function columnDir(slugs: readonly string[]): string {
  return `/${slugs.join('/')}`;
}

/** Page `page` (1-based) of a column list. */
export function columnPagePath(dir: string, page: number): string {
  return page === 1 ? `${dir}/index.html` : `${dir}/index_${page}.html`;
}

/** The URL a link uses for a column page: page 1 is the folder itself. */
export function columnPageUrl(dir: string, page: number): string {
  return page === 1 ? `${dir}/` : columnPagePath(dir, page);
}

export function rssPath(dir: string): string {
  return `${dir}/rss.xml`;
}

/** `YYYYMM` in Beijing time of an ISO instant. */
export function beijingMonth(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** An article page: in its column's folder, under the Beijing month of its first publication. */
export function articlePath(dir: string, firstPublishedAt: string, articleId: string): string {
  return `${dir}/${beijingMonth(firstPublishedAt)}/${articleId}.html`;
}

/** The sitemap chunk listing the articles first published in a month (`YYYYMM`). */
export function sitemapMonthPath(month: string): string {
  return `/sitemap-${month}.xml`;
}

/** A stored file (attachment or image) by content hash: immutable, so cached for long. */
export function filePath(sha256: string, ext: string): string {
  const safeExt = /^[a-z0-9]{1,8}$/.test(ext) ? `.${ext}` : '';
  return `${FILES_DIR}/${sha256}${safeExt}`;
}

/**
 * A relative URL from the page at `from` to `to` (both site-root paths; `to` may end in `/`
 * for a folder). From `/a/b/c.html` to `/a/d/` gives `../d/`; to the site root gives `../../`
 * (or `./` from a top-level page).
 */
export function relativeUrl(from: string, to: string): string {
  const fromDir = from.split('/').slice(1, -1);
  const target = to.split('/').slice(1);
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
  const up = '../'.repeat(fromDir.length - common);
  const rest = target.slice(common).join('/');
  return up + rest || './';
}

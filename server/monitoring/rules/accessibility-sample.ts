/**
 * Which pages of a published site stand for it in the accessibility sample: one of each page
 * type a citizen meets — the home page, a column list, an article, the site map, the service
 * catalogue and an item, the 404 page. Pure: it chooses from the site's file list.
 */

export interface SamplePage {
  type: string;
  /** Site-root path of the file, e.g. `/xwdt/202611/abc.html`. */
  path: string;
}

const FIXED: [string, string][] = [
  ['首页', '/index.html'],
  ['网站地图', '/sitemap.html'],
  ['办事服务', '/bsfw/index.html'],
  ['404页面', '/404.html'],
];
const ARTICLE = /^\/[^/]+(?:\/[^/]+)*\/\d{6}\/[^/]+\.html$/;
const COLUMN = /^\/([^/]+)\/index\.html$/;

/** One page of each type found among `files` (site-root paths), in a stable order. */
export function samplePages(files: readonly string[], appFolders: readonly string[] = ['/bsfw', '/assets', '/hdjl']): SamplePage[] {
  const set = new Set(files);
  const out: SamplePage[] = FIXED.filter(([, p]) => set.has(p)).map(([type, path]) => ({ type, path }));
  const sorted = [...files].filter((f) => f.endsWith('.html')).sort();
  const column = sorted.find((f) => COLUMN.test(f) && !appFolders.some((a) => f.startsWith(`${a}/`)));
  if (column) out.push({ type: '栏目页', path: column });
  const article = sorted.find((f) => ARTICLE.test(f) && !appFolders.some((a) => f.startsWith(`${a}/`)));
  if (article) out.push({ type: '文章页', path: article });
  const item = sorted.find((f) => f.startsWith('/bsfw/sx/'));
  if (item) out.push({ type: '办事指南', path: item });
  return out;
}

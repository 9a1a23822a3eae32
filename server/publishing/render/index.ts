/** Public-site renderer: pure functions from views to HTML, XML and CSS strings. */
export { html, trustedSanitized, escapeHtml, escapeAttr, joinHtml, safeUrl, SafeHtml, type HtmlValue } from './html.ts';
export { beijingDate, beijingDateTime, beijingW3c, rfc822Beijing } from './dates.ts';
export {
  contrastRatio,
  resolveThemeColors,
  siteStylesheet,
  elderStylesheet,
  DEFAULT_COLORS,
  MIN_CONTRAST,
  type ThemeColors,
} from './theme.ts';
export { resolveInternalRefs } from './refs.ts';
export { layout, identityFooter, absoluteUrl } from './layout.ts';
export {
  renderHome,
  renderColumnPage,
  renderArticle,
  renderSiteMap,
  renderNotFound,
  renderSitemapXml,
  renderSitemapIndex,
  renderRss,
  pageCount,
  pageWindow,
  PAGE_SIZE,
  type HomeLists,
  type HomeListBlock,
  type ColumnPageInput,
} from './pages.ts';
export * from './types.ts';
export { renderSearchPage, type SearchForm, type SearchPageInput } from './search-page.ts';

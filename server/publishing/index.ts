/** The publishing room's door: static public sites built from published content. */
export {
  publishSite,
  publishArticleChange,
  refreshColumnLists,
  publishableSites,
  publishServiceChanges,
  BuildInProgressError,
  type SitePublishResult,
  type ArticlePublishOutcome,
  type ServicesPublishOutcome,
} from './commands/publish.ts';
export { publicSiteId, sitePage, type SitePageInput } from './commands/site-page.ts';
export { escapeHtml, html, type SafeHtml } from './render/html.ts';
export { challengeFields, formErrors, paragraphs } from './render/form-parts.ts';
export { paginationNav } from './render/pages.ts';
export { dateInputValue } from './render/search-page.ts';
export { relativeUrl } from './rules/paths.ts';
export { publishingJobs } from './publishing.jobs.ts';
export { publishingRoutes } from './publishing.routes.ts';
export { onPublicFilesChanged } from './public-events.ts';
export { siteFolder } from './site-folders.ts';
export * from './serve/index.ts';
export { rebuildSiteRedirects, siteRedirects, switchedSiteIds } from './commands/redirects.ts';
export { handOverSitePages, type FormerArticlePage } from './commands/site-merge.ts';

/**
 * The migration room (迁移导入): importing a legacy website into a hosted site — crawl (through
 * monitoring's crawler), read pages, recognise columns, map them to target columns, import
 * articles (through content's `importArticle`), report page by page, keep the old URLs.
 *
 *   for await (const r of legacyRedirects(db, sourceSiteId)) … // r.oldPathAndQuery → r.articleId on r.targetSiteId
 */
export {
  createImport,
  getImport,
  listImports,
  confirmMapping,
  startImport,
  cancelImport,
  importPages,
  importReportXlsx,
  ANALYSE_JOB,
  IMPORT_JOB,
} from './commands/imports.ts';
export { analyseImport } from './commands/analyse.ts';
export { runImport } from './commands/run-import.ts';
export { legacyRedirects, recordMovedArticleUrls, type LegacyRedirect } from './commands/redirects.ts';
export { migrationJobs } from './migration.jobs.ts';
export { migrationRoutes } from './migration.routes.ts';

/**
 * The traffic room (网站访问量): visits and unique visitors of every hosted site, counted from
 * the access logs nginx and the embedded server write in one format (docs/traffic.md).
 *   const { pageViews, uniqueVisitors } = await siteTraffic(deps, siteId, 2026);
 */
export { siteTraffic, getSiteTraffic } from './commands/site-traffic.ts';
export type { SiteTrafficView, SiteTrafficYear } from '../../common/schemas/traffic.ts';
export { ingestAccessLogs, visitorHash, type IngestOptions, type IngestSummary } from './commands/ingest.ts';
export {
  accessLogDir,
  appAccessLogFile,
  nginxAccessLogFile,
  openAccessLog,
  type AccessLogOptions,
  type AccessLogWriter,
} from './access-log.ts';
export {
  clientAddress,
  formatAccessLine,
  parseAccessLine,
  NGINX_ACCESS_LOG_FORMAT,
  NGINX_ACCESS_LOG_FORMAT_NAME,
  type AccessEntry,
} from './rules/access-line.ts';
export { classifyEntry, isCrawler, isPagePath } from './rules/page-view.ts';
export { trafficJobs, ingestTrafficJob } from './traffic.jobs.ts';
export { trafficRoutes } from './traffic.routes.ts';

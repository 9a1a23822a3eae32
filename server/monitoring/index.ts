/** The monitoring room: probes, crawls and checks of every site (hosted or not), and the findings they make. */
export {
  crawlSite,
  CRAWL_DEFAULTS,
  type CrawlOptions,
  type CrawlHandlers,
  type CrawlSummary,
  type CrawledPage,
  type LinkCheck,
} from './crawler/crawl.ts';
export { readPage, type PageFacts } from './rules/page-facts.ts';
export { decodeHtml } from './rules/charset.ts';
// The findings store: runs, lifecycle and history, availability probes, veto notices, health.
export { recordRun } from './commands/record-run.ts';
export { probeHomepage, probeSites, type ProbeResult, type ProbeSummary } from './commands/probes.ts';
export {
  getFinding,
  listFindings,
  listRuns,
  openFindingCounts,
  openFindingsForScoring,
  siteHealth,
  type ScoringFinding,
} from './commands/findings.ts';
export { listMyNotices, markNoticeRead } from './commands/notices.ts';
export { getMonitoringSettings, loadMonitoringSettings, saveMonitoringSettings, MONITORING_SETTINGS_KEY } from './commands/settings.ts';
export { homepageUrl } from './rules/availability.ts';
export { monitoringJobs, probeSitesJob } from './monitoring.jobs.ts';
export { monitoringRoutes } from './monitoring.routes.ts';
export { crawlCheck, type CrawlCheckInput, type CrawlCheckResult } from './commands/crawl-check.ts';
export { crawlSites, type CrawlSitesSummary } from './commands/crawl-sites.ts';
export { sampleAccessibility, type AccessibilitySummary } from './commands/accessibility.ts';
export { checkHostedSite, checkHostedSites, type HostedChecksSummary } from './commands/hosted-checks.ts';
export { recheckSite } from './commands/recheck.ts';
export { checkConsolidation, type ConsolidationCheckSummary } from './commands/consolidation-checks.ts';

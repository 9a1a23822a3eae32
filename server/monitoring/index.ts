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

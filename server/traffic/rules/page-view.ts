/**
 * What counts in 网站总访问量: a page a person was shown. A log line is a page view when it is
 * a GET answered 200 or 304 (a HEAD shows nothing; redirects, errors and refusals show no page)
 * for an HTML page (a path ending in `/`, `.html` or `.htm`, or whose last segment has no
 * extension: `/search`, `/ysqgk`), by a user agent that is not a program. Assets, attachments,
 * feeds and site maps are not page views.
 */
import type { AccessEntry } from './access-line.ts';

/**
 * User agents of programs, not people: search engine spiders and other crawlers, command-line
 * and library HTTP clients, headless browsers (the platform's own accessibility sample runs
 * headless Chromium), and the platform's crawler and probes (`GongkaiMonitor/…`, monitoring room).
 */
export const CRAWLER_USER_AGENT =
  /bot\b|bot\/|spider|crawl|slurp|scrapy|curl|wget|python-requests|python-urllib|aiohttp|httpx|go-http-client|okhttp|java\/|libwww|lwp-|httpclient|node-fetch|axios|undici|headless|phantomjs|lighthouse|pingdom|uptime|monitor|facebookexternalhit|ia_archiver|feedfetcher|mediapartners/i;

/** Why a line is or is not a page view (the ingestion counts each reason). */
export type LineKind = 'view' | 'crawler' | 'notPage';

/** True when the user agent is a program's, or empty (every browser sends one). */
export function isCrawler(userAgent: string): boolean {
  return userAgent === '' || CRAWLER_USER_AGENT.test(userAgent);
}

/** True for the path of an HTML page: `…/`, `….html`, `….htm`, or a last segment without a dot. */
export function isPagePath(path: string): boolean {
  if (path.endsWith('/')) return true;
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (!last.includes('.')) return true;
  return /\.html?$/i.test(last);
}

/** How an access-log entry counts. */
export function classifyEntry(e: Pick<AccessEntry, 'method' | 'status' | 'path' | 'userAgent'>): LineKind {
  if (e.method !== 'GET' || (e.status !== 200 && e.status !== 304) || !isPagePath(e.path)) return 'notPage';
  return isCrawler(e.userAgent) ? 'crawler' : 'view';
}

/**
 * A crawl check of one site: crawl it, judge every page and link as the crawl goes, check its
 * certificate, and return the findings. Used by `gongkai monitor <url>` for any URL (nothing is
 * registered or stored) and by the scheduled crawl of registered sites (which records them). The
 * crawl itself runs in a process of its own (crawler/crawl-process.ts); the judging runs here.
 */
import type { Finding, MonitorReport } from '../../../common/schemas/monitoring.ts';
import { wordingCheckerFor } from '../../content/index.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import type { CrawlOptions, CrawlProgress, CrawlSummary } from '../crawler/crawl.ts';
import { crawlInProcess } from '../crawler/crawl-process.ts';
import { peerCertificate } from '../crawler/tls.ts';
import { DEFAULT_ANALYSIS, createSiteAnalyser, type AnalysisSettings } from '../rules/site-analysis.ts';
import { daysBetween } from '../rules/freshness.ts';

export interface CrawlCheckInput {
  url: string;
  /** YYYY-MM-DD; every window is counted to this day. Default: today (Beijing). */
  asOf?: string;
  /** The registered site, when there is one: its own dictionaries are used for the wording check. */
  siteId?: string | null;
  crawl?: Omit<CrawlOptions, 'startUrl'>;
  settings?: AnalysisSettings;
  /** Days before expiry at which a certificate is reported. */
  tlsWarnDays?: number;
  onProgress?: (p: CrawlProgress) => void;
}

export interface CrawlCheckResult {
  report: MonitorReport;
  summary: CrawlSummary;
}

const TLS_WARN_DAYS = 30;

/** Crawls `url` and returns the findings (the `gongkai monitor --json` document). */
export async function crawlCheck(deps: Deps, input: CrawlCheckInput): Promise<CrawlCheckResult> {
  const asOf = input.asOf ?? beijingToday(deps.clock);
  const start = new URL(input.url);
  start.hash = '';
  const wording = await wordingCheckerFor(deps, input.siteId ?? null);
  const analyser = createSiteAnalyser({ homeUrl: start.href, asOf, settings: input.settings ?? DEFAULT_ANALYSIS, wording });
  const summary = await crawlInProcess(
    { ...input.crawl, startUrl: start.href },
    {
      onPage: (p) => analyser.page({ url: p.finalUrl, depth: p.depth, parent: p.parent, facts: p.facts }),
      onLink: (l) => analyser.link(l),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    },
  );
  if (summary.pages === 0) analyser.homeFailed(summary.home.url, summary.home.status, summary.home.error);
  const findings: Finding[] = analyser.finish();

  const final = new URL(summary.home.finalUrl);
  if (final.protocol === 'https:') {
    const cert = await peerCertificate(final.hostname, Number(final.port || 443), input.crawl?.timeoutMs ?? 15_000);
    if (cert) {
      const days = daysBetween(asOf, cert.validTo.slice(0, 10));
      const warn = input.tlsWarnDays ?? TLS_WARN_DAYS;
      if (days <= warn || !cert.trusted) {
        findings.push({
          kind: 'tls_expiring',
          severity: days < 0 ? 'deduction' : 'info',
          url: final.origin,
          lastUpdated: cert.validTo.slice(0, 10),
          days,
          detail:
            days < 0
              ? `网站证书已于${cert.validTo.slice(0, 10)}过期，浏览器将提示不安全`
              : days <= warn
                ? `网站证书将于${cert.validTo.slice(0, 10)}过期（还剩${days}天）`
                : `网站证书不受信任（${cert.error ?? '未知原因'}）`,
          rule: 'info.tls',
          params: { warnDays: warn, trusted: cert.trusted, ...(cert.error ? { error: cert.error } : {}) },
        });
      }
    }
  }
  return {
    report: { url: start.href, asOf, pages: summary.pages, links: summary.urlsChecked, findings },
    summary,
  };
}

/**
 * The nightly crawl of every registered site that is not closed (hosted or not): each is crawled
 * politely from its homepage, judged as of today, and its findings recorded (source `crawl`) so
 * they open, stay and resolve from one night to the next. Each site's crawl journal lives in
 * `data/crawls/<siteId>.sqlite`: a crawl cut short (restart, timeout) resumes there next time, and
 * external links checked within a day are not asked again.
 */
import path from 'node:path';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import type { CrawlOptions } from '../crawler/crawl.ts';
import { monitoringRefs } from '../monitoring.repository.ts';
import { homepageUrl } from '../rules/availability.ts';
import { crawlCheck } from './crawl-check.ts';
import { recordRun } from './record-run.ts';

export interface CrawlSitesSummary {
  sites: number;
  crawled: number;
  /** Sites without an address to crawl. */
  skipped: number;
  /** Crawls cut short; they resume from their journal next time. */
  interrupted: number;
  findings: number;
}

/** Crawls every open site (or `siteIds`) one after another and records their findings. */
export async function crawlSites(
  deps: Deps,
  actor: Actor,
  opts: { siteIds?: string[]; signal?: AbortSignal; crawl?: Omit<CrawlOptions, 'startUrl' | 'journalPath' | 'signal'> } = {},
): Promise<CrawlSitesSummary> {
  requirePermission(actor, 'system.jobs');
  const sites = await monitoringRefs.openSites(deps.db.kysely, opts.siteIds);
  const summary: CrawlSitesSummary = { sites: sites.length, crawled: 0, skipped: 0, interrupted: 0, findings: 0 };
  for (const site of sites) {
    if (opts.signal?.aborted) break;
    const domains = JSON.parse(site.domains) as string[];
    const url = homepageUrl({ domains, baseUrl: site.base_url });
    if (!url) {
      summary.skipped++;
      continue;
    }
    const startedAt = deps.clock.now().toISOString();
    const asOf = beijingToday(deps.clock);
    const { report, summary: crawl } = await crawlCheck(deps, {
      url,
      asOf,
      siteId: site.id,
      crawl: {
        ...opts.crawl,
        siteHosts: domains,
        journalPath: path.join(deps.config.dataDir, 'crawls', `${site.id}.sqlite`),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
    });
    if (crawl.aborted) {
      summary.interrupted++;
      continue;
    }
    await recordRun(deps, actor, {
      siteId: site.id,
      source: 'crawl',
      asOf,
      startedAt,
      finishedAt: deps.clock.now().toISOString(),
      pages: report.pages,
      links: report.links,
      findings: report.findings,
    });
    summary.crawled++;
    summary.findings += report.findings.length;
  }
  return summary;
}

/** Jobs of the monitoring room's findings store: the availability probes (platform/jobs/schedule.ts). */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { probeSites } from './commands/probes.ts';
import { crawlSites } from './commands/crawl-sites.ts';

/** Probes every open site's homepage and records the availability findings; 48 slots a day. */
export const probeSitesJob = defineJob({
  name: 'monitoring.probeSites',
  payload: z.object({}),
  // The next slot is half an hour away: one retry at most, and never still running by then.
  maxAttempts: 2,
  timeoutMs: 25 * 60_000,
  run: async (_payload, ctx) => {
    const done = await probeSites(ctx.deps, ctx.actor, { signal: ctx.signal });
    ctx.deps.logger.info(done, 'availability probes');
  },
});

/** Crawls every open site and records what the crawl finds; nightly, resuming cut-short crawls from their journals. */
export const crawlSitesJob = defineJob({
  name: 'monitoring.crawlSites',
  payload: z.object({ siteIds: z.array(z.string()).optional() }),
  maxAttempts: 2,
  timeoutMs: 6 * 3600_000,
  run: async (payload, ctx) => {
    const done = await crawlSites(ctx.deps, ctx.actor, { signal: ctx.signal, ...(payload.siteIds ? { siteIds: payload.siteIds } : {}) });
    ctx.deps.logger.info(done, 'site crawls');
  },
});

export const monitoringJobs = [probeSitesJob, crawlSitesJob];

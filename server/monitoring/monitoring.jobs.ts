/** Jobs of the monitoring room's findings store: the availability probes (platform/jobs/schedule.ts). */
import { z } from 'zod';
import { CHECK_REDIRECTS_JOB, defineJob } from '../platform/jobs/index.ts';
import { switchedSiteIds } from '../publishing/index.ts';
import { probeSites } from './commands/probes.ts';
import { checkHostedSites } from './commands/hosted-checks.ts';
import { crawlSites } from './commands/crawl-sites.ts';
import { sampleAccessibility } from './commands/accessibility.ts';
import { checkConsolidation } from './commands/consolidation-checks.ts';
import { checkSiteRedirects } from './commands/redirect-check.ts';

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

/** axe-core in Chromium over one page of each type of every published hosted site; weekly. */
export const accessibilityJob = defineJob({
  name: 'monitoring.accessibility',
  payload: z.object({}),
  maxAttempts: 2,
  timeoutMs: 3 * 3600_000,
  run: async (_payload, ctx) => {
    const done = await sampleAccessibility(ctx.deps, ctx.actor, { signal: ctx.signal });
    ctx.deps.logger.info(done, 'accessibility samples');
  },
});

/** The exact checks of every active hosted site from the database (columns, home page, letters, guides); nightly. */
export const checkHostedJob = defineJob({
  name: 'monitoring.checkHosted',
  payload: z.object({ siteIds: z.array(z.string()).optional() }),
  maxAttempts: 2,
  timeoutMs: 60 * 60_000,
  run: async (payload, ctx) => {
    const done = await checkHostedSites(ctx.deps, ctx.actor, {
      signal: ctx.signal,
      ...(payload.siteIds ? { siteIds: payload.siteIds } : {}),
    });
    ctx.deps.logger.info(done, 'hosted site checks');
  },
});

/** The consolidation rules every site still breaks, as findings; each morning. */
export const checkConsolidationJob = defineJob({
  name: 'monitoring.checkConsolidation',
  payload: z.object({}),
  maxAttempts: 2,
  timeoutMs: 30 * 60_000,
  run: async (_payload, ctx) => {
    const done = await checkConsolidation(ctx.deps, ctx.actor);
    ctx.deps.logger.info(done, 'consolidation check');
  },
});

/**
 * The old URLs of retired sites after their switch (one site, or every site whose old names lead
 * here); daily, and after each rebuild of a site's redirects.
 */
export const checkRedirectsJob = defineJob({
  name: CHECK_REDIRECTS_JOB,
  payload: z.object({ siteId: z.string().optional() }),
  maxAttempts: 2,
  timeoutMs: 2 * 3600_000,
  run: async (payload, ctx) => {
    const ids = payload.siteId ? [payload.siteId] : await switchedSiteIds(ctx.deps);
    for (const id of ids) {
      if (ctx.signal.aborted) return;
      const done = await checkSiteRedirects(ctx.deps, ctx.actor, id, { signal: ctx.signal });
      ctx.deps.logger.info({ siteId: id, ...done }, 'redirect check');
    }
  },
});

export const monitoringJobs = [probeSitesJob, crawlSitesJob, accessibilityJob, checkHostedJob, checkConsolidationJob, checkRedirectsJob];

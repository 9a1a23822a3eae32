/**
 * Jobs of the publishing room: incremental publishing of one article, the list pages it shifted,
 * full builds of a site, and a site's 办事服务 pages after service items were published or withdrawn.
 */
import { z } from 'zod';
import { inTransaction } from '../platform/db/transaction.ts';
import {
  CHECK_REDIRECTS_JOB,
  defineJob,
  enqueueArticlePublish,
  enqueueJob,
  enqueueRedirectsRebuild,
  PUBLISH_ARTICLE_JOB,
  PUBLISH_COLUMN_LISTS_JOB,
  PUBLISH_REDIRECTS_JOB,
  PUBLISH_SERVICES_JOB,
  PUBLISH_SITE_JOB,
} from '../platform/jobs/index.ts';
import { isSwitched, rebuildSiteRedirects, retiredSitesLeadingTo } from './commands/redirects.ts';
import { refreshPublicHosts } from './serve/public-sites.ts';
import { publishArticleChange, publishServiceChanges, publishSite, refreshColumnLists, siteChangedSince } from './commands/publish.ts';

/** While a full build of the site runs, an article's pages wait this long and try again. */
const DEFER_MS = 5_000;

export const publishArticleJob = defineJob({
  name: PUBLISH_ARTICLE_JOB,
  payload: z.object({ articleId: z.string() }),
  run: async ({ articleId }, ctx) => {
    const outcome = await publishArticleChange(ctx.deps, articleId);
    if (outcome === 'deferred')
      await inTransaction(ctx.deps.db, (tx) =>
        enqueueArticlePublish(tx, ctx.deps.clock, articleId, new Date(ctx.deps.clock.now().getTime() + DEFER_MS)),
      );
  },
});

export const refreshColumnListsJob = defineJob({
  name: PUBLISH_COLUMN_LISTS_JOB,
  payload: z.object({ siteId: z.string(), columnId: z.string() }),
  run: async ({ siteId, columnId }, ctx) => {
    await refreshColumnLists(ctx.deps, siteId, columnId);
  },
});

export const publishSiteJob = defineJob({
  name: PUBLISH_SITE_JOB,
  payload: z.object({ siteId: z.string() }),
  timeoutMs: 60 * 60_000,
  run: async ({ siteId }, ctx) => {
    // Changes made while this job runs are covered by it (the queue keeps one job per site), so
    // the build repeats while the site or its columns changed during the previous pass.
    for (let pass = 0; pass < 3; pass++) {
      const started = ctx.deps.clock.now().toISOString();
      await publishSite(ctx.deps, siteId);
      if (!(await siteChangedSince(ctx.deps, siteId, started))) break;
    }
    // Old URLs of retired sites that lead to this site's articles follow their pages (a merged
    // site's articles have their new pages only now).
    const sources = await retiredSitesLeadingTo(ctx.deps, siteId);
    if (sources.length)
      await inTransaction(ctx.deps.db, async (tx) => {
        for (const source of sources) await enqueueRedirectsRebuild(tx, ctx.deps.clock, source);
      });
  },
});

export const publishServicesJob = defineJob({
  name: PUBLISH_SERVICES_JOB,
  payload: z.object({ siteId: z.string() }),
  // A site never built gets its first full build here.
  timeoutMs: 60 * 60_000,
  run: async ({ siteId }, ctx) => {
    const outcome = await publishServiceChanges(ctx.deps, siteId);
    // Not through enqueueServicesPublish: this running job holds the site's key, so that call
    // would return this job and the retry would be lost.
    if (outcome === 'deferred')
      await inTransaction(ctx.deps.db, (tx) =>
        enqueueJob(
          tx,
          ctx.deps.clock,
          PUBLISH_SERVICES_JOB,
          { siteId },
          { priority: 8, runAt: new Date(ctx.deps.clock.now().getTime() + DEFER_MS) },
        ),
      );
  },
});

/** A retired site's old URLs lead somewhere new: rebuild its redirects, and have this process's front read them. */
export const rebuildRedirectsJob = defineJob({
  name: PUBLISH_REDIRECTS_JOB,
  payload: z.object({ siteId: z.string() }),
  run: async ({ siteId }, ctx) => {
    const { entries } = await rebuildSiteRedirects(ctx.deps, siteId);
    await refreshPublicHosts();
    // Checked once the switch is made; the daily check covers sites switched later.
    if (entries > 0 && (await isSwitched(ctx.deps, siteId)))
      await inTransaction(ctx.deps.db, (tx) =>
        enqueueJob(tx, ctx.deps.clock, CHECK_REDIRECTS_JOB, { siteId }, { dedupeKey: `${CHECK_REDIRECTS_JOB}:${siteId}` }),
      );
  },
});

export const publishingJobs = [publishArticleJob, refreshColumnListsJob, publishSiteJob, publishServicesJob, rebuildRedirectsJob];

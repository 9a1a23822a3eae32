/** Jobs of the publishing room: incremental publishing of one article, the list pages it shifted, full builds of a site. */
import { z } from 'zod';
import { inTransaction } from '../platform/db/transaction.ts';
import {
  defineJob,
  enqueueArticlePublish,
  PUBLISH_ARTICLE_JOB,
  PUBLISH_COLUMN_LISTS_JOB,
  PUBLISH_SITE_JOB,
} from '../platform/jobs/index.ts';
import { publishArticleChange, publishSite, refreshColumnLists, siteChangedSince } from './commands/publish.ts';

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
      if (!(await siteChangedSince(ctx.deps, siteId, started))) return;
    }
  },
});

export const publishingJobs = [publishArticleJob, refreshColumnListsJob, publishSiteJob];

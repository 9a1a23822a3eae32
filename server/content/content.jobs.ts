/** Jobs of the content room: scheduled publication. */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { publishScheduledArticle } from './commands/review.ts';
import { scheduledDue } from './commands/scheduled.ts';

/** Publishes one scheduled article when its time has come. */
export const publishScheduledJob = defineJob({
  name: 'content.publishScheduled',
  payload: z.object({ articleId: z.string(), version: z.number().optional() }),
  run: async ({ articleId }, ctx) => {
    await publishScheduledArticle(ctx.deps, ctx.actor, articleId);
  },
});

/** A safety net run every minute: anything scheduled and due is published even if its own job was lost. */
export const sweepScheduledJob = defineJob({
  name: 'content.sweepScheduled',
  payload: z.object({}),
  run: async (_payload, ctx) => {
    for (const id of await scheduledDue(ctx.deps)) await publishScheduledArticle(ctx.deps, ctx.actor, id);
  },
});

export const contentJobs = [publishScheduledJob, sweepScheduledJob];

/** Jobs of the sites room: closing sites whose closure notice period is over are closed each morning. */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { finishDueClosures } from './commands/lifecycle.ts';

export const FINISH_CLOSURES_JOB = 'sites.finishClosures';

export const finishClosuresJob = defineJob({
  name: FINISH_CLOSURES_JOB,
  payload: z.object({}),
  maxAttempts: 3,
  timeoutMs: 10 * 60_000,
  run: async (_payload, ctx) => {
    const closed = await finishDueClosures(ctx.deps, ctx.actor);
    ctx.deps.logger.info({ closed }, 'closing sites closed after their notice period');
  },
});

export const sitesJobs = [finishClosuresJob];

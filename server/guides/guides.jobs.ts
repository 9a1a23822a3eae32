/** Jobs of the guides room: the nightly link check (platform/jobs/schedule.ts). */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { checkServiceLinks } from './commands/link-checks.ts';

export const linkCheckJob = defineJob({
  name: 'guides.linkCheck',
  payload: z.object({}),
  timeoutMs: 60 * 60_000,
  run: async (_payload, ctx) => {
    const done = await checkServiceLinks(ctx.deps, ctx.actor);
    ctx.deps.logger.info(done, 'service link check');
  },
});

export const guidesJobs = [linkCheckJob];

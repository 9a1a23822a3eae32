/** Jobs of the monitoring room's findings store: the availability probes (platform/jobs/schedule.ts). */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { probeSites } from './commands/probes.ts';

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

export const monitoringJobs = [probeSitesJob];

/** Jobs of the traffic room: the hourly ingestion of the access logs (platform/jobs/schedule.ts). */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { ingestAccessLogs } from './commands/ingest.ts';

/** Reads the access logs on from where the last run stopped; hourly. */
export const ingestTrafficJob = defineJob({
  name: 'traffic.ingest',
  payload: z.object({}),
  // The next slot is an hour away and picks up whatever this one left.
  maxAttempts: 2,
  timeoutMs: 50 * 60_000,
  run: async (_payload, ctx) => {
    const done = await ingestAccessLogs(ctx.deps, ctx.actor, { signal: ctx.signal });
    ctx.deps.logger.info(done, 'access logs ingested');
  },
});

export const trafficJobs = [ingestTrafficJob];

/** Jobs of the evaluation room: scoring a spot-check batch (queued when the batch is made; resumes what is pending). */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { RUN_BATCH_JOB, runBatch } from './commands/batches.ts';

export const runBatchJob = defineJob({
  name: RUN_BATCH_JOB,
  payload: z.object({ batchId: z.string().min(1).max(40) }),
  maxAttempts: 3,
  timeoutMs: 60 * 60_000,
  run: async (payload, ctx) => {
    const done = await runBatch(ctx.deps, ctx.actor, payload.batchId, { signal: ctx.signal });
    ctx.deps.logger.info({ batchId: payload.batchId, ...done }, 'evaluation batch scored');
  },
});

export const evaluationJobs = [runBatchJob];

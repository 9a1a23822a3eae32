/**
 * Jobs of the evaluation room: scoring a spot-check batch (queued when the batch is made;
 * resumes what is pending), re-checking a rectification task whose fix was reported, and the
 * morning escalation of overdue tasks, and the quarter's spot check made on schedule.
 */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { RUN_BATCH_JOB, runBatch, scheduledQuarterCheck } from './commands/batches.ts';
import { remindWebsiteReports } from './commands/website-report.ts';
import { escalateOverdue, RECHECK_TASK_JOB, recheckFailed, recheckTask } from './commands/rectification.ts';

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

const RECHECK_ATTEMPTS = 3;

/** Re-checks a reported task; when its last attempt fails too, the task goes back to its owner saying so. */
export const recheckTaskJob = defineJob({
  name: RECHECK_TASK_JOB,
  payload: z.object({ taskId: z.string().min(1).max(40) }),
  maxAttempts: RECHECK_ATTEMPTS,
  // A re-check may crawl the site.
  timeoutMs: 2 * 3600_000,
  run: async (payload, ctx) => {
    try {
      const done = await recheckTask(ctx.deps, ctx.actor, payload.taskId, ctx.signal);
      ctx.deps.logger.info({ taskId: payload.taskId, ...done }, 'rectification task re-checked');
    } catch (e) {
      if (ctx.attempt < RECHECK_ATTEMPTS) throw e;
      ctx.deps.logger.warn({ taskId: payload.taskId, err: e instanceof Error ? e.message : String(e) }, 'rectification re-check failed');
      await recheckFailed(ctx.deps, ctx.actor, payload.taskId);
    }
  },
});

export const escalateOverdueJob = defineJob({
  name: 'evaluation.escalateOverdue',
  payload: z.object({}),
  maxAttempts: 3,
  timeoutMs: 10 * 60_000,
  run: async (_payload, ctx) => {
    const escalated = await escalateOverdue(ctx.deps, ctx.actor);
    ctx.deps.logger.info({ escalated }, 'overdue rectification tasks escalated');
  },
});

/** The quarter's spot check over every open site, made early in the next quarter (once per quarter). */
export const quarterlySpotCheckJob = defineJob({
  name: 'evaluation.quarterlySpotCheck',
  payload: z.object({}),
  maxAttempts: 3,
  timeoutMs: 10 * 60_000,
  run: async (_payload, ctx) => {
    const made = await scheduledQuarterCheck(ctx.deps, ctx.actor);
    ctx.deps.logger.info({ batchId: made?.id ?? null, period: made?.period ?? null }, 'quarterly spot check');
  },
});

/** From 1 January, each morning: the hosted sites whose annual website report is not published yet are reminded. */
export const websiteReportReminderJob = defineJob({
  name: 'evaluation.websiteReportReminder',
  payload: z.object({}),
  maxAttempts: 3,
  timeoutMs: 10 * 60_000,
  run: async (_payload, ctx) => {
    const reminded = await remindWebsiteReports(ctx.deps);
    ctx.deps.logger.info({ reminded }, 'annual website report reminders');
  },
});

export const evaluationJobs = [runBatchJob, recheckTaskJob, escalateOverdueJob, quarterlySpotCheckJob, websiteReportReminderJob];

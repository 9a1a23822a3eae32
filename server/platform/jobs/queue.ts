/**
 * The job queue is the `jobs` table. Commands enqueue inside their own transaction, so a job
 * exists exactly when the change that asked for it does; workers claim rows from the table.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Database, JobRow } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import { DEFAULT_MAX_ATTEMPTS, type JobDefinition } from './job-definition.ts';

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Overrides the definition's maxAttempts (or 5 when enqueued by name). */
  maxAttempts?: number;
  /** Higher runs first among due jobs (default 0). */
  priority?: number;
  /** At most one unfinished job per key: enqueueing again returns the existing job's id. */
  dedupeKey?: string;
}

// Process-local wake-up call: workers in this process start claiming at once instead of at
// the next poll. Workers in other processes still find the job by polling.
const enqueued = new EventEmitter();
enqueued.setMaxListeners(0);

/** Wakes the workers of this process; called after a transaction that enqueued jobs commits. */
export function notifyJobsEnqueued(): void {
  enqueued.emit('enqueued');
}

/** Subscribes to notifyJobsEnqueued; returns the unsubscribe function. */
export function onJobsEnqueued(listener: () => void): () => void {
  enqueued.on('enqueued', listener);
  return () => {
    enqueued.off('enqueued', listener);
  };
}

/**
 * Enqueues a job in the caller's transaction and returns its id. Pass the definition rather
 * than the name to validate the payload now (a bad payload fails the command, not the job
 * later) and to take the definition's maxAttempts.
 */
export async function enqueueJob(
  tx: Tx,
  clock: Clock,
  job: string | JobDefinition<unknown>,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<string> {
  const def = typeof job === 'string' ? undefined : job;
  if (def) def.payload.parse(payload);
  const id = await insertJob(tx.trx, clock, {
    name: typeof job === 'string' ? job : job.name,
    payload,
    maxAttempts: opts.maxAttempts ?? def?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    runAt: opts.runAt,
    priority: opts.priority,
    dedupeKey: opts.dedupeKey,
  });
  tx.afterCommit(() => notifyJobsEnqueued());
  return id;
}

interface NewJob {
  id?: string;
  name: string;
  payload: unknown;
  maxAttempts: number;
  runAt?: Date | undefined;
  priority?: number | undefined;
  dedupeKey?: string | undefined;
}

/** Inserts a pending job row (or finds the unfinished one holding the dedupe key); internal to the jobs module. */
export async function insertJob(trx: Kysely<Database>, clock: Clock, job: NewJob): Promise<string> {
  if (!Number.isInteger(job.maxAttempts) || job.maxAttempts < 1) throw new Error('maxAttempts must be a positive integer');
  const now = clock.now().toISOString();
  const text = JSON.stringify(job.payload ?? null);
  const row = {
    name: job.name,
    payload: text,
    status: 'pending' satisfies JobStatus,
    priority: job.priority ?? 0,
    attempts: 0,
    max_attempts: job.maxAttempts,
    run_at: (job.runAt ?? clock.now()).toISOString(),
    locked_by: null,
    locked_until: null,
    last_error: null,
    dedupe_key: job.dedupeKey ?? null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  const dedupeKey = job.dedupeKey;
  if (dedupeKey === undefined) {
    const id = job.id ?? randomUUID();
    await trx
      .insertInto('jobs')
      .values({ id, ...row })
      .execute();
    return id;
  }
  // Finished jobs release their key (see outcome.ts), so a key in the table belongs to an
  // unfinished job. ON CONFLICT DO NOTHING instead of catching a unique violation: on
  // PostgreSQL a failed statement would abort the caller's whole transaction. A concurrent
  // enqueuer with the same key makes our insert wait for its commit, then do nothing.
  // The loop covers the rare case where the holder finishes between our insert and select.
  for (let tries = 0; tries < 3; tries++) {
    const id = job.id ?? randomUUID();
    const inserted = await trx
      .insertInto('jobs')
      .values({ id, ...row })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const existing = await trx.selectFrom('jobs').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
    if (existing) return existing.id;
  }
  throw new Error(`could not enqueue job "${job.name}" with dedupe key "${dedupeKey}"`);
}

export type JobStats = Record<JobStatus, number>;

/** Number of jobs in each status, for the admin. */
export async function jobStats(db: Db): Promise<JobStats> {
  const rows = await db.kysely
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const stats: JobStats = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) {
    if ((JOB_STATUSES as readonly string[]).includes(r.status)) stats[r.status as JobStatus] = Number(r.n);
  }
  return stats;
}

/** The most recently touched jobs, optionally of one status, for the admin. */
export async function listJobs(db: Db, opts: { status?: JobStatus; limit: number }): Promise<JobRow[]> {
  let q = db.kysely.selectFrom('jobs').selectAll();
  if (opts.status) q = q.where('status', '=', opts.status);
  const limit = Math.max(1, Math.min(Math.trunc(opts.limit), 500));
  return q.orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
}

/** Days finished jobs are kept: done ones briefly, failed ones long enough to investigate. */
export const KEEP_DONE_DAYS = 30;
export const KEEP_FAILED_DAYS = 180;

/** Deletes finished jobs and schedule records past their keeping time; returns rows deleted. */
export async function pruneFinishedJobs(db: Db, now: Date): Promise<{ jobs: number; scheduledRuns: number }> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const done = await db.kysely
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', before(KEEP_DONE_DAYS))
    .executeTakeFirst();
  const failed = await db.kysely
    .deleteFrom('jobs')
    .where('status', '=', 'failed')
    .where('finished_at', '<', before(KEEP_FAILED_DAYS))
    .executeTakeFirst();
  const runs = await db.kysely.deleteFrom('scheduled_runs').where('slot', '<', before(KEEP_DONE_DAYS)).executeTakeFirst();
  return { jobs: Number(done.numDeletedRows) + Number(failed.numDeletedRows), scheduledRuns: Number(runs.numDeletedRows) };
}

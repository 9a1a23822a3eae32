/**
 * Recording how a run ended: done, retry later with backoff, or given up ('failed').
 * Every update is fenced on the claim (worker, attempt), so a worker whose lock expired and
 * whose job was reclaimed elsewhere cannot overwrite the newer run's outcome.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { JobRow } from '../db/schema.ts';

const BASE_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
export const MAX_ERROR_LENGTH = 2000;

/** Delay before retry number `attempt` (1-based): 10 s × 2^(attempt−1), at most one hour. */
export function backoffMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(BASE_BACKOFF_MS * 2 ** (n - 1), MAX_BACKOFF_MS);
}

/** The message stored in last_error, cut to the column's working size. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message || e.name : String(e);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

export type ClaimedJob = Pick<JobRow, 'id' | 'attempts' | 'max_attempts' | 'locked_by'>;
export type Outcome = 'done' | 'retry' | 'failed' | 'lost';

function fenced(db: Db, job: ClaimedJob) {
  return db.kysely
    .updateTable('jobs')
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', job.locked_by)
    .where('attempts', '=', job.attempts);
}

/** Marks a claimed job done; 'lost' when the claim is no longer ours. */
export async function recordSuccess(db: Db, clock: Clock, job: ClaimedJob): Promise<Outcome> {
  const now = clock.now().toISOString();
  const res = await fenced(db, job)
    .set({ status: 'done', locked_by: null, locked_until: null, dedupe_key: null, finished_at: now, updated_at: now })
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0 ? 'done' : 'lost';
}

/**
 * Records a failed run: back to 'pending' after the backoff while attempts remain, otherwise
 * 'failed'. `permanent` gives up at once (unknown job, invalid payload: retrying cannot help).
 */
export async function recordFailure(
  db: Db,
  clock: Clock,
  job: ClaimedJob,
  error: unknown,
  opts: { permanent?: boolean } = {},
): Promise<Outcome> {
  const now = clock.now();
  const at = now.toISOString();
  const lastError = errorText(error);
  const giveUp = opts.permanent === true || job.attempts >= job.max_attempts;
  const res = giveUp
    ? await fenced(db, job)
        .set({
          status: 'failed',
          locked_by: null,
          locked_until: null,
          last_error: lastError,
          // Released so the same work can be enqueued again once someone has fixed the cause.
          dedupe_key: null,
          finished_at: at,
          updated_at: at,
        })
        .executeTakeFirst()
    : await fenced(db, job)
        .set({
          status: 'pending',
          locked_by: null,
          locked_until: null,
          last_error: lastError,
          run_at: new Date(now.getTime() + backoffMs(job.attempts)).toISOString(),
          updated_at: at,
        })
        .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return 'lost';
  return giveUp ? 'failed' : 'retry';
}

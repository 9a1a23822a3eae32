/** The claim statement both dialects share; PostgreSQL adds row locks that skip what others hold. */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database, JobRow } from '../schema.ts';

export interface ClaimArgs {
  workerId: string;
  now: string;
  lockUntil: string;
  limit: number;
  names: string[];
}

type CandidateQuery = SelectQueryBuilder<Database, 'jobs', { id: string }>;

/** Marks up to `limit` runnable jobs (pending and due, or running with an expired lock) as claimed. */
export async function claimJobsWith(db: Kysely<Database>, a: ClaimArgs, lock: (q: CandidateQuery) => CandidateQuery): Promise<JobRow[]> {
  if (a.names.length === 0) return [];
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: a.workerId,
      locked_until: a.lockUntil,
      attempts: eb('attempts', '+', 1),
      updated_at: a.now,
    }))
    .where('id', 'in', (eb) =>
      lock(
        eb
          .selectFrom('jobs')
          .select('id')
          .where('name', 'in', a.names)
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'pending'), w('run_at', '<=', a.now)]),
              w.and([w('status', '=', 'running'), w('locked_until', '<', a.now)]),
            ]),
          )
          .orderBy('priority', 'desc')
          .orderBy('run_at')
          .limit(a.limit),
      ),
    )
    .returningAll()
    .execute();
  return rows as JobRow[];
}

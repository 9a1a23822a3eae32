import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '#server/platform/db/transaction.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { drainJobs, enqueueJob, JobRegistry, PLATFORM_JOBS, pruneFinishedJobs } from './index.ts';

describe('pruning finished jobs', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => deps.db.close());

  it('deletes done jobs after 30 days and keeps pending and recent ones', async () => {
    const registry = new JobRegistry(PLATFORM_JOBS);
    await inTransaction(deps.db, (tx) => enqueueJob(tx, deps.clock, 'platform.heartbeat', {}));
    expect(await drainJobs(deps, registry)).toBe(1);
    deps.clock.advance(10 * 86_400_000);
    await inTransaction(deps.db, (tx) => enqueueJob(tx, deps.clock, 'platform.heartbeat', {}));
    await drainJobs(deps, registry);
    await inTransaction(deps.db, (tx) =>
      enqueueJob(tx, deps.clock, 'platform.heartbeat', {}, { runAt: new Date(deps.clock.now().getTime() + 365 * 86_400_000) }),
    );

    deps.clock.advance(25 * 86_400_000);
    expect(await pruneFinishedJobs(deps.db, deps.clock.now())).toEqual({ jobs: 1, scheduledRuns: 0 });
    const left = await deps.db.kysely.selectFrom('jobs').select('status').orderBy('created_at').execute();
    expect(left.map((j) => j.status)).toEqual(['done', 'pending']);
  });
});

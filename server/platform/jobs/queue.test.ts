import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { defineJob, JobRegistry } from './job-definition.ts';
import { enqueueJob, jobStats, listJobs, onJobsEnqueued } from './queue.ts';
import { drainJobs } from './worker.ts';

describe(`job queue on ${dialectUnderTest}`, () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.db.close();
    deps = undefined;
  });

  function counting() {
    const runs: number[] = [];
    const job = defineJob({
      name: 'test.count',
      payload: z.object({ n: z.number() }),
      run: async (p) => {
        runs.push(p.n);
      },
    });
    return { runs, job, registry: new JobRegistry([job]) };
  }

  it('never runs a job whose enqueueing transaction rolled back', async () => {
    deps = await createTestDeps();
    const d = deps;
    const { runs, registry } = counting();
    await expect(
      inTransaction(d.db, async (tx) => {
        await enqueueJob(tx, d.clock, 'test.count', { n: 1 });
        throw new Error('command failed');
      }),
    ).rejects.toThrow('command failed');

    expect(await drainJobs(d, registry)).toBe(0);
    expect(runs).toEqual([]);
    expect(await d.db.kysely.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('runs a job from a committed transaction exactly once and marks it done', async () => {
    deps = await createTestDeps();
    const d = deps;
    const { runs, registry } = counting();
    const id = await inTransaction(d.db, (tx) => enqueueJob(tx, d.clock, 'test.count', { n: 7 }));

    expect(await drainJobs(d, registry)).toBe(1);
    expect(await drainJobs(d, registry)).toBe(0);
    expect(runs).toEqual([7]);
    const row = await d.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'done',
      attempts: 1,
      locked_by: null,
      locked_until: null,
      finished_at: d.clock.now().toISOString(),
    });
  });

  it('wakes in-process listeners only after the enqueueing transaction commits', async () => {
    deps = await createTestDeps();
    const d = deps;
    let wakes = 0;
    const off = onJobsEnqueued(() => wakes++);
    try {
      await inTransaction(d.db, async (tx) => {
        await enqueueJob(tx, d.clock, 'test.count', { n: 1 });
        expect(wakes).toBe(0);
      });
      expect(wakes).toBe(1);
      await inTransaction(d.db, async (tx) => {
        await enqueueJob(tx, d.clock, 'test.count', { n: 2 });
        throw new Error('rollback');
      }).catch(() => {});
      expect(wakes).toBe(1);
    } finally {
      off();
    }
  });

  it('does not run a job before its runAt', async () => {
    deps = await createTestDeps();
    const d = deps;
    const { runs, registry } = counting();
    await inTransaction(d.db, (tx) =>
      enqueueJob(tx, d.clock, 'test.count', { n: 1 }, { runAt: new Date(d.clock.now().getTime() + 60_000) }),
    );

    expect(await drainJobs(d, registry)).toBe(0);
    d.clock.advance(60_000);
    expect(await drainJobs(d, registry)).toBe(1);
    expect(runs).toEqual([1]);
  });

  it('runs higher-priority jobs first', async () => {
    deps = await createTestDeps();
    const d = deps;
    const { runs, registry } = counting();
    await inTransaction(d.db, async (tx) => {
      await enqueueJob(tx, d.clock, 'test.count', { n: 1 });
      await enqueueJob(tx, d.clock, 'test.count', { n: 2 }, { priority: 10 });
    });

    await drainJobs(d, registry, { concurrency: 1 });
    expect(runs).toEqual([2, 1]);
  });

  it('returns the unfinished job holding a dedupe key instead of enqueueing a second one', async () => {
    deps = await createTestDeps();
    const d = deps;
    const { runs, registry } = counting();
    const first = await inTransaction(d.db, (tx) => enqueueJob(tx, d.clock, 'test.count', { n: 1 }, { dedupeKey: 'k' }));
    const again = await inTransaction(d.db, async (tx) => {
      const a = await enqueueJob(tx, d.clock, 'test.count', { n: 2 }, { dedupeKey: 'k' });
      const b = await enqueueJob(tx, d.clock, 'test.count', { n: 3 }, { dedupeKey: 'k' });
      // The transaction must still be usable after the conflicts (PostgreSQL aborts on errors).
      await enqueueJob(tx, d.clock, 'test.count', { n: 4 });
      return [a, b];
    });
    expect(again).toEqual([first, first]);

    await drainJobs(d, registry);
    expect(runs.sort()).toEqual([1, 4]);
    // Once the job has finished, the key is free for new work.
    const later = await inTransaction(d.db, (tx) => enqueueJob(tx, d.clock, 'test.count', { n: 5 }, { dedupeKey: 'k' }));
    expect(later).not.toBe(first);
    await drainJobs(d, registry);
    expect(runs.sort()).toEqual([1, 4, 5]);
  });

  it('validates the payload at enqueue time when given the definition, failing the command', async () => {
    deps = await createTestDeps();
    const d = deps;
    const { job } = counting();
    await expect(inTransaction(d.db, (tx) => enqueueJob(tx, d.clock, job, { n: 'not a number' }))).rejects.toThrow();
    expect(await d.db.kysely.selectFrom('jobs').selectAll().execute()).toEqual([]);

    const strict = defineJob({ name: 'test.strict', payload: z.object({}), maxAttempts: 2, run: async () => {} });
    const id = await inTransaction(d.db, (tx) => enqueueJob(tx, d.clock, strict, {}));
    const row = await d.db.kysely.selectFrom('jobs').select('max_attempts').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.max_attempts).toBe(2);
  });

  it('reports counts by status and lists jobs for the admin', async () => {
    deps = await createTestDeps();
    const d = deps;
    const { registry } = counting();
    await inTransaction(d.db, async (tx) => {
      await enqueueJob(tx, d.clock, 'test.count', { n: 1 });
      await enqueueJob(tx, d.clock, 'test.count', { n: 2 });
    });
    d.clock.advance(1000);
    await drainJobs(d, registry, { maxRounds: 1, concurrency: 1 });

    expect(await jobStats(d.db)).toEqual({ pending: 1, running: 0, done: 1, failed: 0 });
    const done = await listJobs(d.db, { status: 'done', limit: 10 });
    expect(done).toHaveLength(1);
    expect(done[0]?.status).toBe('done');
    const all = await listJobs(d.db, { limit: 10 });
    expect(all.map((j) => j.status)).toEqual(['done', 'pending']);
  });
});

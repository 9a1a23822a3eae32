import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { defineJob, JobRegistry } from './job-definition.ts';
import { backoffMs, MAX_ERROR_LENGTH } from './outcome.ts';
import { enqueueJob } from './queue.ts';
import { drainJobs, startWorker, type WorkerHandle } from './worker.ts';

describe('backoffMs', () => {
  it('doubles from 10 seconds and stops at one hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(9)).toBe(2_560_000);
    expect(backoffMs(10)).toBe(3_600_000);
    expect(backoffMs(5000)).toBe(3_600_000);
  });
});

describe(`job worker on ${dialectUnderTest}`, () => {
  let deps: TestDeps | undefined;
  let worker: WorkerHandle | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await deps?.db.close();
    deps = undefined;
  });

  async function enqueue(d: TestDeps, name: string, payload: unknown, opts: { maxAttempts?: number } = {}): Promise<string> {
    return inTransaction(d.db, (tx) => enqueueJob(tx, d.clock, name, payload, opts));
  }

  async function job(d: TestDeps, id: string) {
    return d.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('retries a failing job after the backoff and gives up as failed after maxAttempts', async () => {
    deps = await createTestDeps();
    const d = deps;
    let calls = 0;
    const registry = new JobRegistry([
      defineJob({
        name: 'test.flaky',
        payload: z.object({}),
        run: async () => {
          calls++;
          throw new Error(`boom ${calls}`);
        },
      }),
    ]);
    const id = await enqueue(d, 'test.flaky', {}, { maxAttempts: 3 });

    expect(await drainJobs(d, registry)).toBe(1);
    let row = await job(d, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'boom 1', locked_by: null, finished_at: null });
    expect(row.run_at).toBe(new Date(d.clock.now().getTime() + 10_000).toISOString());

    // Not due before the backoff has passed.
    d.clock.advance(9_999);
    expect(await drainJobs(d, registry)).toBe(0);
    d.clock.advance(1);
    expect(await drainJobs(d, registry)).toBe(1);
    row = await job(d, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2, last_error: 'boom 2' });
    expect(row.run_at).toBe(new Date(d.clock.now().getTime() + 20_000).toISOString());

    d.clock.advance(20_000);
    expect(await drainJobs(d, registry)).toBe(1);
    row = await job(d, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3', finished_at: d.clock.now().toISOString() });

    d.clock.advance(3_600_000);
    expect(await drainJobs(d, registry)).toBe(0);
    expect(calls).toBe(3);
  });

  it('truncates a long error message to 2000 characters', async () => {
    deps = await createTestDeps();
    const d = deps;
    const registry = new JobRegistry([
      defineJob({
        name: 'test.verbose',
        payload: z.object({}),
        run: async () => {
          throw new Error('x'.repeat(10_000));
        },
      }),
    ]);
    const id = await enqueue(d, 'test.verbose', {}, { maxAttempts: 1 });
    await drainJobs(d, registry);
    const row = await job(d, id);
    expect(row.status).toBe('failed');
    expect(row.last_error?.length).toBe(MAX_ERROR_LENGTH);
  });

  it('fails a job with no registered definition permanently, with an error naming it', async () => {
    deps = await createTestDeps();
    const d = deps;
    const id = await enqueue(d, 'nobody.knows', {});

    expect(await drainJobs(d, new JobRegistry())).toBe(1);
    const row = await job(d, id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('nobody.knows');
  });

  it('fails a job with an invalid payload permanently without running it', async () => {
    deps = await createTestDeps();
    const d = deps;
    let ran = false;
    const registry = new JobRegistry([
      defineJob({
        name: 'test.typed',
        payload: z.object({ siteId: z.string() }),
        run: async () => {
          ran = true;
        },
      }),
    ]);
    const id = await enqueue(d, 'test.typed', { siteId: 42 });

    await drainJobs(d, registry);
    const row = await job(d, id);
    expect(ran).toBe(false);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('任务参数无效');
    expect(row.last_error).toContain('siteId');
  });

  it('hands the job its payload, attempt, system actor and job id', async () => {
    deps = await createTestDeps();
    const d = deps;
    const seen: unknown[] = [];
    const registry = new JobRegistry([
      defineJob({
        name: 'test.context',
        payload: z.object({ n: z.number() }),
        run: async (payload, ctx) => {
          seen.push({ payload, jobId: ctx.jobId, attempt: ctx.attempt, actor: ctx.actor.name, aborted: ctx.signal.aborted });
        },
      }),
    ]);
    const id = await enqueue(d, 'test.context', { n: 3 });
    await drainJobs(d, registry);
    expect(seen).toEqual([{ payload: { n: 3 }, jobId: id, attempt: 1, actor: 'system:job:test.context', aborted: false }]);
  });

  it('reclaims a job whose worker crashed once its lock has expired', async () => {
    deps = await createTestDeps();
    const d = deps;
    let runs = 0;
    const registry = new JobRegistry([
      defineJob({
        name: 'test.once',
        payload: z.object({}),
        run: async () => {
          runs++;
        },
      }),
    ]);
    const id = await enqueue(d, 'test.once', {});
    // A worker claims the job and dies without recording anything.
    const now = d.clock.now();
    const claimed = await d.db.dialect.claimJobs(d.db.kysely, {
      workerId: 'crashed-worker',
      now: now.toISOString(),
      lockUntil: new Date(now.getTime() + 60_000).toISOString(),
      limit: 10,
      names: ['test.once'],
    });
    expect(claimed.map((j) => j.id)).toEqual([id]);

    expect(await drainJobs(d, registry)).toBe(0);
    d.clock.advance(60_001);
    expect(await drainJobs(d, registry)).toBe(1);
    expect(runs).toBe(1);
    expect(await job(d, id)).toMatchObject({ status: 'done', attempts: 2, locked_by: null });
  });

  it('gives up a job reclaimed after its worker died on the last attempt, without running it again', async () => {
    deps = await createTestDeps();
    const d = deps;
    let runs = 0;
    const registry = new JobRegistry([
      defineJob({
        name: 'test.poison',
        payload: z.object({}),
        run: async () => {
          runs++;
        },
      }),
    ]);
    const id = await enqueue(d, 'test.poison', {}, { maxAttempts: 1 });
    const now = d.clock.now();
    await d.db.dialect.claimJobs(d.db.kysely, {
      workerId: 'killed-by-this-job',
      now: now.toISOString(),
      lockUntil: new Date(now.getTime() + 60_000).toISOString(),
      limit: 1,
      names: ['test.poison'],
    });
    d.clock.advance(60_001);

    expect(await drainJobs(d, registry)).toBe(1);
    expect(runs).toBe(0);
    const row = await job(d, id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('异常退出');
  });

  it('does not let a worker whose lock was taken over overwrite the new run', async () => {
    deps = await createTestDeps();
    const d = deps;
    const id = await enqueue(d, 'test.slow', {});
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const registry = new JobRegistry([
      defineJob({
        name: 'test.slow',
        payload: z.object({}),
        timeoutMs: 60_000,
        run: async () => {
          calls++;
          // The first run stalls past its lock; the second finishes at once.
          if (calls === 1) await gate;
        },
      }),
    ]);
    const slow = drainJobs(d, registry, { workerId: 'slow', maxRounds: 1, lockMs: 1000 });
    await vi.waitFor(() => expect(calls).toBe(1));
    d.clock.advance(5 * 60_000);
    expect(await drainJobs(d, registry, { workerId: 'fast' })).toBe(1);
    release();
    await slow;
    // The slow worker's success was fenced out; the row reflects the second run.
    expect(await job(d, id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('runs each of 50 jobs exactly once when two workers drain the queue concurrently', async () => {
    deps = await createTestDeps();
    const d = deps;
    const executions = new Map<number, number>();
    const registry = new JobRegistry([
      defineJob({
        name: 'test.count',
        payload: z.object({ i: z.number() }),
        run: async ({ i }) => {
          executions.set(i, (executions.get(i) ?? 0) + 1);
          // Yield so that the two workers' claims and updates interleave.
          await new Promise((r) => setImmediate(r));
        },
      }),
    ]);
    await inTransaction(d.db, async (tx) => {
      for (let i = 0; i < 50; i++) await enqueueJob(tx, d.clock, 'test.count', { i });
    });

    const [a, b] = await Promise.all([
      drainJobs(d, registry, { workerId: 'worker-a', concurrency: 4, maxRounds: 1000 }),
      drainJobs(d, registry, { workerId: 'worker-b', concurrency: 4, maxRounds: 1000 }),
    ]);
    expect(a + b).toBe(50);
    // Both really took part, so the exactly-once count below is about concurrent claiming.
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(executions.size).toBe(50);
    expect([...executions.values()].every((n) => n === 1)).toBe(true);
    const statuses = await d.db.kysely.selectFrom('jobs').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'done' }]);
  });

  it('aborts and retries a job that exceeds its timeout', async () => {
    deps = await createTestDeps();
    const d = deps;
    let abortedWith: unknown;
    const registry = new JobRegistry([
      defineJob({
        name: 'test.hang',
        payload: z.object({}),
        timeoutMs: 20,
        run: (_p, ctx) =>
          new Promise<void>((_resolve, reject) => {
            ctx.signal.addEventListener('abort', () => {
              abortedWith = ctx.signal.reason;
              reject(ctx.signal.reason as Error);
            });
          }),
      }),
    ]);
    const id = await enqueue(d, 'test.hang', {});
    await drainJobs(d, registry);
    expect(abortedWith).toBeInstanceOf(Error);
    expect(await job(d, id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await job(d, id)).last_error).toContain('任务超时');
  });

  it('wakes a started worker when a job is enqueued in the same process, without waiting for the poll', async () => {
    deps = await createTestDeps();
    const d = deps;
    const done: number[] = [];
    const registry = new JobRegistry([
      defineJob({
        name: 'test.count',
        payload: z.object({ i: z.number() }),
        run: async ({ i }) => {
          done.push(i);
        },
      }),
    ]);
    // A poll interval far beyond the test timeout: only the wake-up can make the job run.
    worker = await startWorker(d, registry, { pollMs: 10 * 60_000, runScheduler: false });
    await enqueue(d, 'test.count', { i: 1 });
    await vi.waitFor(() => expect(done).toEqual([1]), { timeout: 5000 });
  });

  it('keeps a heartbeat row while started and removes it on stop', async () => {
    deps = await createTestDeps();
    const d = deps;
    worker = await startWorker(d, new JobRegistry(), { workerId: 'w-1', runScheduler: false });
    const row = await d.db.kysely.selectFrom('worker_heartbeats').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ worker_id: 'w-1', pid: process.pid, runs_scheduler: 0, last_seen_at: d.clock.now().toISOString() });

    await worker.stop();
    worker = undefined;
    expect(await d.db.kysely.selectFrom('worker_heartbeats').selectAll().execute()).toEqual([]);
  });

  it('waits for running jobs on stop', async () => {
    deps = await createTestDeps();
    const d = deps;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    const registry = new JobRegistry([
      defineJob({
        name: 'test.gate',
        payload: z.object({}),
        run: async () => {
          started = true;
          await gate;
        },
      }),
    ]);
    const id = await enqueue(d, 'test.gate', {});
    worker = await startWorker(d, registry, { runScheduler: false });
    await vi.waitFor(() => expect(started).toBe(true));
    const stopping = worker.stop();
    release();
    await stopping;
    worker = undefined;
    expect(await job(d, id)).toMatchObject({ status: 'done' });
  });

  it('aborts jobs still running when the stop bound is reached, leaving them to be retried', async () => {
    deps = await createTestDeps();
    const d = deps;
    let started = false;
    const hang = defineJob({
      name: 'test.ignoresStop',
      payload: z.object({}),
      timeoutMs: 60_000,
      run: () => {
        started = true;
        return new Promise<void>(() => {});
      },
    });
    const id = await enqueue(d, 'test.ignoresStop', {});
    worker = await startWorker(d, new JobRegistry([hang]), { runScheduler: false, stopTimeoutMs: 20 });
    await vi.waitFor(() => expect(started).toBe(true));
    await worker.stop();
    worker = undefined;
    const row = await job(d, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, locked_by: null });
    expect(row.last_error).toContain('停止');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/transaction.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { schedulerHealth } from './health.ts';
import { JobRegistry } from './job-definition.ts';
import { enqueueJob } from './queue.ts';
import { fireDueSchedules, platformHeartbeatJob, type ScheduleDefinition } from './schedule.ts';
import { startWorker, type WorkerHandle } from './worker.ts';

/** Fixed schedules, so these tests do not change when the platform's list grows. */
const TEST_SCHEDULES: ScheduleDefinition[] = [
  { name: 'platform.heartbeat', cron: '*/5 * * * *', job: 'platform.heartbeat', payload: {} },
  { name: 'accounts.expire-sessions', cron: '*/10 * * * *', job: 'accounts.expireSessions', payload: {} },
];

describe(`scheduler health on ${dialectUnderTest}`, () => {
  let deps: TestDeps | undefined;
  let worker: WorkerHandle | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await deps?.db.close();
    deps = undefined;
  });

  it('is unhealthy when no worker has ever run the scheduler', async () => {
    deps = await createTestDeps();
    const h = await schedulerHealth(deps, TEST_SCHEDULES);
    expect(h.healthy).toBe(false);
    expect(h.workers).toEqual([]);
    expect(h.overdue).toEqual([
      { name: 'platform.heartbeat', expectedSlot: '2026-11-27T00:50:00.000Z' },
      { name: 'accounts.expire-sessions', expectedSlot: '2026-11-27T00:50:00.000Z' },
    ]);
    expect(h.message).toBe('定时任务已超过 10 分钟未运行，定时发布等功能可能失效，请检查任务进程');
  });

  it('is healthy while a worker running the scheduler is alive, and not once it has stopped', async () => {
    deps = await createTestDeps();
    const d = deps;
    worker = await startWorker(d, new JobRegistry([platformHeartbeatJob]), {
      workerId: 'w-sched',
      runScheduler: true,
      schedules: TEST_SCHEDULES,
    });

    const h = await schedulerHealth(d, TEST_SCHEDULES);
    expect(h.healthy).toBe(true);
    expect(h.overdue).toEqual([]);
    expect(h.message).toBe('定时任务运行正常');
    expect(h.workers).toEqual([
      { workerId: 'w-sched', hostname: expect.any(String), pid: process.pid, runsScheduler: true, lastSeenAt: d.clock.now().toISOString() },
    ]);

    await worker.stop();
    worker = undefined;
    expect((await schedulerHealth(d, TEST_SCHEDULES)).healthy).toBe(false);
  });

  it('is unhealthy when the only alive worker does not run the scheduler', async () => {
    deps = await createTestDeps();
    const d = deps;
    await fireDueSchedules(d, TEST_SCHEDULES);
    worker = await startWorker(d, new JobRegistry([platformHeartbeatJob]), { runScheduler: false });

    const h = await schedulerHealth(d, TEST_SCHEDULES);
    expect(h.overdue).toEqual([]);
    expect(h.healthy).toBe(false);
    expect(h.message).toContain('没有运行定时任务的任务进程');
  });

  it('turns unhealthy when the scheduler heartbeat is older than 2 minutes, then reports the missed slots', async () => {
    deps = await createTestDeps();
    const d = deps;
    worker = await startWorker(d, new JobRegistry([platformHeartbeatJob]), { runScheduler: true, schedules: TEST_SCHEDULES });

    // The process hangs: its wall-clock timers do not matter here, the shared clock moves on.
    d.clock.advance(2 * 60_000 + 1);
    let h = await schedulerHealth(d, TEST_SCHEDULES);
    expect(h.healthy).toBe(false);
    expect(h.overdue).toEqual([]);
    expect(h.message).toContain('最近 2 分钟');

    d.clock.advance(20 * 60_000);
    h = await schedulerHealth(d, TEST_SCHEDULES);
    expect(h.overdue.map((o) => o.name)).toEqual(['platform.heartbeat', 'accounts.expire-sessions']);
    expect(h.message).toMatch(/^定时任务已超过 1\d 分钟未运行/);
  });

  it('counts recently failed jobs and jobs nobody is picking up', async () => {
    deps = await createTestDeps();
    const d = deps;
    await inTransaction(d.db, async (tx) => {
      await enqueueJob(tx, d.clock, 'test.waiting', {});
    });
    const now = d.clock.now().toISOString();
    await d.db.kysely
      .insertInto('jobs')
      .values({
        id: 'failed-1',
        name: 'test.broken',
        payload: '{}',
        status: 'failed',
        priority: 0,
        attempts: 5,
        max_attempts: 5,
        run_at: now,
        locked_by: null,
        locked_until: null,
        last_error: 'boom',
        dedupe_key: null,
        created_at: now,
        updated_at: now,
        finished_at: now,
      })
      .execute();
    expect(await schedulerHealth(d, [])).toMatchObject({ failedJobs: 1, stuckJobs: 0 });

    d.clock.advance(11 * 60_000);
    expect(await schedulerHealth(d, [])).toMatchObject({ failedJobs: 1, stuckJobs: 1 });

    d.clock.advance(24 * 60 * 60_000);
    expect(await schedulerHealth(d, [])).toMatchObject({ failedJobs: 0, stuckJobs: 1 });
  });
});

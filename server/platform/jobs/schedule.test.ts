import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { JobRegistry } from './job-definition.ts';
import { fireDueSchedules, latestSlot, platformHeartbeatJob, SCHEDULES, validateSchedules, type ScheduleDefinition } from './schedule.ts';
import { drainJobs } from './worker.ts';

/** Fixed schedules, so these tests do not change when the platform's list grows. */
const TEST_SCHEDULES: ScheduleDefinition[] = [
  { name: 'platform.heartbeat', cron: '*/5 * * * *', job: 'platform.heartbeat', payload: {} },
  { name: 'accounts.expire-sessions', cron: '*/10 * * * *', job: 'accounts.expireSessions', payload: {} },
];

describe('latestSlot', () => {
  it('reads cron patterns in Beijing time and includes a slot exactly at the reference', () => {
    // 09:00 Beijing = 01:00 UTC; the 02:00 Beijing slot of that day is 18:00 UTC the day before.
    expect(latestSlot('0 2 * * *', new Date('2026-11-27T01:00:00.000Z'))?.toISOString()).toBe('2026-11-26T18:00:00.000Z');
    expect(latestSlot('*/5 * * * *', new Date('2026-11-27T01:00:00.000Z'))?.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(latestSlot('*/5 * * * *', new Date('2026-11-27T01:04:59.999Z'))?.toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });

  it('rejects a bad pattern or a duplicate schedule name at validation', () => {
    expect(() => validateSchedules(SCHEDULES)).not.toThrow();
    expect(() => validateSchedules([{ name: 'x.bad', cron: '61 * * * *', job: 'x.y', payload: {} }])).toThrow('x.bad');
    const s: ScheduleDefinition = { name: 'x.twice', cron: '* * * * *', job: 'x.y', payload: {} };
    expect(() => validateSchedules([s, s])).toThrow('declared twice');
  });
});

describe(`schedules on ${dialectUnderTest}`, () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.db.close();
    deps = undefined;
  });

  async function runs(d: TestDeps) {
    return d.db.kysely.selectFrom('scheduled_runs').selectAll().orderBy('name').orderBy('slot').execute();
  }

  it('fires each schedule once for its current slot, however often it is called', async () => {
    deps = await createTestDeps();
    const d = deps;
    const first = await fireDueSchedules(d, TEST_SCHEDULES);
    expect(first.map((f) => [f.name, f.slot])).toEqual([
      ['platform.heartbeat', '2026-11-27T01:00:00.000Z'],
      ['accounts.expire-sessions', '2026-11-27T01:00:00.000Z'],
    ]);
    expect(await fireDueSchedules(d, TEST_SCHEDULES)).toEqual([]);
    // Later within the same slot: still nothing.
    d.clock.advance(4 * 60_000);
    expect(await fireDueSchedules(d, TEST_SCHEDULES)).toEqual([]);

    const jobs = await d.db.kysely.selectFrom('jobs').select(['id', 'name', 'status', 'run_at']).orderBy('name').execute();
    expect(jobs.map((j) => j.name)).toEqual(['accounts.expireSessions', 'platform.heartbeat']);
    expect((await runs(d)).map((r) => r.job_id).sort()).toEqual(jobs.map((j) => j.id).sort());
  });

  it('fires a slot once when two processes run the scheduler at the same moment', async () => {
    deps = await createTestDeps();
    const d = deps;
    // A second process: its own clock and Deps, the same database.
    const other: TestDeps = { ...d, clock: fixedClock(d.clock.now()) };
    const results = await Promise.all([
      fireDueSchedules(d, TEST_SCHEDULES),
      fireDueSchedules(other, TEST_SCHEDULES),
      fireDueSchedules(d, TEST_SCHEDULES),
      fireDueSchedules(other, TEST_SCHEDULES),
    ]);
    expect(results.flat()).toHaveLength(TEST_SCHEDULES.length);
    expect(await runs(d)).toHaveLength(TEST_SCHEDULES.length);
    expect(await d.db.kysely.selectFrom('jobs').selectAll().execute()).toHaveLength(TEST_SCHEDULES.length);
  });

  it('fires only the latest missed slot after downtime, not the backlog', async () => {
    deps = await createTestDeps();
    const d = deps;
    await fireDueSchedules(d, TEST_SCHEDULES);
    // Three hours without a scheduler: 36 heartbeat slots and 18 session slots were missed.
    d.clock.advance(3 * 60 * 60_000 + 2 * 60_000);
    const fired = await fireDueSchedules(d, TEST_SCHEDULES);
    expect(fired.map((f) => [f.name, f.slot])).toEqual([
      ['platform.heartbeat', '2026-11-27T04:00:00.000Z'],
      ['accounts.expire-sessions', '2026-11-27T04:00:00.000Z'],
    ]);
    expect(await runs(d)).toHaveLength(4);
    expect(await d.db.kysely.selectFrom('jobs').selectAll().execute()).toHaveLength(4);
  });

  it('runs the heartbeat job and fails a scheduled job whose definition is not registered, naming it', async () => {
    deps = await createTestDeps();
    const d = deps;
    await fireDueSchedules(d, TEST_SCHEDULES);

    expect(await drainJobs(d, new JobRegistry([platformHeartbeatJob]))).toBe(2);
    const jobs = await d.db.kysely.selectFrom('jobs').selectAll().orderBy('name').execute();
    expect(jobs.map((j) => [j.name, j.status])).toEqual([
      ['accounts.expireSessions', 'failed'],
      ['platform.heartbeat', 'done'],
    ]);
    expect(jobs[0]?.last_error).toContain('accounts.expireSessions');
    expect(jobs[0]?.attempts).toBe(1);
  });
});

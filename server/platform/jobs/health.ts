/**
 * Is anyone running the scheduled jobs? A scheduled publish that silently never happens is a
 * known failure of other CMSs, so the admin shows this check prominently.
 */
import type { Deps } from '../deps.ts';
import { latestSlot, SCHEDULES, type ScheduleDefinition } from './schedule.ts';

/** A worker counts as alive if its heartbeat is younger than this. */
export const HEARTBEAT_FRESH_MS = 2 * 60 * 1000;
/** A slot counts as missed once it is this old and has not fired. */
export const SCHEDULE_GRACE_MS = 10 * 60 * 1000;
/** Failed jobs are counted over this window. */
export const FAILED_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface WorkerInfo {
  workerId: string;
  hostname: string;
  pid: number;
  runsScheduler: boolean;
  lastSeenAt: string;
}

export interface SchedulerHealth {
  healthy: boolean;
  /** One sentence for the admin, in Chinese. */
  message: string;
  /** Every worker with a heartbeat row, freshest first (rows of crashed workers linger until pruned). */
  workers: WorkerInfo[];
  /** Schedules whose slot past the grace period has not fired. */
  overdue: Array<{ name: string; expectedSlot: string }>;
  /** Jobs given up ('failed') in the last 24 hours. */
  failedJobs: number;
  /** Running jobs whose lock expired and pending jobs due for longer than the grace period. */
  stuckJobs: number;
}

/** Healthy when a scheduler worker was seen within 2 minutes and no schedule missed a slot past the 10-minute grace. */
export async function schedulerHealth(deps: Deps, schedules: readonly ScheduleDefinition[] = SCHEDULES): Promise<SchedulerHealth> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const graceIso = new Date(now.getTime() - SCHEDULE_GRACE_MS).toISOString();
  const db = deps.db.kysely;

  const workerRows = await db.selectFrom('worker_heartbeats').selectAll().orderBy('last_seen_at', 'desc').execute();
  const workers: WorkerInfo[] = workerRows.map((w) => ({
    workerId: w.worker_id,
    hostname: w.hostname,
    pid: Number(w.pid),
    runsScheduler: Number(w.runs_scheduler) === 1,
    lastSeenAt: w.last_seen_at,
  }));
  const freshSince = new Date(now.getTime() - HEARTBEAT_FRESH_MS).toISOString();
  const schedulerAlive = workers.some((w) => w.runsScheduler && w.lastSeenAt >= freshSince);

  const lastFired = new Map<string, string>();
  if (schedules.length > 0) {
    const rows = await db
      .selectFrom('scheduled_runs')
      .select((eb) => ['name', eb.fn.max('slot').as('last_slot')])
      .where(
        'name',
        'in',
        schedules.map((s) => s.name),
      )
      .groupBy('name')
      .execute();
    for (const r of rows) if (r.last_slot) lastFired.set(r.name, r.last_slot);
  }
  const overdue: SchedulerHealth['overdue'] = [];
  for (const s of schedules) {
    const expected = latestSlot(s.cron, new Date(now.getTime() - SCHEDULE_GRACE_MS));
    if (!expected) continue;
    const expectedSlot = expected.toISOString();
    const last = lastFired.get(s.name);
    // A later slot also counts: after downtime only the latest slot fires, never the missed ones.
    if (last === undefined || last < expectedSlot) overdue.push({ name: s.name, expectedSlot });
  }

  const failed = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'failed')
    .where('finished_at', '>=', new Date(now.getTime() - FAILED_WINDOW_MS).toISOString())
    .executeTakeFirstOrThrow();
  const stuck = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((w) =>
      w.or([
        w.and([w('status', '=', 'running'), w('locked_until', '<', nowIso)]),
        w.and([w('status', '=', 'pending'), w('run_at', '<', graceIso)]),
      ]),
    )
    .executeTakeFirstOrThrow();

  const healthy = schedulerAlive && overdue.length === 0;
  return {
    healthy,
    message: healthMessage(now, schedulerAlive, overdue),
    workers,
    overdue,
    failedJobs: Number(failed.n),
    stuckJobs: Number(stuck.n),
  };
}

function healthMessage(now: Date, schedulerAlive: boolean, overdue: SchedulerHealth['overdue']): string {
  const advice = '定时发布等功能可能失效，请检查任务进程';
  if (overdue.length > 0) {
    const oldest = overdue.reduce((a, b) => (a.expectedSlot <= b.expectedSlot ? a : b));
    const minutes = Math.floor((now.getTime() - new Date(oldest.expectedSlot).getTime()) / 60_000);
    return `定时任务已超过 ${minutes} 分钟未运行，${advice}`;
  }
  if (!schedulerAlive) return `最近 2 分钟没有运行定时任务的任务进程，${advice}`;
  return '定时任务运行正常';
}

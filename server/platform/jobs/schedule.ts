/**
 * Scheduled jobs, declared in one place. A schedule fires by enqueueing its job for a slot
 * (a cron time, Beijing time); the (name, slot) primary key of `scheduled_runs` makes each
 * slot fire once however many processes run the scheduler.
 */
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { inTransaction } from '../db/transaction.ts';
import { defineJob, DEFAULT_MAX_ATTEMPTS, type JobDefinition } from './job-definition.ts';
import { insertJob, notifyJobsEnqueued, pruneFinishedJobs } from './queue.ts';

/** Government sites run on Beijing time; cron patterns are read in it, whatever the server's TZ. */
export const SCHEDULE_TIMEZONE = 'Asia/Shanghai';

export interface ScheduleDefinition {
  /** Stable name; it keys scheduled_runs, so renaming it re-fires the current slot once. */
  name: string;
  /** Five-field cron pattern in Beijing time. */
  cron: string;
  /** Name of the job to enqueue. */
  job: string;
  payload: unknown;
  /** Attempts per run (default 5); the next slot comes anyway, so periodic jobs rarely need more. */
  maxAttempts?: number;
}

/** Does nothing: its runs prove that the scheduler and a worker are alive. */
export const platformHeartbeatJob = defineJob({
  name: 'platform.heartbeat',
  payload: z.object({}),
  run: async () => {},
});

/** Keeps the queue small: finished jobs and old schedule records are deleted after their keeping time. */
export const pruneJobsJob = defineJob({
  name: 'platform.pruneJobs',
  payload: z.object({}),
  run: async (_payload, ctx) => {
    const removed = await pruneFinishedJobs(ctx.deps.db, ctx.deps.clock.now());
    ctx.deps.logger.info(removed, 'pruned finished jobs');
  },
});

/** The platform's own jobs, for the registry every worker is started with. */
export const PLATFORM_JOBS: readonly JobDefinition<unknown>[] = [platformHeartbeatJob, pruneJobsJob as JobDefinition<unknown>];

/** Every schedule of the platform. Modules add theirs here, not in their own timers. */
export const SCHEDULES: ScheduleDefinition[] = [
  { name: 'platform.heartbeat', cron: '*/5 * * * *', job: platformHeartbeatJob.name, payload: {} },
  { name: 'platform.prune-jobs', cron: '30 3 * * *', job: pruneJobsJob.name, payload: {} },
  // A safety net for scheduled publication: each article also has its own job at its time.
  { name: 'content.sweep-scheduled', cron: '* * * * *', job: 'content.sweepScheduled', payload: {} },
  // Defined by the accounts room (accounts.jobs.ts).
  { name: 'accounts.expire-sessions', cron: '*/10 * * * *', job: 'accounts.expireSessions', payload: {} },
  // Defined by the interaction room (interaction.jobs.ts): the letters' warning ladder and escalation.
  { name: 'interaction.letter-warnings', cron: '5 * * * *', job: 'interaction.letterWarnings', payload: {} },
  // Defined by the guides room (guides.jobs.ts): every online-handling link and form download, nightly.
  { name: 'guides.link-check', cron: '40 2 * * *', job: 'guides.linkCheck', payload: {} },
  // Defined by the monitoring room (monitoring.jobs.ts): every open site's homepage, 48 times a day at even
  // intervals (the national rule asks for at least 20 probes a day over a week, 站点无法访问).
  { name: 'monitoring.probe-sites', cron: '7,37 * * * *', job: 'monitoring.probeSites', payload: {} },
  // Every open site crawled each night, after midnight when government sites are quiet.
  { name: 'monitoring.crawl-sites', cron: '15 0 * * *', job: 'monitoring.crawlSites', payload: {}, maxAttempts: 2 },
  // The accessibility sample of every published hosted site, Sunday night.
  { name: 'monitoring.accessibility', cron: '30 3 * * 0', job: 'monitoring.accessibility', payload: {}, maxAttempts: 2 },
  // Every active hosted site checked exactly from the database each night (columns, home page, letters, guides).
  { name: 'monitoring.check-hosted', cron: '20 1 * * *', job: 'monitoring.checkHosted', payload: {}, maxAttempts: 2 },
  // The old URLs of retired sites still lead to their new locations (monitoring.jobs.ts); daily.
  { name: 'monitoring.check-redirects', cron: '40 2 * * *', job: 'monitoring.checkRedirects', payload: {}, maxAttempts: 2 },
  // Defined by the evaluation room (evaluation.jobs.ts): rectification tasks past their deadline are escalated each morning.
  { name: 'evaluation.escalate-overdue', cron: '10 8 * * *', job: 'evaluation.escalateOverdue', payload: {} },
  // The quarter just ended is spot-checked over every site at 9:00 on the 5th of January, April, July and October.
  { name: 'evaluation.quarterly-spot-check', cron: '0 9 5 1,4,7,10 *', job: 'evaluation.quarterlySpotCheck', payload: {} },
  // Each January morning, the hosted sites whose 政府网站工作年度报表 of the year before is not yet published are reminded (due 31 January).
  { name: 'evaluation.website-report-reminder', cron: '20 8 * 1 *', job: 'evaluation.websiteReportReminder', payload: {} },
  // Defined by the traffic room (traffic.jobs.ts): the access logs read on from where the last run stopped, hourly.
  { name: 'traffic.ingest', cron: '50 * * * *', job: 'traffic.ingest', payload: {}, maxAttempts: 2 },
  // Defined by the sites room (sites.jobs.ts): closing sites whose closure notice period is over are closed each morning.
  { name: 'sites.finish-closures', cron: '5 6 * * *', job: 'sites.finishClosures', payload: {} },
  // Defined by the monitoring room: the consolidation rules each site still breaks, after the closures of the morning.
  { name: 'monitoring.check-consolidation', cron: '35 6 * * *', job: 'monitoring.checkConsolidation', payload: {} },
];

const crons = new Map<string, Cron>();

function cronFor(pattern: string): Cron {
  let c = crons.get(pattern);
  if (!c) {
    // Paused and without a callback: used only to compute times, it never starts a timer.
    c = new Cron(pattern, { timezone: SCHEDULE_TIMEZONE, paused: true });
    crons.set(pattern, c);
  }
  return c;
}

/** The latest slot of `cron` at or before `at`, or null if the pattern never matched. */
export function latestSlot(cron: string, at: Date): Date | null {
  // previousRuns excludes a run exactly at the reference, so look from 1 ms later.
  const [slot] = cronFor(cron).previousRuns(1, new Date(at.getTime() + 1));
  return slot ?? null;
}

/** Throws if any schedule has a bad cron pattern or a duplicate name; run at start-up. */
export function validateSchedules(schedules: readonly ScheduleDefinition[]): void {
  const seen = new Set<string>();
  for (const s of schedules) {
    if (seen.has(s.name)) throw new Error(`schedule "${s.name}" is declared twice`);
    seen.add(s.name);
    try {
      cronFor(s.cron);
    } catch (e) {
      throw new Error(`schedule "${s.name}": bad cron pattern "${s.cron}": ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
  }
}

export interface FiredRun {
  name: string;
  slot: string;
  jobId: string;
}

/**
 * Enqueues each schedule's latest slot at or before now, unless that slot already fired.
 * Only the latest slot fires: after downtime the missed ones are skipped, not replayed.
 */
export async function fireDueSchedules(deps: Deps, schedules: readonly ScheduleDefinition[] = SCHEDULES): Promise<FiredRun[]> {
  const fired: FiredRun[] = [];
  for (const s of schedules) {
    const slotDate = latestSlot(s.cron, deps.clock.now());
    if (!slotDate) continue;
    const slot = slotDate.toISOString();
    // Cheap read first so the usual case (already fired) takes no write lock.
    const seen = await deps.db.kysely
      .selectFrom('scheduled_runs')
      .select('job_id')
      .where('name', '=', s.name)
      .where('slot', '=', slot)
      .executeTakeFirst();
    if (seen) continue;
    const jobId = await inTransaction(deps.db, async (tx) => {
      const id = randomUUID();
      // Claim the slot first; the job is enqueued only if this transaction won it. A rival
      // process inserting the same slot makes this insert wait for its commit (PostgreSQL)
      // or waits at BEGIN IMMEDIATE (SQLite), then inserts nothing.
      const won = await tx.trx
        .insertInto('scheduled_runs')
        .values({ name: s.name, slot, job_id: id, created_at: deps.clock.now().toISOString() })
        .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
        .returning('name')
        .executeTakeFirst();
      if (!won) return null;
      await insertJob(tx.trx, deps.clock, {
        id,
        name: s.job,
        payload: s.payload,
        maxAttempts: s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        runAt: slotDate,
      });
      tx.afterCommit(() => notifyJobsEnqueued());
      return id;
    });
    if (jobId) {
      fired.push({ name: s.name, slot, jobId });
      deps.logger.debug({ schedule: s.name, slot, jobId }, 'schedule fired');
    }
  }
  return fired;
}

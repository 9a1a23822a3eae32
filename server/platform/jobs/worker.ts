/**
 * The worker: claims due jobs from the table, runs them with bounded concurrency, records
 * each outcome, and (optionally) fires the schedules. Any number of workers may run, in one
 * process or many; claiming goes through the dialect adapter so a job is held by one worker
 * at a time, and a crashed worker's jobs are reclaimed once their lock expires.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { z } from 'zod';
import type { JobRow } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { jobActor, type JobContext, type JobRegistry } from './job-definition.ts';
import { recordFailure, recordSuccess, type Outcome } from './outcome.ts';
import { onJobsEnqueued } from './queue.ts';
import { fireDueSchedules, SCHEDULES, validateSchedules, type ScheduleDefinition } from './schedule.ts';

/** Claims outlive the run timeout by this much, so the timeout, not a rival worker, ends a slow run. */
const LOCK_MARGIN_MS = 30_000;
/** setTimeout fires at once for delays beyond a signed 32-bit int. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Heartbeat rows of workers silent this long are deleted (a crashed worker never removes its own). */
const HEARTBEAT_PRUNE_MS = 24 * 60 * 60 * 1000;
/** How many distinct unknown job names one pass fails at most. */
const UNKNOWN_NAMES_PER_PASS = 20;

export interface WorkerOptions {
  /** Unique per worker; default host#pid#random. */
  workerId?: string;
  /** Jobs run at once (default config.workerConcurrency). */
  concurrency?: number;
  /** Poll interval when idle (default 1 s); enqueues in this process wake the worker sooner. */
  pollMs?: number;
  /** Default run timeout and claim length (default 5 min); a job's timeoutMs overrides it. */
  lockMs?: number;
  /** Fire schedules from this worker (default true; several schedulers are safe). */
  runScheduler?: boolean;
  schedules?: readonly ScheduleDefinition[];
  /** Heartbeat refresh (default 10 s). */
  heartbeatMs?: number;
  /** Scheduler pass interval (default 15 s). */
  schedulerMs?: number;
  /** How long stop() waits for running jobs before aborting them (default 30 s). */
  stopTimeoutMs?: number;
}

export interface WorkerHandle {
  readonly workerId: string;
  /** Claims once, runs what was claimed to completion; returns how many jobs were handled. */
  runOnce(): Promise<number>;
  /** Stops claiming, waits (bounded) for running jobs, removes the heartbeat. */
  stop(): Promise<void>;
}

interface InFlight {
  readonly promise: Promise<Outcome | null>;
  readonly controller: AbortController;
}

/** A worker id that is unique across hosts, processes and workers of one process. */
export function defaultWorkerId(): string {
  return `${os.hostname()}#${process.pid}#${randomBytes(3).toString('hex')}`.slice(-100);
}

class JobWorker implements WorkerHandle {
  readonly workerId: string;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly lockMs: number;
  private readonly runScheduler: boolean;
  private readonly schedules: readonly ScheduleDefinition[];
  private readonly heartbeatMs: number;
  private readonly schedulerMs: number;
  private readonly stopTimeoutMs: number;

  private readonly inFlight = new Set<InFlight>();
  private startedAt: string | null = null;
  private stopping = false;
  private stopPromise: Promise<void> | null = null;
  private loopPromise: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private wakePending = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | null = null;
  private beating: Promise<void> | null = null;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly registry: JobRegistry,
    opts: WorkerOptions,
  ) {
    this.workerId = opts.workerId ?? defaultWorkerId();
    this.concurrency = Math.max(1, opts.concurrency ?? deps.config.workerConcurrency);
    this.pollMs = opts.pollMs ?? 1000;
    this.lockMs = opts.lockMs ?? 5 * 60 * 1000;
    this.runScheduler = opts.runScheduler ?? true;
    this.schedules = opts.schedules ?? SCHEDULES;
    this.heartbeatMs = opts.heartbeatMs ?? 10_000;
    this.schedulerMs = opts.schedulerMs ?? 15_000;
    this.stopTimeoutMs = opts.stopTimeoutMs ?? 30_000;
  }

  async start(): Promise<void> {
    if (this.runScheduler) validateSchedules(this.schedules);
    this.startedAt = this.deps.clock.now().toISOString();
    // The first heartbeat and scheduler pass are awaited: a database that cannot take them
    // should fail start-up loudly rather than leave a worker that silently does nothing.
    await this.beat();
    if (this.runScheduler) await this.tick();
    this.unsubscribe = onJobsEnqueued(() => this.wake());
    this.timers.push(
      setInterval(() => void this.beat().catch((e: unknown) => this.logError(e, 'worker heartbeat failed')), this.heartbeatMs),
    );
    if (this.runScheduler) {
      this.timers.push(
        setInterval(() => void this.tick().catch((e: unknown) => this.logError(e, 'scheduler pass failed')), this.schedulerMs),
      );
    }
    this.loopPromise = this.loop();
  }

  async runOnce(): Promise<number> {
    const started = await this.claimAndLaunch();
    await Promise.all(started);
    return started.length;
  }

  stop(): Promise<void> {
    this.stopPromise ??= this.shutdown();
    return this.stopPromise;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.unsubscribe?.();
    this.wake();
    await this.loopPromise;
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        Promise.all([...this.inFlight].map((f) => f.promise)).then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), this.stopTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        // Aborting settles each run at once as a failed attempt (retried after the backoff), so
        // the rows do not sit 'running' until the lock expires. Waiting for that is quick: it
        // is one update per job, whatever the handler does with the signal.
        this.deps.logger.warn(
          { workerId: this.workerId, jobs: this.inFlight.size },
          'worker stopping with jobs still running; aborting them',
        );
        const pending = [...this.inFlight];
        for (const f of pending) f.controller.abort(new Error('任务进程停止，任务被中止'));
        await Promise.allSettled(pending.map((f) => f.promise));
      }
    }
    // Let a heartbeat or scheduler pass in progress finish, or it could re-create the row.
    await Promise.allSettled([this.beating, this.ticking]);
    try {
      await this.deps.db.kysely.deleteFrom('worker_heartbeats').where('worker_id', '=', this.workerId).execute();
    } catch (e) {
      this.logError(e, 'could not remove worker heartbeat');
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.claimAndLaunch();
      } catch (e) {
        this.logError(e, 'claiming jobs failed');
      }
      await this.sleep();
    }
  }

  /** Waits for the poll interval, a job finishing, an enqueue in this process, or stop(). */
  private sleep(): Promise<void> {
    if (this.wakePending || this.stopping) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakeUp = done;
    });
  }

  private wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  /** Claims up to the free slots (plus due jobs nobody here can run) and starts them. */
  private async claimAndLaunch(): Promise<Array<Promise<Outcome | null>>> {
    const started: Array<Promise<Outcome | null>> = [];
    const free = this.concurrency - this.inFlight.size;
    if (free > 0 && !this.stopping) {
      for (const row of await this.claim(this.registry.names(), free)) started.push(this.launch(row));
    }
    for (const row of await this.claimUnknown()) started.push(this.launch(row));
    return started;
  }

  private claim(names: string[], limit: number): Promise<JobRow[]> {
    const now = this.deps.clock.now();
    return this.deps.db.dialect.claimJobs(this.deps.db.kysely, {
      workerId: this.workerId,
      now: now.toISOString(),
      lockUntil: new Date(now.getTime() + this.lockMs + LOCK_MARGIN_MS).toISOString(),
      limit,
      names,
    });
  }

  /**
   * Due jobs whose name no definition here matches would otherwise wait forever (claiming is
   * by name). Claim them like any job and let launch() fail them with a clear error. This
   * assumes every worker has the same registry; see the report on rolling deploys.
   */
  private async claimUnknown(): Promise<JobRow[]> {
    const known = this.registry.names();
    let q = this.deps.db.kysely
      .selectFrom('jobs')
      .select('name')
      .distinct()
      .where('status', '=', 'pending')
      .where('run_at', '<=', this.deps.clock.now().toISOString());
    if (known.length > 0) q = q.where('name', 'not in', known);
    const unknown = (await q.limit(UNKNOWN_NAMES_PER_PASS).execute()).map((r) => r.name);
    if (unknown.length === 0) return [];
    return this.claim(unknown, 50);
  }

  private launch(row: JobRow): Promise<Outcome | null> {
    const controller = new AbortController();
    const entry: InFlight = {
      controller,
      promise: this.execute(row, controller)
        .catch((e: unknown) => {
          // Bookkeeping failed (database trouble): the row stays 'running' under our lock and
          // is retried by whichever worker reclaims it after the lock expires.
          this.logError(e, 'could not update the job row', { jobId: row.id, job: row.name });
          return null;
        })
        .finally(() => {
          this.inFlight.delete(entry);
          this.wake();
        }),
    };
    this.inFlight.add(entry);
    return entry.promise;
  }

  private async execute(row: JobRow, controller: AbortController): Promise<Outcome> {
    const { db, clock, logger } = this.deps;
    const log = { jobId: row.id, job: row.name, attempt: row.attempts, workerId: this.workerId };
    const def = this.registry.get(row.name);
    if (!def) {
      const msg = `没有名为「${row.name}」的任务定义，任务未执行。请确认定义该任务的模块已在任务进程中注册。`;
      const outcome = await recordFailure(db, clock, row, new Error(msg), { permanent: true });
      logger.error({ ...log, outcome }, 'job has no definition');
      return outcome;
    }
    if (row.attempts > row.max_attempts) {
      // Only a reclaim gets here: the previous run died with its worker (crash, OOM, kill)
      // on the last attempt. Running it again could take down this worker too.
      const msg = `任务已用完 ${row.max_attempts} 次尝试：上一次运行时任务进程异常退出，未记录结果。`;
      const outcome = await recordFailure(db, clock, row, new Error(msg), { permanent: true });
      logger.error({ ...log, outcome }, 'job reclaimed after its last attempt; giving up');
      return outcome;
    }
    let payload: unknown;
    try {
      payload = def.payload.parse(JSON.parse(row.payload));
    } catch (e) {
      const detail = e instanceof z.ZodError ? z.prettifyError(e) : e instanceof Error ? e.message : String(e);
      const outcome = await recordFailure(db, clock, row, new Error(`任务参数无效：${detail}`), { permanent: true });
      logger.error({ ...log, outcome }, 'job payload invalid');
      return outcome;
    }

    const timeoutMs = Math.min(def.timeoutMs ?? this.lockMs, MAX_TIMER_MS);
    if (timeoutMs > this.lockMs) {
      // A run allowed to outlast the claim gets a longer claim, or a rival would reclaim it mid-run.
      await db.kysely
        .updateTable('jobs')
        .set({ locked_until: new Date(clock.now().getTime() + timeoutMs + LOCK_MARGIN_MS).toISOString() })
        .where('id', '=', row.id)
        .where('locked_by', '=', this.workerId)
        .where('attempts', '=', row.attempts)
        .execute();
    }
    const ctx: JobContext = { deps: this.deps, jobId: row.id, attempt: row.attempts, actor: jobActor(def.name), signal: controller.signal };
    let timer: NodeJS.Timeout | undefined;
    let failure: { error: unknown } | null = null;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => {
          // A handler that ignores the signal keeps running in the background; its slot and
          // row are released anyway, so one stuck handler cannot stall the queue.
          const err = new Error(`任务超时（超过 ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} 秒` : `${timeoutMs} 毫秒`}）`);
          controller.abort(err);
          reject(err);
        }, timeoutMs);
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
        Promise.resolve()
          .then(() => def.run(payload, ctx))
          .then(resolve, reject);
      });
    } catch (e) {
      failure = { error: e };
    } finally {
      clearTimeout(timer);
    }
    // Recorded outside the try: a database error while recording success must not be
    // mistaken for a failed run.
    const outcome = failure ? await recordFailure(db, clock, row, failure.error) : await recordSuccess(db, clock, row);
    if (outcome === 'done') logger.debug({ ...log, outcome }, 'job done');
    else if (outcome === 'retry') logger.warn({ ...log, outcome }, 'job failed, will retry');
    else
      logger.error({ ...log, outcome }, outcome === 'failed' ? 'job failed, giving up' : 'job lock was lost before recording the outcome');
    return outcome;
  }

  /** Upserts this worker's heartbeat row and prunes rows of long-dead workers. */
  private beat(): Promise<void> {
    const run = async () => {
      const now = this.deps.clock.now();
      const nowIso = now.toISOString();
      const row = {
        hostname: os.hostname().slice(0, 200),
        pid: process.pid,
        runs_scheduler: this.runScheduler ? 1 : 0,
        last_seen_at: nowIso,
      };
      await this.deps.db.kysely
        .insertInto('worker_heartbeats')
        .values({ worker_id: this.workerId, started_at: this.startedAt ?? nowIso, ...row })
        .onConflict((oc) => oc.column('worker_id').doUpdateSet(row))
        .execute();
      await this.deps.db.kysely
        .deleteFrom('worker_heartbeats')
        .where('last_seen_at', '<', new Date(now.getTime() - HEARTBEAT_PRUNE_MS).toISOString())
        .execute();
    };
    if (this.beating) return this.beating;
    this.beating = run().finally(() => {
      this.beating = null;
    });
    return this.beating;
  }

  /** One scheduler pass; a pass still running (slow database) is not doubled. */
  private tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = fireDueSchedules(this.deps, this.schedules)
      .then(() => undefined)
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private logError(e: unknown, msg: string, extra: Record<string, unknown> = {}): void {
    this.deps.logger.error({ err: e, workerId: this.workerId, ...extra }, msg);
  }
}

/** Starts a polling worker (heartbeat, optional scheduler); resolves once its first heartbeat is written. */
export async function startWorker(deps: Deps, registry: JobRegistry, opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const worker = new JobWorker(deps, registry, opts);
  try {
    await worker.start();
  } catch (e) {
    await worker.stop();
    throw e;
  }
  return worker;
}

/** Runs due jobs until a round claims nothing (or maxRounds); no timers, no heartbeat. Returns jobs handled. */
export async function drainJobs(
  deps: Deps,
  registry: JobRegistry,
  opts: { maxRounds?: number; workerId?: string; concurrency?: number; lockMs?: number } = {},
): Promise<number> {
  const worker = new JobWorker(deps, registry, { ...opts, runScheduler: false });
  const maxRounds = opts.maxRounds ?? 100;
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    const n = await worker.runOnce();
    total += n;
    if (n === 0) break;
  }
  return total;
}

/**
 * What a background job is: a name, a payload schema and a handler. Modules declare their
 * jobs with `defineJob` and register them in the `JobRegistry` the worker is started with.
 */
import type { z } from 'zod';
import { systemActor, type Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';

/** Attempts a job gets when neither its definition nor the enqueuer says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;

export interface JobContext {
  readonly deps: Deps;
  readonly jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
  /** The named system actor the job acts as (`system:job:<name>`), for audit and permission checks. */
  readonly actor: Actor;
  /** Aborted when the job times out or the worker gives up waiting for it at shutdown. */
  readonly signal: AbortSignal;
}

export interface JobDefinition<P> {
  readonly name: string;
  readonly payload: z.ZodType<P>;
  readonly maxAttempts: number;
  /** Longest a run may take; the worker's lock time when not set. */
  readonly timeoutMs: number | undefined;
  // Method syntax on purpose: it keeps JobDefinition<{ id: string }> assignable to
  // JobDefinition<unknown>, so definitions of any payload fit in one registry.
  run(payload: P, ctx: JobContext): Promise<void>;
}

export interface JobSpec<P> {
  name: string;
  payload: z.ZodType<P>;
  /** Runs before the job is given up as 'failed' (default 5); applies when enqueued with the definition. */
  maxAttempts?: number;
  timeoutMs?: number;
  run: (payload: P, ctx: JobContext) => Promise<void>;
}

/** Declares a job; the payload type is inferred from the zod schema. */
export function defineJob<P>(spec: JobSpec<P>): JobDefinition<P> {
  if (!/^[a-z][\w-]*(\.[\w-]+)+$/.test(spec.name)) {
    // Namespaced names (`module.action`) keep the jobs table readable and collisions unlikely.
    throw new Error(`job name "${spec.name}" must be namespaced, e.g. "accounts.expireSessions"`);
  }
  const maxAttempts = spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`job "${spec.name}": maxAttempts must be a positive integer`);
  if (spec.timeoutMs !== undefined && !(spec.timeoutMs > 0)) throw new Error(`job "${spec.name}": timeoutMs must be positive`);
  return { name: spec.name, payload: spec.payload, maxAttempts, timeoutMs: spec.timeoutMs, run: spec.run };
}

/** The system actor a job runs as. */
export function jobActor(name: string): Actor {
  return systemActor(`job:${name}`);
}

/** The jobs this process knows how to run, by name. */
export class JobRegistry {
  private readonly defs = new Map<string, JobDefinition<unknown>>();

  constructor(defs: Iterable<JobDefinition<unknown>> = []) {
    for (const def of defs) this.register(def);
  }

  /** Adds a definition; registering two jobs under one name is a programming error. */
  register(def: JobDefinition<unknown>): this {
    if (this.defs.has(def.name)) throw new Error(`job "${def.name}" is already registered`);
    this.defs.set(def.name, def);
    return this;
  }

  /** The definition registered under `name`, if any. */
  get(name: string): JobDefinition<unknown> | undefined {
    return this.defs.get(name);
  }

  /** Names of all registered jobs. */
  names(): string[] {
    return [...this.defs.keys()];
  }
}

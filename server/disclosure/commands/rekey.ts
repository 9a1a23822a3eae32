/**
 * Personal data after a key rotation (ADR 0009): the key status counts the request tokens under
 * each key, and re-encryption moves every token not under the current key onto it, in batches of
 * one transaction each. It selects by "not under the current key", so a stopped run resumes
 * where it stopped and a finished one finds nothing to do. The blind index is left alone: it is
 * keyed by the index key, which rotation does not change, and the plaintext stays the same.
 */
import { z } from 'zod';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { defineJob, enqueueJob } from '../../platform/jobs/index.ts';
import { PersonalDataError, needsRotation, reencryptPersonal, tokenPrefix, type DataKeyring } from '../../platform/personal-data.ts';
import { ENCRYPTED_REQUEST_COLUMNS, requestTokens, type EncryptedRequestColumn } from '../disclosure.repository.ts';

/** Rows re-encrypted per transaction unless told otherwise. */
export const REKEY_BATCH_SIZE = 500;

/** Stored tokens of one column, by key id (`unknown`: a key id not in the ring, or no token at all). */
export interface PersonalDataUsage {
  table: string;
  column: EncryptedRequestColumn;
  total: number;
  byKey: Record<string, number>;
  unknown: number;
}

/** How many stored tokens each key of the ring encrypts, per table and column. */
export async function personalDataUsage(deps: Deps, ring: DataKeyring = dataKeyring(deps.config)): Promise<PersonalDataUsage[]> {
  const ids = [...ring.keyIds];
  const rows = await requestTokens.usage(
    deps.db.kysely,
    ids.map((id) => tokenPrefix(id)),
  );
  return rows.map((r) => {
    const byKey = Object.fromEntries(ids.map((id, i) => [id, r.byPrefix[i] ?? 0]));
    const known = r.byPrefix.reduce((a, b) => a + b, 0);
    return { table: 'disclosure_requests', column: r.column, total: r.total, byKey, unknown: r.total - known };
  });
}

export interface RekeyProgress {
  /** Requests looked at so far. */
  done: number;
  /** Requests that held a token under another key when the run started. */
  total: number;
  batches: number;
}

export interface RekeyFailure {
  requestId: string;
  column: EncryptedRequestColumn;
  /** malformed, unsupported_version, unknown_key or tampered: never the value. */
  code: string;
}

export interface RekeyResult {
  keyId: string;
  /** Requests whose tokens were rewritten. */
  rows: number;
  /** Tokens rewritten. */
  values: number;
  batches: number;
  /** Tokens that could not be opened (left as they are, listed here). */
  failures: RekeyFailure[];
  /** Requests still holding a token under another key at the end (failures, or rows written meanwhile). */
  remaining: number;
  /** True when the run was stopped by its signal before it had looked at every row. */
  stopped: boolean;
}

export interface RekeyOptions {
  batchSize?: number;
  /** Checked between batches: an aborted run stops after its current batch has committed. */
  signal?: AbortSignal;
  onProgress?: (p: RekeyProgress) => void;
}

/** Re-encrypts every stored personal-data token that is not under the current key (console and job only). */
export async function reencryptPersonalData(deps: Deps, actor: Actor, opts: RekeyOptions = {}): Promise<RekeyResult> {
  if (actor.type !== 'system') throw Errors.forbidden('只能在服务器控制台或后台任务中重新加密个人信息');
  const batchSize = opts.batchSize ?? REKEY_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('rekey: batch size must be 1–10000');
  // One ring for the whole run: tokens written under a key rotated in meanwhile are the next run's.
  const ring = dataKeyring(deps.config);
  const prefix = tokenPrefix(ring.currentKeyId);
  const db = deps.db.kysely;
  const total = await requestTokens.staleCount(db, prefix);
  const result: RekeyResult = { keyId: ring.currentKeyId, rows: 0, values: 0, batches: 0, failures: [], remaining: 0, stopped: false };
  let cursor: string | null = null;
  let done = 0;
  for (;;) {
    if (opts.signal?.aborted) {
      result.stopped = true;
      break;
    }
    const batch = await inTransaction(deps.db, (tx) => rekeyBatch(tx, ring, prefix, cursor, batchSize));
    if (batch.seen === 0) break;
    cursor = batch.lastId;
    done += batch.seen;
    result.rows += batch.rows;
    result.values += batch.values;
    result.failures.push(...batch.failures);
    result.batches++;
    opts.onProgress?.({ done, total: Math.max(total, done), batches: result.batches });
    if (batch.seen < batchSize) break;
  }
  result.remaining = await requestTokens.staleCount(db, prefix);
  if (result.rows > 0 || result.failures.length > 0)
    await inTransaction(deps.db, (tx) =>
      recordAudit(tx, deps.clock, actor, {
        action: 'disclosure.personalData.reencrypt',
        targetType: 'dataKey',
        targetId: ring.currentKeyId,
        details: {
          rows: result.rows,
          values: result.values,
          batches: result.batches,
          failures: result.failures.length,
          remaining: result.remaining,
          stopped: result.stopped,
        },
      }),
    );
  return result;
}

async function rekeyBatch(
  tx: Tx,
  ring: DataKeyring,
  prefix: string,
  afterId: string | null,
  limit: number,
): Promise<{ seen: number; lastId: string | null; rows: number; values: number; failures: RekeyFailure[] }> {
  const rows = await requestTokens.staleBatch(tx.trx, prefix, afterId, limit);
  const out = { seen: rows.length, lastId: rows.at(-1)?.id ?? null, rows: 0, values: 0, failures: [] as RekeyFailure[] };
  for (const row of rows) {
    const before: Partial<Record<EncryptedRequestColumn, string>> = {};
    const after: Partial<Record<EncryptedRequestColumn, string>> = {};
    for (const column of ENCRYPTED_REQUEST_COLUMNS) {
      const token = row[column];
      if (token === null) continue;
      try {
        if (!needsRotation(ring, token)) continue;
        after[column] = reencryptPersonal(ring, token);
        before[column] = token;
      } catch (e) {
        if (!(e instanceof PersonalDataError)) throw e;
        out.failures.push({ requestId: row.id, column, code: e.code });
      }
    }
    const changed = Object.keys(after).length;
    // A row changed since it was read is left for the next run (the comparison refuses it).
    if (changed > 0 && (await requestTokens.replace(tx.trx, row.id, before, after)) > 0) {
      out.rows++;
      out.values += changed;
    }
  }
  return out;
}

/** The background job doing the same work, enqueued by `gongkai keys rotate`. */
export const rekeyPersonalDataJob = defineJob({
  name: 'disclosure.reencryptPersonalData',
  payload: z.object({ batchSize: z.number().int().min(1).max(10_000).optional() }),
  maxAttempts: 5,
  // Long tables take long; a timeout stops it between batches and the retry resumes.
  timeoutMs: 60 * 60 * 1000,
  run: async (payload, ctx) => {
    const pass = () =>
      reencryptPersonalData(ctx.deps, ctx.actor, {
        ...(payload.batchSize ? { batchSize: payload.batchSize } : {}),
        signal: ctx.signal,
        onProgress: (p) => ctx.deps.logger.info({ job: ctx.jobId, ...p }, 'personal data re-encryption'),
      });
    let r = await pass();
    // Rows registered behind the cursor by a process that had not yet seen the new key, or a
    // key rotated again meanwhile: another pass (with the ring read afresh) takes them.
    for (let n = 1; n < 3 && !r.stopped && r.failures.length === 0 && r.remaining > 0; n++) r = await pass();
    ctx.deps.logger.info({ job: ctx.jobId, ...r, failures: r.failures.length }, 'personal data re-encryption finished');
    if (r.stopped) throw new Error(`re-encryption stopped after ${r.batches} batches; the retry resumes`);
    if (r.failures.length > 0)
      throw new Error(
        `${r.failures.length} personal-data values could not be opened (${[...new Set(r.failures.map((f) => f.code))].join(', ')})`,
      );
    if (r.remaining > 0) throw new Error(`${r.remaining} requests still hold values under an old key; the retry takes them`);
  },
});

/** The disclosure room's jobs about personal data at rest, for the job registry. */
export const personalDataJobs = [rekeyPersonalDataJob];

/** Enqueues the re-encryption job in the caller's transaction (one unfinished job at a time). */
export function enqueuePersonalDataReencryption(tx: Tx, clock: Clock, payload: { batchSize?: number } = {}): Promise<string> {
  return enqueueJob(tx, clock, rekeyPersonalDataJob, payload, { dedupeKey: rekeyPersonalDataJob.name });
}

/**
 * Personal data at rest after a key rotation (ADR 0009), over every table that holds tokens
 * (`ENCRYPTED_TABLES` in db/encrypted-columns.ts): the key status counts the tokens under each
 * key per table and column, and re-encryption moves every token not under the current key onto
 * it, table by table, in batches of one transaction each. It selects by "not under the current
 * key", so a stopped run resumes where it stopped and a finished one finds nothing to do. Blind
 * indexes are left alone: they are keyed by the index key, which rotation does not change, and
 * the plaintext stays the same.
 *
 * It lives in the platform because the tokens belong to several rooms; the job keeps the name it
 * had when only the disclosure room held tokens (`disclosure.reencryptPersonalData`), so jobs
 * queued before stay runnable, and its audit action stays the same for the log's readers.
 */
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import type { Actor } from './actor.ts';
import type { Clock } from './clock.ts';
import { dataKeyring } from './data-keys.ts';
import {
  ENCRYPTED_TABLES,
  encryptedTokens,
  type EncryptedColumnName,
  type EncryptedTable,
  type EncryptedTableName,
  type TokenRow,
} from './db/encrypted-columns.ts';
import { inTransaction, type Tx } from './db/transaction.ts';
import type { Deps } from './deps.ts';
import { Errors } from './errors.ts';
import { defineJob, enqueueJob } from './jobs/index.ts';
import { PersonalDataError, needsRotation, reencryptPersonal, tokenPrefix, type DataKeyring } from './personal-data.ts';

export { ENCRYPTED_TABLES, type EncryptedColumnName, type EncryptedTable, type EncryptedTableName } from './db/encrypted-columns.ts';

/** Rows re-encrypted per transaction unless told otherwise. */
export const REKEY_BATCH_SIZE = 500;

/** Stored tokens of one column, by key id (`unknown`: a key id not in the ring, or no token at all; NULLs are not values). */
export interface PersonalDataUsage {
  table: EncryptedTableName;
  column: EncryptedColumnName;
  total: number;
  byKey: Record<string, number>;
  unknown: number;
}

/** How many stored tokens each key of the ring encrypts, per table and column. */
export async function personalDataUsage(deps: Deps, ring: DataKeyring = dataKeyring(deps.config)): Promise<PersonalDataUsage[]> {
  const ids = [...ring.keyIds];
  const prefixes = ids.map((id) => tokenPrefix(id));
  const out: PersonalDataUsage[] = [];
  for (const t of ENCRYPTED_TABLES) {
    for (const r of await encryptedTokens.usage(deps.db.kysely, t, prefixes)) {
      const byKey = Object.fromEntries(ids.map((id, i) => [id, r.byPrefix[i] ?? 0]));
      const known = r.byPrefix.reduce((a, b) => a + b, 0);
      out.push({ table: t.table, column: r.column, total: r.total, byKey, unknown: r.total - known });
    }
  }
  return out;
}

export interface RekeyProgress {
  /** Rows looked at so far, all tables together. */
  done: number;
  /** Rows that held a token under another key when the run started. */
  total: number;
  batches: number;
}

export interface RekeyFailure {
  table: EncryptedTableName;
  rowId: string;
  column: EncryptedColumnName;
  /** malformed, unsupported_version, unknown_key or tampered: never the value. */
  code: string;
}

export interface RekeyResult {
  keyId: string;
  /** Rows whose tokens were rewritten, all tables together. */
  rows: number;
  /** Tokens rewritten. */
  values: number;
  batches: number;
  /** Tokens that could not be opened (left as they are, listed here). */
  failures: RekeyFailure[];
  /** Rows still holding a token under another key at the end (failures, or rows written meanwhile). */
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

/** One run: the ring it uses throughout, what it has done so far. */
interface RekeyRun {
  deps: Deps;
  ring: DataKeyring;
  prefix: string;
  batchSize: number;
  opts: RekeyOptions;
  total: number;
  done: number;
  result: RekeyResult;
}

/** Re-encrypts every stored personal-data token that is not under the current key (console and job only). */
export async function reencryptPersonalData(deps: Deps, actor: Actor, opts: RekeyOptions = {}): Promise<RekeyResult> {
  if (actor.type !== 'system') throw Errors.forbidden('只能在服务器控制台或后台任务中重新加密个人信息');
  const batchSize = opts.batchSize ?? REKEY_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('rekey: batch size must be 1–10000');
  // One ring for the whole run: tokens written under a key rotated in meanwhile are the next run's.
  const ring = dataKeyring(deps.config);
  const prefix = tokenPrefix(ring.currentKeyId);
  const result: RekeyResult = { keyId: ring.currentKeyId, rows: 0, values: 0, batches: 0, failures: [], remaining: 0, stopped: false };
  const run: RekeyRun = { deps, ring, prefix, batchSize, opts, total: await staleRows(deps, prefix), done: 0, result };
  for (const t of ENCRYPTED_TABLES) {
    await rekeyTable(run, t);
    if (result.stopped) break;
  }
  result.remaining = await staleRows(deps, prefix);
  if (result.rows > 0 || result.failures.length > 0) await auditRun(deps, actor, result);
  return result;
}

/** Rows of every table holding a token not under the key whose header is `prefix`. */
async function staleRows(deps: Deps, prefix: string): Promise<number> {
  let n = 0;
  for (const t of ENCRYPTED_TABLES) n += await encryptedTokens.staleCount(deps.db.kysely, t, prefix);
  return n;
}

/** One table, batch after batch by id order, until no row is left or the signal stops the run. */
async function rekeyTable(run: RekeyRun, t: EncryptedTable<EncryptedTableName, EncryptedColumnName>): Promise<void> {
  const { result } = run;
  const limit = Math.min(run.batchSize, t.maxBatchRows ?? run.batchSize);
  let cursor: string | null = null;
  for (;;) {
    if (run.opts.signal?.aborted) {
      result.stopped = true;
      return;
    }
    const afterId = cursor;
    const batch: RekeyBatch = await inTransaction(run.deps.db, (tx) => rekeyBatch(tx, t, run.ring, run.prefix, afterId, limit));
    if (batch.seen === 0) return;
    cursor = batch.lastId;
    run.done += batch.seen;
    result.rows += batch.rows;
    result.values += batch.values;
    result.failures.push(...batch.failures);
    result.batches++;
    run.opts.onProgress?.({ done: run.done, total: Math.max(run.total, run.done), batches: result.batches });
    if (batch.seen < limit) return;
  }
}

/** What one batch (one transaction) looked at and did. */
interface RekeyBatch {
  seen: number;
  lastId: string | null;
  rows: number;
  values: number;
  failures: RekeyFailure[];
}

async function rekeyBatch(
  tx: Tx,
  t: EncryptedTable<EncryptedTableName, EncryptedColumnName>,
  ring: DataKeyring,
  prefix: string,
  afterId: string | null,
  limit: number,
): Promise<RekeyBatch> {
  const rows = await encryptedTokens.staleBatch(tx.trx, t, prefix, afterId, limit);
  const out: RekeyBatch = { seen: rows.length, lastId: rows.at(-1)?.id ?? null, rows: 0, values: 0, failures: [] };
  for (const row of rows) {
    const { before, after, failures } = rekeyRow(t, ring, row);
    out.failures.push(...failures);
    const changed = Object.keys(after).length;
    // A row changed since it was read is left for the next run (the comparison refuses it).
    if (changed > 0 && (await encryptedTokens.replace(tx.trx, t, row.id, before, after)) > 0) {
      out.rows++;
      out.values += changed;
    }
  }
  return out;
}

/** A row's tokens under another key, re-encrypted; those that cannot be opened are reported, not changed. */
function rekeyRow(
  t: EncryptedTable<EncryptedTableName, EncryptedColumnName>,
  ring: DataKeyring,
  row: TokenRow,
): { before: Record<string, string>; after: Record<string, string>; failures: RekeyFailure[] } {
  const out = { before: {} as Record<string, string>, after: {} as Record<string, string>, failures: [] as RekeyFailure[] };
  for (const column of t.columns) {
    const token = row.tokens[column];
    if (token === null || token === undefined) continue;
    try {
      if (!needsRotation(ring, token)) continue;
      out.after[column] = reencryptPersonal(ring, token);
      out.before[column] = token;
    } catch (e) {
      if (!(e instanceof PersonalDataError)) throw e;
      out.failures.push({ table: t.table, rowId: row.id, column, code: e.code });
    }
  }
  return out;
}

function auditRun(deps: Deps, actor: Actor, result: RekeyResult): Promise<number> {
  return inTransaction(deps.db, (tx) =>
    recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.personalData.reencrypt',
      targetType: 'dataKey',
      targetId: result.keyId,
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
}

/** The background job doing the same work, enqueued by `gongkai keys rotate`. */
export const rekeyPersonalDataJob = defineJob({
  // The name from when the disclosure room held it: queued jobs carry it.
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
    if (r.remaining > 0) throw new Error(`${r.remaining} rows still hold values under an old key; the retry takes them`);
  },
});

/** The platform's jobs about personal data at rest, for the job registry. */
export const personalDataJobs = [rekeyPersonalDataJob];

/** Enqueues the re-encryption job in the caller's transaction (one unfinished job at a time). */
export function enqueuePersonalDataReencryption(tx: Tx, clock: Clock, payload: { batchSize?: number } = {}): Promise<string> {
  return enqueueJob(tx, clock, rekeyPersonalDataJob, payload, { dedupeKey: rekeyPersonalDataJob.name });
}

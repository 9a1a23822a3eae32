/**
 * Audit chain benchmark: how fast commands can append chained events, and how long
 * `gongkai audit verify` takes over 1,000,000 events (target: under 30 s on 2 cores).
 * Baselines measured in the same run: plain inserts without the chain, and a plain scan of
 * the same rows without hashing.
 *
 *   npm run bench:audit                      # SQLite file in a temp folder
 *   DATABASE_URL=postgres://… npm run bench:audit
 *   AUDIT_BENCH_EVENTS=200000 npm run bench:audit
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chainHash } from '../server/audit/chain.ts';
import { recordAudit } from '../server/audit/record-audit.ts';
import { verifyAuditChain } from '../server/audit/verify-chain.ts';
import { systemActor } from '../server/platform/actor.ts';
import { systemClock } from '../server/platform/clock.ts';
import { openDb } from '../server/platform/db/database.ts';
import { postgresAdapter } from '../server/platform/db/dialects/postgres.ts';
import { sqliteAdapter } from '../server/platform/db/dialects/sqlite.ts';
import { migrateToLatest } from '../server/platform/db/migrations/index.ts';
import type { AuditEventRow } from '../server/platform/db/schema.ts';
import { inTransaction } from '../server/platform/db/transaction.ts';

const TOTAL = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const APPEND_SAMPLE = Number(process.env.AUDIT_BENCH_APPEND ?? 5_000);
const TARGET_VERIFY_S = 30;

const schema = `gk_bench_${process.pid}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
const url = process.env.DATABASE_URL || undefined;
if (url) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
}
const db = openDb(url ? postgresAdapter({ url, schema }) : sqliteAdapter(path.join(tmp, 'bench.db')));
await migrateToLatest(db.kysely, db.dialect);
const actor = systemActor('bench');
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

// 1. Appends through the real command path: one transaction per event, as commands do.
let t0 = process.hrtime.bigint();
for (let i = 0; i < APPEND_SAMPLE; i++) {
  await inTransaction(db, (tx) =>
    recordAudit(tx, systemClock, actor, { action: 'bench.append', targetType: 'article', targetId: `a${i}`, details: { i } }),
  );
}
const appendRate = APPEND_SAMPLE / seconds(t0);

// Baseline: the same number of single-row transactions into a table without the chain.
await db.kysely.schema
  .createTable('bench_plain')
  .addColumn('seq', 'bigint', (c) => c.primaryKey())
  .addColumn('details', 'text')
  .execute();
t0 = process.hrtime.bigint();
for (let i = 0; i < APPEND_SAMPLE; i++) {
  await inTransaction(db, (tx) =>
    tx.trx
      .insertInto('bench_plain' as never)
      .values({ seq: i, details: JSON.stringify({ i }) } as never)
      .execute(),
  );
}
const plainRate = APPEND_SAMPLE / seconds(t0);

// 2. Grow the chain to TOTAL events in bulk (valid links, computed here) so verify has a real 1M chain.
const head = await db.kysely.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
let prev = { seq: Number(head.seq), hash: head.hash };
const at = new Date().toISOString();
t0 = process.hrtime.bigint();
// 14 columns × 2000 rows stays under both limits (SQLite 32766, PostgreSQL 65535 parameters).
const BATCH = 2000;
while (prev.seq < TOTAL) {
  const rows: AuditEventRow[] = [];
  for (let k = 0; k < BATCH && prev.seq < TOTAL; k++) {
    const fields = {
      seq: prev.seq + 1,
      at,
      actor_id: 'u-bench',
      actor_name: 'bench',
      action: 'content.article.approve',
      target_type: 'article',
      target_id: `a${prev.seq}`,
      site_id: 's-bench',
      result: 'success',
      request_id: null,
      ip: '127.0.0.1',
      details: '{"opinion":"同意发布"}',
    };
    const hash = chainHash(prev.hash, fields);
    rows.push({ ...fields, prev_hash: prev.hash, hash });
    prev = { seq: fields.seq, hash };
  }
  await inTransaction(db, async (tx) => {
    await tx.trx.insertInto('audit_events').values(rows).execute();
    await tx.trx.updateTable('audit_head').set({ seq: prev.seq, hash: prev.hash }).where('id', '=', 1).execute();
  });
  if (process.stderr.isTTY) process.stderr.write(`\rbuilding chain ${prev.seq}/${TOTAL}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');
const buildS = seconds(t0);

// 3. Verify the whole chain, and the baseline: the same paged scan without hashing.
t0 = process.hrtime.bigint();
const result = await verifyAuditChain(db);
const verifyS = seconds(t0);
if (!result.ok || result.checked !== TOTAL) throw new Error(`verify failed: ${JSON.stringify(result)}`);

t0 = process.hrtime.bigint();
let after = 0;
let scanned = 0;
for (;;) {
  const rows = await db.kysely.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq').limit(5000).execute();
  if (rows.length === 0) break;
  scanned += rows.length;
  after = Number(rows[rows.length - 1]?.seq);
}
const scanS = seconds(t0);

await db.close();
if (url) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA ${schema} CASCADE`);
  await c.end();
}
fs.rmSync(tmp, { recursive: true, force: true });

const dialect = url ? 'postgres' : 'sqlite';
const fmt = (n: number, d = 1) => n.toFixed(d);
console.log(
  `audit append (${dialect}): ${fmt(appendRate, 0)} events/s chained, one transaction each; baseline plain insert ${fmt(plainRate, 0)} rows/s; ratio ${fmt(appendRate / plainRate, 2)}`,
);
console.log(`audit build (${dialect}): ${TOTAL} events bulk-chained in ${fmt(buildS)} s`);
console.log(
  `audit verify (${dialect}): ${result.checked} events in ${fmt(verifyS, 2)} s (${fmt(result.checked / verifyS, 0)} events/s); target ${TARGET_VERIFY_S} s, ratio ${fmt(verifyS / TARGET_VERIFY_S, 2)}; baseline scan without hashing ${fmt(scanS, 2)} s for ${scanned} rows, ratio ${fmt(verifyS / scanS, 2)}`,
);
console.log(
  `BENCH audit-chain ${JSON.stringify({ dialect, events: result.checked, verifySeconds: +verifyS.toFixed(3), targetSeconds: TARGET_VERIFY_S, scanSeconds: +scanS.toFixed(3), appendPerSecond: Math.round(appendRate), plainInsertPerSecond: Math.round(plainRate) })}`,
);
process.exitCode = verifyS <= TARGET_VERIFY_S ? 0 : 1;

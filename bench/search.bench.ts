/**
 * Search benchmark: `searchArticles(deps, { q })` over N synthetic articles (default 1,000,000;
 * `--docs N`), two-word queries drawn uniformly from the corpus's ~100 topic words (seeded).
 * Target: p99 ≤ 20 ms on SQLite and on PostgreSQL (DATABASE_URL set: both are built and measured).
 *
 * The index is built through the room's own write path (segmentation once per article, then
 * writeSearchRows into each database), 2,000 articles per transaction; on PostgreSQL the GIN
 * index is dropped during the load and built after it (as a bulk import would), then VACUUM ANALYZE.
 * Measured: 1 warm-up pass, then 3 timed passes of the queries, newest first (the default);
 * also by relevance and within one site. Baseline in the same run: the naive scan the index
 * replaces (LIKE '%word%' on title and body, newest 20) for a few of the same queries.
 *
 *   npx tsx bench/search.bench.ts --docs 100000
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/search.bench.ts
 *
 * The last line per dialect: `search docs=N p50_ms=… p99_ms=… dialect=…`. Exit 1 when a p99 misses the target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { SearchSort } from '../common/schemas/search.ts';
import { systemClock } from '../server/platform/clock.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDb, type Db } from '../server/platform/db/database.ts';
import { postgresAdapter } from '../server/platform/db/dialects/postgres.ts';
import { sqliteAdapter } from '../server/platform/db/dialects/sqlite.ts';
import { migrateToLatest } from '../server/platform/db/migrations/index.ts';
import { inTransaction } from '../server/platform/db/transaction.ts';
import type { Deps } from '../server/platform/deps.ts';
import { createLogger } from '../server/platform/logger.ts';
import { prepareSearchDocuments, writeSearchRows, type SearchDocument } from '../server/search/indexing.ts';
import { searchArticles } from '../server/search/index.ts';
import { docKey } from '../server/search/rules/doc-key.ts';
import { COLUMN_NAMES, mulberry32, syntheticArticles, TOPICS } from './support/corpus.ts';
import { pgAdmin } from './support/pg-admin.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const DOCS = Number(arg('--docs') ?? 1_000_000);
// `--distinct N`: segment N articles and store each DOCS/N times under other ids (same dates, so
// the same terms, frequencies and order): a 1M index in minutes instead of ~20 min of jieba.
const DISTINCT = Number(arg('--distinct') ?? DOCS);
const COPIES = Math.ceil(DOCS / DISTINCT);
const QUERIES = Number(arg('--queries') ?? 100);
const PASSES = 3;
const TARGET_MS = 20;
const SITES = 10;
const BATCH = 2000;
const BASELINE_QUERIES = 5;
const url = process.env.DATABASE_URL || undefined;
const schema = `gk_search_bench_${process.pid}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-search-bench-'));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const f = (n: number, d = 1) => n.toFixed(d);

function depsOf(db: Db): Deps {
  return {
    config: loadConfig({ NODE_ENV: 'test', GONGKAI_LOG_LEVEL: 'silent', GONGKAI_DATA_DIR: tmp }),
    db,
    clock: systemClock,
    logger: createLogger('silent'),
  };
}

const siteOf = (i: number) => `site-${i % SITES}`;
function toDocument(a: ReturnType<typeof syntheticArticles> extends Iterable<infer T> ? T : never): SearchDocument {
  const id = `a${String(a.index).padStart(8, '0')}`;
  const month = a.publishedAt.slice(0, 7).replace('-', '');
  return {
    articleId: id,
    siteId: siteOf(a.index),
    columnId: `${siteOf(a.index)}-col${a.column}`,
    columnName: COLUMN_NAMES[a.column]!,
    type: a.column === 1 ? 'notice' : a.column === 2 ? 'policy' : 'news',
    title: a.title,
    bodyText: a.bodyText,
    publishedAt: a.publishedAt,
    url: `/col${a.column}/${month}/${id}.html`,
  };
}

const targets: { dialect: 'sqlite' | 'postgres'; db: Db }[] = [
  { dialect: 'sqlite', db: openDb(sqliteAdapter(path.join(tmp, 'search.db'))) },
];
if (url) {
  await pgAdmin(url, `CREATE SCHEMA ${schema}`);
  targets.push({ dialect: 'postgres', db: openDb(postgresAdapter({ url, schema })) });
}

const summaries: string[] = [];
let pass = true;
try {
  for (const t of targets) await migrateToLatest(t.db.kysely, t.db.dialect);
  const pgTarget = targets.find((t) => t.dialect === 'postgres');
  if (pgTarget) await sql`DROP INDEX search_documents_terms_idx`.execute(pgTarget.db.kysely);

  // 1. Build.
  const buildMs = { segment: 0, sqlite: 0, postgres: 0 };
  let batch: SearchDocument[] = [];
  let done = 0;
  const flush = async () => {
    let t0 = process.hrtime.bigint();
    const rows = prepareSearchDocuments(batch);
    buildMs.segment += ms(t0);
    for (let copy = 0; copy < COPIES && done < DOCS; copy++) {
      const copies = rows.slice(0, DOCS - done).map((r) => {
        const articleId = copy === 0 ? r.articleId : `${r.articleId}-${copy}`;
        return { ...r, articleId, docKey: docKey(r.publishedAt, articleId) };
      });
      for (const t of targets) {
        t0 = process.hrtime.bigint();
        await inTransaction(t.db, async (tx) => {
          // Bench data is throwaway: PostgreSQL need not wait for the WAL flush.
          if (t.dialect === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(tx.trx);
          await writeSearchRows(tx, copies);
        });
        buildMs[t.dialect] += ms(t0);
      }
      done += copies.length;
    }
    batch = [];
    if (process.stderr.isTTY) process.stderr.write(`\rindexing ${done}/${DOCS}`);
  };
  for (const a of syntheticArticles(DISTINCT, 42)) {
    batch.push(toDocument(a));
    if (batch.length === BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (pgTarget) {
    const t0 = process.hrtime.bigint();
    await sql`CREATE INDEX search_documents_terms_idx ON search_documents USING gin (terms)`.execute(pgTarget.db.kysely);
    await sql`VACUUM ANALYZE search_documents`.execute(pgTarget.db.kysely);
    buildMs.postgres += ms(t0);
  }
  console.log(
    `search build: ${DOCS} articles (${DISTINCT} distinct${COPIES > 1 ? `, each stored ${COPIES}×` : ''}; ${SITES} sites, 20 columns); segmentation ${f(buildMs.segment / 1000)} s (${f(DISTINCT / (buildMs.segment / 1000), 0)} articles/s)`,
  );
  for (const t of targets) {
    const size =
      t.dialect === 'sqlite'
        ? `${f(fs.statSync(path.join(tmp, 'search.db')).size / 2 ** 20, 0)} MB database file`
        : `${f(Number((await sql<{ b: number }>`SELECT pg_total_relation_size('search_documents') AS b`.execute(t.db.kysely)).rows[0]!.b) / 2 ** 20, 0)} MB table + indexes`;
    console.log(
      `search build (${t.dialect}): writes ${f(buildMs[t.dialect] / 1000)} s (${f(DOCS / (buildMs[t.dialect] / 1000), 0)} docs/s)${t.dialect === 'postgres' ? ' incl. GIN build and VACUUM ANALYZE' : ''}; ${size}`,
    );
  }

  // 2. Measure.
  const rnd = mulberry32(7);
  const queries = Array.from({ length: QUERIES }, () => {
    const a = Math.floor(rnd() * TOPICS.length);
    let b = Math.floor(rnd() * (TOPICS.length - 1));
    if (b >= a) b++;
    return `${TOPICS[a]} ${TOPICS[b]}`;
  });
  const percentile = (samples: number[], p: number) => samples[Math.max(0, Math.ceil((p / 100) * samples.length) - 1)]!;

  for (const t of targets) {
    const deps = depsOf(t.db);
    const run = async (extra: { sort?: SearchSort; siteId?: string }) => {
      const samples: number[] = [];
      let hits = 0;
      let capped = 0;
      for (let p = 0; p <= PASSES; p++)
        for (const q of queries) {
          const t0 = process.hrtime.bigint();
          const r = await searchArticles(deps, { q, ...extra });
          const elapsed = ms(t0);
          if (p === 0) continue; // warm-up
          samples.push(elapsed);
          if (p === 1) {
            hits += r.total;
            if (r.totalIsLowerBound) capped++;
          }
        }
      samples.sort((x, y) => x - y);
      return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1)!, hits, capped, runs: samples.length };
    };
    const load0 = os.loadavg()[0]!;
    const byDate = await run({});
    const byRelevance = await run({ sort: 'relevance' });
    const oneSite = await run({ siteId: 'site-3' });
    const load1 = os.loadavg()[0]!;

    // Baseline: the scan an index saves, newest 20 with both words anywhere in title or body.
    const like = (w: string) => `%${w}%`;
    const baseline: number[] = [];
    for (const q of queries.slice(0, BASELINE_QUERIES)) {
      const [a, b] = q.split(' ') as [string, string];
      const t0 = process.hrtime.bigint();
      await sql`SELECT doc_key FROM search_documents
        WHERE (title LIKE ${like(a)} OR body LIKE ${like(a)}) AND (title LIKE ${like(b)} OR body LIKE ${like(b)})
        ORDER BY doc_key DESC LIMIT 20`.execute(t.db.kysely);
      baseline.push(ms(t0));
    }
    baseline.sort((x, y) => x - y);
    const baselineMedian = percentile(baseline, 50);

    for (const [label, s] of [
      ['newest first (default)', byDate],
      ['by relevance (newest 200 matches ranked)', byRelevance],
      ['one site of 10, newest first', oneSite],
    ] as const)
      console.log(
        `search (${t.dialect}) ${label}: ${s.runs} queries, p50 ${f(s.p50, 2)} ms, p99 ${f(s.p99, 2)} ms, max ${f(s.max, 1)} ms; ${s.capped}/${QUERIES} totals are lower bounds (more pages); baseline LIKE scan median ${f(baselineMedian, 0)} ms (${BASELINE_QUERIES} queries), ratio ${f(s.p50 / baselineMedian, 4)}`,
      );
    console.log(`search (${t.dialect}): 1-minute load average ${f(load0, 2)} before, ${f(load1, 2)} after, ${os.cpus().length} CPUs`);
    if (byDate.p99 > TARGET_MS) pass = false;
    const round = (n: number) => Number(n.toFixed(1));
    summaries.push(`search docs=${DOCS} p50_ms=${round(byDate.p50)} p99_ms=${round(byDate.p99)} dialect=${t.dialect}`);
  }
} finally {
  for (const t of targets) await t.db.close();
  if (url) await pgAdmin(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  fs.rmSync(tmp, { recursive: true, force: true });
}
for (const line of summaries) console.log(line);
process.exitCode = pass ? 0 : 1;

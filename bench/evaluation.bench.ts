/**
 * Spot-check scoring benchmark: a quarter's batch over 500 sites holding 1,000,000 open findings
 * in all, scored against the 2019 national table. Target: ≤ 10 s for the whole batch.
 *
 * Data, inserted in bulk from a seeded PRNG (rows as the monitoring would store them): 500
 * external sites with one crawl run each; findings spread over the sites Zipf-like (a few sites
 * have tens of thousands of broken links, most a few hundred findings): broken links (on the home
 * page and elsewhere) 80 %, stale and empty columns of every class, missing identity elements
 * and page tags, pages without a publication time, overdue letters; one site in 25 has a
 * veto-level finding.
 *
 * Timed, after an untimed warm-up pass over every site: `createBatch` (all open sites, the 2019
 * table) and `runBatch` to the end — for each chunk of sites, read each site's open findings
 * (sorted by the database), score them, store the chunk's results in one transaction — as the
 * job does it. The results
 * are checked: every site scored once, vetoed sites failed, the scores of five sites recomputed
 * from their findings with `scoreSite`.
 *
 * Baseline in the same run, the batch scored the naive way: one query per site for its findings,
 * one transaction per stored result (the same scoring and the same result rows).
 *
 *   npm run bench:evaluation
 *   DATABASE_URL=postgres://… npm run bench:evaluation
 *   (EVAL_BENCH_SITES and EVAL_BENCH_FINDINGS change the sizes)
 *
 * Last line:
 *   `evaluation sites=500 findings=1000000 dialect=sqlite batch_ms=… baseline_ms=… ratio=… target_ms=10000`.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../common/prng.ts';
import type { Finding } from '../common/schemas/monitoring.ts';
import { resultRow } from '../server/evaluation/commands/batches.ts';
import { createBatch, getBatch, runBatch, scoreSite, NATIONAL_2019 } from '../server/evaluation/index.ts';
import { openFindingsForScoring } from '../server/monitoring/index.ts';
import { systemActor, type Actor } from '../server/platform/actor.ts';
import { systemClock } from '../server/platform/clock.ts';
import { loadConfig } from '../server/platform/config.ts';
import { chunks } from '../server/platform/db/chunks.ts';
import { openDb, type Db } from '../server/platform/db/database.ts';
import { postgresAdapter } from '../server/platform/db/dialects/postgres.ts';
import { sqliteAdapter } from '../server/platform/db/dialects/sqlite.ts';
import { inTransaction } from '../server/platform/db/transaction.ts';
import { migrateToLatest } from '../server/platform/db/migrations/index.ts';
import type { MonitoringFindingTable } from '../server/platform/db/schema.ts';
import type { Deps } from '../server/platform/deps.ts';
import { createLogger } from '../server/platform/logger.ts';
import { pgAdmin } from './support/pg-admin.ts';

const SITES = Number(process.env.EVAL_BENCH_SITES ?? 500);
const FINDINGS = Number(process.env.EVAL_BENCH_FINDINGS ?? 1_000_000);
const TARGET_MS = 10_000;
const dialect = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const url = process.env.DATABASE_URL || undefined;
const schema = `gk_eval_${process.pid}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-eval-bench-'));
const rnd = mulberry32(20261128);
const ms = (t0: number) => performance.now() - t0;
const f0 = (n: number) => n.toFixed(0);

if (url) await pgAdmin(url, `CREATE SCHEMA ${schema}`);
const db: Db = openDb(url ? postgresAdapter({ url, schema }) : sqliteAdapter(path.join(tmp, 'bench.db')));
const deps: Deps = {
  config: loadConfig({ NODE_ENV: 'test', GONGKAI_LOG_LEVEL: 'silent', GONGKAI_DATA_DIR: tmp }),
  db,
  clock: systemClock,
  logger: createLogger('silent'),
};
const supervisor: Actor = {
  type: 'user',
  id: 'u-bench-supervisor',
  name: 'supervisor',
  displayName: '督查人员',
  grants: [{ role: 'supervisor', scope: '*' }],
  origin: { requestId: null, ip: null },
};
const jobs = systemActor('bench');

// ---------------------------------------------------------------------------------------------

const siteIds = Array.from({ length: SITES }, (_, i) => `s-${String(i).padStart(4, '0')}`);
const home = (siteId: string) => `http://${siteId}.example.gov.cn/`;

/** How many findings each site gets: Zipf-like weights scaled to FINDINGS in all. */
function perSite(): number[] {
  const weights = siteIds.map((_, i) => 1 / (i + 1) ** 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * FINDINGS));
  counts[0]! += FINDINGS - counts.reduce((a, b) => a + b, 0);
  return counts;
}

const CLASSES = ['news', 'notice', 'policy', 'personnel', 'plan', 'custom'];
const ELEMENTS = ['siteCode', 'icp', 'psb', 'sponsor', 'contact', 'errorReport', 'partyGovMark'];

function finding(siteId: string, i: number): Omit<Finding, 'rule'> & { rule: string } {
  const r = rnd();
  const base = home(siteId);
  if (r < 0.8)
    return {
      kind: 'broken_link',
      severity: 'deduction',
      url: `${base}files/${i}.pdf`,
      parent: rnd() < 0.01 ? base : `${base}col${i % 40}/a${i}.html`,
      status: 404,
      detail: '链接不可用（404）',
      rule: 'deduction.broken_link',
    };
  if (r < 0.88) {
    const cls = CLASSES[Math.floor(rnd() * CLASSES.length)]!;
    return {
      kind: rnd() < 0.7 ? 'column_stale' : 'column_empty',
      severity: 'deduction',
      url: `${base}col${i}/`,
      column: `${cls === 'custom' ? '政策解读' : '栏目'}${i}`,
      detail: '栏目未按要求更新',
      rule: 'deduction.column_stale',
      params: { class: cls, windowDays: 14, asOf: '2026-09-30' },
    };
  }
  if (r < 0.92)
    return {
      kind: 'identity_missing',
      severity: 'deduction',
      url: base,
      element: ELEMENTS[i % ELEMENTS.length]!,
      detail: '页面底部未列明网站标识',
      rule: 'deduction.identity',
      params: { pages: 1 + (i % 30), home: i % 2 === 0 },
    };
  if (r < 0.96)
    return {
      kind: 'meta_missing',
      severity: 'deduction',
      url: base,
      element: i % 2 ? 'article' : 'column',
      detail: '缺少网页标签',
      rule: 'deduction.meta',
      params: { pages: 1 + (i % 50) },
    };
  if (r < 0.98)
    return {
      kind: 'publish_time_missing',
      severity: 'deduction',
      url: `${base}a${i}.html`,
      detail: '未注明发布时间',
      rule: 'deduction.publish_time',
    };
  return {
    kind: 'letter_unanswered',
    severity: 'deduction',
    url: `${base}letters/${i}.html`,
    days: 20 + (i % 60),
    detail: '留言超过办理时限未回复',
    rule: 'deduction.letter_reply',
  };
}

async function seed(): Promise<number> {
  const at = '2026-09-30T16:00:00.000Z';
  await db.kysely
    .insertInto('orgs')
    .values({
      id: 'o-bench',
      name: '基准测试市人民政府办公室',
      parent_id: null,
      credit_code: null,
      division_code: null,
      level: 'city',
      sort_order: 0,
      index_template: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const part of chunks(siteIds, 200))
    await db.kysely
      .insertInto('sites')
      .values(
        part.map((id) => ({
          id,
          code: null,
          name: `网站${id}`,
          kind: 'department',
          sponsor_org_id: 'o-bench',
          parent_site_id: null,
          hosting: 'external',
          base_url: home(id),
          domains: '[]',
          icp_number: null,
          psb_number: null,
          contact: '{}',
          status: 'active',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  for (const part of chunks(siteIds, 200))
    await db.kysely
      .insertInto('monitoring_runs')
      .values(
        part.map((id) => ({
          id: `r-${id}`,
          site_id: id,
          source: 'crawl',
          as_of: '2026-09-30',
          started_at: at,
          finished_at: at,
          pages: 1000,
          links: 10_000,
          outcome: 'ok',
          error: null,
          found: 0,
          opened: 0,
          reopened: 0,
          resolved: 0,
          recorded_by: 'bench',
        })),
      )
      .execute();
  const counts = perSite();
  let vetoes = 0;
  for (const [s, siteId] of siteIds.entries()) {
    const rows: MonitoringFindingTable[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < counts[s]!; i++) {
      let f = finding(siteId, i);
      // One finding per problem, as the store keeps them: a second missing ICP on a site is the same one.
      if (keys.has(`${f.kind}|${f.element ?? ''}|${f.column ?? ''}|${f.url}`))
        f = {
          ...finding(siteId, i),
          kind: 'broken_link',
          url: `${home(siteId)}more/${i}.pdf`,
          element: undefined,
          params: undefined,
        } as typeof f;
      if (i === 0 && s % 25 === 3) {
        f.kind = 'homepage_stale';
        f.severity = 'veto';
        vetoes++;
      }
      const key = `${f.kind}|${f.element ?? ''}|${f.column ?? ''}|${f.url}`;
      keys.add(key);
      rows.push({
        id: randomUUID(),
        site_id: siteId,
        source: 'crawl',
        key,
        key_hash: createHash('sha256').update(key).digest('hex'),
        kind: f.kind,
        severity: f.severity,
        url: f.url,
        parent: f.parent ?? null,
        column_name: f.column ?? null,
        element: f.element ?? null,
        http_status: f.status ?? null,
        last_updated: null,
        days: f.days ?? null,
        detail: f.detail,
        rule: f.rule,
        params: f.params ? JSON.stringify(f.params) : null,
        snippet: null,
        evidence_hash: 'x',
        state: 'open',
        first_seen_at: at,
        last_seen_at: at,
        resolved_at: null,
        last_run_id: `r-${siteId}`,
        events: 1,
      });
    }
    await inTransaction(db, async (tx) => {
      for (const part of chunks(rows, 500)) await tx.trx.insertInto('monitoring_findings').values(part).execute();
    });
  }
  return vetoes;
}

/** The naive way: one query per site, one transaction per stored result (the same result rows). */
async function baseline(batchId: string): Promise<number> {
  const t0 = performance.now();
  for (const siteId of siteIds) {
    const found = (await openFindingsForScoring(db.kysely, [siteId])).get(siteId) ?? [];
    const e = scoreSite(NATIONAL_2019, { findings: found, homeUrls: [home(siteId)] });
    const row = resultRow(batchId, siteId, e, found.length, new Date().toISOString());
    await inTransaction(db, async (tx) => {
      const { batch_id: _b, site_id: _s, ...set } = row;
      await tx.trx.updateTable('evaluation_results').set(set).where('batch_id', '=', batchId).where('site_id', '=', siteId).execute();
    });
  }
  return ms(t0);
}

try {
  await migrateToLatest(db.kysely, db.dialect);
  const t0 = performance.now();
  const vetoes = await seed();
  console.log(
    `evaluation bench: ${dialect}, ${SITES} sites, ${FINDINGS} open findings (${vetoes} sites with a veto), seeded in ${f0(ms(t0) / 1000)} s`,
  );

  // Warm-up, not timed: every finding read once (the database's cache and the code's JIT warm for both ways alike).
  const warm = await createBatch(deps, supervisor, { name: '预热', period: '2026-Q2' });
  await baseline(warm.id);

  const t1 = performance.now();
  const batch = await createBatch(deps, supervisor, { name: '基准抽查', period: '2026-Q3' });
  const created = ms(t1);
  const done = await runBatch(deps, jobs, batch.id);
  const batchMs = ms(t1);
  const detail = await getBatch(deps, supervisor, batch.id);
  if (done.remaining !== 0 || detail.batch.scored !== SITES || detail.results.some((r) => r.state !== 'scored'))
    throw new Error('not every site was scored');
  const failed = detail.results.filter((r) => r.vetoes.length > 0);
  if (failed.length !== vetoes || failed.some((r) => r.verdict !== 'fail'))
    throw new Error(`expected ${vetoes} vetoed sites, got ${failed.length}`);
  // Five sites recomputed from their findings.
  for (const siteId of [0, 1, 7, Math.floor(SITES / 5), SITES - 1].map((i) => siteIds[i]!)) {
    const found = (await openFindingsForScoring(db.kysely, [siteId])).get(siteId) ?? [];
    const e = scoreSite(NATIONAL_2019, { findings: found, homeUrls: [home(siteId)] });
    const got = detail.results.find((r) => r.siteId === siteId)!;
    if (got.score !== e.score) throw new Error(`${siteId}: stored ${got.score}, recomputed ${e.score}`);
  }
  const passed = detail.results.filter((r) => r.verdict === 'pass').length;
  console.log(
    `  batch: created in ${f0(created)} ms, ${SITES} sites scored in ${f0(batchMs)} ms (${passed} pass, ${SITES - passed} fail, ${failed.length} vetoed); ` +
      `target ≤ ${TARGET_MS} ms: ${batchMs <= TARGET_MS ? 'met' : 'NOT met'}`,
  );
  const naiveMs = await baseline(batch.id);
  console.log(`  baseline (one query per site, one transaction per result): ${f0(naiveMs)} ms`);
  console.log(
    `evaluation sites=${SITES} findings=${FINDINGS} dialect=${dialect} batch_ms=${f0(batchMs)} baseline_ms=${f0(naiveMs)} ratio=${(naiveMs / batchMs).toFixed(1)} target_ms=${TARGET_MS}`,
  );
} finally {
  await db.close();
  if (url) await pgAdmin(url, `DROP SCHEMA ${schema} CASCADE`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

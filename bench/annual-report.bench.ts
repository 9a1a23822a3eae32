/**
 * Annual report benchmark: section 三 of a government's 政府信息公开工作年度报告 (the government and
 * its 99 departments: 100 orgs) over 50,000 依申请公开 requests. Target: ≤ 2 s per report.
 *
 * The requests are inserted in bulk from a seeded PRNG: received between 2024-10-01 and
 * 2025-12-31, 85 % closed (by reply outcome, or abandoned) 5–60 days after receipt, the rest
 * open; 70 % natural persons, the rest spread over the five kinds of legal person. Each request
 * also gets its clock events (receipt, and the event that closed it).
 *
 * Timed: `annualRequestReport` for the government with its departments, year 2025 (reads the
 * closure kept on each request), 2 warm-up + 10 timed calls. Baseline in the same run: the same
 * table from the events, replaying every request's clock (what the report would cost if the
 * closure were not kept on the row).
 *
 *   npm run bench:report
 *   DATABASE_URL=postgres://… npm run bench:report
 *
 * Last line: `report requests=50000 orgs=100 dialect=sqlite p50_ms=… baseline_ms=… ratio=… target_ms=2000`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULT_ROWS } from '../common/disclosure-outcomes.ts';
import { loadCalendar } from '../server/calendar/index.ts';
import { annualRequestReport } from '../server/disclosure/index.ts';
import { requestTable } from '../server/disclosure/rules/annual-report.ts';
import { requestClock, type ClockEvent } from '../server/disclosure/rules/request-clock.ts';
import { systemActor } from '../server/platform/actor.ts';
import { systemClock } from '../server/platform/clock.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDb, type Db } from '../server/platform/db/database.ts';
import { postgresAdapter } from '../server/platform/db/dialects/postgres.ts';
import { sqliteAdapter } from '../server/platform/db/dialects/sqlite.ts';
import { migrateToLatest } from '../server/platform/db/migrations/index.ts';
import type { DisclosureRequestEventTable, DisclosureRequestTable } from '../server/platform/db/schema.ts';
import type { Deps } from '../server/platform/deps.ts';
import { createLogger } from '../server/platform/logger.ts';
import { mulberry32 } from './support/corpus.ts';
import { pgAdmin } from './support/pg-admin.ts';

const REQUESTS = Number(process.env.REPORT_BENCH_REQUESTS ?? 50_000);
const ORGS = 100;
const RUNS = 10;
const TARGET_MS = 2_000;
const YEAR = 2025;

const dialect = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const url = process.env.DATABASE_URL || undefined;
const schema = `gk_report_${process.pid}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-report-bench-'));

const rnd = mulberry32(20261128);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const day = (base: string, add: number) => new Date(Date.parse(`${base}T00:00:00Z`) + add * 86_400_000).toISOString().slice(0, 10);
const ms = (t0: number) => performance.now() - t0;

if (url) await pgAdmin(url, `CREATE SCHEMA ${schema}`);
const db: Db = openDb(url ? postgresAdapter({ url, schema }) : sqliteAdapter(path.join(tmp, 'bench.db')));
const deps: Deps = {
  config: loadConfig({ NODE_ENV: 'test', GONGKAI_LOG_LEVEL: 'silent', GONGKAI_DATA_DIR: tmp }),
  db,
  clock: systemClock,
  logger: createLogger('silent'),
};
const supervisor = systemActor('report-bench');

try {
  await migrateToLatest(db.kysely, db.dialect);
  const at = new Date().toISOString();
  const orgIds = Array.from({ length: ORGS }, (_, i) => `o-bench-${String(i).padStart(3, '0')}`);
  await db.kysely
    .insertInto('orgs')
    .values(
      orgIds.map((id, i) => ({
        id,
        name: i === 0 ? '基准市人民政府' : `基准市第${i}局`,
        parent_id: i === 0 ? null : orgIds[0]!,
        credit_code: null,
        division_code: null,
        level: i === 0 ? 'city' : 'department',
        sort_order: i,
        index_template: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  await db.kysely
    .insertInto('sites')
    .values(
      orgIds.map((orgId, i) => ({
        id: `s-${orgId}`,
        code: null,
        name: `基准网站${i}`,
        kind: i === 0 ? 'portal' : 'department',
        sponsor_org_id: orgId,
        parent_site_id: null,
        hosting: 'hosted',
        base_url: null,
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

  const categories = ['commercial', 'research', 'publicWelfare', 'legalService', 'otherOrg'];
  const outcomes = RESULT_ROWS.map((r) => r.code).filter((c) => !c.startsWith('other.no') && c !== 'other.unpaid');
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i += 500) {
    const rows: DisclosureRequestTable[] = [];
    const events: DisclosureRequestEventTable[] = [];
    for (let j = i; j < Math.min(REQUESTS, i + 500); j++) {
      const id = randomUUID();
      const orgId = pick(orgIds);
      const receivedOn = day('2024-10-01', Math.floor(rnd() * 457));
      const closes = rnd() < 0.85;
      const r = rnd();
      const outcome = !closes ? null : r < 0.04 ? 'other.noAmendment' : r < 0.06 ? 'other.unpaid' : pick(outcomes);
      const closedOn = closes ? day(receivedOn, 5 + Math.floor(rnd() * 55)) : null;
      rows.push({
        id,
        tracking_no: `B${String(j).padStart(13, '0')}`,
        query_code_hash: 'x',
        site_id: `s-${orgId}`,
        org_id: orgId,
        applicant_kind: 'person',
        applicant_name: 'x',
        id_type: 'residentId',
        id_number: 'x',
        id_blind: `b${j}`,
        phone: 'x',
        address: null,
        email: null,
        description: '基准申请',
        purpose: null,
        forms: '{}',
        channel: 'online',
        received_on: receivedOn,
        state:
          outcome === 'other.noAmendment'
            ? 'abandonedNoAmendment'
            : outcome === 'other.unpaid'
              ? 'abandonedUnpaid'
              : closes
                ? 'answered'
                : 'processing',
        due_on: null,
        applicant_category: rnd() < 0.7 ? 'natural' : pick(categories),
        closed_on: closedOn,
        outcome,
        idempotency_key: null,
        archived_at: null,
        created_by: 'bench',
        created_at: at,
        updated_at: at,
      });
      const received: ClockEvent = { type: 'received', channel: 'online', submittedOn: receivedOn, confirmedOn: receivedOn };
      const ev = (seq: number, e: object) => ({
        id: randomUUID(),
        request_id: id,
        seq,
        type: (e as { type: string }).type,
        data: JSON.stringify(e),
        note: null,
        actor_id: 'bench',
        recorded_at: at,
      });
      events.push(ev(1, received));
      if (closes && closedOn) {
        if (outcome === 'other.noAmendment') {
          events.push(ev(2, { type: 'amendmentRequested', on: receivedOn, applicantDeadline: day(receivedOn, 3) }));
          events.push(ev(3, { type: 'amendmentLapsed', on: closedOn }));
        } else if (outcome === 'other.unpaid') {
          events.push(ev(2, { type: 'feeNoticeSent', on: receivedOn, noticeReceivedOn: receivedOn }));
          events.push(ev(3, { type: 'feeLapsed', on: closedOn }));
        } else events.push(ev(2, { type: 'answered', on: closedOn, outcome }));
      }
    }
    await db.kysely.insertInto('disclosure_requests').values(rows).execute();
    for (let k = 0; k < events.length; k += 500)
      await db.kysely
        .insertInto('disclosure_request_events')
        .values(events.slice(k, k + 500))
        .execute();
  }
  console.log(`report bench: ${dialect}, ${REQUESTS} requests of ${ORGS} orgs inserted in ${(ms(t0) / 1000).toFixed(1)} s`);

  const run = () => annualRequestReport(deps, supervisor, { orgId: orgIds[0]!, year: YEAR, includeSubordinates: true });
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  let last = await run();
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    last = await run();
    times.push(ms(s));
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)]!;
  console.log(
    `report ${YEAR}: ${last.orgCount} orgs, 一 ${last.table.newThisYear.total} + 二 ${last.table.carriedIn.total} = 三 ${last.table.resultTotal.total} + 四 ${last.table.carriedOut.total}; ` +
      `${last.problems.length} cross-sum problems; p50 ${p50.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (target ≤ ${TARGET_MS} ms)`,
  );

  // Baseline: the same table from the events, each request's clock replayed to find how it closed.
  const b0 = performance.now();
  const cal = await loadCalendar(deps);
  const evRows = await db.kysely
    .selectFrom('disclosure_request_events as e')
    .innerJoin('disclosure_requests as r', 'r.id', 'e.request_id')
    .select(['e.request_id', 'e.data', 'r.applicant_category'])
    .where('r.org_id', 'in', orgIds)
    .orderBy('e.request_id')
    .orderBy('e.seq')
    .execute();
  const byRequest = new Map<string, { category: string; events: (ClockEvent & { outcome?: string })[] }>();
  for (const e of evRows) {
    const entry = byRequest.get(e.request_id) ?? { category: e.applicant_category, events: [] };
    entry.events.push(JSON.parse(e.data) as ClockEvent);
    byRequest.set(e.request_id, entry);
  }
  const replayed = [...byRequest.values()].map(({ category, events }) => {
    const clock = requestClock(cal, events, `${YEAR + 1}-06-30`);
    const closing = events.find((e) => e.type === 'answered' || e.type === 'amendmentLapsed' || e.type === 'feeLapsed');
    return {
      category,
      receivedOn: clock.receivedOn!,
      closedOn: closing && 'on' in closing ? closing.on : null,
      outcome:
        closing?.type === 'answered'
          ? (closing.outcome ?? 'other.other')
          : closing?.type === 'amendmentLapsed'
            ? 'other.noAmendment'
            : closing
              ? 'other.unpaid'
              : null,
    };
  });
  const baselineTable = requestTable(YEAR, replayed);
  const baselineMs = ms(b0);
  const same = JSON.stringify(baselineTable) === JSON.stringify(last.table);
  console.log(`baseline (replaying ${evRows.length} events): ${baselineMs.toFixed(0)} ms; same table: ${same}`);
  if (!same) throw new Error('the replayed table differs from the report');
  console.log(
    `report requests=${REQUESTS} orgs=${ORGS} dialect=${dialect} p50_ms=${p50.toFixed(1)} baseline_ms=${baselineMs.toFixed(0)} ratio=${(p50 / baselineMs).toFixed(3)} target_ms=${TARGET_MS}`,
  );
  process.exitCode = p50 <= TARGET_MS ? 0 : 1;
} finally {
  await db.close();
  if (url) await pgAdmin(url, `DROP SCHEMA ${schema} CASCADE`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

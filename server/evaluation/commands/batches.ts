/**
 * Spot checks (抽查): a batch of a period over every open site or a reproducible random sample
 * (the seed is kept and shown), scored against a frozen copy of an indicator system from each
 * site's open findings and the checkers' recorded results. Creating a batch queues its scoring
 * (the job `evaluation.runBatch`); the scoring goes through the pending sites a chunk at a time
 * and stores each site once, so a batch cut short resumes where it stopped. A checker's result
 * for an item scored by hand re-scores that site at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  BatchDetailQuerySchema,
  CreateBatchSchema,
  IndicatorSystemSchema,
  ManualResultInputSchema,
  type BatchDetail,
  type BatchResultView,
  type BatchState,
  type BatchView,
  type Evaluation,
  type IndicatorSystem,
  type ManualResult,
} from '../../../common/schemas/evaluation.ts';
import { recordAudit } from '../../audit/index.ts';
import { lettersReceived } from '../../interaction/index.ts';
import { homepageUrl, openFindingsForScoring, type ScoringFinding } from '../../monitoring/index.ts';
import { requirePermission } from '../../platform/access.ts';
import { periodName } from '../../../common/periods.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { EvaluationBatchTable, EvaluationManualResultTable, EvaluationResultTable } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { batches, dismissals, evaluationRefs, manualResults, results } from '../evaluation.repository.ts';
import { drawSample, periodDays, previousPeriod, rankResults } from '../rules/batch.ts';
import { byCategory, byCounty, countyOf, DEFAULT_MIN_LETTERS, interactionRanking } from '../rules/breakdowns.ts';
import { cents } from '../rules/indicator-system.ts';
import { scoreSite, type ScoreContext } from '../rules/score.ts';
import { usableSystem } from './systems.ts';

/** Sites scored per transaction: their open findings are in memory together. */
const CHUNK = 25;
/** The job that scores a batch (evaluation.jobs.ts). */
export const RUN_BATCH_JOB = 'evaluation.runBatch';

function presentBatch(b: EvaluationBatchTable): BatchView {
  return {
    id: b.id,
    name: b.name,
    period: b.period,
    asOf: b.as_of,
    system: { key: b.system_key, version: b.system_version, name: b.system_name },
    scope: b.scope === 'sample' ? 'sample' : 'all',
    sampleSize: b.sample_size,
    seed: b.seed,
    state: b.state as BatchState,
    sites: b.sites,
    scored: b.scored,
    createdBy: b.created_by,
    createdAt: b.created_at,
    startedAt: b.started_at,
    finishedAt: b.finished_at,
  };
}

/** The indicator system as it was when the batch was made. */
export const frozenSystem = (b: EvaluationBatchTable): IndicatorSystem => IndicatorSystemSchema.parse(JSON.parse(b.system_json));

/** Creates a batch of a period and queues its scoring. */
export async function createBatch(deps: Deps, actor: Actor, input: unknown): Promise<BatchView> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(CreateBatchSchema, input);
  const days = periodDays(data.period)!;
  const system = await usableSystem(deps.db, data.system);
  const asOf = data.asOf ?? days.end;
  if (asOf < days.start) throw Errors.validation('检查日期早于期间开始', [{ field: 'asOf', message: `应不早于 ${days.start}` }]);

  const open = (await evaluationRefs.openSites(deps.db.kysely)).map((s) => s.id);
  const seed = data.sample ? (data.sample.seed ?? randomBytes(6).toString('hex')) : null;
  const siteIds = data.sample ? drawSample(open, data.sample.size, seed!) : open;
  if (siteIds.length === 0) throw Errors.validation('没有可抽查的网站');
  const now = deps.clock.now().toISOString();
  const row: EvaluationBatchTable = {
    id: randomUUID(),
    name: data.name,
    period: data.period,
    as_of: asOf,
    system_key: system.key,
    system_version: system.version,
    system_name: system.name,
    system_json: JSON.stringify(system),
    scope: data.sample ? 'sample' : 'all',
    sample_size: data.sample ? data.sample.size : null,
    seed,
    state: 'pending',
    sites: siteIds.length,
    scored: 0,
    created_by: actor.name,
    created_at: now,
    started_at: null,
    finished_at: null,
  };
  await inTransaction(deps.db, async (tx) => {
    await batches.insert(tx.trx, row);
    await results.insertMany(
      tx.trx,
      siteIds.map((siteId) => emptyResult(row.id, siteId)),
    );
    await recordAudit(tx, deps.clock, actor, {
      action: 'evaluation.batch.create',
      targetType: 'evaluation_batch',
      targetId: row.id,
      siteId: null,
      details: { name: row.name, period: row.period, asOf, system: `${system.key}@${system.version}`, sites: siteIds.length, seed },
    });
    await enqueueJob(tx, deps.clock, RUN_BATCH_JOB, { batchId: row.id }, { dedupeKey: `evaluation.runBatch:${row.id}` });
  });
  return presentBatch(row);
}

function emptyResult(batchId: string, siteId: string): EvaluationResultTable {
  return {
    batch_id: batchId,
    site_id: siteId,
    state: 'pending',
    verdict: null,
    score_cents: null,
    deduction_cents: null,
    bonus_cents: null,
    vetoes: null,
    deductions: null,
    bonuses: null,
    not_assessed: null,
    findings: null,
    scored_at: null,
  };
}

/** Findings named per veto or deduction: more than the points could ever need (a capped item stops counting long before). */
const MAX_IDS = 100;
const evidence = (fs: readonly ScoringFinding[]) => ({
  findingIds: fs.slice(0, MAX_IDS).map((f) => f.id),
  findingCount: fs.length,
});

/** One site's result row from its evaluation. */
export function resultRow(
  batchId: string,
  siteId: string,
  e: Evaluation<ScoringFinding>,
  findings: number,
  at: string,
): EvaluationResultTable {
  return {
    batch_id: batchId,
    site_id: siteId,
    state: 'scored',
    verdict: e.verdict,
    score_cents: e.score === null ? null : cents(e.score),
    deduction_cents: e.deductionScore === null ? null : cents(e.deductionScore),
    bonus_cents: cents(e.bonus),
    vetoes: JSON.stringify(e.vetoes.map((v) => ({ code: v.code, indicator: v.indicator, ...evidence(v.findings) }))),
    deductions: JSON.stringify(
      e.deductions.map((d) => ({ code: d.code, indicator: d.indicator, points: d.points, ...evidence(d.findings) })),
    ),
    bonuses: JSON.stringify(e.bonuses.map((b) => ({ code: b.code, indicator: b.indicator, points: b.points }))),
    not_assessed: JSON.stringify(e.notAssessed),
    findings,
    scored_at: at,
  };
}

const manualOf = (rows: readonly EvaluationManualResultTable[]): Record<string, ManualResult> =>
  Object.fromEntries(
    rows.map((m) => [
      m.item_code,
      {
        ...(m.points_cents !== null ? { points: m.points_cents / 100 } : {}),
        ...(m.veto !== null ? { veto: m.veto === 1 } : {}),
        sample: JSON.parse(m.sample) as string[],
        ...(m.note ? { note: m.note } : {}),
      },
    ]),
  );

/**
 * What scoring reads of the given sites of a batch: each site's open findings (less those whose
 * dismissal was approved), home page and recorded results.
 */
export async function scoringContexts(
  deps: Deps,
  batchId: string,
  siteIds: readonly string[],
): Promise<{ siteId: string; ctx: ScoreContext<ScoringFinding> }[]> {
  const db = deps.db.kysely;
  const [sites, manual, dismissed] = await Promise.all([
    evaluationRefs.sitesByIds(db, siteIds),
    manualResults.ofSites(db, batchId, siteIds),
    dismissals.ofSites(db, siteIds),
  ]);
  // Site by site: a large site's findings are many, and a few sites' at once only add to the heap.
  const found = new Map<string, ScoringFinding[]>();
  for (const id of siteIds) found.set(id, (await openFindingsForScoring(db, [id])).get(id) ?? []);
  return sites.map((site) => {
    const home = homepageUrl({ domains: JSON.parse(site.domains) as string[], baseUrl: site.base_url });
    return {
      siteId: site.id,
      ctx: {
        findings: (found.get(site.id) ?? []).filter((f) => !dismissed.has(f.id)),
        homeUrls: home ? [home] : [],
        manual: manualOf(manual.filter((m) => m.site_id === site.id)),
        noExternalServices: site.external_services === 0,
      },
    };
  });
}

/** Scores the given sites of a batch. */
async function scoreSites(deps: Deps, batch: EvaluationBatchTable, system: IndicatorSystem, siteIds: readonly string[]) {
  const at = deps.clock.now().toISOString();
  return (await scoringContexts(deps, batch.id, siteIds)).map(({ siteId, ctx }) =>
    resultRow(batch.id, siteId, scoreSite(system, ctx), ctx.findings.length, at),
  );
}

/**
 * Scores the batch's pending sites, a chunk per transaction, until none is left (or the signal
 * stops it); a site already scored is never scored again. Run by the job `evaluation.runBatch`.
 */
export async function runBatch(
  deps: Deps,
  actor: Actor,
  batchId: string,
  opts: { signal?: AbortSignal; chunk?: number } = {},
): Promise<{ scored: number; remaining: number }> {
  requirePermission(actor, 'system.jobs');
  const batch = await batches.get(deps.db.kysely, batchId);
  if (!batch) throw Errors.notFound('找不到该抽查');
  const system = frozenSystem(batch);
  if (batch.state === 'pending')
    await batches.update(deps.db.kysely, batchId, { state: 'running', started_at: deps.clock.now().toISOString() });
  let scored = 0;
  for (;;) {
    if (opts.signal?.aborted) break;
    const pending = (await results.pending(deps.db.kysely, batchId, opts.chunk ?? CHUNK)).map((r) => r.site_id);
    if (pending.length === 0) break;
    const rows = await scoreSites(deps, batch, system, pending);
    await inTransaction(deps.db, async (tx) => {
      for (const row of rows) if (await results.saveScore(tx.trx, row)) scored++;
      await batches.update(tx.trx, batchId, { scored: await results.countScored(tx.trx, batchId) });
    });
  }
  const done = await results.countScored(deps.db.kysely, batchId);
  const remaining = batch.sites - done;
  if (remaining === 0)
    await batches.update(deps.db.kysely, batchId, { state: 'done', scored: done, finished_at: deps.clock.now().toISOString() });
  return { scored, remaining };
}

/**
 * The quarter's spot check made on schedule (the job `evaluation.quarterlySpotCheck`, early in
 * each quarter): every open site for the quarter just ended, against the default system. Made
 * once: a quarter that already has a spot check, by hand or by schedule, gets no other.
 */
export async function scheduledQuarterCheck(deps: Deps, actor: Actor): Promise<BatchView | null> {
  requirePermission(actor, 'system.jobs');
  const period = previousPeriod(currentQuarter(beijingToday(deps.clock)))!;
  if ((await batches.list(deps.db.kysely)).some((b) => b.period === period)) return null;
  return createBatch(deps, actor, { name: `${periodName(period)}政府网站检查`, period });
}

const currentQuarter = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

export async function listBatches(deps: Deps, actor: Actor): Promise<BatchView[]> {
  requirePermission(actor, 'evaluation.manage');
  return (await batches.list(deps.db.kysely)).map(presentBatch);
}

const parseList = <T>(raw: string | null): T[] => (raw ? (JSON.parse(raw) as T[]) : []);
export const verdictOf = (stored: string | null): 'pass' | 'fail' | null => (stored === 'pass' || stored === 'fail' ? stored : null);

function presentResult(
  r: EvaluationResultTable & { rank: number | null },
  siteName: string,
  previous: EvaluationResultTable | undefined,
  previousBatchId: string | null,
): BatchResultView {
  return {
    siteId: r.site_id,
    siteName,
    rank: r.rank,
    state: r.state === 'scored' ? 'scored' : 'pending',
    verdict: verdictOf(r.verdict),
    score: r.score_cents === null ? null : r.score_cents / 100,
    deductionScore: r.deduction_cents === null ? null : r.deduction_cents / 100,
    bonus: r.bonus_cents === null ? null : r.bonus_cents / 100,
    vetoes: parseList(r.vetoes),
    deductions: parseList(r.deductions),
    notAssessed: parseList(r.not_assessed).length,
    previous:
      previous && previousBatchId
        ? {
            batchId: previousBatchId,
            verdict: verdictOf(previous.verdict),
            score: previous.score_cents === null ? null : previous.score_cents / 100,
          }
        : null,
    repeatFailure: r.verdict === 'fail' && previous?.verdict === 'fail',
  };
}

/**
 * A batch with its results ranked, each beside the same site's result of the previous period,
 * and the breakdowns by county and by kind of problem and the interaction ranking (sites with
 * at least `minLetters` letters in the period).
 */
export async function getBatch(deps: Deps, actor: Actor, batchId: string, query: unknown = {}): Promise<BatchDetail> {
  requirePermission(actor, 'evaluation.manage');
  const { minLetters = DEFAULT_MIN_LETTERS } = parseInput(BatchDetailQuerySchema, query);
  const db = deps.db.kysely;
  const batch = await batches.get(db, batchId);
  if (!batch) throw Errors.notFound('找不到该抽查');
  const rows = await results.ofBatch(db, batchId);
  const prevPeriod = previousPeriod(batch.period);
  const prev = prevPeriod ? await batches.lastDoneOf(db, prevPeriod) : undefined;
  const prevRows = new Map(prev ? (await results.ofBatch(db, prev.id)).map((r) => [r.site_id, r]) : []);
  const siteIds = rows.map((r) => r.site_id);
  const [sites, orgTree, letters] = await Promise.all([
    evaluationRefs.sitesByIds(db, siteIds),
    evaluationRefs.orgTree(db),
    lettersReceived(deps, siteIds, periodDays(batch.period)!.start, batch.as_of),
  ]);
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const counties = new Map(sites.map((s) => [s.id, countyOf(s.sponsor_org_id, orgTree)]));
  const ranked = rankResults(
    rows.map((r) => ({
      ...r,
      siteId: r.site_id,
      verdict: verdictOf(r.verdict),
      vetoed: parseList(r.vetoes).length > 0,
      scoreCents: r.score_cents,
    })),
  );
  const shown = ranked.map((r) => presentResult(r, names.get(r.site_id) ?? r.site_id, prevRows.get(r.site_id), prev?.id ?? null));
  const system = frozenSystem(batch);
  return {
    batch: presentBatch(batch),
    results: shown,
    previousBatchId: prev?.id ?? null,
    byCounty: byCounty(shown, counties),
    byCategory: byCategory(shown, system),
    interaction: interactionRanking(shown, system, letters, minLetters),
  };
}

/**
 * Records a checker's result for an item scored by hand (with the sample), audited, and
 * re-scores the site at once.
 */
export async function recordManualResult(
  deps: Deps,
  actor: Actor,
  batchId: string,
  siteId: string,
  input: unknown,
): Promise<BatchResultView> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(ManualResultInputSchema, input);
  const db = deps.db.kysely;
  const batch = await batches.get(db, batchId);
  if (!batch) throw Errors.notFound('找不到该抽查');
  const current = await results.get(db, batchId, siteId);
  if (!current) throw Errors.notFound('该网站不在本次抽查中');
  const system = frozenSystem(batch);
  const item = system.items.find((i) => i.code === data.itemCode);
  if (!item?.manual) throw Errors.validation('该指标不需要人工核查', [{ field: 'itemCode', message: '请选择需要人工核查的指标' }]);
  if (item.kind === 'veto' ? data.veto === undefined : data.points === undefined)
    throw Errors.validation(item.kind === 'veto' ? '否决项请填写是否否决' : '请填写分值', [
      { field: item.kind === 'veto' ? 'veto' : 'points', message: '必填' },
    ]);
  if (item.cap !== undefined && data.points !== undefined && cents(data.points) > cents(item.cap))
    throw Errors.validation(`分值超过该指标的上限 ${item.cap} 分`, [{ field: 'points', message: `不超过 ${item.cap}` }]);
  const row: EvaluationManualResultTable = {
    batch_id: batchId,
    site_id: siteId,
    item_code: item.code,
    points_cents: data.points !== undefined ? cents(data.points) : null,
    veto: data.veto === undefined ? null : data.veto ? 1 : 0,
    sample: JSON.stringify(data.sample),
    note: data.note ?? null,
    recorded_by: actor.name,
    recorded_at: deps.clock.now().toISOString(),
  };
  await inTransaction(deps.db, async (tx) => {
    await manualResults.upsert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'evaluation.manual.record',
      targetType: 'evaluation_batch',
      targetId: batchId,
      siteId,
      details: { item: item.code, points: data.points ?? null, veto: data.veto ?? null, sample: data.sample, note: data.note ?? null },
    });
  });
  // A site already scored is scored again with the new result; a pending one waits for its turn.
  if (current.state === 'scored') {
    const [scoredRow] = await scoreSites(deps, batch, system, [siteId]);
    if (scoredRow) await inTransaction(deps.db, (tx) => results.saveScore(tx.trx, scoredRow, true));
  }
  const detail = await getBatch(deps, actor, batchId);
  return detail.results.find((r) => r.siteId === siteId)!;
}

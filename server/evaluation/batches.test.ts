import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '#common/schemas/monitoring.ts';
import { recordRun } from '#server/monitoring/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { drainJobs, JobRegistry } from '#server/platform/jobs/index.ts';
import { asActor, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { createBatch, getBatch, listBatches, recordManualResult, runBatch, scheduledQuarterCheck } from './commands/batches.ts';
import { evaluationJobs } from './evaluation.jobs.ts';

const f = (over: Partial<Finding> & Pick<Finding, 'kind'>): Finding => ({
  severity: 'deduction',
  url: `http://site.example.test/${Math.random().toString(36).slice(2)}.html`,
  detail: '构造的问题',
  rule: 'test',
  ...over,
});

describe(`spot-check batches on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  let supervisor: Actor;
  let sites: { tidy: string; links: string; vetoed: string; stale: string };
  const findingsOf = (siteId: string, findings: Finding[]) =>
    recordRun(deps, factoryActor, { siteId, source: 'crawl', asOf: '2026-09-30', startedAt: deps.clock.now().toISOString(), findings });

  beforeEach(async () => {
    deps = await createTestDeps({ now: '2026-10-08T02:00:00Z' });
    supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    const site = async (name: string) => (await buildSite(deps, { hosting: 'external', name, baseUrl: 'http://site.example.test/' })).id;
    sites = { tidy: await site('整洁网站'), links: await site('坏链网站'), vetoed: await site('否决网站'), stale: await site('栏目网站') };
    await findingsOf(sites.links, [
      f({ kind: 'broken_link', parent: 'http://site.example.test/' }),
      f({ kind: 'broken_link', parent: 'http://site.example.test/a.html' }),
    ]);
    await findingsOf(sites.vetoed, [f({ kind: 'homepage_stale', severity: 'veto' })]);
    await findingsOf(sites.stale, [
      f({ kind: 'column_stale', column: '工作动态', params: { class: 'news' } }),
      f({ kind: 'identity_missing', element: 'icp' }),
    ]);
  });
  afterEach(async () => {
    await deps.db.close();
  });

  it('scores a quarter over every open site from their open findings, ranks them, and names the findings behind each lost point', async () => {
    const batch = await createBatch(deps, supervisor, { name: '2026年第三季度政府网站抽查', period: '2026-Q3' });
    expect(batch).toMatchObject({ period: '2026-Q3', asOf: '2026-09-30', scope: 'all', seed: null, state: 'pending', sites: 4, scored: 0 });
    expect(batch.system).toMatchObject({ key: 'national-2019', version: 1 });
    // Creating the batch queued its scoring.
    expect(await drainJobs(deps, new JobRegistry(evaluationJobs))).toBe(1);
    const { batch: done, results } = await getBatch(deps, supervisor, batch.id);
    expect(done).toMatchObject({ state: 'done', scored: 4 });
    expect(results.map((r) => [r.siteName, r.rank, r.verdict, r.score])).toEqual([
      ['整洁网站', 1, 'pass', 100],
      ['坏链网站', 2, 'pass', 99.7],
      ['栏目网站', 3, 'pass', 94.5],
      ['否决网站', 4, 'fail', null],
    ]);
    const stored = await deps.db.kysely.selectFrom('monitoring_findings').select(['id', 'site_id', 'kind']).execute();
    const idsOf = (siteId: string, kind: string) =>
      stored
        .filter((s) => s.site_id === siteId && s.kind === kind)
        .map((s) => s.id)
        .sort();
    const links = results.find((r) => r.siteId === sites.links)!;
    expect(links.deductions).toEqual([
      {
        code: 'd.links',
        indicator: '功能设计/可用性',
        points: 0.3,
        findingIds: expect.arrayContaining(idsOf(sites.links, 'broken_link')),
        findingCount: 2,
      },
    ]);
    expect(results.find((r) => r.siteId === sites.vetoed)?.vetoes).toEqual([
      { code: 'veto.homepage', indicator: '首页不更新', findingIds: idsOf(sites.vetoed, 'homepage_stale'), findingCount: 1 },
    ]);
    expect(results[0]?.notAssessed).toBeGreaterThan(20);
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'evaluation.batch.create')
      .execute();
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ period: '2026-Q3', sites: 4, system: 'national-2019@1' });
  });

  it('draws a random sample anyone can draw again from its seed', async () => {
    const a = await createBatch(deps, supervisor, { name: '抽样一', period: '2026-Q3', sample: { size: 2, seed: '2026q3' } });
    const b = await createBatch(deps, supervisor, { name: '抽样二', period: '2026-Q3', sample: { size: 2, seed: '2026q3' } });
    const c = await createBatch(deps, supervisor, { name: '抽样三', period: '2026-Q3', sample: { size: 2 } });
    const sampled = async (id: string) => (await getBatch(deps, supervisor, id)).results.map((r) => r.siteId).sort();
    expect(a).toMatchObject({ scope: 'sample', sampleSize: 2, seed: '2026q3', sites: 2 });
    expect(await sampled(a.id)).toEqual(await sampled(b.id));
    expect(c.seed).toMatch(/^[0-9a-f]{12}$/);
    expect((await listBatches(deps, supervisor)).map((x) => x.name).sort()).toEqual(['抽样一', '抽样三', '抽样二'].sort());
  });

  it('resumes a batch cut short without scoring any site twice', async () => {
    const batch = await createBatch(deps, supervisor, { name: '分段评分', period: '2026-Q3' });
    // Stopped after its first chunk of one site (a signal that turns once the chunk is stored).
    let reads = 0;
    const stopAfterOne = {
      get aborted() {
        return ++reads > 1;
      },
    } as unknown as AbortSignal;
    expect(await runBatch(deps, factoryActor, batch.id, { chunk: 1, signal: stopAfterOne })).toEqual({ scored: 1, remaining: 3 });
    expect((await getBatch(deps, supervisor, batch.id)).batch).toMatchObject({ state: 'running', scored: 1 });
    const first = await deps.db.kysely
      .selectFrom('evaluation_results')
      .select(['site_id', 'scored_at'])
      .where('state', '=', 'scored')
      .execute();
    deps.clock.advance(60_000);
    expect(await runBatch(deps, factoryActor, batch.id, { chunk: 2 })).toEqual({ scored: 3, remaining: 0 });
    const all = await deps.db.kysely.selectFrom('evaluation_results').select(['site_id', 'scored_at']).orderBy('site_id').execute();
    // The site scored before the stop kept its result; the others were scored after it.
    expect(all.filter((r) => r.site_id === first[0]!.site_id)).toEqual(first);
    expect(all.filter((r) => r.scored_at !== first[0]!.scored_at)).toHaveLength(3);
    deps.clock.advance(60_000);
    expect(await runBatch(deps, factoryActor, batch.id)).toEqual({ scored: 0, remaining: 0 });
    expect(await deps.db.kysely.selectFrom('evaluation_results').select(['site_id', 'scored_at']).orderBy('site_id').execute()).toEqual(
      all,
    );
    expect((await getBatch(deps, supervisor, batch.id)).batch).toMatchObject({ state: 'done', scored: 4 });
  });

  it('takes a checker’s recorded result with its sample and scores the site again; refuses results that cannot be', async () => {
    const batch = await createBatch(deps, supervisor, { name: '人工核查', period: '2026-Q3' });
    await runBatch(deps, factoryActor, batch.id);
    const sample = ['咨询一：2026-09-01 提问，9 个工作日后答复', '咨询二：未答复'];
    const after = await recordManualResult(deps, supervisor, batch.id, sites.tidy, { itemCode: 'd.mock-consultation', points: 7, sample });
    expect(after).toMatchObject({ score: 93, verdict: 'pass' });
    expect(after.deductions).toEqual([
      { code: 'd.mock-consultation', indicator: '互动交流/办理答复', points: 7, findingIds: [], findingCount: 0 },
    ]);
    const veto = await recordManualResult(deps, supervisor, batch.id, sites.tidy, {
      itemCode: 'veto.serious',
      veto: true,
      sample: ['链接了违法网站'],
    });
    // Both vetoed sites share the last rank.
    expect(veto).toMatchObject({ verdict: 'fail', score: null, rank: 3 });
    const stored = await deps.db.kysely
      .selectFrom('evaluation_manual_results')
      .select(['item_code', 'sample'])
      .orderBy('item_code')
      .execute();
    expect(stored.map((s) => [s.item_code, JSON.parse(s.sample)])).toEqual([
      ['d.mock-consultation', sample],
      ['veto.serious', ['链接了违法网站']],
    ]);
    for (const bad of [
      { itemCode: 'd.links', points: 1, sample: ['x'] },
      { itemCode: 'd.mock-consultation', points: 8, sample: ['x'] },
      { itemCode: 'd.mock-consultation', points: 2, sample: [] },
      { itemCode: 'd.mock-consultation', veto: true, sample: ['x'] },
      { itemCode: 'veto.serious', points: 1, sample: ['x'] },
    ])
      await expect(recordManualResult(deps, supervisor, batch.id, sites.tidy, bad), JSON.stringify(bad)).rejects.toMatchObject({
        code: 'GK_ERR_VALIDATION',
      });
    await expect(
      recordManualResult(deps, supervisor, batch.id, 'no-such-site', { itemCode: 'd.guides', points: 1, sample: ['x'] }),
    ).rejects.toMatchObject({
      code: 'GK_ERR_NOT_FOUND',
    });
  });

  it('sets each site beside its result of the previous period, and flags those failing twice running', async () => {
    const q2 = await createBatch(deps, supervisor, { name: '第二季度', period: '2026-Q2' });
    await runBatch(deps, factoryActor, q2.id);
    await findingsOf(sites.links, [f({ kind: 'broken_link', parent: 'http://site.example.test/b.html' })]);
    const q3 = await createBatch(deps, supervisor, { name: '第三季度', period: '2026-Q3' });
    await runBatch(deps, factoryActor, q3.id);
    const detail = await getBatch(deps, supervisor, q3.id);
    expect(detail.previousBatchId).toBe(q2.id);
    expect(detail.results.find((r) => r.siteId === sites.links)).toMatchObject({
      score: 99.9,
      previous: { batchId: q2.id, score: 99.7 },
      repeatFailure: false,
    });
    // Vetoed in both quarters: flagged for an interview.
    expect(detail.results.find((r) => r.siteId === sites.vetoed)).toMatchObject({
      verdict: 'fail',
      previous: { verdict: 'fail' },
      repeatFailure: true,
    });
    expect(detail.results.filter((r) => r.repeatFailure)).toHaveLength(1);
  });

  it('is for supervisors, and refuses a period, day or system that does not exist', async () => {
    const staff = asActor(await buildUser(deps, { grants: [{ role: 'editor', siteId: sites.tidy }] }));
    await expect(createBatch(deps, staff, { name: 'x', period: '2026-Q3' })).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(listBatches(deps, staff)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    for (const bad of [
      { name: 'x', period: '2026-Q5' },
      { name: 'x', period: '2026' },
      { name: '', period: '2026-Q3' },
      { name: 'x', period: '2026-Q3', asOf: '2026-06-30' },
      { name: 'x', period: '2026-Q3', system: 'national-2017' },
      { name: 'x', period: '2026-Q3', sample: { size: 0 } },
      { name: 'x', period: '2026-Q3', extra: 1 },
    ])
      await expect(createBatch(deps, supervisor, bad), JSON.stringify(bad)).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    await expect(getBatch(deps, supervisor, 'nope')).rejects.toMatchObject({ code: 'GK_ERR_NOT_FOUND' });
  });

  it('makes the quarter’s spot check on schedule once, for the quarter just ended, unless one was made by hand', async () => {
    const made = await scheduledQuarterCheck(deps, factoryActor);
    expect(made).toMatchObject({ name: '2026年第三季度政府网站检查', period: '2026-Q3', scope: 'all', sites: 4, state: 'pending' });
    expect(await scheduledQuarterCheck(deps, factoryActor)).toBeNull();
    deps.clock.set('2027-01-05T01:00:00Z');
    await createBatch(deps, supervisor, { name: '第四季度抽查（手动）', period: '2026-Q4', sample: { size: 2, seed: 'q4' } });
    expect(await scheduledQuarterCheck(deps, factoryActor)).toBeNull();
    await expect(scheduledQuarterCheck(deps, supervisor)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
  });

  it('does not check 办事服务 on a department without external services, and scales its score from 75', async () => {
    const noServices = (
      await buildSite(deps, { hosting: 'external', name: '无对外服务网站', baseUrl: 'http://n.example.test/', externalServices: false })
    ).id;
    await findingsOf(noServices, [
      f({ kind: 'guide_incomplete', severity: 'veto', detail: '网站没有办事服务' }),
      f({ kind: 'broken_link', parent: 'http://n.example.test/a.html' }),
      f({ kind: 'broken_link', parent: 'http://n.example.test/b.html' }),
      f({ kind: 'broken_link', parent: 'http://n.example.test/c.html' }),
    ]);
    const batch = await createBatch(deps, supervisor, { name: '第三季度', period: '2026-Q3' });
    await runBatch(deps, factoryActor, batch.id);
    const r = (await getBatch(deps, supervisor, batch.id)).results.find((x) => x.siteId === noServices)!;
    // 75 − 0.3 = 74.7 of 75 → 99.6 of 100; the missing services veto nothing.
    expect(r).toMatchObject({ verdict: 'pass', score: 99.6, vetoes: [] });
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '#common/schemas/monitoring.ts';
import { recordRun } from '#server/monitoring/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { asActor, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { annualResults, annualResultsXlsx } from './commands/annual.ts';
import { createBatch, runBatch } from './commands/batches.ts';

const broken = (n: number): Finding[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'broken_link',
    severity: 'deduction',
    url: `http://a.example.test/x${i}.pdf`,
    parent: `http://a.example.test/p${i}.html`,
    detail: '链接不可用（404）',
    rule: 'deduction.broken_link',
  }));

describe(`the year's results from the quarterly spot checks on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  let supervisor: Actor;
  let tidy: string;
  let links: string;

  beforeAll(async () => {
    deps = await createTestDeps({ now: '2026-07-08T02:00:00Z' });
    supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    tidy = (await buildSite(deps, { hosting: 'external', name: '整洁网站', baseUrl: 'http://t.example.test/' })).id;
    links = (await buildSite(deps, { hosting: 'external', name: '坏链网站', baseUrl: 'http://a.example.test/' })).id;
    const quarter = async (period: string, brokenLinks: number) => {
      await recordRun(deps, factoryActor, {
        siteId: links,
        source: 'crawl',
        asOf: '2026-06-30',
        startedAt: deps.clock.now().toISOString(),
        findings: broken(brokenLinks),
      });
      const b = await createBatch(deps, supervisor, { name: `${period}抽查`, period });
      await runBatch(deps, factoryActor, b.id);
    };
    // 0.1 points a broken link: Q1 five (−0.5), Q2 ten (−1).
    await quarter('2026-Q1', 5);
    await quarter('2026-Q2', 10);
  }, 60_000);
  afterAll(async () => {
    await deps.db.close();
  });

  it('weighs the quarters as the office sets and ranks the sites', async () => {
    const equal = await annualResults(deps, supervisor, { year: '2026' }, {});
    expect(equal.periods.map((p) => [p.period, p.weight])).toEqual([
      ['2026-Q1', 50],
      ['2026-Q2', 50],
    ]);
    expect(equal.rows.map((r) => [r.rank, r.siteName, r.scores, r.annualScore, r.verdict])).toEqual([
      [1, '整洁网站', [100, 100], 100, 'pass'],
      [2, '坏链网站', [99.5, 99], 99.25, 'pass'],
    ]);
    const weighted = await annualResults(deps, supervisor, { year: '2026' }, { weights: 'Q1:20,Q2:80' });
    expect(weighted.rows.find((r) => r.siteId === links)?.annualScore).toBe(99.1);
    expect(tidy).toBeTruthy();
  });

  it('exports the workbook for the annual assessment, read back', async () => {
    const { xlsx } = await annualResultsXlsx(deps, supervisor, { year: 2026 }, { weights: 'Q1:20,Q2:80' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('年度结果')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '名次',
      '网站',
      '主办单位',
      '区县',
      '第一季度（权重20%）',
      '第二季度（权重80%）',
      '检查次数',
      '不合格次数',
      '年度得分',
      '结论',
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      2,
      '坏链网站',
      expect.any(String),
      '市级',
      99.5,
      99,
      2,
      0,
      99.1,
      '合格',
    ]);
    expect(book.getWorksheet('计分说明')?.getCell('A2').value).toContain('加权平均');
  });

  it('refuses a bad year or bad weights, and those who do not supervise', async () => {
    for (const [params, query] of [
      [{ year: 'abc' }, {}],
      [{ year: '1999' }, {}],
      [{ year: '2026' }, { weights: 'Q5:10' }],
      [{ year: '2026' }, { weights: 'Q1:10;drop' }],
      [{ year: '2026' }, { other: 1 }],
    ] as const)
      await expect(annualResults(deps, supervisor, params, query), JSON.stringify([params, query])).rejects.toMatchObject({
        code: 'GK_ERR_VALIDATION',
      });
    const editor = asActor(await buildUser(deps, { grants: [{ role: 'editor', siteId: tidy }] }));
    await expect(annualResults(deps, editor, { year: '2026' }, {})).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    // A year without spot checks is empty, not an error.
    expect(await annualResults(deps, supervisor, { year: '2025' }, {})).toMatchObject({ periods: [], rows: [] });
  });
});

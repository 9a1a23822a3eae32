/**
 * 年度结果: each site's score for a year from the year's spot checks (the latest finished one of
 * each quarter, or of each half-year when the year was checked by halves), weighted as the
 * office sets, for the annual target assessment (效能建设); as JSON and as an XLSX workbook.
 */
import ExcelJS from 'exceljs';
import { AnnualQuerySchema, AnnualYearSchema, type AnnualResults } from '../../../common/schemas/evaluation.ts';
import { periodName } from '../../../common/periods.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInput } from '../../platform/validation.ts';
import { batches, evaluationRefs, results } from '../evaluation.repository.ts';
import { annualRows, parseWeights, periodWeights } from '../rules/annual.ts';
import { countyOf } from '../rules/breakdowns.ts';
import { frozenSystem, verdictOf } from './batches.ts';

/** 2026-Q1 → 第一季度. */
const periodPartLabel = (period: string): string => periodName(period).slice(5);

export async function annualResults(deps: Deps, actor: Actor, params: unknown, query: unknown): Promise<AnnualResults> {
  requirePermission(actor, 'evaluation.manage');
  const { year } = parseInput(AnnualYearSchema, params);
  const { weights } = parseInput(AnnualQuerySchema, query);
  const db = deps.db.kysely;
  const done = (await batches.list(db)).filter((b) => b.state === 'done' && b.period.startsWith(`${year}-`));
  // The latest finished spot check of each period; quarters when the year has any, else half-years.
  const latest = new Map<string, (typeof done)[number]>();
  for (const b of done) {
    const have = latest.get(b.period);
    if (!have || (b.finished_at ?? '') > (have.finished_at ?? '')) latest.set(b.period, b);
  }
  const quarters = [...latest.keys()].some((p) => p.includes('-Q'));
  const chosen = [...latest.values()]
    .filter((b) => b.period.includes(quarters ? '-Q' : '-H'))
    .sort((a, b) => a.period.localeCompare(b.period));
  const w = periodWeights(
    chosen.map((b) => b.period),
    parseWeights(weights),
  );
  const periods = await Promise.all(
    chosen.map(async (b) => ({
      period: b.period,
      results: new Map(
        (await results.ofBatch(db, b.id))
          .filter((r) => r.state === 'scored')
          .map((r) => [
            r.site_id,
            { verdict: verdictOf(r.verdict), score: r.score_cents === null ? null : r.score_cents / 100, vetoed: r.score_cents === null },
          ]),
      ),
    })),
  );
  const siteIds = [...new Set(periods.flatMap((p) => [...p.results.keys()]))];
  const [sites, tree] = await Promise.all([evaluationRefs.sitesByIds(db, siteIds), evaluationRefs.orgTree(db)]);
  const passLine = chosen.length ? frozenSystem(chosen.at(-1)!).passLine : 60;
  return {
    year,
    periods: chosen.map((b, i) => ({ period: b.period, batchId: b.id, batchName: b.name, weight: Math.round(w[i]! * 100) / 100 })),
    passLine,
    rows: annualRows(
      periods,
      w,
      sites.map((s) => ({
        siteId: s.id,
        siteName: s.name,
        orgName: tree.get(s.sponsor_org_id)?.name ?? '',
        county: countyOf(s.sponsor_org_id, tree)?.name ?? '市级',
      })),
      passLine,
    ),
  };
}

/** The year's results as a workbook: the table (one column per period, with its weight) and the method. Exporting is audited. */
export async function annualResultsXlsx(
  deps: Deps,
  actor: Actor,
  params: unknown,
  query: unknown,
): Promise<{ year: number; xlsx: Buffer }> {
  const r = await annualResults(deps, actor, params, query);
  const book = new ExcelJS.Workbook();
  book.title = `${r.year}年度政府网站检查结果`;
  const sheet = book.addWorksheet('年度结果');
  const header = [
    '名次',
    '网站',
    '主办单位',
    '区县',
    ...r.periods.map((p) => `${periodPartLabel(p.period)}（权重${p.weight}%）`),
    '检查次数',
    '不合格次数',
    '年度得分',
    '结论',
  ];
  sheet.addRow(header).font = { bold: true };
  for (const row of r.rows)
    sheet.addRow([
      row.rank ?? '',
      row.siteName,
      row.orgName,
      row.county,
      ...row.scores.map((s, i) => (s === null ? '未检查' : row.vetoed[i] ? '单项否决' : s)),
      row.checked,
      row.failed,
      row.annualScore ?? '',
      row.verdict === 'pass' ? '合格' : row.verdict === 'fail' ? '不合格' : '',
    ]);
  sheet.getColumn(2).width = 36;
  sheet.getColumn(3).width = 28;
  sheet.getColumn(4).width = 18;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const method = book.addWorksheet('计分说明');
  for (const line of [
    [`${r.year}年度政府网站检查结果计分说明`],
    ['年度得分为各期检查得分的加权平均，只计检查了该网站的期次；被单项否决的期次按 0 分计。'],
    [`年度得分低于 ${r.passLine} 分的为不合格。`],
    ...r.periods.map((p) => [`${periodPartLabel(p.period)}：${p.batchName}，权重 ${p.weight}%`]),
  ])
    method.addRow(line);
  method.getColumn(1).width = 90;
  const xlsx = Buffer.from(await book.xlsx.writeBuffer());
  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, deps.clock, actor, {
      action: 'evaluation.annual.export',
      targetType: 'evaluation_year',
      targetId: String(r.year),
      siteId: null,
      details: { periods: r.periods.map((p) => `${p.period}:${p.weight}`), sites: r.rows.length },
    }),
  );
  return { year: r.year, xlsx };
}

/** How `gongkai evaluate` prints its result: the `--json` contract, or a summary for people. */
import type { EvaluateReport } from '../../common/schemas/evaluation.ts';
import type { MonitorFinding } from '../../common/schemas/monitoring.ts';
import type { EvaluateUrlResult } from '../evaluation/index.ts';
import { contractFinding } from './monitor-output.ts';
import { printLine } from './output.ts';

type Contract = Omit<EvaluateReport, 'vetoes' | 'deductions'> & {
  vetoes: { indicator: string; findings: MonitorFinding[] }[];
  deductions: { indicator: string; points: number; findings: MonitorFinding[] }[];
};

/** `{url, asOf, system, verdict, vetoes:[{indicator, findings}], deductions:[{indicator, points, findings}], score}`. */
export function evaluateJson(r: EvaluateReport): Contract {
  return {
    url: r.url,
    asOf: r.asOf,
    system: r.system,
    verdict: r.verdict,
    vetoes: r.vetoes.map((v) => ({ indicator: v.indicator, findings: v.findings.map(contractFinding) })),
    deductions: r.deductions.map((d) => ({ indicator: d.indicator, points: d.points, findings: d.findings.map(contractFinding) })),
    score: r.score,
  };
}

const MAX_SHOWN = 5;

export function printEvaluation({ report, evaluation, monitor }: EvaluateUrlResult): void {
  printLine(
    `评价 ${report.url}（按 ${report.asOf} 计算，指标体系 ${report.system}）：读取 ${monitor.pages} 个页面，检查 ${monitor.links} 个链接`,
  );
  if (evaluation.vetoes.length) {
    printLine(`结论：不合格（单项否决 ${evaluation.vetoes.length} 项，不再评分）`);
    for (const v of evaluation.vetoes) {
      printLine(`[否决] ${v.indicator}`);
      for (const f of v.findings.slice(0, MAX_SHOWN)) printLine(`    ${f.detail}  ${f.url}`);
      if (v.findings.length > MAX_SHOWN) printLine(`    另有 ${v.findings.length - MAX_SHOWN} 个问题`);
    }
  } else {
    printLine(
      `结论：${report.verdict === 'pass' ? '合格' : '不合格'}，得分 ${report.score}` +
        `（扣分指标 ${evaluation.deductionScore} 分${evaluation.bonus ? `，加分 ${evaluation.bonus} 分` : ''}）`,
    );
    for (const d of evaluation.deductions) {
      printLine(`[扣 ${d.points} 分] ${d.indicator}`);
      for (const f of d.findings.slice(0, MAX_SHOWN)) printLine(`    ${f.detail}  ${f.url}`);
      if (d.findings.length > MAX_SHOWN) printLine(`    另有 ${d.findings.length - MAX_SHOWN} 个问题`);
    }
  }
  if (evaluation.notAssessed.length)
    printLine(
      `需人工核查、本次未评分的指标 ${evaluation.notAssessed.length} 项：${evaluation.notAssessed.map((x) => x.indicator).join('、')}`,
    );
}

/** How `gongkai monitor` prints its report: the `--json` contract, or a table for people. */
import { FINDING_KIND_LABELS, type Finding, type MonitorFinding, type MonitorReport } from '../../common/schemas/monitoring.ts';
import { printLine } from './output.ts';

const CONTRACT_FIELDS = ['kind', 'severity', 'url', 'parent', 'column', 'element', 'status', 'lastUpdated', 'days', 'detail'] as const;

/** A finding as the `--json` documents print it: the contract's fields only. */
export const contractFinding = (f: Finding): MonitorFinding =>
  Object.fromEntries(CONTRACT_FIELDS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]])) as unknown as MonitorFinding;

/** The `--json` document: `{url, asOf, pages, links, findings:[{kind, severity, url, parent?, column?, element?, status?, lastUpdated?, days?, detail}]}`. */
export function monitorJson(report: MonitorReport): Omit<MonitorReport, 'findings'> & { findings: MonitorFinding[] } {
  return { url: report.url, asOf: report.asOf, pages: report.pages, links: report.links, findings: report.findings.map(contractFinding) };
}

const SEVERITY_LABEL = { veto: '否决', deduction: '扣分', info: '提示' } as const;
const ORDER = { veto: 0, deduction: 1, info: 2 } as const;

export function printMonitorReport(report: MonitorReport): void {
  printLine(`检测 ${report.url}（按 ${report.asOf} 计算）：读取 ${report.pages} 个页面，检查 ${report.links} 个链接`);
  if (!report.findings.length) {
    printLine('未发现问题。');
    return;
  }
  const sorted = [...report.findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const bySeverity = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  printLine(
    `发现 ${report.findings.length} 个问题：否决 ${bySeverity('veto')}，扣分 ${bySeverity('deduction')}，提示 ${bySeverity('info')}`,
  );
  for (const f of sorted) {
    printLine(`[${SEVERITY_LABEL[f.severity]}] ${FINDING_KIND_LABELS[f.kind]}（${f.kind}）${f.detail}`);
    printLine(`    ${f.url}${f.parent ? `  ← ${f.parent}` : ''}`);
  }
}

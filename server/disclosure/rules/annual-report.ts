/**
 * Section 三 of the annual disclosure report (国办公开办函〔2021〕30号: 收到和处理政府信息公开申请
 * 情况) from the request records, and the cross-sum rules every report must satisfy. Pure.
 *
 * A request counts in the year Y report as:
 *   一 本年新收   received in Y;
 *   二 上年结转   received before Y and not closed before Y;
 *   三 办理结果   closed in Y, in the row of how it closed ((七) 总计 = the sum of the rows);
 *   四 结转下年度 received by the end of Y and not closed by then.
 * Columns: 自然人, the five kinds of 法人或其他组织, 总计.
 */
import { APPLICANT_CATEGORIES, RESULT_ROWS, type ApplicantCategory } from '../../../common/disclosure-outcomes.ts';

/** One request as the report reads it. */
export interface ReportRequest {
  category: string;
  receivedOn: string;
  closedOn: string | null;
  outcome: string | null;
}

export const COLUMNS = [...APPLICANT_CATEGORIES.map((c) => c.code), 'total'] as const;
export type ReportColumn = (typeof COLUMNS)[number];
export type ReportCells = Record<ReportColumn, number>;

export interface RequestTable {
  year: number;
  newThisYear: ReportCells;
  carriedIn: ReportCells;
  /** Result rows in the report's order, keyed by outcome code. */
  results: { code: string; group: string; label: string; cells: ReportCells }[];
  resultTotal: ReportCells;
  carriedOut: ReportCells;
}

export interface ReportProblem {
  rule: string;
  message: string;
}

const zero = (): ReportCells => Object.fromEntries(COLUMNS.map((c) => [c, 0])) as ReportCells;
const CATEGORY_CODES = new Set<string>(APPLICANT_CATEGORIES.map((c) => c.code));

/** The 25-row, 7-column table of section 三 for `year`, from the requests of the orgs reported on. */
export function requestTable(year: number, requests: Iterable<ReportRequest>): RequestTable {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const newThisYear = zero();
  const carriedIn = zero();
  const carriedOut = zero();
  const rows = new Map(RESULT_ROWS.map((r) => [r.code, zero()]));
  const other = rows.get('other.other')!;
  const add = (cells: ReportCells, category: ApplicantCategory) => {
    cells[category]++;
    cells.total++;
  };
  for (const r of requests) {
    if (r.receivedOn > end) continue;
    const category = (CATEGORY_CODES.has(r.category) ? r.category : 'otherOrg') as ApplicantCategory;
    const closed = r.closedOn !== null && r.closedOn <= end ? r.closedOn : null;
    if (closed !== null && closed < start) continue; // closed in an earlier year: not in this report
    if (r.receivedOn >= start) add(newThisYear, category);
    else add(carriedIn, category);
    if (closed === null) add(carriedOut, category);
    else add(rows.get(r.outcome ?? '') ?? other, category);
  }
  const resultTotal = zero();
  for (const cells of rows.values()) for (const c of COLUMNS) resultTotal[c] += cells[c];
  return {
    year,
    newThisYear,
    carriedIn,
    results: RESULT_ROWS.map((r) => ({ code: r.code, group: r.group, label: r.label, cells: rows.get(r.code)! })),
    resultTotal,
    carriedOut,
  };
}

/**
 * Every cross-sum rule the table breaks (none for a table made by `requestTable`; a table typed
 * in or edited by hand is checked the same way before it is published):
 *   per column: 一 + 二 = 三(七) + 四;  三(七) = the sum of the result rows;
 *   per row: 总计 = 自然人 + the five kinds of legal person.
 */
export function tableProblems(t: RequestTable): ReportProblem[] {
  const problems: ReportProblem[] = [];
  const label = (c: ReportColumn) => (c === 'total' ? '总计' : (APPLICANT_CATEGORIES.find((x) => x.code === c)?.label ?? c));
  for (const c of COLUMNS) {
    if (t.newThisYear[c] + t.carriedIn[c] !== t.resultTotal[c] + t.carriedOut[c])
      problems.push({
        rule: 'inflowEqualsOutflow',
        message: `“${label(c)}”列：本年新收（${t.newThisYear[c]}）加上年结转（${t.carriedIn[c]}）应等于办理结果总计（${t.resultTotal[c]}）加结转下年度（${t.carriedOut[c]}）`,
      });
    const sum = t.results.reduce((s, r) => s + r.cells[c], 0);
    if (sum !== t.resultTotal[c])
      problems.push({ rule: 'resultTotal', message: `“${label(c)}”列：办理结果各项之和（${sum}）应等于总计（${t.resultTotal[c]}）` });
  }
  const rows: [string, ReportCells][] = [
    ['本年新收政府信息公开申请数量', t.newThisYear],
    ['上年结转政府信息公开申请数量', t.carriedIn],
    ...t.results.map((r): [string, ReportCells] => [`${r.group}：${r.label}`, r.cells]),
    ['总计', t.resultTotal],
    ['结转下年度继续办理', t.carriedOut],
  ];
  for (const [name, cells] of rows) {
    const sum = APPLICANT_CATEGORIES.reduce((s, c) => s + cells[c.code], 0);
    if (sum !== cells.total)
      problems.push({ rule: 'rowTotal', message: `“${name}”行：各类申请人之和（${sum}）应等于总计（${cells.total}）` });
  }
  return problems;
}

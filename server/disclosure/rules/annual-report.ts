/**
 * The annual disclosure report's rules (国办公开办函〔2021〕30号; docs/annual-report.md): section 三
 * (收到和处理政府信息公开申请情况) from the request records, section 二's documents from policy
 * articles' publication histories, and the cross-sum rules every report must satisfy. Pure.
 *
 * A request counts in the year Y report as:
 *   一 本年新收   received in Y;
 *   二 上年结转   received before Y and not closed before Y;
 *   三 办理结果   closed in Y, in the row of how it closed ((七) 总计 = the sum of the rows);
 *   四 结转下年度 received by the end of Y and not closed by then.
 * Columns: 自然人, the five kinds of 法人或其他组织, 总计.
 */
import {
  REVIEW_BLOCKS,
  type AnnualReportProblem,
  type DocumentCounts,
  type Narratives,
  type ReviewBlock,
  type ReviewBlockCode,
} from '../../../common/annual-report.ts';
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

// ---------------------------------------------------------------------------------------------
// Section 二 (主动公开政府信息情况), the entered cells of section 四, and the whole report's checks.

/** One publication-history step of a policy document: a revision made live, or the article taken down. */
export interface PolicyStep {
  /** UTC ISO instant of the event. */
  at: string;
  kind: 'publish' | 'retract';
  /** The metadata of the revision made live (ignored for 'retract'). */
  metadata: { isRegulation?: boolean; isNormative?: boolean; writtenOn?: string; validity?: string };
}

/** A policy document's publication history, oldest first. */
export interface PolicyHistory {
  articleId: string;
  steps: readonly PolicyStep[];
}

export interface ProactiveDocuments {
  regulations: DocumentCounts;
  normative: DocumentCounts;
}

const NOT_IN_FORCE = new Set(['repealed', 'expired']);
const inForce = (validity: string | undefined) => !NOT_IN_FORCE.has(validity ?? 'valid');

/** The instant a Beijing calendar year starts, as a UTC ISO string (00:00 +08:00 on 1 January). */
export function beijingYearStart(year: number): string {
  return new Date(Date.UTC(year - 1, 11, 31, 16)).toISOString();
}

/** Which row a document counts in: a 规章 is never also a 行政规范性文件. */
function rowOf(m: PolicyStep['metadata']): keyof ProactiveDocuments | null {
  if (m.isRegulation) return 'regulations';
  if (m.isNormative) return 'normative';
  return null;
}

/**
 * Section 二's 第二十条第（一）项 rows from the publication histories of the policy documents of
 * the orgs reported on:
 *   本年制发: live now, 成文日期 in the year (row from the live revision);
 *   本年废止: live at the end of the year as repealed or expired, and the change from in force
 *             (valid or amended) to not in force was published during the year; a document
 *             published for the first time already repealed has no known repeal date and is
 *             never counted as repealed this year;
 *   现行有效: live at the end of the year, valid or amended (row from the revision live then).
 * Year boundaries are Beijing midnights.
 */
export function proactiveDocuments(year: number, histories: Iterable<PolicyHistory>): ProactiveDocuments {
  const counts: ProactiveDocuments = {
    regulations: { issued: 0, repealed: 0, inForce: 0 },
    normative: { issued: 0, repealed: 0, inForce: 0 },
  };
  const start = beijingYearStart(year);
  const end = beijingYearStart(year + 1);
  for (const h of histories) {
    const steps = [...h.steps].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const last = steps.at(-1);
    if (last?.kind === 'publish') {
      const row = rowOf(last.metadata);
      const written = last.metadata.writtenOn ?? '';
      if (row && written >= `${year}-01-01` && written <= `${year}-12-31`) counts[row].issued++;
    }
    const before = steps.filter((s) => s.at < end);
    const atEnd = before.at(-1);
    if (atEnd?.kind !== 'publish') continue;
    const row = rowOf(atEnd.metadata);
    if (!row) continue;
    if (inForce(atEnd.metadata.validity)) {
      counts[row].inForce++;
      continue;
    }
    // The repeal: a publication that turned the last published in-force validity into not in force.
    let previous: PolicyStep | undefined;
    let repealedOn: string | null = null;
    for (const s of before) {
      if (s.kind !== 'publish') continue;
      if (previous && inForce(previous.metadata.validity) && !inForce(s.metadata.validity)) repealedOn = s.at;
      previous = s;
    }
    if (repealedOn !== null && repealedOn >= start) counts[row].repealed++;
  }
  return counts;
}

/** Section 四: each block's 总计 must equal 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export function reviewProblems(review: Record<ReviewBlockCode, ReviewBlock>): AnnualReportProblem[] {
  const out: AnnualReportProblem[] = [];
  for (const block of REVIEW_BLOCKS) {
    const b = review[block.code];
    const sum = b.upheld + b.corrected + b.other + b.pending;
    if (sum !== b.total)
      out.push({
        section: 'review',
        rule: 'reviewTotal',
        message: `${block.group === block.label ? block.label : `${block.group}（${block.label}）`}：结果维持、结果纠正、其他结果、尚未审结之和（${sum}）应等于总计（${b.total}）`,
      });
  }
  return out;
}

/** The narratives a report cannot be published without: 总体情况 and 存在的主要问题及改进情况. */
export function narrativeProblems(n: Narratives): AnnualReportProblem[] {
  const out: AnnualReportProblem[] = [];
  if (!n.overview.trim()) out.push({ section: 'overview', rule: 'narrativeMissing', message: '“一、总体情况”尚未填写' });
  if (!n.problems.trim()) out.push({ section: 'problems', rule: 'narrativeMissing', message: '“五、存在的主要问题及改进情况”尚未填写' });
  return out;
}

/** Every problem of the whole report, section by section: none means it may be published. */
export function reportProblems(report: {
  requests: RequestTable;
  review: Record<ReviewBlockCode, ReviewBlock>;
  narratives: Narratives;
}): AnnualReportProblem[] {
  return [
    ...narrativeProblems(report.narratives).filter((p) => p.section === 'overview'),
    ...tableProblems(report.requests).map((p): AnnualReportProblem => ({ section: 'requests', ...p })),
    ...reviewProblems(report.review),
    ...narrativeProblems(report.narratives).filter((p) => p.section !== 'overview'),
  ];
}

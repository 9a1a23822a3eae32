/**
 * The annual 政府信息公开工作年度报告 (国办公开办函〔2021〕30号) as server and admin see it: the six
 * section headings, the rows and columns of the tables of sections 二, 三 and 四, and the
 * report's shape as the API returns it. Labels are the format's own, verbatim.
 */
import { APPLICANT_CATEGORIES, RESULT_ROWS } from './disclosure-outcomes.ts';

export const REPORT_SECTIONS = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  review: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

/** The narrative sections, typed in as plain text. */
export const NARRATIVE_KEYS = ['overview', 'problems', 'other'] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];
export type Narratives = Record<NarrativeKey, string>;
/** One narrative section may hold this many characters (a long 总体情况 runs to a few thousand). */
export const NARRATIVE_MAX = 20_000;

/** Section 四: the five result columns of each block. */
export const REVIEW_RESULTS = [
  { code: 'upheld', label: '结果维持' },
  { code: 'corrected', label: '结果纠正' },
  { code: 'other', label: '其他结果' },
  { code: 'pending', label: '尚未审结' },
  { code: 'total', label: '总计' },
] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number]['code'];
export type ReviewBlock = Record<ReviewResult, number>;

/** Section 四: 行政复议, then 行政诉讼 directly and after 复议. */
export const REVIEW_BLOCKS = [
  { code: 'reconsideration', label: '行政复议', group: '行政复议' },
  { code: 'litigationDirect', label: '未经复议直接起诉', group: '行政诉讼' },
  { code: 'litigationAfterReconsideration', label: '复议后起诉', group: '行政诉讼' },
] as const;
export type ReviewBlockCode = (typeof REVIEW_BLOCKS)[number]['code'];

/** Section 二's rows entered by hand (条例 第二十条 第（五）（六）（八）项). */
export interface EnteredProactive {
  /** 行政许可: 本年处理决定数量. */
  licensing: number;
  /** 行政处罚: 本年处理决定数量. */
  penalty: number;
  /** 行政强制: 本年处理决定数量. */
  enforcement: number;
  /** 行政事业性收费: 本年收费金额, in fen (shown in 万元). */
  feeFen: number;
}

/** Everything typed in by hand besides the narratives. */
export interface AnnualReportEntered {
  proactive: EnteredProactive;
  review: Record<ReviewBlockCode, ReviewBlock>;
}

/** 本年制发件数 / 本年废止件数 / 现行有效件数 of one row of 第二十条第（一）项. */
export interface DocumentCounts {
  issued: number;
  repealed: number;
  inForce: number;
}

export type RequestColumn = (typeof APPLICANT_CATEGORIES)[number]['code'] | 'total';
export type RequestCells = Record<RequestColumn, number>;

/** Section 三 as computed from the request records. */
export interface RequestTableView {
  year: number;
  newThisYear: RequestCells;
  carriedIn: RequestCells;
  results: { code: string; group: string; label: string; cells: RequestCells }[];
  resultTotal: RequestCells;
  carriedOut: RequestCells;
}

export type ReportSectionCode = keyof typeof REPORT_SECTIONS;

export interface AnnualReportProblem {
  section: ReportSectionCode;
  rule: string;
  message: string;
}

/** One org's report for one year, as GET answers it. */
export interface AnnualReportView {
  orgId: string;
  orgName: string;
  year: number;
  /** True for a government's report, which counts the orgs below it too. */
  includesSubordinates: boolean;
  orgCount: number;
  /** 0 until first saved; send it back as expectedVersion. */
  version: number;
  updatedAt: string | null;
  proactive: {
    regulations: DocumentCounts;
    normative: DocumentCounts;
    entered: EnteredProactive;
    /** 本年收费金额 in 万元, four decimals. */
    feeWanYuan: string;
  };
  requests: RequestTableView;
  review: Record<ReviewBlockCode, ReviewBlock>;
  narratives: Narratives;
  problems: AnnualReportProblem[];
  /** The article the report was last submitted as, with its state. */
  article: { id: string; status: string } | null;
}

export const EMPTY_REVIEW_BLOCK: ReviewBlock = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
export const EMPTY_ENTERED: AnnualReportEntered = {
  proactive: { licensing: 0, penalty: 0, enforcement: 0, feeFen: 0 },
  review: {
    reconsideration: { ...EMPTY_REVIEW_BLOCK },
    litigationDirect: { ...EMPTY_REVIEW_BLOCK },
    litigationAfterReconsideration: { ...EMPTY_REVIEW_BLOCK },
  },
};
export const EMPTY_NARRATIVES: Narratives = { overview: '', problems: '', other: '' };

/** Fen as 万元 with four decimals (1 万元 = 1,000,000 fen), rounded half up to the yuan; integer maths only. */
export function fenToWanYuan(fen: number): string {
  const yuan = Math.floor((fen + 50) / 100);
  return `${Math.floor(yuan / 10_000)}.${String(yuan % 10_000).padStart(4, '0')}`;
}

/** Section 三's column headers: 自然人, the five kinds of 法人或其他组织, 总计. */
export const REQUEST_COLUMNS: readonly { code: RequestColumn; label: string }[] = [
  ...APPLICANT_CATEGORIES.map((c) => ({ code: c.code as RequestColumn, label: c.label })),
  { code: 'total', label: '总计' },
];

/** The official texts of section 三's result groups, in order. */
const GROUP_TITLES: Record<string, string> = {
  予以公开: '（一）予以公开',
  部分公开: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  不予公开: '（三）不予公开',
  无法提供: '（四）无法提供',
  不予处理: '（五）不予处理',
  其他处理: '（六）其他处理',
};

/** One printed row of section 三: a title row has no cells; `depth` is its indent (0 top level). */
export interface RequestTableLine {
  label: string;
  depth: number;
  cells: RequestCells | null;
}

/** Section 三 as the format prints it: 一, 二, 三 with its groups and numbered sub-rows, (七) 总计, 四. */
export function requestTableLines(t: RequestTableView): RequestTableLine[] {
  const lines: RequestTableLine[] = [
    { label: '一、本年新收政府信息公开申请数量', depth: 0, cells: t.newThisYear },
    { label: '二、上年结转政府信息公开申请数量', depth: 0, cells: t.carriedIn },
    { label: '三、本年度办理结果', depth: 0, cells: null },
  ];
  const groups = [...new Set(RESULT_ROWS.map((r) => r.group))];
  for (const group of groups) {
    const rows = t.results.filter((r) => r.group === group);
    const title = GROUP_TITLES[group] ?? group;
    if (rows.length === 1 && (group === '予以公开' || group === '部分公开')) {
      lines.push({ label: title, depth: 1, cells: rows[0]!.cells });
      continue;
    }
    lines.push({ label: title, depth: 1, cells: null });
    rows.forEach((r, i) => lines.push({ label: `${i + 1}.${r.label}`, depth: 2, cells: r.cells }));
  }
  lines.push({ label: '（七）总计', depth: 1, cells: t.resultTotal });
  lines.push({ label: '四、结转下年度继续办理', depth: 0, cells: t.carriedOut });
  return lines;
}

/** The note printed at the top left of section 三's table. */
export const REQUEST_TABLE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

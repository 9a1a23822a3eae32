/**
 * The annual report as files: DOCX on the 公文 page (platform/docx.ts) with the six headings,
 * the tables of sections 二, 三 and 四 and the narratives; XLSX with one sheet per table,
 * Chinese headers and numbers as numbers. No I/O: both return the bytes.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import {
  REPORT_SECTIONS,
  REQUEST_COLUMNS,
  REQUEST_TABLE_NOTE,
  REVIEW_BLOCKS,
  REVIEW_RESULTS,
  requestTableLines,
  type AnnualReportView,
} from '../../../common/annual-report.ts';
import { docHeading, docText, officialDocx } from '../../platform/docx.ts';
import { annualReportTitle, narrativeParagraphs } from './annual-report-html.ts';

// ---- DOCX -----------------------------------------------------------------------------------

/** Table text is 四号 less: 五号 (21 half-points) keeps section 三's eight columns on the page. */
const TABLE_SIZE = 21;

interface CellSpec {
  text: string | number;
  colSpan?: number;
  rowSpan?: number;
  bold?: boolean;
  left?: boolean;
}

function docCell(c: CellSpec): TableCell {
  return new TableCell({
    ...(c.colSpan ? { columnSpan: c.colSpan } : {}),
    ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
    children: [
      new Paragraph({
        alignment: c.left ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [docText(String(c.text), TABLE_SIZE)],
      }),
    ],
  });
}

function docTable(rows: CellSpec[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((cells) => new TableRow({ children: cells.map(docCell) })),
  });
}

const section = (text: string) => new Paragraph({ spacing: { before: 240, after: 120 }, children: [docText(text)] });
const body = (text: string) => narrativeParagraphs(text).map((p) => new Paragraph({ indent: { firstLine: 640 }, children: [docText(p)] }));

/** Section 二's table as rows of cells (shared by DOCX and XLSX so both read alike). */
function proactiveRows(r: AnnualReportView): CellSpec[][] {
  const { regulations: reg, normative: norm, entered, feeWanYuan } = r.proactive;
  const block = (t: string): CellSpec[] => [{ text: t, colSpan: 4, bold: true }];
  const one = (label: string, v: string | number): CellSpec[] => [{ text: label }, { text: v, colSpan: 3 }];
  return [
    block('第二十条第（一）项'),
    [{ text: '信息内容' }, { text: '本年制发件数' }, { text: '本年废止件数' }, { text: '现行有效件数' }],
    [{ text: '规章' }, { text: reg.issued }, { text: reg.repealed }, { text: reg.inForce }],
    [{ text: '行政规范性文件' }, { text: norm.issued }, { text: norm.repealed }, { text: norm.inForce }],
    block('第二十条第（五）项'),
    one('信息内容', '本年处理决定数量'),
    one('行政许可', entered.licensing),
    block('第二十条第（六）项'),
    one('信息内容', '本年处理决定数量'),
    one('行政处罚', entered.penalty),
    one('行政强制', entered.enforcement),
    block('第二十条第（八）项'),
    one('信息内容', '本年收费金额（单位：万元）'),
    one('行政事业性收费', feeWanYuan),
  ];
}

function requestRows(r: AnnualReportView): CellSpec[][] {
  const orgs = REQUEST_COLUMNS.filter((c) => c.code !== 'natural' && c.code !== 'total');
  const header: CellSpec[][] = [
    [
      { text: REQUEST_TABLE_NOTE, rowSpan: 3 },
      { text: '申请人情况', colSpan: 7 },
    ],
    [
      { text: '自然人', rowSpan: 2 },
      { text: '法人或其他组织', colSpan: 5 },
      { text: '总计', rowSpan: 2 },
    ],
    orgs.map((c) => ({ text: c.label })),
  ];
  const lines = requestTableLines(r.requests).map((line): CellSpec[] => {
    const label = { text: `${'　'.repeat(line.depth * 2)}${line.label}`, left: true };
    const cells = line.cells;
    return cells ? [label, ...REQUEST_COLUMNS.map((c) => ({ text: cells[c.code] }))] : [{ ...label, colSpan: 8 }];
  });
  return [...header, ...lines];
}

function reviewRows(r: AnnualReportView): CellSpec[][] {
  return [
    [
      { text: '行政复议', colSpan: 5 },
      { text: '行政诉讼', colSpan: 10 },
    ],
    [
      ...REVIEW_RESULTS.map((c) => ({ text: c.label, rowSpan: 2 })),
      { text: '未经复议直接起诉', colSpan: 5 },
      { text: '复议后起诉', colSpan: 5 },
    ],
    [...REVIEW_RESULTS, ...REVIEW_RESULTS].map((c) => ({ text: c.label })),
    REVIEW_BLOCKS.flatMap((b) => REVIEW_RESULTS.map((c) => ({ text: r.review[b.code][c.code] }))),
  ];
}

/** The report as DOCX bytes. */
export function annualReportDocx(r: AnnualReportView): Promise<Buffer> {
  return officialDocx([
    docHeading(annualReportTitle(r)),
    section(REPORT_SECTIONS.overview),
    ...body(r.narratives.overview),
    section(REPORT_SECTIONS.proactive),
    docTable(proactiveRows(r)),
    section(REPORT_SECTIONS.requests),
    docTable(requestRows(r)),
    section(REPORT_SECTIONS.review),
    docTable(reviewRows(r)),
    section(REPORT_SECTIONS.problems),
    ...body(r.narratives.problems),
    section(REPORT_SECTIONS.other),
    ...body(r.narratives.other),
  ]);
}

// ---- XLSX -----------------------------------------------------------------------------------

/**
 * Writes rows of cells onto a sheet from row 1, merging spans the way the DOCX table does.
 * A grid of taken positions places each cell after those merged down from the rows above.
 */
function writeSheet(sheet: ExcelJS.Worksheet, rows: CellSpec[][], numberCell: (row: number, col: number, v: string | number) => void) {
  const taken = new Set<string>();
  rows.forEach((cells, i) => {
    const row = i + 1;
    let col = 1;
    for (const c of cells) {
      while (taken.has(`${row}:${col}`)) col++;
      const rs = c.rowSpan ?? 1;
      const cs = c.colSpan ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) taken.add(`${row + dr}:${col + dc}`);
      numberCell(row, col, c.text);
      const cell = sheet.getCell(row, col);
      cell.alignment = { vertical: 'middle', horizontal: c.left ? 'left' : 'center', wrapText: true };
      if (c.bold) cell.font = { bold: true };
      if (rs > 1 || cs > 1) sheet.mergeCells(row, col, row + rs - 1, col + cs - 1);
      col += cs;
    }
  });
}

/** The report's tables as XLSX bytes: 二、主动公开, 三、依申请公开, 四、复议诉讼. */
export async function annualReportXlsx(r: AnnualReportView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = r.orgName;
  book.title = annualReportTitle(r);
  const put =
    (sheet: ExcelJS.Worksheet, money = false) =>
    (row: number, col: number, v: string | number) => {
      const cell = sheet.getCell(row, col);
      // The fee is a string of 万元 with four decimals: stored as a number, shown with four decimals.
      if (money && typeof v === 'string' && /^\d+\.\d{4}$/.test(v)) {
        cell.value = Number(v);
        cell.numFmt = '0.0000';
      } else cell.value = v;
    };
  const proactive = book.addWorksheet('二、主动公开政府信息情况');
  writeSheet(proactive, proactiveRows(r), put(proactive, true));
  proactive.getColumn(1).width = 20;
  for (const c of [2, 3, 4]) proactive.getColumn(c).width = 16;
  const requests = book.addWorksheet('三、收到和处理申请情况');
  writeSheet(requests, requestRows(r), put(requests));
  requests.getColumn(1).width = 60;
  const review = book.addWorksheet('四、行政复议行政诉讼情况');
  writeSheet(review, reviewRows(r), put(review));
  return Buffer.from(await book.xlsx.writeBuffer());
}

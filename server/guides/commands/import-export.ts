/**
 * Import and export of service items (XLSX or CSV): the template to fill in, the import that
 * writes every good row in one transaction and reports the others line by line, and the export
 * of a site's items in the same columns (so an export imported again changes nothing).
 */
import ExcelJS from 'exceljs';
import {
  AUDIENCE_LABELS,
  DEFAULT_GUIDE_SETTINGS,
  LIFE_EVENTS,
  missingElements,
  ONLINE_LEVEL_LABELS,
  ONLINE_LEVELS,
  SERVICE_CATEGORIES,
  SERVICE_STATE_LABELS,
  SERVICE_TOPICS,
  type ServiceElement,
  type ServiceGuide,
  type ServiceState,
} from '../../../common/service-items.ts';
import type { ImportReport } from '../../../common/schemas/guides.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { ServiceItemTable } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { checkZipExpansion } from '../../platform/zip-expansion.ts';
import { guideRefs, serviceItems } from '../guides.repository.ts';
import { sameGuide } from '../rules/items.ts';
import {
  blankRow,
  columnHeader,
  columnRequired,
  decodeText,
  guideCells,
  headerTexts,
  keepMaterialFiles,
  matchHeaders,
  parseCsv,
  parseServiceRow,
  safeCell,
  SHEET_COLUMNS,
  STATE_HEADER,
  type CellProblem,
  type ColumnKey,
  type ParsedRow,
} from '../rules/spreadsheet-rows.ts';
import { guideOf, insertItem, requireGuidesRead, savedFields } from './items.ts';
import { loadGuideSettings } from './settings.ts';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Data rows one file may hold (a county's whole catalogue is a few hundred to a few thousand). */
export const IMPORT_MAX_ROWS = 5000;
/** What the XML inside an XLSX may expand to (5,000 full rows are well under it; a crafted file is not). */
const MAX_XLSX_XML_BYTES = 64 * 1024 * 1024;
/** The header is looked for among the first rows (a title row above it is tolerated). */
const HEADER_SEARCH_ROWS = 10;
const ITEMS_SHEET = '办事事项';
const HELP_SHEET = '填写说明';
const CODE_CHUNK = 500;

const fileError = (message: string) => Errors.validation(message, [{ field: 'file', message }]);

// ---------------------------------------------------------------- the template and the export

/** The sheet of items: the header row (bold, frozen), column widths and formats, dropdowns. */
function itemsSheet(book: ExcelJS.Workbook, requiredElements: readonly ServiceElement[], withState: boolean): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(ITEMS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = headerTexts(requiredElements);
  sheet.columns = [
    ...SHEET_COLUMNS.map((c, i) => ({
      header: headers[i],
      key: c.key,
      width: c.width,
      style: {
        ...(c.text ? { numFmt: '@' } : {}),
        alignment: { vertical: 'top' as const, wrapText: !!c.multiline },
      },
    })),
    ...(withState ? [{ header: STATE_HEADER, key: 'state', width: 12 }] : []),
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  // exceljs writes list validations over a range; its typings do not declare the collection.
  const validations = (sheet as ExcelJS.Worksheet & { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  const dropdown = (key: ColumnKey, values: readonly string[]) => {
    const letter = sheet.getColumn(key).letter;
    validations.add(`${letter}2:${letter}${IMPORT_MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: columnHeader(key),
      error: `请从下拉列表中选择${columnHeader(key)}`,
    });
  };
  dropdown('category', SERVICE_CATEGORIES);
  const levels = ONLINE_LEVELS.map((l) => ONLINE_LEVEL_LABELS[l]);
  dropdown('onlineLevel', levels);
  return sheet;
}

/** The sheet explaining each column, the line formats and the allowed values. */
function helpSheet(book: ExcelJS.Workbook, requiredElements: readonly ServiceElement[]): void {
  const sheet = book.addWorksheet(HELP_SHEET);
  sheet.columns = [{ width: 16 }, { width: 34 }, { width: 70 }, { width: 40 }, { width: 20 }, { width: 16 }];
  const note = (text: string) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    return row;
  };
  note('办事事项导入填写说明').font = { bold: true, size: 14 };
  note(
    '1. 在“办事事项”工作表中每行填写一个事项，第一行是表头：列名请勿修改，列的顺序可以调整，不用的列可以删除（事项名称、事项编码两列必须保留）。',
  );
  note('2. 按事项编码识别事项：本网站已有的编码更新该事项，新的编码新建事项。导入的事项和修改都要经审核人发布后才在网站上显示。');
  note(
    '3. 列名带 * 的为必填列：事项名称、事项编码、服务对象不填的行不会导入；其他带 * 的是发布前必须具备的要素，缺少时仍可导入为草稿，补齐后才能发布。',
  );
  note(
    `4. 也可以导入 CSV 文件（UTF-8 或 GBK 编码，表头相同）。一个文件不超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB、${IMPORT_MAX_ROWS} 行。`,
  );
  note('5. 空白表格和示范文本无法通过表格导入，请在系统中上传；再次导入时，同名材料已上传的文件会保留。');
  sheet.addRow([]);
  const head = sheet.addRow(['列名', '要求', '填写说明', '示例']);
  head.font = { bold: true };
  for (const c of SHEET_COLUMNS) {
    const requirement = c.rowRequired
      ? '必填（不填的行不会导入）'
      : columnRequired(c, requiredElements)
        ? '必备要素（缺少时导入为草稿，补齐后才能发布）'
        : '选填';
    const row = sheet.addRow([c.header, requirement, c.help, c.example]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.addRow([STATE_HEADER, '仅导出', '导出文件中事项的发布状态，导入时忽略。', '']);
  sheet.addRow([]);
  sheet.addRow(['可选值']).font = { bold: true };
  const lists: [string, string[]][] = [
    [columnHeader('category'), [...SERVICE_CATEGORIES]],
    [columnHeader('audiences'), ['个人', '法人', ...Object.values(AUDIENCE_LABELS)]],
    [columnHeader('topics'), SERVICE_TOPICS.map((t) => t.name)],
    ['人生事件（个人）', LIFE_EVENTS.filter((e) => e.audience === 'person').map((e) => e.name)],
    ['人生事件（法人）', LIFE_EVENTS.filter((e) => e.audience === 'legal').map((e) => e.name)],
    [columnHeader('onlineLevel'), ONLINE_LEVELS.map((l) => ONLINE_LEVEL_LABELS[l])],
  ];
  sheet.addRow(lists.map(([title]) => title)).font = { bold: true };
  const longest = Math.max(...lists.map(([, values]) => values.length));
  for (let i = 0; i < longest; i++) sheet.addRow(lists.map(([, values]) => values[i] ?? ''));
}

async function bytesOf(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The import template: the header row on “办事事项” and the instructions on “填写说明”. */
export async function serviceItemTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.title = '办事事项导入模板';
  itemsSheet(book, DEFAULT_GUIDE_SETTINGS.requiredElements, false);
  helpSheet(book, DEFAULT_GUIDE_SETTINGS.requiredElements);
  return bytesOf(book);
}

function stateLabel(row: ServiceItemTable): string {
  const label = SERVICE_STATE_LABELS[row.state as ServiceState] ?? row.state;
  return row.state === 'published' && row.published_version !== row.version ? `${label}（有未发布的修改）` : label;
}

/** Every item of a site as an XLSX in the template's columns plus 状态 (the current guide, not the published copy). */
export async function exportServiceItems(deps: Deps, actor: Actor, siteId: string): Promise<{ name: string; bytes: Buffer }> {
  requireGuidesRead(actor, siteId);
  const db = deps.db.kysely;
  const site = await guideRefs.site(db, siteId);
  if (!site) throw Errors.notFound('网站不存在');
  const settings = await loadGuideSettings(db);
  const rows = await serviceItems.ofSite(db, siteId);
  const orgNames = await guideRefs.orgNames(
    db,
    rows.map((r) => r.org_id),
  );
  const book = new ExcelJS.Workbook();
  book.title = `${site.name}办事事项`;
  const sheet = itemsSheet(book, settings.requiredElements, true);
  for (const row of rows) {
    const cells = guideCells(guideOf(row), orgNames.get(row.org_id) ?? '');
    sheet.addRow([...SHEET_COLUMNS.map((c) => safeCell(cells[c.key])), stateLabel(row)]);
  }
  helpSheet(book, settings.requiredElements);
  return { name: `${site.name}办事事项.xlsx`, bytes: await bytesOf(book) };
}

// ---------------------------------------------------------------- reading a file

interface SheetRow {
  /** The row number the spreadsheet shows. */
  line: number;
  cells: string[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  // A code typed into Excel becomes a number: 123456 must come back as "123456", not "123456.0" or 1.23e+5.
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  // exceljs gives a date cell as the UTC instant of its face value.
  const iso = d.toISOString();
  // A time without a date sits on Excel's day zero.
  if (iso.startsWith('1899-12-30') || iso.startsWith('1899-12-31')) return iso.slice(11, 16);
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The text a cell shows: rich text joined, a formula's result, a link's text, numbers without `.0`, dates as YYYY-MM-DD. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return dateText(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue) || v.hyperlink;
  if ('formula' in v || 'sharedFormula' in v) return cellText(v.result ?? null);
  return '';
}

async function xlsxRows(bytes: Buffer): Promise<SheetRow[]> {
  const expansion = checkZipExpansion(bytes, MAX_XLSX_XML_BYTES);
  if (!expansion.ok)
    throw fileError(
      expansion.reason === 'tooLarge'
        ? `XLSX 文件解压后超过 ${MAX_XLSX_XML_BYTES / 1024 / 1024} MB，无法读取，请分成几个文件导入`
        : '无法读取该 XLSX 文件，请用 Excel 或 WPS 重新保存后再导入',
    );
  const book = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); it reads a Node Buffer.
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileError('无法读取该 XLSX 文件，请用 Excel 或 WPS 重新保存后再导入');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw fileError('文件中没有工作表');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ line, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

function csvRows(bytes: Buffer): SheetRow[] {
  const text = decodeText(bytes);
  if (text === null) throw fileError('只能导入 XLSX 或 CSV 文件');
  const { records, unterminated } = parseCsv(text);
  if (unterminated !== null) throw fileError(`CSV 文件第 ${unterminated} 行的引号没有闭合`);
  return records.map((cells, i) => ({ line: i + 1, cells }));
}

/** The rows of the file with something in them, by its content (an XLSX is a ZIP), not only its name. */
async function fileRows(bytes: Buffer): Promise<SheetRow[]> {
  if (bytes.length === 0) throw fileError('文件是空的');
  if (bytes.length > IMPORT_MAX_BYTES) throw fileError(`导入文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
  if (bytes.subarray(0, 4).equals(ZIP)) return (await xlsxRows(bytes)).filter((r) => !blankRow(r.cells));
  if (bytes.subarray(0, 4).equals(OLE)) throw fileError('只能导入 XLSX 或 CSV 文件，旧版 .xls 文件请先另存为 .xlsx');
  return csvRows(bytes).filter((r) => !blankRow(r.cells));
}

/** The header row and the rows below it, each as cells by column. */
function table(rows: SheetRow[]): { line: number; cells: Partial<Record<ColumnKey, string>> }[] {
  if (rows.length === 0) throw fileError('文件中没有内容');
  const at = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => matchHeaders(r.cells).missing.length === 0);
  const header = matchHeaders(rows[Math.max(at, 0)]!.cells);
  if (at < 0) throw fileError(`缺少必需的列：${header.missing.join('、')}。请使用导入模板，第一行为表头`);
  const data = rows.slice(at + 1);
  if (data.length > IMPORT_MAX_ROWS)
    throw fileError(`一个文件最多导入 ${IMPORT_MAX_ROWS} 行事项，这个文件有 ${data.length} 行，请分成几个文件导入`);
  return data.map((r) => ({
    line: r.line,
    cells: Object.fromEntries([...header.columns].map(([key, index]) => [key, r.cells[index] ?? ''])),
  }));
}

// ---------------------------------------------------------------- the import

interface Row extends ParsedRow {
  line: number;
}

/** Marks the second and later rows of a code as failed, naming the row that had it first. */
function markDuplicates(rows: Row[]): void {
  const first = new Map<string, number>();
  for (const row of rows) {
    if (!row.code) continue;
    const seen = first.get(row.code);
    if (seen === undefined) first.set(row.code, row.line);
    else {
      row.problems.push({ field: columnHeader('code'), message: `事项编码 ${row.code} 与第 ${seen} 行重复` });
      row.guide = null;
    }
  }
}

/**
 * Imports service items from an XLSX or CSV file: new codes become drafts, known codes are updated
 * (a published item keeps its published guide until the change is published, a withdrawn one
 * becomes a draft), rows the same as stored are left alone. Rows with problems do not land and are
 * reported by line and column; all the others land together in one transaction.
 */
export async function importServiceItems(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { filename: string; bytes: Buffer; orgId: string | null },
): Promise<ImportReport> {
  requirePermission(actor, 'guides.edit', siteId);
  const rows: Row[] = table(await fileRows(input.bytes)).map((r) => ({ line: r.line, ...parseServiceRow(r.cells) }));
  markDuplicates(rows);
  const defaultOrgId = input.orgId?.trim() || null;

  return inTransaction(deps.db, async (tx) => {
    if (!(await guideRefs.site(tx.trx, siteId))) throw Errors.notFound('网站不存在');
    if (defaultOrgId && !(await guideRefs.org(tx.trx, defaultOrgId)))
      throw Errors.validation('所属部门不存在', [{ field: 'orgId', message: '所属部门不存在' }]);
    const settings = await loadGuideSettings(tx.trx);
    const good = rows.filter((r) => r.guide);
    const existing = new Map<string, ServiceItemTable>();
    const codes = good.map((r) => r.code);
    for (let i = 0; i < codes.length; i += CODE_CHUNK)
      for (const item of await serviceItems.byCodes(tx.trx, siteId, codes.slice(i, i + CODE_CHUNK))) existing.set(item.code, item);
    const orgsByName = new Map<string, string[]>();
    const names = [...new Set(good.map((r) => r.org).filter((n): n is string => !!n))];
    for (let i = 0; i < names.length; i += CODE_CHUNK)
      for (const org of await guideRefs.orgsByName(tx.trx, names.slice(i, i + CODE_CHUNK)))
        orgsByName.set(org.name, [...(orgsByName.get(org.name) ?? []), org.id]);

    const orgOf = (row: Row): string | CellProblem => {
      const field = columnHeader('org');
      if (row.org) {
        const ids = orgsByName.get(row.org) ?? [];
        if (ids.length === 1) return ids[0]!;
        if (ids.length === 0) return { field, message: `所属部门“${row.org}”不存在，请填写系统中的部门全称` };
        return { field, message: `有 ${ids.length} 个部门名为“${row.org}”，请将该列留空并在导入时选择部门` };
      }
      return defaultOrgId ?? existing.get(row.code)?.org_id ?? { field, message: '请填写所属部门，或在导入时选择部门' };
    };

    const report: ImportReport = { rows: rows.length, created: 0, updated: 0, unchanged: 0, incomplete: [], failed: [] };
    for (const row of rows) {
      const orgId = row.guide ? orgOf(row) : null;
      if (typeof orgId === 'object' && orgId) row.problems.push(orgId);
      if (!row.guide || typeof orgId !== 'string') {
        report.failed.push(...row.problems.map((p) => ({ line: row.line, ...p })));
        continue;
      }
      const guide = await writeRow(tx, deps, actor, siteId, orgId, row.guide, existing.get(row.code), report);
      const missing = missingElements(guide, settings.requiredElements);
      if (missing.length) report.incomplete.push({ line: row.line, code: guide.code, name: guide.name, missing });
    }

    await recordAudit(tx, deps.clock, actor, {
      action: 'guides.import',
      targetType: 'site',
      targetId: siteId,
      siteId,
      details: {
        file: input.filename,
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        incomplete: report.incomplete.length,
        failedRows: new Set(report.failed.map((f) => f.line)).size,
      },
    });
    return report;
  });
}

/** Creates or updates the item of one good row (or leaves it when it says the same); returns the guide as stored. */
async function writeRow(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  siteId: string,
  orgId: string,
  imported: ServiceGuide,
  before: ServiceItemTable | undefined,
  report: ImportReport,
): Promise<ServiceGuide> {
  if (!before) {
    const row = await insertItem(tx, deps, actor, siteId, orgId, imported);
    await recordAudit(tx, deps.clock, actor, {
      action: 'guides.item.create',
      targetType: 'serviceItem',
      targetId: row.id,
      siteId,
      details: { code: imported.code, name: imported.name, source: 'import' },
    });
    report.created++;
    return imported;
  }
  const stored = guideOf(before);
  const guide = keepMaterialFiles(imported, stored);
  if (before.org_id === orgId && sameGuide(stored, guide)) {
    report.unchanged++;
    return stored;
  }
  const version = before.version + 1;
  const patch = {
    ...savedFields(deps, actor, guide),
    org_id: orgId,
    version,
    state: before.state === 'withdrawn' ? 'draft' : before.state,
  };
  if (!(await serviceItems.updateAt(tx.trx, before.id, before.version, patch)))
    throw Errors.conflict(`事项 ${guide.code} 在导入过程中被他人修改，请重新导入`);
  await recordAudit(tx, deps.clock, actor, {
    action: 'guides.item.update',
    targetType: 'serviceItem',
    targetId: before.id,
    siteId,
    details: { code: guide.code, name: guide.name, version, source: 'import' },
  });
  report.updated++;
  return guide;
}

/**
 * The life of a legacy import: made by an administrator of the target site (the analyse job is
 * queued with it), its column mapping confirmed against the suggestions, started (the import job
 * is queued), cancelled; and what the admin reads of it: the import with its progress, counts and
 * columns, the pages with their outcomes, the report as XLSX.
 *
 *   analysing → awaiting_confirmation → importing → done
 *        ↘            ↘                    ↘
 *      cancelled / failed (any of the three)
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  ConfirmMappingSchema,
  CreateImportSchema,
  IMPORT_DEFAULTS,
  ImportPagesQuerySchema,
  IMPORT_STATUS_LABELS,
  PAGE_OUTCOME_LABELS,
  StartImportSchema,
  type ImportCounts,
  type ImportOptions,
  type ImportPagesView,
  type ImportStatus,
  type ImportSummaryView,
  type ImportView,
  type LegacyColumnView,
  type PageOutcome,
  type LegacyPageKind,
} from '../../../common/schemas/migration.ts';
import { recordAudit } from '../../audit/index.ts';
import { getSite, siteColumns } from '../../sites/index.ts';
import { requirePermission, visibleSites } from '../../platform/access.ts';
import { actorLabel, systemActor, type Actor } from '../../platform/actor.ts';
import type { LegacyImportPageRow, LegacyImportRow } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors, isAppError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { imports, pages } from '../migration.repository.ts';
import { articleTypeFor } from '../rules/columns.ts';

export const ANALYSE_JOB = 'migration.analyse';
export const IMPORT_JOB = 'migration.import';

const lookup = systemActor('migration-lookup');

export function optionsOf(row: Pick<LegacyImportRow, 'options'>): ImportOptions {
  return { ...IMPORT_DEFAULTS, ...(JSON.parse(row.options) as Partial<ImportOptions>) };
}

export const columnsOf = (row: Pick<LegacyImportRow, 'columns'>) => JSON.parse(row.columns) as LegacyColumnView[];
export const mappingOf = (row: Pick<LegacyImportRow, 'mapping'>) =>
  row.mapping ? (JSON.parse(row.mapping) as Record<string, string | null>) : null;

async function loadImport(deps: Deps, actor: Actor, id: string): Promise<LegacyImportRow> {
  const row = await imports.byId(deps.db.kysely, id);
  if (!row) throw Errors.notFound('找不到该导入任务');
  requirePermission(actor, 'migration.manage', row.target_site_id);
  return row;
}

function counts(row: LegacyImportRow, pending: number): ImportCounts {
  return {
    pagesSeen: row.pages_seen,
    articlesFound: row.articles_found,
    imported: row.imported_count,
    updated: row.updated_count,
    unchanged: row.unchanged_count,
    duplicates: row.duplicate_count,
    skipped: row.skipped_count,
    failed: row.failed_count,
    pending,
  };
}

function presentSummary(row: LegacyImportRow, pending = 0): ImportSummaryView {
  return {
    id: row.id,
    sourceSiteId: row.source_site_id,
    targetSiteId: row.target_site_id,
    startUrl: row.start_url,
    status: row.status as ImportStatus,
    dryRun: row.dry_run === 1,
    counts: counts(row, pending),
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    version: row.version,
  };
}

/** Recounts the import's pages into its count columns (after the crawl, after each chunk). */
export async function refreshCounts(deps: Deps, importId: string): Promise<void> {
  const byOutcome = await pages.countsByOutcome(deps.db.kysely, importId);
  const byKind = await pages.countsByKind(deps.db.kysely, importId);
  const n = (k: string) => byOutcome[k] ?? 0;
  await imports.update(deps.db.kysely, importId, {
    pages_seen: Object.entries(byKind)
      .filter(([k]) => k !== 'broken')
      .reduce((s, [, v]) => s + v, 0),
    articles_found: byKind.article ?? 0,
    imported_count: n('imported'),
    updated_count: n('updated'),
    unchanged_count: n('unchanged'),
    duplicate_count: n('duplicate'),
    skipped_count: n('skipped'),
    failed_count: n('failed'),
    updated_at: deps.clock.now().toISOString(),
  });
}

/** Starts an import: the analyse job crawls the old site and suggests where its columns go. */
export async function createImport(deps: Deps, actor: Actor, input: unknown): Promise<ImportView> {
  const d = parseInput(CreateImportSchema, input);
  requirePermission(actor, 'migration.manage', d.targetSiteId);
  if (d.sourceSiteId === d.targetSiteId)
    throw Errors.validation('来源网站和目标网站不能相同', [{ field: 'sourceSiteId', message: '来源网站和目标网站不能相同' }]);
  const target = await getSite(deps, lookup, d.targetSiteId).catch(() => null);
  if (!target) throw Errors.validation('目标网站不存在', [{ field: 'targetSiteId', message: '目标网站不存在' }]);
  if (target.hosting !== 'hosted')
    throw Errors.validation('目标网站须为平台托管的网站', [{ field: 'targetSiteId', message: '目标网站须为平台托管的网站' }]);
  const source = await getSite(deps, lookup, d.sourceSiteId).catch(() => null);
  if (!source) throw Errors.validation('来源网站未登记', [{ field: 'sourceSiteId', message: '来源网站未登记' }]);
  const now = deps.clock.now().toISOString();
  const row: LegacyImportRow = {
    id: randomUUID(),
    source_site_id: d.sourceSiteId,
    start_url: new URL(d.startUrl).href,
    target_site_id: d.targetSiteId,
    options: JSON.stringify({ ...IMPORT_DEFAULTS, ...d.options }),
    status: 'analysing',
    dry_run: d.dryRun ? 1 : 0,
    pages_seen: 0,
    articles_found: 0,
    imported_count: 0,
    updated_count: 0,
    unchanged_count: 0,
    duplicate_count: 0,
    skipped_count: 0,
    failed_count: 0,
    columns: '[]',
    mapping: null,
    confirmed_by: null,
    confirmed_at: null,
    error: null,
    version: 1,
    created_by: actorLabel(actor),
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  await inTransaction(deps.db, async (tx) => {
    await imports.insert(tx.trx, row);
    await enqueueJob(tx, deps.clock, ANALYSE_JOB, { importId: row.id });
    await recordAudit(tx, deps.clock, actor, {
      action: 'migration.import.create',
      targetType: 'legacy_import',
      targetId: row.id,
      siteId: row.target_site_id,
      details: { startUrl: row.start_url, sourceSiteId: row.source_site_id, dryRun: d.dryRun ?? false },
    });
  });
  return present(deps, row);
}

async function present(deps: Deps, row: LegacyImportRow): Promise<ImportView> {
  const byOutcome = await pages.countsByOutcome(deps.db.kysely, row.id);
  const cells = await pages.byColumnAndOutcome(deps.db.kysely, row.id);
  const columns = columnsOf(row);
  const mapping = mappingOf(row);
  const names = new Map(columns.map((c) => [c.key, c.name]));
  const byColumn = new Map<string, ImportView['byColumn'][number]>();
  for (const c of cells) {
    const key = c.columnKey ?? '';
    const entry = byColumn.get(key) ?? { key, name: names.get(key) ?? (key || '（未识别栏目）'), outcomes: {} };
    entry.outcomes[c.outcome as PageOutcome] = c.n;
    byColumn.set(key, entry);
  }
  const total = cells.filter((c) => c.outcome !== 'duplicate').reduce((s, c) => s + c.n, 0);
  const pending = cells.filter((c) => c.outcome === 'pending').reduce((s, c) => s + c.n, 0);
  return {
    ...presentSummary(row, byOutcome.pending ?? 0),
    options: optionsOf(row),
    columns: columns.map((c) => (mapping ? { ...c, target: mapping[c.key] ?? null } : c)),
    mapping,
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at,
    error: row.error,
    progress: { done: total - pending, total },
    byColumn: [...byColumn.values()],
  };
}

/** One import: status, progress, counts, the legacy columns with their suggested (or confirmed) targets. */
export async function getImport(deps: Deps, actor: Actor, id: string): Promise<ImportView> {
  return present(deps, await loadImport(deps, actor, id));
}

/** The imports into the sites the actor may manage, newest first. */
export async function listImports(deps: Deps, actor: Actor): Promise<ImportSummaryView[]> {
  const sites = visibleSites(actor, 'migration.manage');
  return (await imports.list(deps.db.kysely, sites, 200)).map((r) => presentSummary(r));
}

/** The admin's mapping of legacy columns to target columns (null = leave the column out); checked against the import's version. */
export async function confirmMapping(deps: Deps, actor: Actor, id: string, input: unknown): Promise<ImportView> {
  const d = parseInput(ConfirmMappingSchema, input);
  const row = await loadImport(deps, actor, id);
  if (row.status !== 'awaiting_confirmation')
    throw Errors.conflict(`导入任务${IMPORT_STATUS_LABELS[row.status as ImportStatus] ?? row.status}，不能修改栏目对应`);
  if (row.version !== d.version) throw Errors.conflict('导入任务已被他人修改，请刷新后重试');
  const columns = columnsOf(row);
  const known = new Set(columns.map((c) => c.key));
  const unknown = Object.keys(d.mapping).filter((k) => !known.has(k));
  if (unknown.length)
    throw Errors.validation(
      `没有这些原网站栏目：${unknown.join('、')}`,
      unknown.map((k) => ({ field: `mapping.${k}`, message: '没有此栏目' })),
    );
  const missing = columns.filter((c) => c.articles > 0 && !(c.key in d.mapping));
  if (missing.length)
    throw Errors.validation(
      `请为这些栏目选择目标栏目或选择不导入：${missing.map((c) => c.name).join('、')}`,
      missing.map((c) => ({ field: `mapping.${c.key}`, message: '请选择目标栏目或不导入' })),
    );
  const targets = new Map((await siteColumns(deps, row.target_site_id)).map((c) => [c.id, c]));
  const problems: { field: string; message: string }[] = [];
  for (const [key, columnId] of Object.entries(d.mapping)) {
    if (columnId === null) continue;
    const t = targets.get(columnId);
    if (!t) problems.push({ field: `mapping.${key}`, message: '目标栏目不存在或不属于目标网站' });
    else if (t.status !== 'active') problems.push({ field: `mapping.${key}`, message: `目标栏目“${t.name}”已关闭` });
    else if (!articleTypeFor(t)) problems.push({ field: `mapping.${key}`, message: `目标栏目“${t.name}”不接收信息` });
  }
  if (problems.length) throw Errors.validation(problems.map((p) => p.message).join('；'), problems);
  const mapping = Object.fromEntries(columns.map((c) => [c.key, d.mapping[c.key] ?? null]));
  const now = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    const patch = { mapping: JSON.stringify(mapping), confirmed_by: actorLabel(actor), confirmed_at: now, updated_at: now };
    if (!(await imports.updateVersioned(tx.trx, id, row.version, patch))) throw Errors.conflict('导入任务已被他人修改，请刷新后重试');
    await recordAudit(tx, deps.clock, actor, {
      action: 'migration.import.mapping',
      targetType: 'legacy_import',
      targetId: id,
      siteId: row.target_site_id,
      details: { mapping },
    });
  });
  return getImport(deps, actor, id);
}

/** Starts importing with the confirmed mapping (a dry run only reports what would happen). */
export async function startImport(deps: Deps, actor: Actor, id: string, input: unknown): Promise<ImportView> {
  const d = parseInput(StartImportSchema, input);
  const row = await loadImport(deps, actor, id);
  if (row.status !== 'awaiting_confirmation')
    throw Errors.conflict(`导入任务${IMPORT_STATUS_LABELS[row.status as ImportStatus] ?? row.status}，不能开始导入`);
  if (!row.confirmed_at) throw Errors.conflict('请先确认栏目对应');
  if (row.version !== d.version) throw Errors.conflict('导入任务已被他人修改，请刷新后重试');
  await inTransaction(deps.db, async (tx) => {
    if (!(await imports.updateVersioned(tx.trx, id, row.version, { status: 'importing', updated_at: deps.clock.now().toISOString() })))
      throw Errors.conflict('导入任务已被他人修改，请刷新后重试');
    await enqueueJob(tx, deps.clock, IMPORT_JOB, { importId: id });
    await recordAudit(tx, deps.clock, actor, {
      action: 'migration.import.start',
      targetType: 'legacy_import',
      targetId: id,
      siteId: row.target_site_id,
      details: { dryRun: row.dry_run === 1 },
    });
  });
  return getImport(deps, actor, id);
}

/** Stops an import that has not finished; what is imported stays (each article was its own transaction). */
export async function cancelImport(deps: Deps, actor: Actor, id: string): Promise<ImportView> {
  const row = await loadImport(deps, actor, id);
  if (!['analysing', 'awaiting_confirmation', 'importing'].includes(row.status))
    throw Errors.conflict(`导入任务${IMPORT_STATUS_LABELS[row.status as ImportStatus] ?? row.status}，不能取消`);
  await inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now().toISOString();
    if (!(await imports.updateVersioned(tx.trx, id, row.version, { status: 'cancelled', finished_at: now, updated_at: now })))
      throw Errors.conflict('导入任务已被他人修改，请刷新后重试');
    await recordAudit(tx, deps.clock, actor, {
      action: 'migration.import.cancel',
      targetType: 'legacy_import',
      targetId: id,
      siteId: row.target_site_id,
      details: { status: row.status },
    });
  });
  return getImport(deps, actor, id);
}

/** Marks an import failed (its job gave up), keeping the reason for the admin. */
export async function failImport(deps: Deps, id: string, reason: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await imports.update(deps.db.kysely, id, { status: 'failed', error: reason.slice(0, 1000), finished_at: now, updated_at: now });
}

function presentPage(r: LegacyImportPageRow) {
  const f = r.fields ? (JSON.parse(r.fields) as { title?: string; date?: string | null }) : {};
  return {
    url: r.url,
    kind: r.kind as LegacyPageKind,
    columnKey: r.column_key,
    title: f.title ?? null,
    date: f.date ?? null,
    outcome: r.outcome as PageOutcome,
    reason: r.reason,
    articleId: r.article_id,
    duplicateOf: r.duplicate_of,
  };
}

/** The import's pages with what became of each, filterable by outcome, kind and column. */
export async function importPages(deps: Deps, actor: Actor, id: string, query: unknown): Promise<ImportPagesView> {
  const q = parseInput(ImportPagesQuerySchema, query);
  await loadImport(deps, actor, id);
  const { total, rows } = await pages.list(deps.db.kysely, id, { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  return { total, items: rows.map(presentPage) };
}

/** The report as XLSX: a summary sheet (counts, per column) and every page with its outcome and reason. */
export async function importReportXlsx(deps: Deps, actor: Actor, id: string): Promise<{ view: ImportView; xlsx: Buffer }> {
  const view = await getImport(deps, actor, id);
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet('概况');
  summary.addRow([view.dryRun ? '网站迁移导入报告（试运行）' : '网站迁移导入报告']);
  summary.addRow(['原网站', view.startUrl]);
  summary.addRow(['状态', IMPORT_STATUS_LABELS[view.status]]);
  const c = view.counts;
  for (const [label, n] of [
    ['抓取页面', c.pagesSeen],
    ['识别文章', c.articlesFound],
    ['新导入', c.imported],
    ['已更新', c.updated],
    ['未变化', c.unchanged],
    ['重复', c.duplicates],
    ['未导入', c.skipped],
    ['失败', c.failed],
  ] as const)
    summary.addRow([label, n]);
  summary.addRow([]);
  summary.addRow(['原栏目', ...Object.values(PAGE_OUTCOME_LABELS)]);
  for (const col of view.byColumn)
    summary.addRow([col.name, ...Object.keys(PAGE_OUTCOME_LABELS).map((k) => col.outcomes[k as PageOutcome] ?? 0)]);
  summary.getColumn(1).width = 24;
  summary.getColumn(2).width = 50;
  const sheet = book.addWorksheet('逐页结果');
  sheet.addRow(['原网址', '页面类型', '原栏目', '标题', '发布日期', '处理结果', '原因', '稿件ID', '重复于']);
  const KIND_LABELS: Record<string, string> = {
    home: '首页',
    list: '栏目列表页',
    article: '文章页',
    frame: '框架页',
    other: '其他页面',
    broken: '无法访问',
  };
  for (let offset = 0; ; offset += 500) {
    const { rows } = await pages.list(deps.db.kysely, id, { limit: 500, offset });
    for (const r of rows.map(presentPage))
      sheet.addRow([
        r.url,
        KIND_LABELS[r.kind] ?? r.kind,
        r.columnKey ?? '',
        r.title ?? '',
        r.date ?? '',
        PAGE_OUTCOME_LABELS[r.outcome],
        r.reason ?? '',
        r.articleId ?? '',
        r.duplicateOf ?? '',
      ]);
    if (rows.length < 500) break;
  }
  sheet.getColumn(1).width = 50;
  sheet.getColumn(4).width = 40;
  sheet.getColumn(7).width = 40;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return { view, xlsx: Buffer.from(await book.xlsx.writeBuffer()) };
}

/** The Chinese message of an error for a page's reason (never a stack trace). */
export function reasonOf(e: unknown): string {
  if (isAppError(e)) return e.message;
  return '导入时发生内部错误';
}

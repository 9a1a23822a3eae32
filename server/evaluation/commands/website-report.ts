/**
 * The 政府网站工作年度报表 of a hosted site (国办函〔2018〕12号; domain-rules §2.7): computed
 * from the platform's data (访问量 from the access logs, 信息发布 from the published articles,
 * 办事服务 from the service items, 互动交流 from the letters and surveys), the fields no system
 * of the platform knows entered by hand and marked so, exported as XLSX, and published on the
 * site's home page by 31 January through the site's normal three-stage review (an article in
 * its 年度报表 column, with the XLSX attached). From 1 January a daily reminder notes every
 * hosted site whose report of the year before is not published yet.
 */
import ExcelJS from 'exceljs';
import { columnAccepts, type ArticleType } from '../../../common/content.ts';
import { AnnualYearSchema } from '../../../common/schemas/evaluation.ts';
import { SITE_KIND_LABELS } from '../../../common/schemas/sites.ts';
import {
  ManualValuesSchema,
  REPORT_FIELD_BY_KEY,
  REPORT_SOURCE_LABELS,
  SaveWebsiteReportSchema,
  WebsiteReportKeySchema,
  type ManualValues,
  type ReportValue,
  type WebsiteReport,
  type WebsiteReportState,
  type WebsiteReportStatus,
} from '../../../common/schemas/website-report.ts';
import { recordAudit } from '../../audit/index.ts';
import { createArticle, storeFile, submitArticle, updateArticle } from '../../content/index.ts';
import { serviceStatistics } from '../../guides/index.ts';
import { interactionStatistics, surveyStatistics } from '../../interaction/index.ts';
import { homepageUrl } from '../../monitoring/index.ts';
import { can, requirePermission } from '../../platform/access.ts';
import { actorLabel, systemActor, type Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { escapeHtml } from '../../publishing/index.ts';
import { findColumn } from '../../sites/index.ts';
import { siteTraffic } from '../../traffic/index.ts';
import { websiteReportRefs, websiteReports } from '../evaluation.repository.ts';
import { missingFields, reportDeadline, reportDue, reportRows, reportValues } from '../rules/website-report.ts';

/** The other rooms' figures are read as the platform: the report's own permission was checked. */
const READER = systemActor('website-report');
const PENDING = new Set(['in_review', 'approved', 'scheduled']);
/** The article types a 年度报表 column is tried with, most fitting first. */
const REPORT_TYPES: readonly ArticleType[] = ['statistics', 'other', 'notice'];

function requireRead(actor: Actor, siteId: string): void {
  if (!can(actor, 'sites.read', siteId) && !can(actor, 'evaluation.manage')) throw Errors.forbidden();
}
function requireEdit(actor: Actor, siteId: string): void {
  if (!can(actor, 'sites.edit', siteId) && !can(actor, 'content.author', siteId))
    throw Errors.forbidden('填报网站年度报表需要本网站的网站管理或信息编辑权限');
}

/** The Beijing year as UTC instants: [from, to). */
function yearRange(year: number): { from: string; to: string } {
  return { from: `${year - 1}-12-31T16:00:00.000Z`, to: `${year}-12-31T16:00:00.000Z` };
}

const parseKey = (siteId: string, year: unknown) => parseInput(WebsiteReportKeySchema, { siteId, year });

async function hostedSite(deps: Deps, siteId: string) {
  const site = await websiteReportRefs.site(deps.db.kysely, siteId);
  if (!site) throw Errors.notFound('网站不存在');
  if (site.hosting !== 'hosted') throw Errors.conflict('网站年度报表由平台托管的网站填报；外部网站请在其原平台填报');
  return site;
}

/** The figures the platform itself knows, for the site and year. */
async function platformFigures(deps: Deps, site: NonNullable<Awaited<ReturnType<typeof websiteReportRefs.site>>>, year: number) {
  const db = deps.db.kysely;
  const { from, to } = yearRange(year);
  const [traffic, counts, topics, services, interaction] = await Promise.all([
    siteTraffic(deps, site.id, year),
    websiteReportRefs.publishedCounts(db, site.id, from, to),
    websiteReportRefs.topicColumns(db, site.id, to),
    serviceStatistics(deps, READER, site.id),
    interactionStatistics(deps, READER, site.id, year, (ids, y) => surveyStatistics(deps, ids, y)),
  ]);
  const count = (pick: (type: string, catalogue: boolean) => boolean) =>
    counts.filter((r) => pick(r.type, Number(r.catalogue) === 1)).reduce((n, r) => n + Number(r.n), 0);
  const maintained = topics.filter((c) => c.status === 'active' || c.updated_at >= to);
  const figures: Record<string, ReportValue> = {
    siteName: site.name,
    homeUrl: homepageUrl({ baseUrl: site.base_url, domains: JSON.parse(site.domains) as string[] }) ?? '',
    sponsor: site.sponsor ?? '',
    siteType: SITE_KIND_LABELS[site.kind as keyof typeof SITE_KIND_LABELS] ?? site.kind,
    siteCode: site.code ?? '',
    icp: site.icp_number ?? '',
    psb: site.psb_number ?? '',
    uniqueVisitors: traffic.uniqueVisitors,
    pageViews: traffic.pageViews,
    publishTotal: count(() => true),
    overviewUpdates: count((t) => t === 'basicInfo' || t === 'personnel'),
    newsUpdates: count((t) => t === 'news' || t === 'notice'),
    catalogueUpdates: count((_t, catalogue) => catalogue),
    topicsMaintained: maintained.length,
    topicsOpened: maintained.filter((c) => c.created_at >= from).length,
    interpretationMaterials: count((t) => t === 'interpretation'),
    serviceCatalogue: services.cataloguePublished,
    serviceItems: services.items,
    fullyOnlineItems: services.fullyOnline,
    unifiedPlatform: true,
    lettersReceived: interaction.letters.received,
    lettersClosed: interaction.letters.closed,
    lettersAverageDays: interaction.letters.averageDays,
    lettersPublished: interaction.letters.publishedReplies,
    surveys: interaction.surveys.held,
    surveyOpinions: interaction.surveys.opinions,
    surveyResults: interaction.surveys.resultsPublished,
    accessibility: true,
  };
  return figures;
}

function stateOf(article: { status: string } | undefined): WebsiteReportState {
  if (!article) return 'draft';
  if (article.status === 'published') return 'published';
  return PENDING.has(article.status) ? 'submitted' : 'draft';
}

type Q = Deps['db']['kysely'] | Tx['trx'];

/** The stored report of a site and year (if any), the article publishing it, and where it stands. */
async function storedReport(db: Q, siteId: string, year: number) {
  const row = await websiteReports.get(db, siteId, year);
  const article = row?.article_id ? await websiteReportRefs.article(db, row.article_id) : undefined;
  return { row, article, state: stateOf(article) };
}

/** A site's report for a year: every figure, what is still to be entered, and where it stands. */
export async function websiteReport(deps: Deps, actor: Actor, siteId: string, yearInput: unknown): Promise<WebsiteReport> {
  const key = parseKey(siteId, yearInput);
  requireRead(actor, key.siteId);
  const site = await hostedSite(deps, key.siteId);
  const db = deps.db.kysely;
  const { row, article, state } = await storedReport(db, key.siteId, key.year);
  const manual = (row ? JSON.parse(row.manual) : {}) as ManualValues;
  return {
    siteId: site.id,
    siteName: site.name,
    year: key.year,
    version: row?.version ?? 0,
    values: reportValues(await platformFigures(deps, site, key.year), manual),
    missing: missingFields(manual),
    state,
    article: article ? { id: article.id, status: article.status, publishedAt: article.published_at } : null,
    deadline: reportDeadline(key.year),
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

/** Saves the hand-entered fields (all of them, as the form holds them) at the version the form was loaded at. */
export async function saveWebsiteReport(
  deps: Deps,
  actor: Actor,
  siteId: string,
  yearInput: unknown,
  input: unknown,
): Promise<WebsiteReport> {
  const key = parseKey(siteId, yearInput);
  requireEdit(actor, key.siteId);
  await hostedSite(deps, key.siteId);
  const data = parseInput(SaveWebsiteReportSchema, input);
  const values = ManualValuesSchema.parse(data.values);
  const now = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    const stale = () => Errors.conflict('网站年度报表已被他人修改，请刷新后重新填写');
    // What the reviewers are reading must stay what the report says until they are done.
    if ((await storedReport(tx.trx, key.siteId, key.year)).state === 'submitted')
      throw new AppError('GK_ERR_REPORT_PENDING', 409, '年度报表正在审核中，请待审核完成后再修改');
    const row = {
      site_id: key.siteId,
      year: key.year,
      version: data.expectedVersion + 1,
      manual: JSON.stringify(values),
      updated_by: actorLabel(actor),
      updated_at: now,
    };
    if (data.expectedVersion === 0) {
      if (!(await websiteReports.insert(tx.trx, { ...row, article_id: null }))) throw stale();
    } else if (!(await websiteReports.update(tx.trx, key.siteId, key.year, data.expectedVersion, row))) throw stale();
    await recordAudit(tx, deps.clock, actor, {
      action: 'evaluation.websiteReport.save',
      targetType: 'website_report',
      targetId: `${key.siteId}:${key.year}`,
      siteId: key.siteId,
      details: { year: key.year, version: row.version, filled: Object.values(values).filter((v) => v !== null && v !== undefined).length },
    });
  });
  return websiteReport(deps, actor, key.siteId, key.year);
}

/** The report as a workbook: the form's rows, each figure's source, and the hand-entered ones marked. */
export async function websiteReportXlsx(
  deps: Deps,
  actor: Actor,
  siteId: string,
  yearInput: unknown,
): Promise<{ report: WebsiteReport; xlsx: Buffer }> {
  const report = await websiteReport(deps, actor, siteId, yearInput);
  return { report, xlsx: await workbookOf(report) };
}

const reportTitle = (r: Pick<WebsiteReport, 'siteName' | 'year'>) => `${r.siteName}政府网站工作年度报表（${r.year}年度）`;

async function workbookOf(report: WebsiteReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.title = reportTitle(report);
  const sheet = book.addWorksheet('年度报表');
  sheet.addRow([reportTitle(report)]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, 4);
  sheet.addRow(['类别', '项目', '数据', '来源']).font = { bold: true };
  for (const r of reportRows(report.values)) sheet.addRow([r.section, r.label, r.value, r.source]);
  sheet.addRow([]);
  sheet.addRow([
    `说明：“${REPORT_SOURCE_LABELS.platform}”为平台根据发布、办事、互动数据和网站访问日志统计；“${REPORT_SOURCE_LABELS.manual}”为网站主办单位填报。`,
  ]);
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 34;
  sheet.getColumn(3).width = 40;
  sheet.getColumn(4).width = 12;
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The report as the body of its article: one table, every value escaped. */
export function websiteReportHtml(report: WebsiteReport): string {
  const e = (s: string) => escapeHtml(s);
  const rows = reportRows(report.values)
    .map((r) => `<tr><td>${e(r.section)}</td><td>${e(r.label)}</td><td>${e(r.value)}</td></tr>`)
    .join('\n');
  return `<p>${e(`${report.siteName}${report.year}年度政府网站工作年度报表如下。`)}</p>
<table><thead><tr><th>类别</th><th>项目</th><th>数据</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

/**
 * Submits the report for publication: an article in the site's 年度报表 column (created, or a
 * new revision of the one before) with the XLSX attached, into the site's three-stage review.
 * Refused while hand-entered fields are empty and while an earlier submission is in review.
 */
export async function submitWebsiteReport(
  deps: Deps,
  actor: Actor,
  siteId: string,
  yearInput: unknown,
): Promise<{ articleId: string; status: string; created: boolean }> {
  const report = await websiteReport(deps, actor, siteId, yearInput);
  if (!can(actor, 'content.author', report.siteId))
    throw new AppError('GK_ERR_FORBIDDEN', 403, '提交发布网站年度报表需要本网站的信息编辑权限');
  if (report.version === 0) throw Errors.conflict('请先填写并保存网站年度报表');
  if (report.missing.length)
    throw new AppError('GK_ERR_REPORT_INCOMPLETE', 409, `还有 ${report.missing.length} 项需人工填报的内容未填写`).withDetails({
      missing: report.missing.map((k) => REPORT_FIELD_BY_KEY.get(k)?.label ?? k),
    });
  if (report.article && PENDING.has(report.article.status))
    throw new AppError('GK_ERR_REPORT_PENDING', 409, '年度报表已提交审核，请待审核完成后再提交');
  const [columnRow] = await websiteReportRefs.reportColumns(deps.db.kysely, report.siteId);
  const column = columnRow ? await findColumn(deps, columnRow.id) : null;
  if (!column)
    throw new AppError(
      'GK_ERR_NO_REPORT_COLUMN',
      409,
      '本网站没有“政府网站工作年度报表”栏目，请先在栏目管理中新建（栏目名称含“年度报表”）',
    );
  const type = REPORT_TYPES.find((t) => columnAccepts(column, t));
  if (!type) throw Errors.conflict(`栏目“${column.name}”不接收统计信息，请调整栏目的信息类型`);
  const title = reportTitle(report);
  const file = await storeFile(deps, actor, { siteId: report.siteId, filename: `${title}.xlsx`, bytes: await workbookOf(report) });
  const sponsor = String(report.values.sponsor ?? '') || report.siteName;
  const content = {
    title,
    bodyHtml: websiteReportHtml(report),
    source: sponsor,
    metadata: { issuingOrg: sponsor, attachments: [{ fileId: file.fileId, name: `${title}.xlsx` }] },
  };
  const existing = report.article ? await websiteReportRefs.article(deps.db.kysely, report.article.id) : undefined;
  let articleId: string;
  if (existing && existing.status !== 'retracted') {
    await updateArticle(deps, actor, existing.id, { expectedVersion: existing.version, ...content });
    articleId = existing.id;
  } else {
    articleId = (await createArticle(deps, actor, { siteId: report.siteId, columnId: column.id, type, ...content })).id;
  }
  await inTransaction(deps.db, async (tx) => {
    // The article was written from this version; a save in between would make it show something else.
    if (!(await websiteReports.update(tx.trx, report.siteId, report.year, report.version, { article_id: articleId })))
      throw Errors.conflict('网站年度报表在提交过程中被修改，请刷新后重新提交');
    await recordAudit(tx, deps.clock, actor, {
      action: 'evaluation.websiteReport.submit',
      targetType: 'website_report',
      targetId: `${report.siteId}:${report.year}`,
      siteId: report.siteId,
      details: { year: report.year, articleId, created: articleId !== existing?.id },
    });
  });
  const submitted = await submitArticle(deps, actor, articleId);
  return { articleId, status: submitted.status, created: articleId !== existing?.id };
}

/** Every open hosted site with its report of the year (if any) and where that stands. */
async function reportsOfYear(db: Deps['db']['kysely'], year: number) {
  const [sites, rows] = await Promise.all([websiteReportRefs.hostedSites(db), websiteReports.ofYear(db, year)]);
  const bySite = new Map(rows.map((r) => [r.site_id, r]));
  const out = [];
  for (const site of sites) {
    const row = bySite.get(site.id);
    const article = row?.article_id ? await websiteReportRefs.article(db, row.article_id) : undefined;
    out.push({ site, row, article, state: stateOf(article) });
  }
  return out;
}

/** Every hosted site's report of the year, for the supervisors: where each stands, and the late ones. */
export async function websiteReportStatuses(deps: Deps, actor: Actor, yearInput: unknown): Promise<WebsiteReportStatus[]> {
  requirePermission(actor, 'evaluation.manage');
  const { year } = parseInput(AnnualYearSchema, { year: yearInput });
  const late = beijingToday(deps.clock) > reportDeadline(year);
  return (await reportsOfYear(deps.db.kysely, year)).map(({ site, row, article, state }): WebsiteReportStatus => ({
    siteId: site.id,
    siteName: site.name,
    state,
    missing: missingFields(row ? (JSON.parse(row.manual) as ManualValues) : {}).length,
    publishedAt: state === 'published' ? (article?.published_at ?? null) : null,
    late: late && state !== 'published',
  }));
}

/**
 * The January reminder (daily from 1 January): every open hosted site whose report of the year
 * before is not published gets a reminder for the day, with the days left to 31 January.
 * Returns the sites reminded; nothing outside January.
 */
export async function remindWebsiteReports(deps: Deps): Promise<number> {
  const today = beijingToday(deps.clock);
  const due = reportDue(today);
  if (!due) return 0;
  const db = deps.db.kysely;
  let reminded = 0;
  for (const { site, state } of await reportsOfYear(db, due.year)) {
    if (state === 'published') continue;
    await websiteReports.remind(db, {
      site_id: site.id,
      year: due.year,
      reminded_on: today,
      days_left: due.daysLeft,
      created_at: deps.clock.now().toISOString(),
    });
    reminded++;
  }
  return reminded;
}

/** The reminder a site's people see: the newest for the report due now, or null. */
export async function websiteReportReminder(
  deps: Deps,
  actor: Actor,
  siteId: string,
): Promise<{ year: number; remindedOn: string; daysLeft: number } | null> {
  requireRead(actor, siteId);
  const due = reportDue(beijingToday(deps.clock));
  if (!due) return null;
  const r = await websiteReports.latestReminder(deps.db.kysely, siteId, due.year);
  if (!r || (await storedReport(deps.db.kysely, siteId, due.year)).state === 'published') return null;
  return { year: r.year, remindedOn: r.reminded_on, daysLeft: r.days_left };
}

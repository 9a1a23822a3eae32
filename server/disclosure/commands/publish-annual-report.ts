/**
 * Submitting the annual report for publication in the catalogue's 年报 column: the report
 * becomes an article of the org's site (body: the report as HTML; attachment: the DOCX) and goes
 * into the site's normal three-stage review through the content room's commands. Nothing is
 * published without that review. A later submission is a new revision of the same article.
 */
import { columnAccepts, type ArticleType } from '../../../common/content.ts';
import { recordAudit } from '../../audit/index.ts';
import { createArticle, storeFile, submitArticle, updateArticle } from '../../content/index.ts';
import { can } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, Errors } from '../../platform/errors.ts';
import { findColumn } from '../../sites/index.ts';
import { annualReports, reportSources } from '../annual-report.repository.ts';
import { annualReportDocx } from '../render/annual-report-files.ts';
import { annualReportHtml, annualReportTitle } from '../render/annual-report-html.ts';
import { getAnnualReport, type ReportKey } from './annual-reports.ts';

/** Article states in which a submitted report is still in the review's hands. */
const PENDING = new Set(['in_review', 'approved', 'scheduled']);
/** The article types a 年报 column is tried with, most fitting first. */
const REPORT_TYPES: readonly ArticleType[] = ['other', 'notice', 'statistics'];

export interface AnnualReportPublication {
  articleId: string;
  status: string;
  /** True when this submission created the article; false when it added a revision. */
  created: boolean;
}

const noColumn = () =>
  new AppError(
    'GK_ERR_NO_REPORT_COLUMN',
    409,
    '本单位网站没有对应“政府信息公开年报”的栏目，请先在栏目管理中将年报栏目对应到公开目录的“政府信息公开年报”',
  );

/** The 年报 column to publish in (one the actor may write in, when there are several) and the type it takes. */
async function reportColumn(deps: Deps, actor: Actor, orgId: string) {
  const candidates = await reportSources.reportColumns(deps.db.kysely, orgId);
  if (!candidates.length) throw noColumn();
  const chosen = candidates.find((c) => can(actor, 'content.author', c.site_id)) ?? candidates[0]!;
  const column = await findColumn(deps, chosen.id);
  if (!column) throw noColumn();
  const type = REPORT_TYPES.find((t) => columnAccepts(column, t));
  if (!type) throw Errors.conflict(`栏目“${column.name}”不接收年报类信息，请调整栏目的信息类型`);
  return { column, type };
}

/**
 * Creates (or revises) the report's article in the 年报 column and submits it for review.
 * Refused while the report has problems, and while an earlier submission is still in review.
 */
export async function publishAnnualReport(deps: Deps, actor: Actor, key: ReportKey): Promise<AnnualReportPublication> {
  const report = await getAnnualReport(deps, actor, key);
  if (report.version === 0) throw Errors.conflict('请先填写并保存年报');
  if (report.problems.length)
    throw new AppError('GK_ERR_REPORT_PROBLEMS', 409, `年报还有 ${report.problems.length} 个问题，请修改后再提交发布`).withDetails({
      problems: report.problems,
    });
  if (report.article && PENDING.has(report.article.status))
    throw new AppError('GK_ERR_REPORT_PENDING', 409, '年报已提交审核，请待审核完成或撤回后再提交');
  const { column, type } = await reportColumn(deps, actor, key.orgId);
  // Publication goes through the content review, so the submitter must be an author there; ask
  // before anything is written.
  if (!can(actor, 'content.author', column.siteId))
    throw new AppError('GK_ERR_FORBIDDEN', 403, `提交发布年报需要“${column.name}”所在网站的信息编辑权限`);
  const title = annualReportTitle(report);
  const file = await storeFile(deps, actor, {
    siteId: column.siteId,
    filename: `${title}.docx`,
    bytes: await annualReportDocx(report),
  });
  const content = {
    title,
    bodyHtml: annualReportHtml(report),
    source: report.orgName,
    metadata: { issuingOrg: report.orgName, attachments: [{ fileId: file.fileId, name: `${title}.docx` }] },
  };
  const existing = report.article ? await reportSources.articleState(deps.db.kysely, report.article.id) : undefined;
  let articleId: string;
  if (existing) {
    await updateArticle(deps, actor, existing.id, { expectedVersion: existing.version, ...content });
    articleId = existing.id;
  } else {
    articleId = (await createArticle(deps, actor, { siteId: column.siteId, columnId: column.id, type, ...content })).id;
  }
  await inTransaction(deps.db, async (tx) => {
    const row = await annualReports.byOrgYear(tx.trx, key.orgId, key.year);
    if (!row) throw Errors.notFound('年报不存在');
    // Two submissions at once: the first to link its article wins; the other's draft stays unlinked.
    if (!existing && row.article_id) throw Errors.conflict('年报已由他人同时提交，请刷新后查看');
    // The article was written from version `report.version`: a save in between means it shows
    // something else than the report now says. It stays a draft; submitting again revises it.
    if (row.version !== report.version) throw Errors.conflict('年报在提交过程中被修改，请刷新后重新提交发布');
    if (row.article_id !== articleId) {
      // Linking the article is not an edit of the report: the version stays, so open forms stay valid.
      const ok = await annualReports.updateVersioned(tx.trx, row.id, row.version, { article_id: articleId });
      if (!ok) throw Errors.conflict('年报已被他人修改，请刷新后重试');
    }
    await recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.annualReport.submit',
      targetType: 'annualReport',
      targetId: row.id,
      siteId: column.siteId,
      details: { orgId: key.orgId, year: key.year, articleId, created: !existing },
    });
  });
  const submitted = await submitArticle(deps, actor, articleId);
  return { articleId, status: submitted.status, created: !existing };
}

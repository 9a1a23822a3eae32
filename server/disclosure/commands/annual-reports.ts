/**
 * The whole annual disclosure report of an org for a year: sections 二 and 三 computed from
 * the platform's records, what is entered by hand (section 二's licensing, penalty, enforcement
 * and fee rows, section 四, the narratives), every problem found, and the report as files.
 */
import { randomUUID } from 'node:crypto';
import {
  EMPTY_ENTERED,
  EMPTY_NARRATIVES,
  fenToWanYuan,
  type AnnualReportEntered,
  type AnnualReportView,
  type Narratives,
} from '../../../common/annual-report.ts';
import { SaveAnnualReportSchema } from '../../../common/schemas/disclosure.ts';
import { orgSubtree } from '../../accounts/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { can } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { annualReports, reportSources } from '../annual-report.repository.ts';
import { reportRows } from '../disclosure.repository.ts';
import { annualReportDocx, annualReportXlsx } from '../render/annual-report-files.ts';
import { proactiveDocuments, reportProblems, requestTable, type PolicyHistory, type PolicyStep } from '../rules/annual-report.ts';

export interface ReportKey {
  orgId: string;
  year: number;
}

type Org = NonNullable<Awaited<ReturnType<typeof reportSources.org>>>;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2008 || year > 2100)
    throw Errors.validation(undefined, [{ field: 'year', message: '年份应为 2008—2100 之间的整数' }]);
}

/**
 * Who may read and write an org's report: supervisors (evaluation.manage) for any org, and the
 * org's own disclosure officers, i.e. those who handle disclosure on a site the org sponsors.
 * An officer of another org's site is refused.
 */
export async function authorizeReport(deps: Deps, actor: Actor, key: ReportKey): Promise<Org> {
  checkYear(key.year);
  const org = await reportSources.org(deps.db.kysely, key.orgId);
  if (!org) throw Errors.notFound('单位不存在');
  if (can(actor, 'evaluation.manage')) return org;
  const sites = await reportSources.sitesOf(deps.db.kysely, key.orgId);
  if (!sites.some((s) => can(actor, 'disclosure.handle', s.id)))
    throw Errors.forbidden('只有本单位的政府信息公开工作人员或监管人员可以处理本单位年报');
  return org;
}

/** Policy documents' live-changing events, grouped per article as the pure rule reads them. */
function histories(rows: { article_id: string; kind: string; created_at: string; metadata: string }[]): PolicyHistory[] {
  const byArticle = new Map<string, PolicyStep[]>();
  for (const r of rows) {
    const steps = byArticle.get(r.article_id) ?? [];
    steps.push({
      at: r.created_at,
      kind: r.kind === 'retract' ? 'retract' : 'publish',
      metadata: r.kind === 'retract' ? {} : (JSON.parse(r.metadata) as PolicyStep['metadata']),
    });
    byArticle.set(r.article_id, steps);
  }
  return [...byArticle].map(([articleId, steps]) => ({ articleId, steps }));
}

/** Stored JSON merged over the empty report, so a row written by an older shape still reads whole. */
function storedEntered(json: string | undefined): AnnualReportEntered {
  if (!json) return structuredClone(EMPTY_ENTERED);
  const e = JSON.parse(json) as Partial<AnnualReportEntered>;
  return {
    proactive: { ...EMPTY_ENTERED.proactive, ...e.proactive },
    review: {
      reconsideration: { ...EMPTY_ENTERED.review.reconsideration, ...e.review?.reconsideration },
      litigationDirect: { ...EMPTY_ENTERED.review.litigationDirect, ...e.review?.litigationDirect },
      litigationAfterReconsideration: {
        ...EMPTY_ENTERED.review.litigationAfterReconsideration,
        ...e.review?.litigationAfterReconsideration,
      },
    },
  };
}

function storedNarratives(json: string | undefined): Narratives {
  return { ...EMPTY_NARRATIVES, ...(json ? (JSON.parse(json) as Partial<Narratives>) : {}) };
}

/** Builds the report view without an access check (callers have made it). */
async function buildReport(deps: Deps, org: Org, year: number): Promise<AnnualReportView> {
  const db = deps.db.kysely;
  // A government (city, county, township) reports with the orgs below it; a department for itself.
  const includesSubordinates = org.level !== 'department';
  const orgIds = includesSubordinates ? await orgSubtree(deps, org.id) : [org.id];
  const [row, requests, steps] = await Promise.all([
    annualReports.byOrgYear(db, org.id, year),
    reportRows.forYear(db, orgIds, `${year}-01-01`, `${year}-12-31`),
    reportSources.policySteps(db, orgIds),
  ]);
  const table = requestTable(
    year,
    requests.map((r) => ({ category: r.applicant_category, receivedOn: r.received_on, closedOn: r.closed_on, outcome: r.outcome })),
  );
  const entered = storedEntered(row?.entered);
  const narratives = storedNarratives(row?.narratives);
  const documents = proactiveDocuments(year, histories(steps));
  const article = row?.article_id ? await reportSources.articleState(db, row.article_id) : undefined;
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    includesSubordinates,
    orgCount: orgIds.length,
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
    proactive: { ...documents, entered: entered.proactive, feeWanYuan: fenToWanYuan(entered.proactive.feeFen) },
    requests: table,
    review: entered.review,
    narratives,
    problems: reportProblems({ requests: table, review: entered.review, narratives }),
    article: article ? { id: article.id, status: article.status } : null,
  };
}

/** The whole report of the org for the year, with every problem found. */
export async function getAnnualReport(deps: Deps, actor: Actor, key: ReportKey): Promise<AnnualReportView> {
  const org = await authorizeReport(deps, actor, key);
  return buildReport(deps, org, key.year);
}

/** Saves what is entered by hand, if nobody saved since `expectedVersion`; audited in the same transaction. */
export async function saveAnnualReport(deps: Deps, actor: Actor, key: ReportKey, input: unknown): Promise<AnnualReportView> {
  const org = await authorizeReport(deps, actor, key);
  const d = parseInput(SaveAnnualReportSchema, input);
  const conflict = () => Errors.conflict('年报已被他人修改，请刷新后在最新版本上修改').withDetails({ reason: 'version' });
  await inTransaction(deps.db, async (tx) => {
    const row = await annualReports.byOrgYear(tx.trx, key.orgId, key.year);
    if ((row?.version ?? 0) !== d.expectedVersion) throw conflict();
    const now = deps.clock.now().toISOString();
    const by = actor.id ?? actor.name;
    const entered = JSON.stringify(d.entered);
    const narratives = JSON.stringify(d.narratives);
    const id = row?.id ?? randomUUID();
    if (!row) {
      await annualReports.insert(tx.trx, {
        id,
        org_id: key.orgId,
        year: key.year,
        entered,
        narratives,
        article_id: null,
        version: 1,
        updated_by: by,
        updated_at: now,
      });
    } else if (
      !(await annualReports.updateVersioned(tx.trx, row.id, row.version, {
        entered,
        narratives,
        version: row.version + 1,
        updated_by: by,
        updated_at: now,
      }))
    ) {
      throw conflict();
    }
    await recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.annualReport.save',
      targetType: 'annualReport',
      targetId: id,
      details: { orgId: key.orgId, year: key.year, version: d.expectedVersion + 1 },
    });
  });
  return buildReport(deps, org, key.year);
}

/** The report as DOCX. */
export async function annualReportDocxFile(deps: Deps, actor: Actor, key: ReportKey): Promise<{ name: string; bytes: Buffer }> {
  const report = await getAnnualReport(deps, actor, key);
  return { name: `${report.orgName}${report.year}年政府信息公开工作年度报告.docx`, bytes: await annualReportDocx(report) };
}

/** The report's tables as XLSX. */
export async function annualReportXlsxFile(deps: Deps, actor: Actor, key: ReportKey): Promise<{ name: string; bytes: Buffer }> {
  const report = await getAnnualReport(deps, actor, key);
  return { name: `${report.orgName}${report.year}年政府信息公开工作年度报告.xlsx`, bytes: await annualReportXlsx(report) };
}

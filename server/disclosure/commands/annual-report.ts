/**
 * The annual disclosure report's section 三 for an org, or for a government with every org
 * below it, computed from the request records and checked against the cross-sum rules.
 */
import { orgSubtree } from '../../accounts/index.ts';
import { can } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { reportRows } from '../disclosure.repository.ts';
import { requestTable, tableProblems, type ReportProblem, type RequestTable } from '../rules/annual-report.ts';

export interface AnnualRequestReport {
  orgId: string;
  year: number;
  /** Orgs whose requests are counted (the org, and those below it for a government's report). */
  orgCount: number;
  table: RequestTable;
  problems: ReportProblem[];
}

/** Section 三 of `year`'s report for the org (with the orgs below it when `includeSubordinates`). */
export async function annualRequestReport(
  deps: Deps,
  actor: Actor,
  input: { orgId: string; year: number; includeSubordinates?: boolean },
): Promise<AnnualRequestReport> {
  // Supervisors report on any government; the reports are public once published.
  if (!can(actor, 'evaluation.manage')) throw Errors.forbidden();
  if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100)
    throw Errors.validation(undefined, [{ field: 'year', message: '年份应为 2008—2100 之间的整数' }]);
  const orgIds = input.includeSubordinates ? await orgSubtree(deps, input.orgId) : [input.orgId];
  if (!orgIds.length) throw Errors.notFound('单位不存在');
  const rows = await reportRows.forYear(deps.db.kysely, orgIds, `${input.year}-01-01`, `${input.year}-12-31`);
  const table = requestTable(
    input.year,
    rows.map((r) => ({ category: r.applicant_category, receivedOn: r.received_on, closedOn: r.closed_on, outcome: r.outcome })),
  );
  return { orgId: input.orgId, year: input.year, orgCount: orgIds.length, table, problems: tableProblems(table) };
}

/**
 * 约谈问责: the sites a spot check flags (failed in two consecutive periods, or a rectification
 * task overdue) and the record of each interview held with a site's owner org.
 */
import { randomUUID } from 'node:crypto';
import {
  InterviewInputSchema,
  type InterviewCandidate,
  type InterviewReason,
  type InterviewView,
} from '../../../common/schemas/evaluation.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { EvaluationInterviewTable } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { batches, evaluationRefs, interviews, tasks } from '../evaluation.repository.ts';
import { interviewReasons } from '../rules/rectification.ts';
import { getBatch } from './batches.ts';

/** The sites of a spot check flagged for 约谈问责, with why and how many interviews were recorded since it was made. */
export async function interviewCandidates(deps: Deps, actor: Actor, batchId: string): Promise<InterviewCandidate[]> {
  const detail = await getBatch(deps, actor, batchId);
  const db = deps.db.kysely;
  const overdue = await tasks.overdueBySite(db, beijingToday(deps.clock));
  const held = await interviews.countSince(db, detail.batch.createdAt.slice(0, 10));
  const flagged = detail.results
    .map((r) => ({ r, reasons: interviewReasons({ repeatFailure: r.repeatFailure, overdueTasks: overdue.get(r.siteId) ?? 0 }) }))
    .filter((x) => x.reasons.length > 0);
  const sites = new Map(
    (
      await evaluationRefs.sitesByIds(
        db,
        flagged.map((x) => x.r.siteId),
      )
    ).map((s) => [s.id, s.sponsor_org_id]),
  );
  const orgs = await evaluationRefs.orgNames(db, [...sites.values()]);
  return flagged.map(({ r, reasons }) => ({
    siteId: r.siteId,
    siteName: r.siteName,
    orgName: orgs.get(sites.get(r.siteId) ?? '') ?? '',
    reasons,
    overdueTasks: overdue.get(r.siteId) ?? 0,
    interviews: held.get(r.siteId) ?? 0,
  }));
}

async function present(deps: Deps, rows: readonly EvaluationInterviewTable[]): Promise<InterviewView[]> {
  const db = deps.db.kysely;
  const sites = new Map((await evaluationRefs.sitesByIds(db, [...new Set(rows.map((r) => r.site_id))])).map((s) => [s.id, s.name]));
  const orgs = await evaluationRefs.orgNames(
    db,
    rows.map((r) => r.org_id),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    siteName: sites.get(r.site_id) ?? r.site_id,
    orgId: r.org_id,
    orgName: orgs.get(r.org_id) ?? r.org_id,
    batchId: r.batch_id,
    reason: r.reason as InterviewReason,
    heldOn: r.held_on,
    attendees: r.attendees,
    summary: r.summary,
    commitments: r.commitments,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}

/** Records an interview held with a site's owner org (audited on the site). */
export async function recordInterview(deps: Deps, actor: Actor, input: unknown): Promise<InterviewView> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(InterviewInputSchema, input);
  const db = deps.db.kysely;
  const [site] = await evaluationRefs.sitesByIds(db, [data.siteId]);
  if (!site) throw Errors.validation('网站不存在', [{ field: 'siteId', message: '请选择网站' }]);
  if (data.batchId && !(await batches.get(db, data.batchId)))
    throw Errors.validation('找不到该抽查', [{ field: 'batchId', message: '请选择抽查' }]);
  if (data.heldOn > beijingToday(deps.clock))
    throw Errors.validation('约谈日期不能晚于今天', [{ field: 'heldOn', message: '请填写已举行约谈的日期' }]);
  const row: EvaluationInterviewTable = {
    id: randomUUID(),
    site_id: site.id,
    org_id: site.sponsor_org_id,
    batch_id: data.batchId ?? null,
    reason: data.reason,
    held_on: data.heldOn,
    attendees: data.attendees,
    summary: data.summary,
    commitments: data.commitments ?? null,
    recorded_by: actor.name,
    recorded_at: deps.clock.now().toISOString(),
  };
  await inTransaction(deps.db, async (tx) => {
    await interviews.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'evaluation.interview.record',
      targetType: 'evaluation_interview',
      targetId: row.id,
      siteId: site.id,
      details: { reason: row.reason, heldOn: row.held_on, batchId: row.batch_id },
    });
  });
  return (await present(deps, [row]))[0]!;
}

export async function listInterviews(deps: Deps, actor: Actor, siteId?: string): Promise<InterviewView[]> {
  requirePermission(actor, 'evaluation.manage');
  return present(deps, await interviews.list(deps.db.kysely, siteId));
}

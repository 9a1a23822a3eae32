/**
 * Rectification (整改): from a finished spot check, each lost item of a site becomes a task for
 * the site's owner org with a deadline. The owner reports the fix; for items found by the
 * monitoring a re-check (the job `evaluation.recheckTask`) runs the checks behind the item's
 * findings again for that site and closes the task only if the item no longer loses anything,
 * otherwise reopens it; items scored by hand are re-checked by a checker. Overdue tasks are
 * escalated each morning. A dismissal (核销) is asked with a reason and decided by a supervisor
 * who did not ask for it; an approved one keeps the findings out of later scoring, while the
 * batch that charged them keeps its score. Every step is a task event and an audit record on
 * the target site.
 */
import { randomUUID } from 'node:crypto';
import {
  DecideDismissalSchema,
  IssueTasksSchema,
  ReportFixSchema,
  RequestDismissalSchema,
  TaskQuerySchema,
  VerifyTaskSchema,
  type TaskDetail,
  type TaskEvent,
  type TaskList,
  type TaskState,
  type TaskView,
} from '../../../common/schemas/evaluation.ts';
import type { FindingSource } from '../../../common/schemas/monitoring.ts';
import { recordAudit } from '../../audit/index.ts';
import { addDays } from '../../calendar/index.ts';
import { recheckSite, type ScoringFinding } from '../../monitoring/index.ts';
import { can, requirePermission, visibleSites } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { RectificationEventTable, RectificationTaskTable } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { batches, dismissals, evaluationRefs, manualResults, results, taskEvents, tasks } from '../evaluation.repository.ts';
import { cents } from '../rules/indicator-system.ts';
import { DEFAULT_RECTIFY_DAYS, itemsToRectify, moveTask, taskOverdue, type TaskAction } from '../rules/rectification.ts';
import { lostItem } from '../rules/score.ts';
import { frozenSystem, scoringContexts, verdictOf } from './batches.ts';

/** The job that re-checks a task whose fix was reported (evaluation.jobs.ts). */
export const RECHECK_TASK_JOB = 'evaluation.recheckTask';
/** Findings named on a task: as many as a result names. */
const MAX_IDS = 100;

const parseIds = (raw: string): string[] => JSON.parse(raw) as string[];

async function present(deps: Deps, rows: readonly RectificationTaskTable[]): Promise<TaskView[]> {
  const db = deps.db.kysely;
  const today = beijingToday(deps.clock);
  const sites = new Map((await evaluationRefs.sitesByIds(db, [...new Set(rows.map((r) => r.site_id))])).map((s) => [s.id, s.name]));
  const orgs = await evaluationRefs.orgNames(
    db,
    rows.map((r) => r.org_id),
  );
  const batchRows = new Map<string, { name: string; period: string; categories: Map<string, string | undefined> }>();
  for (const id of new Set(rows.map((r) => r.batch_id))) {
    const b = await batches.get(db, id);
    if (b)
      batchRows.set(id, { name: b.name, period: b.period, categories: new Map(frozenSystem(b).items.map((i) => [i.code, i.category])) });
  }
  return rows.map((r) => {
    const b = batchRows.get(r.batch_id);
    const state = r.state as TaskState;
    return {
      id: r.id,
      batchId: r.batch_id,
      batchName: b?.name ?? '',
      period: b?.period ?? '',
      siteId: r.site_id,
      siteName: sites.get(r.site_id) ?? r.site_id,
      orgId: r.org_id,
      orgName: orgs.get(r.org_id) ?? r.org_id,
      itemCode: r.item_code,
      indicator: r.indicator,
      kind: r.kind === 'veto' ? 'veto' : 'deduction',
      points: r.points_cents === null ? null : r.points_cents / 100,
      category: (b?.categories.get(r.item_code) ?? null) as TaskView['category'],
      findingIds: parseIds(r.finding_ids),
      findingCount: r.finding_count,
      recheck: r.recheck === 'manual' ? 'manual' : 'auto',
      state,
      deadline: r.deadline,
      overdue: taskOverdue({ state, deadline: r.deadline }, today),
      escalatedAt: r.escalated_at,
      reopened: r.reopened,
      createdAt: r.created_at,
      closedAt: r.closed_at,
    };
  });
}

/** May the actor see the site's tasks: supervisors every site, a site's people their own. */
function readableScope(actor: Actor): 'all' | string[] {
  if (can(actor, 'evaluation.manage')) return 'all';
  return visibleSites(actor, 'sites.read');
}

async function loadTask(deps: Deps, actor: Actor, id: string): Promise<RectificationTaskTable> {
  const row = await tasks.get(deps.db.kysely, id);
  if (!row) throw Errors.notFound('找不到该整改任务');
  const scope = readableScope(actor);
  if (scope !== 'all' && !scope.includes(row.site_id)) throw Errors.forbidden();
  return row;
}

/** Issues the rectification tasks of a finished spot check; items that already have a task are left as they are. */
export async function issueTasks(
  deps: Deps,
  actor: Actor,
  batchId: string,
  input: unknown,
): Promise<{ created: number; existing: number }> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(IssueTasksSchema, input);
  const db = deps.db.kysely;
  const batch = await batches.get(db, batchId);
  if (!batch) throw Errors.notFound('找不到该抽查');
  if (batch.state !== 'done') throw Errors.conflict('抽查尚未评分完成，不能下发整改');
  const today = beijingToday(deps.clock);
  const deadline = data.deadline ?? addDays(today, DEFAULT_RECTIFY_DAYS);
  if (deadline <= today) throw Errors.validation('整改期限应晚于今天', [{ field: 'deadline', message: `应晚于 ${today}` }]);
  const rows = await results.ofBatch(db, batchId);
  const owners = new Map(
    (
      await evaluationRefs.sitesByIds(
        db,
        rows.map((r) => r.site_id),
      )
    ).map((s) => [s.id, s.sponsor_org_id]),
  );
  const have = await tasks.keysOfBatch(db, batchId);
  // An item a checker scored by hand is re-checked by hand; one the monitoring found, by the monitoring.
  const byHand = new Set(
    (
      await manualResults.ofSites(
        db,
        batchId,
        rows.map((r) => r.site_id),
      )
    ).map((m) => `${m.site_id}:${m.item_code}`),
  );
  const now = deps.clock.now().toISOString();
  const created: RectificationTaskTable[] = [];
  let existing = 0;
  for (const r of rows) {
    const lost = {
      siteId: r.site_id,
      verdict: verdictOf(r.verdict),
      vetoes: JSON.parse(r.vetoes ?? '[]') as { code: string; indicator: string; findingIds: string[]; findingCount: number }[],
      deductions: JSON.parse(r.deductions ?? '[]') as {
        code: string;
        indicator: string;
        points: number;
        findingIds: string[];
        findingCount: number;
      }[],
    };
    for (const code of itemsToRectify(lost, data.scope)) {
      if (have.has(`${r.site_id}:${code}`)) {
        existing++;
        continue;
      }
      const veto = lost.vetoes.find((v) => v.code === code);
      const deduction = lost.deductions.find((d) => d.code === code);
      const entry = veto ?? deduction!;
      created.push({
        id: randomUUID(),
        batch_id: batchId,
        site_id: r.site_id,
        org_id: owners.get(r.site_id)!,
        item_code: code,
        indicator: entry.indicator,
        kind: veto ? 'veto' : 'deduction',
        points_cents: deduction ? cents(deduction.points) : null,
        finding_ids: JSON.stringify(entry.findingIds),
        finding_count: entry.findingCount,
        recheck: entry.findingCount > 0 && !byHand.has(`${r.site_id}:${code}`) ? 'auto' : 'manual',
        state: 'open',
        deadline,
        escalated_at: null,
        reopened: 0,
        events: 1,
        created_by: actor.name,
        created_at: now,
        updated_at: now,
        closed_at: null,
      });
    }
  }
  await inTransaction(deps.db, async (tx) => {
    await tasks.insertMany(tx.trx, created);
    await taskEvents.insertMany(
      tx.trx,
      created.map((t) => ({
        task_id: t.id,
        seq: 1,
        at: now,
        actor: actor.name,
        actor_id: actor.id,
        event: 'created',
        note: `整改期限 ${deadline}`,
      })),
    );
    for (const siteId of new Set(created.map((t) => t.site_id)))
      await recordAudit(tx, deps.clock, actor, {
        action: 'evaluation.rectification.issue',
        targetType: 'evaluation_batch',
        targetId: batchId,
        siteId,
        details: { deadline, items: created.filter((t) => t.site_id === siteId).map((t) => t.item_code) },
      });
  });
  return { created: created.length, existing };
}

export async function listTasks(deps: Deps, actor: Actor, query: unknown): Promise<TaskList> {
  const q = parseInput(TaskQuerySchema, query);
  const db = deps.db.kysely;
  const filter = {
    scope: readableScope(actor),
    batchId: q.batchId,
    siteId: q.siteId,
    state: q.state,
    overdueOn: q.overdue === 'true' ? beijingToday(deps.clock) : undefined,
  };
  const [rows, total] = await Promise.all([
    tasks.list(db, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    tasks.count(db, filter),
  ]);
  return { items: await present(deps, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getTask(deps: Deps, actor: Actor, id: string): Promise<TaskDetail> {
  const row = await loadTask(deps, actor, id);
  const [view] = await present(deps, [row]);
  const events = await taskEvents.ofTask(deps.db.kysely, id);
  return {
    ...view!,
    events: events.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, event: e.event as TaskEvent, note: e.note })),
  };
}

/**
 * Moves the task by `action` in one transaction with its event and audit record; refused when
 * the task is not in a state the action starts from (or another hand moved it first).
 */
async function moveAndRecord(
  deps: Deps,
  actor: Actor,
  task: RectificationTaskTable,
  action: TaskAction,
  event: TaskEvent,
  note: string | null,
  extra: Partial<RectificationTaskTable> = {},
  within?: (tx: Tx) => Promise<void>,
): Promise<void> {
  const move = moveTask(task.state as TaskState, action);
  if ('refused' in move) throw Errors.conflict(move.refused);
  const now = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    if (!(await tasks.move(tx.trx, task, { state: move.to, updated_at: now, ...extra })))
      throw Errors.conflict('该整改任务已被他人处理，请刷新后重试');
    const row: RectificationEventTable = {
      task_id: task.id,
      seq: task.events + 1,
      at: now,
      actor: actor.name,
      actor_id: actor.id,
      event,
      note,
    };
    await taskEvents.insert(tx.trx, row);
    await within?.(tx);
    await recordAudit(tx, deps.clock, actor, {
      action: `evaluation.rectification.${event}`,
      targetType: 'rectification_task',
      targetId: task.id,
      siteId: task.site_id,
      details: { item: task.item_code, from: task.state, to: move.to, ...(note ? { note } : {}) },
    });
  });
}

/** The owner reports the fix; an item found by the monitoring is re-checked at once (queued). */
export async function reportFix(deps: Deps, actor: Actor, id: string, input: unknown): Promise<TaskDetail> {
  const data = parseInput(ReportFixSchema, input);
  const task = await loadTask(deps, actor, id);
  requirePermission(actor, 'rectification.report', task.site_id);
  await moveAndRecord(deps, actor, task, 'report', 'reported', data.note, {}, async (tx) => {
    if (task.recheck === 'auto')
      await enqueueJob(tx, deps.clock, RECHECK_TASK_JOB, { taskId: id }, { dedupeKey: `${RECHECK_TASK_JOB}:${id}:${task.events + 1}` });
  });
  return getTask(deps, actor, id);
}

/** The item as it stands now for the task's site: what it still loses, from the open findings not dismissed. */
async function itemNow(deps: Deps, task: RectificationTaskTable) {
  const batch = (await batches.get(deps.db.kysely, task.batch_id))!;
  const [site] = await scoringContexts(deps, task.batch_id, [task.site_id]);
  // Only findings decide an automatic re-check (an item with a checker's result is re-checked by hand).
  return { batch, lost: site ? lostItem(frozenSystem(batch), task.item_code, { ...site.ctx, manual: {} }) : undefined };
}

const summary = (fs: readonly ScoringFinding[]) => ({
  finding_ids: JSON.stringify(fs.slice(0, MAX_IDS).map((f) => f.id)),
  finding_count: fs.length,
});

/**
 * Re-checks a reported task (the job `evaluation.recheckTask`): the checks behind the item's
 * findings run again for the site, then the task closes if the item loses nothing any more and
 * is reopened with what is still found otherwise. A task no longer waiting for a re-check is left alone.
 */
export async function recheckTask(
  deps: Deps,
  actor: Actor,
  id: string,
  signal?: AbortSignal,
): Promise<{ state: TaskState; findings: number } | null> {
  requirePermission(actor, 'system.jobs');
  const before = await tasks.get(deps.db.kysely, id);
  if (!before || before.state !== 'reported' || before.recheck !== 'auto') return null;
  const { lost } = await itemNow(deps, before);
  const sources = [...new Set((lost?.findings ?? []).map((f) => f.source))] as FindingSource[];
  if (sources.length > 0) await recheckSite(deps, actor, before.site_id, sources, signal);
  if (signal?.aborted) throw new Error('re-check interrupted');
  const task = (await tasks.get(deps.db.kysely, id))!;
  const after = (await itemNow(deps, task)).lost;
  if (!after) {
    await moveAndRecord(deps, actor, task, 'recheckClosed', 'closed', '复查：该项问题已不再出现', {
      closed_at: deps.clock.now().toISOString(),
      ...summary([]),
    });
    return { state: 'closed', findings: 0 };
  }
  const points = 'points' in after ? (after.points as number) : null;
  await moveAndRecord(
    deps,
    actor,
    task,
    'recheckReopened',
    'reopened',
    `复查：仍发现 ${after.findings.length} 条问题${points !== null ? `，扣 ${points} 分` : ''}`,
    { reopened: task.reopened + 1, ...summary(after.findings), ...(points !== null ? { points_cents: cents(points) } : {}) },
  );
  return { state: 'open', findings: after.findings.length };
}

/**
 * The re-check could not be done (its job failed on its last attempt: the site could not be
 * checked, or the check was cut short): the task goes back to its owner saying so, instead of
 * waiting as reported for ever. Not counted as a reopen: nothing was found.
 */
export async function recheckFailed(deps: Deps, actor: Actor, id: string): Promise<boolean> {
  requirePermission(actor, 'system.jobs');
  const task = await tasks.get(deps.db.kysely, id);
  if (!task || task.state !== 'reported' || task.recheck !== 'auto') return false;
  await moveAndRecord(
    deps,
    actor,
    task,
    'recheckReopened',
    'reopened',
    '复查未能完成：平台未能完成对网站的检查，请确认网站可以正常访问后重新报告整改',
  );
  return true;
}

/** A checker's re-check of an item scored by hand. */
export async function verifyTask(deps: Deps, actor: Actor, id: string, input: unknown): Promise<TaskDetail> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(VerifyTaskSchema, input);
  const task = await loadTask(deps, actor, id);
  if (task.recheck !== 'manual') throw Errors.conflict('该项由系统自动复查，不需人工复查');
  if (data.fixed)
    await moveAndRecord(deps, actor, task, 'recheckClosed', 'closed', `人工复查通过：${data.note}`, {
      closed_at: deps.clock.now().toISOString(),
    });
  else
    await moveAndRecord(deps, actor, task, 'recheckReopened', 'reopened', `人工复查未通过：${data.note}`, { reopened: task.reopened + 1 });
  return getTask(deps, actor, id);
}

/** The owner (or a checker) asks for the item to be dismissed (核销), with the reason. */
export async function requestDismissal(deps: Deps, actor: Actor, id: string, input: unknown): Promise<TaskDetail> {
  const data = parseInput(RequestDismissalSchema, input);
  const task = await loadTask(deps, actor, id);
  if (!can(actor, 'rectification.report', task.site_id) && !can(actor, 'evaluation.manage')) throw Errors.forbidden();
  await moveAndRecord(deps, actor, task, 'requestDismissal', 'dismissalRequested', data.reason);
  return getTask(deps, actor, id);
}

/**
 * A supervisor decides a dismissal; whoever asked for it may not decide it. Approved, the
 * findings now behind the item are kept out of later scoring (recorded with the reason);
 * the batch's score does not change.
 */
export async function decideDismissal(deps: Deps, actor: Actor, id: string, input: unknown): Promise<TaskDetail> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(DecideDismissalSchema, input);
  const task = await loadTask(deps, actor, id);
  const events = await taskEvents.ofTask(deps.db.kysely, id);
  const request = events.filter((e) => e.event === 'dismissalRequested').at(-1);
  if (task.state === 'dismissalRequested' && request && request.actor_id !== null && request.actor_id === actor.id)
    throw Errors.forbidden('不能审批自己提出的核销申请');
  if (!data.approve) {
    await moveAndRecord(deps, actor, task, 'rejectDismissal', 'dismissalRejected', data.opinion);
    return getTask(deps, actor, id);
  }
  const { lost } = await itemNow(deps, task);
  const ids = new Set([...(lost?.findings ?? []).map((f) => f.id), ...parseIds(task.finding_ids)]);
  const now = deps.clock.now().toISOString();
  await moveAndRecord(deps, actor, task, 'approveDismissal', 'dismissalApproved', data.opinion, { closed_at: now }, (tx) =>
    dismissals.insertMany(
      tx.trx,
      [...ids].map((findingId) => ({
        finding_id: findingId,
        item_code: task.item_code,
        site_id: task.site_id,
        task_id: task.id,
        reason: request?.note ?? data.opinion,
        approved_by: actor.name,
        approved_at: now,
      })),
    ),
  );
  return getTask(deps, actor, id);
}

/** Escalates every unfinished task past its deadline that was not escalated yet (督办); returns how many. */
export async function escalateOverdue(deps: Deps, actor: Actor): Promise<number> {
  requirePermission(actor, 'system.jobs');
  const today = beijingToday(deps.clock);
  let n = 0;
  for (const task of await tasks.toEscalate(deps.db.kysely, today)) {
    const now = deps.clock.now().toISOString();
    await inTransaction(deps.db, async (tx) => {
      if (!(await tasks.markEscalated(tx.trx, task, now))) return;
      await taskEvents.insert(tx.trx, {
        task_id: task.id,
        seq: task.events + 1,
        at: now,
        actor: actor.name,
        actor_id: actor.id,
        event: 'escalated',
        note: `整改期限 ${task.deadline} 已过`,
      });
      await recordAudit(tx, deps.clock, actor, {
        action: 'evaluation.rectification.escalated',
        targetType: 'rectification_task',
        targetId: task.id,
        siteId: task.site_id,
        details: { item: task.item_code, deadline: task.deadline },
      });
      n++;
    });
  }
  return n;
}

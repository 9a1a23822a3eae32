/**
 * The review workflow's commands: submit, approve, reject, withdraw, publish (now or at a
 * time), emergency publish and retract. One article per call: there is no batch approval.
 */
import { allocateIndexNumber } from '../../disclosure/index.ts';
import { offerToSubscribers } from '../../syndication/index.ts';
import { ReasonSchema, PublishSchema, ReviewDecisionSchema, type WorkflowResult } from '../../../common/schemas/content.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { enqueueArticlePublish, enqueueJob } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { articles } from '../content.repository.ts';
import { minutesLate } from '../rules/deadlines.ts';
import { actionProblems, afterApproval, approvalsComplete, type WorkflowAction } from '../rules/workflow.ts';
import { recordEvent } from './articles.ts';
import { runAndStoreChecks, type StoredChecks } from './checks.ts';
import { actorFacts, loadArticleContext, type ArticleContext } from './context.ts';
import { emergencyReviewHours } from './workflow-config.ts';

// The response type is shared with the admin (common/), so the two cannot drift apart.
export type { WorkflowResult };

function refuse(action: WorkflowAction, problems: string[]): never {
  const message = problems.join('；');
  // Not holding the right role is a 403; everything else is about the article's state: 409.
  if (problems.some((p) => /^只有/.test(p))) throw Errors.forbidden(message);
  throw Errors.conflict(message).withDetails({ action, problems });
}

async function save(tx: Tx, ctx: ArticleContext, patch: Partial<ArticleRow>): Promise<ArticleRow> {
  const next = { ...ctx.article, ...patch, version: ctx.article.version + 1 };
  if (!(await articles.updateVersioned(tx.trx, ctx.article.id, ctx.article.version, { ...patch, version: next.version }))) {
    throw Errors.conflict('稿件状态已被他人改变，请刷新后重试');
  }
  return next;
}

function result(ctx: ArticleContext, a: ArticleRow, checks?: StoredChecks): WorkflowResult {
  return {
    id: a.id,
    status: a.status,
    stage: a.stage_index !== null ? (ctx.stages[a.stage_index]?.key ?? null) : null,
    version: a.version,
    ...(checks ? { checks } : {}),
  };
}

async function audit(tx: Tx, deps: Deps, actor: Actor, a: ArticleRow, action: string, details: Record<string, unknown> = {}) {
  await recordAudit(tx, deps.clock, actor, {
    action: `content.article.${action}`,
    targetType: 'article',
    targetId: a.id,
    siteId: a.site_id,
    details,
  });
}

/** Sends a draft (or a rejected or withdrawn article) to the first review stage; checks with errors block. */
export async function submitArticle(deps: Deps, actor: Actor, articleId: string): Promise<WorkflowResult> {
  const out = await inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const checks = await runAndStoreChecks(deps, tx, ctx.article, ctx.revision, 'submit');
    const problems = actionProblems('submit', ctx.facts, actorFacts(actor, ctx.article.site_id), ctx.stages, {
      checkErrors: checks.errors,
    });
    // Refused only by its check errors: keep the stored results (the editor needs them), refuse after commit.
    if (problems.length === 1 && checks.errors > 0) return { refused: problems, checks };
    if (problems.length) refuse('submit', problems);
    const now = deps.clock.now().toISOString();
    const a = await save(tx, ctx, { status: 'in_review', stage_index: 0, submitted_at: now, updated_at: now });
    await recordEvent(tx, deps, actor, a, ctx.revision.id, 'submit', ctx.stages[0]?.key ?? null);
    await audit(tx, deps, actor, a, 'submit', { revisionId: ctx.revision.id, warnings: checks.warnings });
    return { done: result(ctx, a, checks) };
  });
  if (out.refused)
    throw Errors.conflict(out.refused.join('；')).withDetails({ action: 'submit', problems: out.refused, checks: out.checks });
  return out.done as WorkflowResult;
}

/** Approves the current stage for the revision the reviewer saw; the last stage may publish at once or schedule. */
export async function approveArticle(deps: Deps, actor: Actor, articleId: string, input: unknown): Promise<WorkflowResult> {
  const d = parseInput(ReviewDecisionSchema, input);
  const out = await inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const stage = ctx.article.stage_index !== null ? ctx.stages[ctx.article.stage_index] : undefined;
    const checks = await runAndStoreChecks(deps, tx, ctx.article, ctx.revision, `approve:${stage?.key ?? '-'}`);
    const problems = actionProblems('approve', ctx.facts, actorFacts(actor, ctx.article.site_id), ctx.stages, {
      revisionId: d.revisionId,
      opinion: d.opinion,
      checkErrors: checks.errors,
    });
    if (problems.length) refuse('approve', problems);
    const next = afterApproval(ctx.article.stage_index ?? 0, ctx.stages);
    if (d.publish && next.status !== 'approved')
      throw Errors.validation('只有最后一个审核环节可以同时发布', [{ field: 'publish', message: '只有审签环节可以同时发布' }]);
    const now = deps.clock.now().toISOString();
    const a = await save(tx, ctx, { status: next.status, stage_index: next.stageIndex, updated_at: now });
    await recordEvent(tx, deps, actor, a, ctx.revision.id, 'approve', stage?.key ?? null, d.opinion ?? null);
    await audit(tx, deps, actor, a, 'approve', { stage: stage?.key, revisionId: ctx.revision.id, opinion: d.opinion ?? null });
    return { a, ctx, checks };
  });
  if (d.publish) {
    const published = await publishArticle(deps, actor, articleId, d.publish === 'now' ? {} : { at: d.publish });
    return { ...published, checks: out.checks };
  }
  return result(out.ctx, out.a, out.checks);
}

/** Sends the article back to its author with the reviewer's opinion. */
export async function rejectArticle(deps: Deps, actor: Actor, articleId: string, input: unknown): Promise<WorkflowResult> {
  const d = parseInput(ReviewDecisionSchema.omit({ publish: true }), input);
  return inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const stage = ctx.article.stage_index !== null ? ctx.stages[ctx.article.stage_index] : undefined;
    const problems = actionProblems('reject', ctx.facts, actorFacts(actor, ctx.article.site_id), ctx.stages, {
      revisionId: d.revisionId,
      opinion: d.opinion,
    });
    if (problems.length) refuse('reject', problems);
    const a = await save(tx, ctx, { status: 'rejected', stage_index: null, updated_at: deps.clock.now().toISOString() });
    await recordEvent(tx, deps, actor, a, ctx.revision.id, 'reject', stage?.key ?? null, d.opinion ?? null);
    await audit(tx, deps, actor, a, 'reject', { stage: stage?.key, opinion: d.opinion });
    return result(ctx, a);
  });
}

/** The author takes the article back out of review (or cancels an approved, unpublished one). */
export async function withdrawArticle(deps: Deps, actor: Actor, articleId: string): Promise<WorkflowResult> {
  return inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const problems = actionProblems('withdraw', ctx.facts, actorFacts(actor, ctx.article.site_id), ctx.stages);
    if (problems.length) refuse('withdraw', problems);
    const a = await save(tx, ctx, {
      status: 'withdrawn',
      stage_index: null,
      scheduled_at: null,
      updated_at: deps.clock.now().toISOString(),
    });
    await recordEvent(tx, deps, actor, a, ctx.revision.id, 'withdraw');
    await audit(tx, deps, actor, a, 'withdraw');
    return result(ctx, a);
  });
}

/** Makes the approved revision live now, or schedules it. Nothing goes live without every stage's approval. */
export async function publishArticle(deps: Deps, actor: Actor, articleId: string, input: unknown = {}): Promise<WorkflowResult> {
  const d = parseInput(PublishSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const now = deps.clock.now();
    const at = d.at ? new Date(d.at) : null;
    const action: WorkflowAction = at && at > now ? 'schedule' : 'publish';
    const problems = actionProblems(action, ctx.facts, actorFacts(actor, ctx.article.site_id), ctx.stages);
    if (problems.length) refuse(action, problems);
    if (action === 'schedule' && at) {
      const a = await save(tx, ctx, { status: 'scheduled', scheduled_at: at.toISOString(), updated_at: now.toISOString() });
      await enqueueJob(tx, deps.clock, 'content.publishScheduled', { articleId, version: a.version }, { runAt: at });
      await recordEvent(tx, deps, actor, a, ctx.revision.id, 'schedule', null, at.toISOString());
      await audit(tx, deps, actor, a, 'schedule', { at: at.toISOString() });
      return result(ctx, a);
    }
    return result(ctx, await goLive(deps, tx, actor, ctx));
  });
}

async function goLive(deps: Deps, tx: Tx, actor: Actor, ctx: ArticleContext): Promise<ArticleRow> {
  const nowIso = deps.clock.now().toISOString();
  const first = ctx.article.first_published_at === null;
  const a = await save(tx, ctx, {
    status: 'published',
    stage_index: null,
    live_revision_id: ctx.revision.id,
    published_at: nowIso,
    first_published_at: ctx.article.first_published_at ?? nowIso,
    late_minutes: first ? minutesLate(ctx.article.due_at, nowIso) : ctx.article.late_minutes,
    scheduled_at: null,
    // A completed retrospective review of this very revision closes the emergency.
    emergency: ctx.article.emergency && approvalsComplete(ctx.facts, ctx.stages) ? 0 : ctx.article.emergency,
    retracted_at: null,
    retract_reason: null,
    updated_at: nowIso,
  });
  await allocateIndexNumber(deps, tx, {
    articleId: a.id,
    siteId: a.site_id,
    columnId: a.column_id,
    publishedAt: a.first_published_at ?? nowIso,
  });
  const correction = !first ? 'correct' : 'publish';
  // Columns of other sites subscribed to this one are offered the article (or take it) now.
  if (first) await offerToSubscribers(deps, tx, actor, a);
  await recordEvent(tx, deps, actor, a, ctx.revision.id, correction);
  await audit(tx, deps, actor, a, correction, { revisionId: ctx.revision.id, lateMinutes: a.late_minutes });
  await enqueueArticlePublish(tx, deps.clock, a.id);
  return a;
}

/** Runs by the scheduler: publishes a scheduled article whose time has come, if it is still approved as it was. */
export async function publishScheduledArticle(deps: Deps, actor: Actor, articleId: string): Promise<WorkflowResult | null> {
  return inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const { article } = ctx;
    if (article.status !== 'scheduled' || !article.scheduled_at || new Date(article.scheduled_at) > deps.clock.now()) return null;
    if (!approvalsComplete(ctx.facts, ctx.stages)) throw Errors.conflict('定时发布的稿件未完成全部审核环节');
    return result(ctx, await goLive(deps, tx, actor, ctx));
  });
}

/** A leader publishes at once with a written reason; the article then goes through the stages retrospectively. */
export async function emergencyPublishArticle(deps: Deps, actor: Actor, articleId: string, input: unknown): Promise<WorkflowResult> {
  const { reason } = parseInput(ReasonSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const problems = actionProblems('emergencyPublish', ctx.facts, actorFacts(actor, ctx.article.site_id), ctx.stages, { reason });
    if (problems.length) refuse('emergencyPublish', problems);
    const now = deps.clock.now();
    const hours = await emergencyReviewHours(tx.trx);
    const nowIso = now.toISOString();
    const a = await save(tx, ctx, {
      status: 'in_review',
      stage_index: 0,
      live_revision_id: ctx.revision.id,
      published_at: nowIso,
      first_published_at: ctx.article.first_published_at ?? nowIso,
      late_minutes: ctx.article.first_published_at ? ctx.article.late_minutes : minutesLate(ctx.article.due_at, nowIso),
      submitted_at: nowIso,
      emergency: 1,
      emergency_reason: reason,
      emergency_due_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
      retracted_at: null,
      updated_at: nowIso,
    });
    await allocateIndexNumber(deps, tx, {
      articleId: a.id,
      siteId: a.site_id,
      columnId: a.column_id,
      publishedAt: a.first_published_at ?? nowIso,
    });
    if (!ctx.article.first_published_at) await offerToSubscribers(deps, tx, actor, a);
    await recordEvent(tx, deps, actor, a, ctx.revision.id, 'emergency', 'emergency', reason);
    await audit(tx, deps, actor, a, 'emergencyPublish', { reason, retrospectiveReviewDue: a.emergency_due_at });
    await enqueueArticlePublish(tx, deps.clock, a.id);
    return result(ctx, a);
  });
}

/** Takes a live article down with a reason; its history stays. */
export async function retractArticle(deps: Deps, actor: Actor, articleId: string, input: unknown): Promise<WorkflowResult> {
  const { reason } = parseInput(ReasonSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const problems = actionProblems('retract', ctx.facts, actorFacts(actor, ctx.article.site_id), ctx.stages, { reason });
    if (problems.length) refuse('retract', problems);
    const nowIso = deps.clock.now().toISOString();
    const a = await save(tx, ctx, {
      status: 'retracted',
      stage_index: null,
      scheduled_at: null,
      retracted_at: nowIso,
      retract_reason: reason,
      emergency: 0,
      updated_at: nowIso,
    });
    await recordEvent(tx, deps, actor, a, ctx.revision.id, 'retract', null, reason);
    await audit(tx, deps, actor, a, 'retract', { reason });
    await enqueueArticlePublish(tx, deps.clock, a.id);
    return result(ctx, a);
  });
}

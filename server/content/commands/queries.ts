/** Reading articles: detail with history, lists, revision comparison, the review queue and the deadline board. */
import { indexNumbersOf } from '../../disclosure/index.ts';
import { diffLines, diffWordsWithSpace } from 'diff';
import { ARTICLE_TYPE_CONFIG, type ArticleType } from '../../../common/content.ts';
import type {
  ArticleDetail,
  ArticleRevision,
  ArticleSummary,
  CheckResult,
  Comparison,
  DeadlineBoard,
  DiffPart,
  FieldChange,
  RevisionSummary,
} from '../../../common/schemas/content.ts';
import { requirePermission, visibleSites } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { ArticleRevisionRow, ArticleRow } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { articles, checks, events, links, revisions } from '../content.repository.ts';
import { deadlineState } from '../rules/deadlines.ts';
import { loadStages, loadStagesOf } from './workflow-config.ts';
import type { WorkflowStage } from '../rules/workflow.ts';

// The response types are shared with the admin (common/), so the two cannot drift apart.
export type { ArticleSummary };

export function presentRevision(r: ArticleRevisionRow): ArticleRevision {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    summary: r.summary,
    source: r.source,
    bodyHtml: r.body_html,
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

async function summarize(deps: Deps, rows: ArticleRow[], known?: Map<string, WorkflowStage[]>): Promise<ArticleSummary[]> {
  const now = deps.clock.now();
  const stagesBySite =
    known ??
    (await loadStagesOf(
      deps.db.kysely,
      rows.map((r) => r.site_id),
    ));
  return rows.map((a) => {
    const stage = a.stage_index !== null ? stagesBySite.get(a.site_id)?.[a.stage_index] : undefined;
    return {
      id: a.id,
      siteId: a.site_id,
      columnId: a.column_id,
      type: a.type,
      typeLabel: ARTICLE_TYPE_CONFIG[a.type as ArticleType]?.label ?? a.type,
      title: a.title,
      status: a.status,
      stage: stage?.key ?? null,
      stageLabel: stage?.label ?? null,
      version: a.version,
      live: a.live_revision_id !== null && a.retracted_at === null,
      emergency: a.emergency === 1,
      dueAt: a.due_at,
      dueRule: a.due_rule,
      deadline: deadlineState(a.due_at, a.first_published_at, now),
      lateMinutes: a.late_minutes,
      publishedAt: a.published_at,
      scheduledAt: a.scheduled_at,
      updatedAt: a.updated_at,
    };
  });
}

/** One article with its current and live revisions, the review history and the latest check results. */
export async function getArticle(deps: Deps, actor: Actor, articleId: string): Promise<ArticleDetail> {
  const a = await articles.byId(deps.db.kysely, articleId);
  if (!a) throw Errors.notFound('稿件不存在');
  requirePermission(actor, 'columns.read', a.site_id);
  const db = deps.db.kysely;
  const [summary] = await summarize(deps, [a]);
  const current = await revisions.byId(db, a.current_revision_id);
  const live = a.live_revision_id ? await revisions.byId(db, a.live_revision_id) : undefined;
  const latestChecks = await checks.latestOf(db, a.current_revision_id);
  const stages = await loadStages(deps, db, a.site_id);
  const indexNo = (await indexNumbersOf(deps, [a.id])).get(a.id) ?? null;
  return {
    ...(summary as ArticleSummary),
    indexNo,
    emergencyReason: a.emergency_reason,
    emergencyDueAt: a.emergency_due_at,
    retractedAt: a.retracted_at,
    retractReason: a.retract_reason,
    createdBy: a.created_by,
    createdAt: a.created_at,
    stages: stages.map((s) => ({ key: s.key, label: s.label, roles: s.roles })),
    current: current ? presentRevision(current) : null,
    liveRevisionId: a.live_revision_id,
    liveRevisionNumber: live?.number ?? null,
    checks: latestChecks
      ? {
          revisionId: latestChecks.revision_id,
          context: latestChecks.context,
          errors: latestChecks.errors,
          warnings: latestChecks.warnings,
          results: JSON.parse(latestChecks.results) as CheckResult[],
          at: latestChecks.created_at,
        }
      : null,
    events: (await events.ofArticle(db, articleId)).map((e) => ({
      kind: e.kind,
      stage: e.stage,
      actorName: e.actor_name,
      actorId: e.actor_id,
      opinion: e.opinion,
      revisionId: e.revision_id,
      at: e.created_at,
    })),
    interpretations: a.type === 'policy' ? await links.interpretationsOf(db, articleId) : [],
    policies: a.type === 'interpretation' ? await links.policiesOf(db, articleId) : [],
  };
}

/** Articles the actor may see, newest change first. */
export async function listArticles(
  deps: Deps,
  actor: Actor,
  f: {
    siteId?: string | undefined;
    columnId?: string | undefined;
    status?: string | undefined;
    type?: string | undefined;
    q?: string | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  },
): Promise<ArticleSummary[]> {
  if (f.siteId) requirePermission(actor, 'columns.read', f.siteId);
  const rows = await articles.list(deps.db.kysely, {
    ...f,
    siteIds: visibleSites(actor, 'columns.read'),
    limit: f.limit ?? 50,
    offset: f.offset ?? 0,
  });
  return summarize(deps, rows);
}

/** Every revision of an article (newest last). */
export async function listRevisions(deps: Deps, actor: Actor, articleId: string): Promise<RevisionSummary[]> {
  const a = await articles.byId(deps.db.kysely, articleId);
  if (!a) throw Errors.notFound('稿件不存在');
  requirePermission(actor, 'columns.read', a.site_id);
  return (await revisions.ofArticle(deps.db.kysely, articleId)).map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    live: r.id === a.live_revision_id,
  }));
}

const textOf = (html: string) =>
  html
    .replace(/<\/(p|h[2-6]|li|tr|blockquote|figcaption)>/g, '\n')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Side-by-side comparison of two revisions: changed metadata and a line/word diff of the text. */
export async function compareRevisions(deps: Deps, actor: Actor, articleId: string, fromId: string, toId: string): Promise<Comparison> {
  const a = await articles.byId(deps.db.kysely, articleId);
  if (!a) throw Errors.notFound('稿件不存在');
  requirePermission(actor, 'columns.read', a.site_id);
  const [from, to] = await Promise.all([revisions.byId(deps.db.kysely, fromId), revisions.byId(deps.db.kysely, toId)]);
  if (!from || !to || from.article_id !== articleId || to.article_id !== articleId) throw Errors.notFound('版本不存在');
  const fm = JSON.parse(from.metadata) as Record<string, unknown>;
  const tm = JSON.parse(to.metadata) as Record<string, unknown>;
  const fields: FieldChange[] = [];
  for (const k of ['title', 'summary', 'source'] as const) if (from[k] !== to[k]) fields.push({ field: k, from: from[k], to: to[k] });
  for (const k of new Set([...Object.keys(fm), ...Object.keys(tm)])) {
    if (JSON.stringify(fm[k]) !== JSON.stringify(tm[k])) fields.push({ field: k, from: fm[k] ?? null, to: tm[k] ?? null });
  }
  const body: DiffPart[] = diffLines(textOf(from.body_html), textOf(to.body_html)).map((p) => ({
    kind: p.added ? 'added' : p.removed ? 'removed' : 'same',
    text: p.value,
  }));
  const title: DiffPart[] = diffWordsWithSpace(from.title, to.title).map((p) => ({
    kind: p.added ? 'added' : p.removed ? 'removed' : 'same',
    text: p.value,
  }));
  return { from: { id: from.id, number: from.number }, to: { id: to.id, number: to.number }, fields, title, body };
}

/**
 * One queue for a reviewer across every site they review: articles waiting at a stage where
 * the reviewer holds one of the stage's roles, soonest due first. Articles the reviewer wrote,
 * or acted on at another stage, are left out: they cannot act on them.
 */
export async function reviewQueue(
  deps: Deps,
  actor: Actor,
  f: {
    siteId?: string | undefined;
    stage?: string | undefined;
    type?: string | undefined;
    dueBefore?: string | undefined;
    limit?: number | undefined;
  } = {},
): Promise<ArticleSummary[]> {
  const siteRoles = new Map<string, Set<string>>();
  const platformRoles = new Set(actor.grants.filter((g) => g.scope === '*').map((g) => g.role));
  for (const g of actor.grants) if (g.scope !== '*') siteRoles.set(g.scope, (siteRoles.get(g.scope) ?? new Set()).add(g.role));
  const siteIds = f.siteId ? [f.siteId].filter((s) => siteRoles.has(s)) : [...siteRoles.keys()];
  const stagesBySite = await loadStagesOf(deps.db.kysely, siteIds);
  // Group sites by the stage indexes the actor may act at, so the query stays one indexed statement.
  const groups = new Map<string, { siteIds: string[]; stageIndexes: number[] }>();
  for (const siteId of siteIds) {
    const roles = new Set([...(siteRoles.get(siteId) ?? []), ...platformRoles]);
    const stages = stagesBySite.get(siteId) ?? [];
    const idx = stages.flatMap((s, i) => (s.roles.some((r) => roles.has(r)) && (!f.stage || s.key === f.stage) ? [i] : []));
    const key = idx.join(',');
    if (!idx.length) continue;
    const g = groups.get(key) ?? { siteIds: [], stageIndexes: idx };
    g.siteIds.push(siteId);
    groups.set(key, g);
  }
  const limit = f.limit ?? 100;
  const me = actor.id ?? '';
  // Articles the reviewer wrote or decided at another stage are dropped after the query; fetch
  // more until the page is full or the candidates run out, so the queue is never short.
  let fetch = limit * 2;
  for (;;) {
    const rows = await articles.queue(deps.db.kysely, { groups: [...groups.values()], type: f.type, dueBefore: f.dueBefore, limit: fetch });
    const ids = rows.map((a) => a.id);
    const authored = await revisions.authoredBy(deps.db.kysely, me, ids);
    const actedAt = await events.decisionsBy(deps.db.kysely, me, ids);
    const actionable = rows.filter((a) => {
      if (authored.has(a.id)) return false;
      const here = stagesBySite.get(a.site_id)?.[a.stage_index ?? -1]?.key;
      return !(actedAt.get(a.id) ?? []).some((stage) => stage !== here);
    });
    if (actionable.length >= limit || rows.length < fetch || fetch >= 10_000)
      return summarize(deps, actionable.slice(0, limit), stagesBySite);
    fetch *= 4;
  }
}

/** Due soon, overdue, and published late: per site or across every site the actor sees. */
export async function deadlineBoard(
  deps: Deps,
  actor: Actor,
  f: { siteId?: string | undefined; soonHours?: number | undefined } = {},
): Promise<DeadlineBoard> {
  const ids = f.siteId ? (requirePermission(actor, 'columns.read', f.siteId), [f.siteId]) : visibleSites(actor, 'columns.read');
  const now = deps.clock.now();
  const rows = await articles.deadlines(deps.db.kysely, {
    siteIds: ids,
    dueBefore: new Date(now.getTime() + (f.soonHours ?? 24) * 3_600_000).toISOString(),
    publishedSince: new Date(now.getTime() - 90 * 86_400_000).toISOString(),
    limit: 500,
  });
  const all = await summarize(deps, rows);
  return {
    dueSoon: all.filter((a) => a.deadline === 'dueSoon'),
    overdue: all.filter((a) => a.deadline === 'overdue'),
    publishedLate: all.filter((a) => a.deadline === 'late'),
  };
}

/** Emergency publications still awaiting their retrospective review, across the sites the actor sees; overdue past their due time. */
export async function emergencyAwaitingReview(
  deps: Deps,
  actor: Actor,
): Promise<{ id: string; siteId: string; title: string; dueAt: string | null; overdue: boolean }[]> {
  const now = deps.clock.now().toISOString();
  return (await articles.emergencyOpen(deps.db.kysely, visibleSites(actor, 'columns.read'))).map((a) => ({
    id: a.id,
    siteId: a.site_id,
    title: a.title,
    dueAt: a.emergency_due_at,
    overdue: a.emergency_due_at !== null && a.emergency_due_at < now,
  }));
}

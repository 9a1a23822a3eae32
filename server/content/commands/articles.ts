/** Writing articles: every save is a new immutable revision; concurrent saves conflict. */
import { randomUUID } from 'node:crypto';
import { ARTICLE_TYPE_CONFIG, columnAccepts, type ArticleStatus, type ArticleType } from '../../../common/content.ts';
import { CreateArticleSchema, UpdateArticleSchema, type ArticleMetadata, type SavedArticle } from '../../../common/schemas/content.ts';
import { recordAudit } from '../../audit/index.ts';
import { normalizeDocNumber } from '../../documents/index.ts';
import { requirePermission } from '../../platform/access.ts';
import { actorLabel, type Actor } from '../../platform/actor.ts';
import type { ArticleRevisionRow, ArticleRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors, type FieldError } from '../../platform/errors.ts';
import { sanitizeRichText } from '../../platform/html/sanitize.ts';
import { parseInput } from '../../platform/validation.ts';
import { findColumn } from '../../sites/index.ts';
import { articles, events, files, links, revisions } from '../content.repository.ts';
import { actionProblems, afterEdit } from '../rules/workflow.ts';
import { actorFacts, loadArticleContext } from './context.ts';
import { deadlineFor } from './deadline.ts';

interface Content {
  title: string;
  bodyHtml: string;
  summary?: string | null | undefined;
  source?: string | null | undefined;
  metadata?: ArticleMetadata | undefined;
}

/** Cleans and checks what an editor sent: sanitised body, normalised doc number, only the type's fields. */
export async function prepareContent(tx: Tx, type: ArticleType, c: Content, selfId: string | null) {
  const problems: FieldError[] = [];
  const allowed = new Set<string>(ARTICLE_TYPE_CONFIG[type].fields);
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.metadata ?? {})) {
    if (v === undefined || v === '') continue;
    if (!allowed.has(k)) problems.push({ field: `metadata.${k}`, message: `${ARTICLE_TYPE_CONFIG[type].label}没有此项` });
    else metadata[k] = v;
  }
  if (typeof metadata.docNumber === 'string') {
    const normalized = normalizeDocNumber(metadata.docNumber);
    if (normalized) metadata.docNumber = normalized;
  }
  const refs = [
    ...((metadata.relatedPolicies as string[] | undefined) ?? []),
    ...(metadata.replacedBy ? [metadata.replacedBy as string] : []),
  ];
  if (refs.includes(selfId ?? '')) problems.push({ field: 'metadata', message: '不能关联稿件自身' });
  const found = await articles.byIds(tx.trx, refs);
  for (const ref of refs) if (!found.some((a) => a.id === ref)) problems.push({ field: 'metadata', message: `关联的稿件不存在（${ref}）` });
  for (const p of (metadata.relatedPolicies as string[] | undefined) ?? []) {
    const policy = found.find((a) => a.id === p);
    if (policy && policy.type !== 'policy') problems.push({ field: 'metadata.relatedPolicies', message: `“${policy.title}”不是政策文件` });
  }
  const attachments = (metadata.attachments as { fileId: string }[] | undefined) ?? [];
  if (
    !(await files.allExist(
      tx.trx,
      attachments.map((a) => a.fileId),
    ))
  )
    problems.push({ field: 'metadata.attachments', message: '附件不存在，请重新上传' });
  if (problems.length) throw Errors.validation(problems.map((p) => p.message).join('；'), problems);
  return {
    title: c.title,
    body_html: sanitizeRichText(c.bodyHtml),
    summary: c.summary ?? null,
    source: c.source ?? null,
    metadata,
  };
}

export async function insertRevision(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  articleId: string,
  number: number,
  c: Awaited<ReturnType<typeof prepareContent>>,
  id: string = randomUUID(),
): Promise<ArticleRevisionRow> {
  const row: ArticleRevisionRow = {
    id,
    article_id: articleId,
    number,
    title: c.title,
    summary: c.summary,
    source: c.source,
    body_html: c.body_html,
    metadata: JSON.stringify(c.metadata),
    created_by: actor.id ?? actor.name,
    created_by_name: actorLabel(actor),
    created_at: deps.clock.now().toISOString(),
  };
  await revisions.insert(tx.trx, row);
  return row;
}

export async function recordEvent(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  a: { id: string },
  revisionId: string,
  kind: string,
  stage: string | null = null,
  opinion: string | null = null,
) {
  await events.append(tx.trx, {
    id: randomUUID(),
    article_id: a.id,
    revision_id: revisionId,
    kind,
    stage,
    actor_id: actor.id,
    actor_name: actorLabel(actor),
    opinion,
    created_at: deps.clock.now().toISOString(),
  });
}

// The response type is shared with the admin (common/), so the two cannot drift apart.
export type { SavedArticle };

/** Creates a draft article in a column that accepts its type. */
export async function createArticle(deps: Deps, actor: Actor, input: unknown): Promise<SavedArticle> {
  const d = parseInput(CreateArticleSchema, input);
  requirePermission(actor, 'content.author', d.siteId);
  const column = await findColumn(deps, d.columnId);
  if (!column || column.siteId !== d.siteId)
    throw Errors.validation(undefined, [{ field: 'columnId', message: '栏目不存在或不属于本网站' }]);
  if (column.status !== 'active') throw Errors.validation(undefined, [{ field: 'columnId', message: '栏目已关闭' }]);
  if (!columnAccepts(column, d.type))
    throw Errors.validation(undefined, [{ field: 'type', message: `栏目“${column.name}”不接收${ARTICLE_TYPE_CONFIG[d.type].label}` }]);
  return inTransaction(deps.db, async (tx) => {
    const id = randomUUID();
    const content = await prepareContent(tx, d.type, d, id);
    const now = deps.clock.now().toISOString();
    const deadline = await deadlineFor(deps, tx.trx, d.type, content.metadata);
    const revisionId = randomUUID();
    const row: ArticleRow = {
      id,
      site_id: d.siteId,
      column_id: d.columnId,
      type: d.type,
      title: content.title,
      status: 'draft',
      stage_index: null,
      current_revision_id: revisionId,
      live_revision_id: null,
      version: 1,
      created_by: actor.id ?? actor.name,
      created_at: now,
      updated_at: now,
      submitted_at: null,
      first_published_at: null,
      published_at: null,
      scheduled_at: null,
      due_at: deadline?.dueAt ?? null,
      due_rule: deadline?.rule ?? null,
      late_minutes: null,
      emergency: 0,
      emergency_reason: null,
      emergency_due_at: null,
      retracted_at: null,
      retract_reason: null,
    };
    await articles.insert(tx.trx, row);
    const rev = await insertRevision(tx, deps, actor, id, 1, content, revisionId);
    if (d.type === 'interpretation')
      await links.setPoliciesOf(tx.trx, id, (content.metadata.relatedPolicies as string[] | undefined) ?? []);
    await recordEvent(tx, deps, actor, row, rev.id, 'create');
    await recordAudit(tx, deps.clock, actor, {
      action: 'content.article.create',
      targetType: 'article',
      targetId: id,
      siteId: d.siteId,
      details: { title: row.title, type: d.type },
    });
    return { id, version: 1, status: 'draft', revisionId: rev.id, revisionNumber: 1 };
  });
}

/** Saves an edit as a new revision. An edit after review began sends the article back to the first stage. */
export async function updateArticle(deps: Deps, actor: Actor, articleId: string, input: unknown): Promise<SavedArticle> {
  const d = parseInput(UpdateArticleSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const ctx = await loadArticleContext(deps, tx, articleId);
    const { article } = ctx;
    const problems = actionProblems('edit', ctx.facts, actorFacts(actor, article.site_id), ctx.stages);
    if (problems.length)
      throw problems.some((p) => p.includes('信息员')) ? Errors.forbidden(problems.join('；')) : Errors.conflict(problems.join('；'));
    if (article.version !== d.expectedVersion) throw editConflict();
    if (d.columnId && d.columnId !== article.column_id) {
      const column = await findColumn(deps, d.columnId);
      if (!column || column.siteId !== article.site_id || column.status !== 'active')
        throw Errors.validation(undefined, [{ field: 'columnId', message: '栏目不存在或已关闭' }]);
      if (!columnAccepts(column, article.type as ArticleType))
        throw Errors.validation(undefined, [{ field: 'columnId', message: '该栏目不接收此类信息' }]);
    }
    const content = await prepareContent(tx, article.type as ArticleType, d, articleId);
    const number = ((await revisions.ofArticle(tx.trx, articleId)).at(-1)?.number ?? 0) + 1;
    const rev = await insertRevision(tx, deps, actor, articleId, number, content);
    const next = afterEdit(article.status as ArticleStatus);
    const deadline = article.first_published_at ? null : await deadlineFor(deps, tx.trx, article.type as ArticleType, content.metadata);
    const patch: Partial<ArticleRow> = {
      title: content.title,
      column_id: d.columnId ?? article.column_id,
      current_revision_id: rev.id,
      status: next.status,
      stage_index: next.stageIndex,
      version: article.version + 1,
      updated_at: deps.clock.now().toISOString(),
      scheduled_at: next.status === 'scheduled' ? article.scheduled_at : null,
      ...(article.first_published_at ? {} : { due_at: deadline?.dueAt ?? null, due_rule: deadline?.rule ?? null }),
    };
    if (!(await articles.updateVersioned(tx.trx, articleId, article.version, patch))) throw editConflict();
    if (article.type === 'interpretation')
      await links.setPoliciesOf(tx.trx, articleId, (content.metadata.relatedPolicies as string[] | undefined) ?? []);
    const sentBack = article.status !== next.status || (article.stage_index ?? 0) !== (next.stageIndex ?? 0);
    await recordEvent(tx, deps, actor, article, rev.id, 'edit', null, sentBack && next.status === 'in_review' ? '修改后退回初审' : null);
    await recordAudit(tx, deps.clock, actor, {
      action: 'content.article.update',
      targetType: 'article',
      targetId: articleId,
      siteId: article.site_id,
      details: { revision: number, from: article.status, to: next.status },
    });
    return { id: articleId, version: article.version + 1, status: next.status, revisionId: rev.id, revisionNumber: number };
  });
}

export function editConflict() {
  return Errors.conflict('稿件已被他人修改，请刷新后在最新版本上修改').withDetails({ reason: 'version' });
}

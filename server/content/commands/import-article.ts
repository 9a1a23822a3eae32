/**
 * One article from a legacy site (the legacy import, room migration): created published in its
 * target column with the legacy publication date as its first publication, or — on a re-run —
 * updated through a new revision when what the old page says has changed. The content room
 * stays the only writer of articles: the migration room calls this for every page it imports.
 *
 * Imported articles are marked (`migrated_from`, an article event of kind `migrated`, an audit
 * event) and are not reviewed one by one, unless the import asks for it (`review`): then the
 * article is a draft, submitted into the site's normal review by the caller.
 */
import { randomUUID } from 'node:crypto';
import { ARTICLE_TYPE_CONFIG, type ArticleType } from '../../../common/content.ts';
import { ImportArticleSchema } from '../../../common/schemas/migration.ts';
import type { ArticleMetadata } from '../../../common/schemas/content.ts';
import { recordAudit } from '../../audit/index.ts';
import { allocateIndexNumber, keepIndexNumber } from '../../disclosure/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { isAppError, Errors } from '../../platform/errors.ts';
import { enqueueArticlePublish } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { findColumn } from '../../sites/index.ts';
import { articles, revisions } from '../content.repository.ts';
import { insertRevision, prepareContent, recordEvent } from './articles.ts';

export interface ImportedArticle {
  articleId: string;
  /** created: a new article; updated: a new revision of the one an earlier import made; unchanged: nothing to do. */
  change: 'created' | 'updated' | 'unchanged';
  status: string;
  /** What the import should tell the admin about this article (Chinese), e.g. a 索引号 not kept. */
  notes: string[];
}

const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** Only the fields the type has; the rest of what the old page said is dropped, not refused. */
function metadataFor(type: ArticleType, raw: Record<string, unknown> | undefined): ArticleMetadata {
  const allowed = new Set<string>(ARTICLE_TYPE_CONFIG[type].fields);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (allowed.has(k) && v !== undefined && v !== null && v !== '') out[k] = v;
  return out as ArticleMetadata;
}

const sameContent = (a: { title: string; body_html: string; source: string | null; metadata: string }, b: typeof a) =>
  a.title === b.title && a.body_html === b.body_html && (a.source ?? null) === (b.source ?? null) && a.metadata === b.metadata;

/**
 * Creates or updates one legacy article in one transaction. `within` runs inside that same
 * transaction with the result (the migration room records the page's outcome and the old URLs
 * there, so a crash leaves either both or neither).
 */
export async function importArticle(
  deps: Deps,
  actor: Actor,
  input: unknown,
  within?: (tx: Tx, result: ImportedArticle) => Promise<void>,
): Promise<ImportedArticle> {
  const d = parseInput(ImportArticleSchema, input);
  requirePermission(actor, 'migration.manage', d.siteId);
  const column = await findColumn(deps, d.columnId);
  if (!column || column.siteId !== d.siteId)
    throw Errors.validation('目标栏目不存在或不属于本网站', [{ field: 'columnId', message: '栏目不存在' }]);
  if (column.status !== 'active') throw Errors.validation(`目标栏目“${column.name}”已关闭`, [{ field: 'columnId', message: '栏目已关闭' }]);
  const metadata = metadataFor(d.type, d.metadata);
  return inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now().toISOString();
    const existing = d.articleId ? await articles.byId(tx.trx, d.articleId) : undefined;
    const content = await prepareContent(
      tx,
      d.type,
      { title: d.title, bodyHtml: d.bodyHtml, source: d.source ?? null, metadata },
      existing?.id ?? null,
    );
    const notes: string[] = [];
    let result: ImportedArticle;
    if (existing) {
      const current = await revisions.byId(tx.trx, existing.current_revision_id);
      const next = {
        title: content.title,
        body_html: content.body_html,
        source: content.source,
        metadata: JSON.stringify(content.metadata),
      };
      if (current && sameContent(current, next)) {
        result = { articleId: existing.id, change: 'unchanged', status: existing.status, notes };
      } else {
        const rev = await insertRevision(tx, deps, actor, existing.id, (current?.number ?? 0) + 1, content);
        const live = existing.status === 'published';
        const patch: Partial<ArticleRow> = {
          title: content.title,
          current_revision_id: rev.id,
          ...(live ? { live_revision_id: rev.id } : {}),
          updated_at: now,
          version: existing.version + 1,
        };
        if (!(await articles.updateVersioned(tx.trx, existing.id, existing.version, patch)))
          throw Errors.conflict('稿件状态已被他人改变，请稍后重试');
        await recordEvent(tx, deps, actor, existing, rev.id, 'migrated');
        await recordAudit(tx, deps.clock, actor, {
          action: 'content.article.migrate',
          targetType: 'article',
          targetId: existing.id,
          siteId: existing.site_id,
          details: { legacyUrl: d.legacyUrl, change: 'updated', revision: rev.number },
        });
        if (live && !d.publishLater) await enqueueArticlePublish(tx, deps.clock, existing.id);
        result = { articleId: existing.id, change: 'updated', status: existing.status, notes };
      }
    } else {
      const id = randomUUID();
      const revisionId = randomUUID();
      const publish = !d.review;
      if (!d.publishedOn && publish) notes.push('原网页未写明发布日期，以导入时间为首次发布时间');
      const firstAt = d.publishedOn ? beijingMidnight(d.publishedOn) : now;
      const row: ArticleRow = {
        id,
        site_id: d.siteId,
        column_id: d.columnId,
        type: d.type,
        title: content.title,
        status: publish ? 'published' : 'draft',
        stage_index: null,
        current_revision_id: revisionId,
        live_revision_id: publish ? revisionId : null,
        version: 1,
        created_by: actor.id ?? actor.name,
        created_at: now,
        updated_at: now,
        submitted_at: null,
        first_published_at: publish ? firstAt : null,
        published_at: publish ? firstAt : null,
        scheduled_at: null,
        due_at: null,
        due_rule: null,
        late_minutes: null,
        emergency: 0,
        emergency_reason: null,
        emergency_due_at: null,
        retracted_at: null,
        retract_reason: null,
        migrated_from: d.legacyUrl,
      };
      await articles.insert(tx.trx, row);
      const rev = await insertRevision(tx, deps, actor, id, 1, content, revisionId);
      await recordEvent(tx, deps, actor, row, rev.id, 'migrated');
      if (publish) {
        const kept = d.legacyIndexNo
          ? await keepIndexNumber(deps, tx, { articleId: id, siteId: d.siteId, indexNo: d.legacyIndexNo })
          : false;
        if (d.legacyIndexNo && !kept) notes.push(`原索引号“${d.legacyIndexNo}”已被其他信息使用，已按本网站格式重新生成`);
        if (!kept) {
          try {
            await allocateIndexNumber(deps, tx, { articleId: id, siteId: d.siteId, columnId: d.columnId, publishedAt: firstAt });
          } catch (e) {
            // The template cannot be filled (no 统一社会信用代码…): checked before any write, so the transaction stays usable.
            if (!isAppError(e) || e.status >= 500) throw e;
            notes.push(`未生成索引号：${e.message}`);
          }
        }
        if (!d.publishLater) await enqueueArticlePublish(tx, deps.clock, id);
      }
      await recordAudit(tx, deps.clock, actor, {
        action: 'content.article.migrate',
        targetType: 'article',
        targetId: id,
        siteId: d.siteId,
        details: { legacyUrl: d.legacyUrl, change: 'created', title: row.title, type: d.type, published: publish },
      });
      result = { articleId: id, change: 'created', status: row.status, notes };
    }
    if (within) await within(tx, result);
    return result;
  });
}

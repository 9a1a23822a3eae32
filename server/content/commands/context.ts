/** What workflow commands need to know about an article, its site's stages and the actor. */
import type { ArticleStatus } from '../../../common/content.ts';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/access.ts';
import type { ArticleRevisionRow, ArticleRow } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { articles, events, revisions } from '../content.repository.ts';
import type { ActorFacts, ArticleFacts, Decision } from '../rules/workflow.ts';
import { loadStages } from './workflow-config.ts';

export interface ArticleContext {
  article: ArticleRow;
  revision: ArticleRevisionRow;
  facts: ArticleFacts;
  stages: Awaited<ReturnType<typeof loadStages>>;
}

/** Loads an article with everything the workflow rules look at; 404 when it does not exist. */
export async function loadArticleContext(deps: Deps, tx: Tx, articleId: string): Promise<ArticleContext> {
  const article = await articles.byId(tx.trx, articleId);
  if (!article) throw Errors.notFound('稿件不存在');
  const revision = await revisions.byId(tx.trx, article.current_revision_id);
  if (!revision) throw Errors.internal('稿件版本缺失');
  const evs = await events.ofArticle(tx.trx, articleId);
  const decisions: Decision[] = evs
    .filter((e) => e.kind === 'approve' || e.kind === 'reject' || e.kind === 'emergency')
    .map((e) => ({
      stage: e.stage ?? '',
      decision: e.kind as Decision['decision'],
      reviewerId: e.actor_id ?? '',
      revisionId: e.revision_id,
    }));
  const stages = await loadStages(deps, tx.trx, article.site_id);
  return {
    article,
    revision,
    stages,
    facts: {
      status: article.status as ArticleStatus,
      stageIndex: article.stage_index,
      currentRevisionId: article.current_revision_id,
      authorIds: await revisions.authorsOf(tx.trx, articleId),
      decisions,
      live: article.live_revision_id !== null && article.retracted_at === null,
    },
  };
}

/** The actor's roles on a site (site grants and platform-wide grants). */
export function actorFacts(actor: Actor, siteId: string): ActorFacts {
  return {
    id: actor.id ?? actor.name,
    roles: actor.grants.filter((g) => g.scope === '*' || g.scope === siteId).map((g) => g.role),
    canAuthor: can(actor, 'content.author', siteId),
  };
}

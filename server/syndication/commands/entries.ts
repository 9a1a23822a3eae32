/**
 * Syndicated entries: an article of one site shown in a column of another, never copied. New
 * articles of subscribed columns are offered (or taken, for automatic subscriptions) in the
 * transaction that first publishes them; editors may push one article to another site's column;
 * the receiving site's editors take, decline or later remove. Each step is audited; taking and
 * removing enqueue the article's publishing job, which refreshes every receiving column.
 */
import { randomUUID } from 'node:crypto';
import { PushArticleSchema, SyndicationDecisionSchema, type SyndicationEntry } from '../../../common/schemas/syndication.ts';
import { recordAudit } from '../../audit/index.ts';
import { can, requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { SyndicationTable } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { enqueueArticlePublish } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { decisionProblems, ENTRY_TRANSITIONS, type EntryDecision } from '../rules/entries.ts';
import { columnsOfSites, entries, isPublic, sourceArticles, subscriptions } from '../syndication.repository.ts';
import { presentEntry } from './queries.ts';

/**
 * Offers a newly published article to every column subscribed to its column (taken at once
 * where the subscription is automatic). Runs inside the publishing transaction of the content
 * room, so the entries exist exactly when the article does; a column already holding an entry
 * for the article is left alone.
 */
export async function offerToSubscribers(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  article: { id: string; site_id: string; column_id: string },
): Promise<number> {
  const subs = await subscriptions.ofSource(tx.trx, article.column_id);
  const now = deps.clock.now().toISOString();
  let n = 0;
  for (const s of subs) {
    if (s.site_id === article.site_id || (await entries.byPair(tx.trx, article.id, s.column_id))) continue;
    const row: SyndicationTable = {
      id: randomUUID(),
      article_id: article.id,
      source_site_id: article.site_id,
      site_id: s.site_id,
      column_id: s.column_id,
      state: s.auto ? 'taken' : 'offered',
      origin: 'subscription',
      subscription_id: s.id,
      offered_by: null,
      offered_at: now,
      decided_by: null,
      decided_at: s.auto ? now : null,
      listed_at: s.auto ? now : null,
      version: 1,
    };
    await entries.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: s.auto ? 'syndication.entry.autoTake' : 'syndication.entry.offer',
      targetType: 'syndication',
      targetId: row.id,
      siteId: s.site_id,
      details: { articleId: article.id, sourceSiteId: article.site_id, columnId: s.column_id, subscriptionId: s.id },
    });
    n++;
  }
  return n;
}

/** An editor of the article's site offers one published article to a column of another site. */
export async function pushArticle(deps: Deps, actor: Actor, input: unknown): Promise<SyndicationEntry> {
  const d = parseInput(PushArticleSchema, input);
  const id = await inTransaction(deps.db, async (tx) => {
    const article = await sourceArticles.byId(tx.trx, d.articleId);
    if (!article) throw Errors.notFound('信息不存在');
    requirePermission(actor, 'content.author', article.site_id);
    const column = await columnsOfSites.byId(tx.trx, d.columnId);
    if (!column) throw Errors.notFound('栏目不存在');
    const problems: string[] = [];
    if (!isPublic(article)) problems.push('只能推送已发布的信息');
    if (column.site_id === article.site_id) problems.push('只能推送到其他网站的栏目');
    if (column.status !== 'active' || column.hosting !== 'hosted' || column.site_status === 'closed')
      problems.push('目标栏目不在平台上发布');
    if (await entries.byPair(tx.trx, article.id, column.id)) problems.push('该信息已推送或订阅到该栏目');
    if (problems.length) throw Errors.conflict(problems.join('；')).withDetails({ problems });
    const now = deps.clock.now().toISOString();
    const row: SyndicationTable = {
      id: randomUUID(),
      article_id: article.id,
      source_site_id: article.site_id,
      site_id: column.site_id,
      column_id: column.id,
      state: 'offered',
      origin: 'push',
      subscription_id: null,
      offered_by: actor.id,
      offered_at: now,
      decided_by: null,
      decided_at: null,
      listed_at: null,
      version: 1,
    };
    await entries.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'syndication.entry.push',
      targetType: 'syndication',
      targetId: row.id,
      siteId: article.site_id,
      details: { articleId: article.id, toSiteId: column.site_id, columnId: column.id },
    });
    return row.id;
  });
  return presentEntry(deps, id);
}

async function decide(deps: Deps, actor: Actor, entryId: string, decision: EntryDecision, input: unknown): Promise<SyndicationEntry> {
  const { version } = parseInput(SyndicationDecisionSchema, input);
  await inTransaction(deps.db, async (tx) => {
    const entry = await entries.byId(tx.trx, entryId);
    if (!entry) throw Errors.notFound('共享信息不存在');
    // The receiving site's editors decide what it takes.
    if (!can(actor, 'content.author', entry.site_id) && !can(actor, 'content.firstReview', entry.site_id)) throw Errors.forbidden();
    const article = await sourceArticles.byId(tx.trx, entry.article_id);
    const problems = decisionProblems(decision, entry, { version, articlePublic: !!article && isPublic(article) });
    if (problems.length) throw Errors.conflict(problems.join('；')).withDetails({ decision, problems });
    const now = deps.clock.now().toISOString();
    const t = ENTRY_TRANSITIONS[decision];
    const patch: Partial<SyndicationTable> = { state: t.to, decided_by: actor.id, decided_at: now };
    if (decision === 'take') patch.listed_at = now;
    if (!(await entries.decide(tx.trx, entry.id, entry.version, patch))) throw Errors.conflict('该信息已被他人处理，请刷新后重试');
    await recordAudit(tx, deps.clock, actor, {
      action: `syndication.entry.${decision}`,
      targetType: 'syndication',
      targetId: entry.id,
      siteId: entry.site_id,
      details: { articleId: entry.article_id, columnId: entry.column_id, from: entry.state, to: t.to },
    });
    // The article's publishing job refreshes every column that shows or showed it.
    if (decision !== 'decline') await enqueueArticlePublish(tx, deps.clock, entry.article_id);
  });
  return presentEntry(deps, entryId);
}

/** The receiving site takes an offered article into its column. */
export function takeEntry(deps: Deps, actor: Actor, entryId: string, input: unknown): Promise<SyndicationEntry> {
  return decide(deps, actor, entryId, 'take', input);
}

/** The receiving site declines an offered article. */
export function declineEntry(deps: Deps, actor: Actor, entryId: string, input: unknown): Promise<SyndicationEntry> {
  return decide(deps, actor, entryId, 'decline', input);
}

/** The receiving site takes a taken article out of its column again. */
export function removeEntry(deps: Deps, actor: Actor, entryId: string, input: unknown): Promise<SyndicationEntry> {
  return decide(deps, actor, entryId, 'remove', input);
}

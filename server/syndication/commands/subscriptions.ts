/**
 * Subscriptions of a receiving column to source columns of other sites, set by the receiving
 * site's administrators (columns.manage there). New articles of a source column are then
 * offered to the receiving site's editors, or taken at once when the subscription is automatic.
 */
import { randomUUID } from 'node:crypto';
import { CreateSubscriptionSchema, type ColumnSubscription } from '../../../common/schemas/syndication.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { columnsOfSites, subscriptions } from '../syndication.repository.ts';

/** Subscribes a receiving column to a source column of another site. */
export async function createSubscription(deps: Deps, actor: Actor, input: unknown): Promise<ColumnSubscription> {
  const d = parseInput(CreateSubscriptionSchema, input);
  const id = await inTransaction(deps.db, async (tx) => {
    const column = await columnsOfSites.byId(tx.trx, d.columnId);
    if (!column) throw Errors.notFound('栏目不存在');
    requirePermission(actor, 'columns.manage', column.site_id);
    const source = await columnsOfSites.byId(tx.trx, d.sourceColumnId);
    if (!source) throw Errors.notFound('来源栏目不存在');
    const problems: string[] = [];
    if (source.site_id === column.site_id) problems.push('只能订阅其他网站的栏目');
    if (column.status !== 'active') problems.push('本网站栏目已关闭');
    if (source.status !== 'active' || source.hosting !== 'hosted' || source.site_status === 'closed')
      problems.push('来源栏目不在平台上发布');
    if (await subscriptions.byPair(tx.trx, column.id, source.id)) problems.push('已订阅该栏目');
    if (problems.length) throw Errors.conflict(problems.join('；')).withDetails({ problems });
    const row = {
      id: randomUUID(),
      site_id: column.site_id,
      column_id: column.id,
      source_site_id: source.site_id,
      source_column_id: source.id,
      auto: d.auto ? 1 : 0,
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    };
    await subscriptions.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'syndication.subscription.create',
      targetType: 'columnSubscription',
      targetId: row.id,
      siteId: column.site_id,
      details: { columnId: column.id, sourceSiteId: source.site_id, sourceColumnId: source.id, auto: d.auto },
    });
    return row.id;
  });
  const found = (await listSubscriptionRows(deps, actor, (await subscriptions.byId(deps.db.kysely, id))!.site_id)).find((s) => s.id === id);
  return found!;
}

/** Ends a subscription; entries it produced stay as they are. */
export async function removeSubscription(deps: Deps, actor: Actor, subscriptionId: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const row = await subscriptions.byId(tx.trx, subscriptionId);
    if (!row) throw Errors.notFound('订阅不存在');
    requirePermission(actor, 'columns.manage', row.site_id);
    await subscriptions.remove(tx.trx, row.id);
    await recordAudit(tx, deps.clock, actor, {
      action: 'syndication.subscription.remove',
      targetType: 'columnSubscription',
      targetId: row.id,
      siteId: row.site_id,
      details: { columnId: row.column_id, sourceSiteId: row.source_site_id, sourceColumnId: row.source_column_id, auto: row.auto === 1 },
    });
  });
}

/** A receiving site's subscriptions. */
export async function listSubscriptions(deps: Deps, actor: Actor, siteId: string): Promise<ColumnSubscription[]> {
  requirePermission(actor, 'columns.read', siteId);
  return listSubscriptionRows(deps, actor, siteId);
}

async function listSubscriptionRows(deps: Deps, _actor: Actor, siteId: string): Promise<ColumnSubscription[]> {
  return (await subscriptions.ofSite(deps.db.kysely, siteId)).map((r) => ({
    id: r.id,
    siteId: r.site_id,
    columnId: r.column_id,
    columnName: r.column_name,
    sourceSiteId: r.source_site_id,
    sourceSiteName: r.source_site_name,
    sourceColumnId: r.source_column_id,
    sourceColumnName: r.source_column_name,
    auto: r.auto === 1,
    createdAt: r.created_at,
  }));
}

/** Columns of every hosted site, to choose a source column or the column of another site to push to. */
export async function syndicationColumns(
  deps: Deps,
  actor: Actor,
): Promise<{ siteId: string; siteName: string; columns: { id: string; name: string; parentId: string | null }[] }[]> {
  // Column names of hosted sites are public (every site's navigation shows them).
  requirePermission(actor, 'columns.read');
  const out = new Map<string, { siteId: string; siteName: string; columns: { id: string; name: string; parentId: string | null }[] }>();
  for (const c of await columnsOfSites.hosted(deps.db.kysely)) {
    const site = out.get(c.site_id) ?? { siteId: c.site_id, siteName: c.site_name, columns: [] };
    site.columns.push({ id: c.id, name: c.name, parentId: c.parent_id });
    out.set(c.site_id, site);
  }
  return [...out.values()];
}

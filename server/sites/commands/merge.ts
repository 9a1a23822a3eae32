/**
 * A department site merged into its county portal (docs/consolidation.md, 整合到门户网站): run
 * in the transaction of the approval of the merge request. The portal gains a channel column
 * named after the merged site with the merged site's column tree under it, and the merged site's
 * articles, interaction channels (with their letters) and service items become the portal's.
 * Before the articles move, the pages the merged site showed are recorded as its old URLs, so
 * its redirects send each old page to the article's new one. 索引号, revisions and events are
 * keyed by article and stay as they are.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../audit/index.ts';
import { moveSiteArticles } from '../../content/index.ts';
import { moveSiteServiceItems } from '../../guides/index.ts';
import { moveSiteChannels } from '../../interaction/index.ts';
import { recordMovedArticleUrls } from '../../migration/index.ts';
import { handOverSitePages } from '../../publishing/index.ts';
import { moveSiteSyndication } from '../../syndication/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { ColumnRow, SiteRow } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { enqueueRedirectsRebuild, enqueueSitePublish } from '../../platform/jobs/index.ts';
import { mergeSlugs } from '../rules/merge.ts';
import { columns, sites } from '../sites.repository.ts';

/** What a merger moved, for the audit entry and the lifecycle event. */
export interface MergeMove {
  portalSiteId: string;
  channelColumnId: string;
  channelSlug: string;
  columns: number;
  renamedColumns: { id: string; from: string; to: string }[];
  articles: number;
  oldUrls: number;
  channels: number;
  letters: number;
  serviceItems: number;
  subscriptions: number;
  syndications: number;
}

const domainsOf = (raw: string): string[] => {
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
};

/**
 * Moves a hosted site into its portal in the caller's transaction (the caller, the lifecycle's
 * approval, has checked the permission and that the portal runs). Returns null when there is
 * nothing to move: the merged site or the portal is not hosted on the platform.
 */
export async function moveSiteIntoPortal(deps: Deps, tx: Tx, actor: Actor, site: SiteRow, portalId: string): Promise<MergeMove | null> {
  const portal = await sites.byId(tx.trx, portalId);
  if (!portal) throw Errors.notFound('门户网站不存在');
  if (site.hosting !== 'hosted' || portal.hosting !== 'hosted') return null;
  const now = deps.clock.now().toISOString();
  const [portalColumns, moving] = await Promise.all([columns.ofSite(tx.trx, portal.id), columns.ofSite(tx.trx, site.id)]);
  const slugs = mergeSlugs(
    { id: site.id, code: site.code },
    portalColumns.map((c) => c.slug),
    moving,
  );

  // The channel column, after the portal's other top columns.
  const channel: ColumnRow = {
    id: randomUUID(),
    site_id: portal.id,
    parent_id: null,
    name: site.name.slice(0, 100),
    slug: slugs.channel,
    sort_order: Math.max(0, ...portalColumns.filter((c) => c.parent_id === null).map((c) => c.sort_order + 1)),
    freshness_class: 'none',
    freshness_days: null,
    owner_org_id: site.sponsor_org_id,
    accepts: null,
    catalogue_category: null,
    status: 'active',
    created_at: now,
    updated_at: now,
  };
  await columns.insert(tx.trx, channel);
  // Every column moves, closed ones too, so that each article's column stays on its site; ids
  // are kept, so articles keep their column_id.
  const renamedColumns: MergeMove['renamedColumns'] = [];
  for (const c of moving) {
    const slug = slugs.renamed.get(c.id) ?? c.slug;
    if (slug !== c.slug) renamedColumns.push({ id: c.id, from: c.slug, to: slug });
    await columns.update(tx.trx, c.id, { site_id: portal.id, parent_id: c.parent_id ?? channel.id, slug, updated_at: now });
  }

  // The pages the site shows now become its old URLs, before the articles leave it.
  const pages = await handOverSitePages(tx, { id: site.id, code: site.code, domains: domainsOf(site.domains) }, portal.id);
  const oldUrls = await recordMovedArticleUrls(tx, now, { sourceSiteId: site.id, targetSiteId: portal.id, pages });
  const serviceItems = await moveSiteServiceItems(tx, site.id, portal.id);
  const articles = await moveSiteArticles(tx, site.id, portal.id);
  const moved = await moveSiteChannels(tx, site.id, portal.id, now);
  const shared = await moveSiteSyndication(tx, site.id, portal.id);

  const move: MergeMove = {
    portalSiteId: portal.id,
    channelColumnId: channel.id,
    channelSlug: channel.slug,
    columns: moving.length,
    renamedColumns,
    articles,
    oldUrls,
    channels: moved.channels,
    letters: moved.letters,
    serviceItems,
    subscriptions: shared.subscriptions,
    syndications: shared.entries,
  };
  await recordAudit(tx, deps.clock, actor, {
    action: 'sites.merge.move',
    targetType: 'site',
    targetId: site.id,
    siteId: site.id,
    details: { ...move },
  });
  if (portal.code) await enqueueSitePublish(tx, deps.clock, portal.id);
  if (site.code) await enqueueSitePublish(tx, deps.clock, site.id);
  await enqueueRedirectsRebuild(tx, deps.clock, site.id);
  return move;
}

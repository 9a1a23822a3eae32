/** A site's publication as administrators see it, and their request to rebuild it. */
import type { SitePublication } from '../../../common/schemas/publishing.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { enqueueSitePublish, sitePublishKey } from '../../platform/jobs/index.ts';
import { publicSites, siteBuilds } from '../publishing.repository.ts';
import { previewRoot } from '../rules/paths.ts';
import { currentBuild } from '../site-folders.ts';

/** The latest full build of a site, whether a rebuild is queued, and where to preview it. */
export async function sitePublication(deps: Deps, actor: Actor, siteId: string): Promise<SitePublication> {
  requirePermission(actor, 'sites.read', siteId);
  const db = deps.db.kysely;
  const site = await publicSites.byId(db, siteId);
  if (!site) throw Errors.notFound('网站不存在');
  const build = await siteBuilds.get(db, siteId);
  const live = site.code ? currentBuild(deps.config.dataDir, site.code) !== null : false;
  return {
    siteId,
    status: build ? (build.status as SitePublication['status']) : 'none',
    startedAt: build?.started_at ?? null,
    finishedAt: build?.finished_at ?? null,
    pages: build?.pages ?? 0,
    error: build?.error ?? null,
    queued: await siteBuilds.queued(db, sitePublishKey(siteId)),
    previewPath: live && site.code ? previewRoot(site.code) : null,
  };
}

/** Queues a full rebuild of a hosted site (after a template or data repair, or to check it). */
export async function requestSitePublish(deps: Deps, actor: Actor, siteId: string): Promise<SitePublication> {
  requirePermission(actor, 'sites.edit', siteId);
  await inTransaction(deps.db, async (tx) => {
    const site = await publicSites.byId(tx.trx, siteId);
    if (!site) throw Errors.notFound('网站不存在');
    if (!site.code) throw Errors.conflict('网站尚未取得网站标识码，不能发布');
    if (site.hosting !== 'hosted') throw Errors.conflict('外部网站不在平台发布');
    if (site.status === 'planned' || site.status === 'closed') throw Errors.conflict('筹建中或已关停的网站不能发布');
    await enqueueSitePublish(tx, deps.clock, siteId);
    await recordAudit(tx, deps.clock, actor, {
      action: 'publishing.site.request',
      targetType: 'site',
      targetId: siteId,
      siteId,
      details: {},
    });
  });
  return sitePublication(deps, actor, siteId);
}

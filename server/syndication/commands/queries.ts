/** Reads of the syndication room: a receiving site's entries (its inbox of offers) and where an article is shown. */
import {
  SyndicationListQuerySchema,
  type SyndicationEntry,
  type SyndicationOrigin,
  type SyndicationState,
} from '../../../common/schemas/syndication.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { entries, isPublic, sourceArticles } from '../syndication.repository.ts';

type ListedRow = Awaited<ReturnType<typeof entries.listed>>[number];

function present(r: ListedRow): SyndicationEntry {
  return {
    id: r.id,
    articleId: r.article_id,
    title: r.live_title ?? r.current_title,
    sourceSiteId: r.source_site_id,
    sourceSiteName: r.source_site_name,
    sourceOrgName: r.source_org_name,
    siteId: r.site_id,
    siteName: r.site_name,
    columnId: r.column_id,
    columnName: r.column_name,
    state: r.state as SyndicationState,
    origin: r.origin as SyndicationOrigin,
    articlePublic: isPublic(r),
    offeredAt: r.offered_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by_name,
    listedAt: r.listed_at,
    version: r.version,
  };
}

/** One entry as the API shows it (after a command wrote it). */
export async function presentEntry(deps: Deps, entryId: string): Promise<SyndicationEntry> {
  const e = await entries.byId(deps.db.kysely, entryId);
  const row = e ? (await entries.listed(deps.db.kysely, { articleId: e.article_id })).find((r) => r.id === entryId) : undefined;
  if (!row) throw Errors.notFound('共享信息不存在');
  return present(row);
}

/** A receiving site's entries, newest offer first (optionally of one state: the inbox is `offered`). */
export async function listEntries(deps: Deps, actor: Actor, query: unknown): Promise<SyndicationEntry[]> {
  const q = parseInput(SyndicationListQuerySchema, query);
  requirePermission(actor, 'columns.read', q.siteId);
  return (await entries.listed(deps.db.kysely, { siteId: q.siteId, ...(q.state ? { state: q.state } : {}) })).map(present);
}

/** Every column of other sites an article is offered to or shown in (for the source site's staff). */
export async function articleSyndications(deps: Deps, actor: Actor, articleId: string): Promise<SyndicationEntry[]> {
  const article = await sourceArticles.byId(deps.db.kysely, articleId);
  if (!article) throw Errors.notFound('信息不存在');
  requirePermission(actor, 'columns.read', article.site_id);
  return (await entries.listed(deps.db.kysely, { articleId })).map(present);
}

/**
 * Redirects of retired sites (docs/consolidation.md): where each old URL of a migrated, merged
 * or closed site leads now, rebuilt whole for a site by the `publishing.redirects` job (enqueued
 * when an import finishes or the site's lifecycle moves), and the answers the public front and
 * nginx give on the old host names.
 *
 * - An old article page leads to the article it became (the import's record of old URLs), on
 *   the new site's domain (or its preview when it has none), as long as it is public.
 * - An old column list page leads to the first page of the column it was mapped to.
 * - Anything else leads to the successor's home page; while the closure notice is up, the old
 *   home page shows the notice instead.
 */
import { systemActor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { recordAudit } from '../../audit/index.ts';
import { redirectQueries, type RetiredSiteRow } from '../publishing.repository.ts';
import { renderRetiredPage } from '../render/retired-page.ts';
import { columnDir, columnPageUrl } from '../rules/paths.ts';
import { redirectPath, retiredHosts, sitePageUrl, type RedirectEntry } from '../rules/redirects.ts';
import type { RetiredRoute } from '../serve/retired-hosts.ts';

/** Statuses whose old host names lead to the new location: the switch has been made. */
const SWITCHED = ['closing', 'closed'];

const domainsOf = (raw: string): string[] => {
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
};

/** The successor's name and home page address, or null when the site names none. */
async function successorOf(deps: Deps, site: RetiredSiteRow): Promise<{ name: string; url: string } | null> {
  const db = deps.db.kysely;
  const id = site.successor_site_id ?? site.merged_into_site_id;
  if (id) {
    const s = await redirectQueries.siteAddress(db, id);
    const url = s ? sitePageUrl({ code: s.code, domains: domainsOf(s.domains) }, '/') : null;
    if (s && url) return { name: s.name, url };
  }
  return site.successor_url ? { name: site.successor_url, url: site.successor_url } : null;
}

/** Every old URL of the site with its new location, from the imports of it and the column mappings. */
async function entriesOf(deps: Deps, siteId: string): Promise<RedirectEntry[]> {
  const db = deps.db.kysely;
  const out = new Map<string, RedirectEntry & { articleId: string | null }>();
  for (const r of await redirectQueries.legacyArticles(db, siteId)) {
    const path = redirectPath(r.old_path);
    const target = sitePageUrl({ code: r.code, domains: domainsOf(r.domains) }, r.path);
    if (path && target) out.set(path, { path, target, kind: 'article', articleId: r.article_id });
  }
  const columnPaths = new Map<string, string | null>();
  for (const r of await redirectQueries.legacyColumnPages(db, siteId)) {
    const path = redirectPath(r.url);
    if (!path || out.has(path)) continue;
    const key = `${r.target_site_id}:${r.column_id}`;
    if (!columnPaths.has(key)) columnPaths.set(key, await columnPagePath(deps, r.column_id));
    const dir = columnPaths.get(key);
    const target = dir ? sitePageUrl({ code: r.code, domains: domainsOf(r.domains) }, columnPageUrl(dir, 1)) : null;
    if (target) out.set(path, { path, target, kind: 'column', articleId: null });
  }
  return [...out.values()];
}

/** A public column's folder (`/xwdt/zwyw`), or null when it or a parent is closed. */
async function columnPagePath(deps: Deps, columnId: string): Promise<string | null> {
  const slugs = await redirectQueries.columnSlugs(deps.db.kysely, columnId);
  return slugs ? columnDir(slugs) : null;
}

/** Rebuilds a site's redirects from what is known now; a site that is not retired keeps none. */
export async function rebuildSiteRedirects(deps: Deps, siteId: string): Promise<{ entries: number }> {
  const site = await redirectQueries.retiredSite(deps.db.kysely, siteId);
  const entries = site ? await entriesOf(deps, siteId) : [];
  const builtAt = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await redirectQueries.replace(
      tx.trx,
      siteId,
      entries.map((e) => ({ site_id: siteId, path: e.path, target: e.target, kind: e.kind, article_id: null, built_at: builtAt })),
    );
    await recordAudit(tx, deps.clock, systemActor('redirects'), {
      action: 'publishing.redirects.rebuild',
      targetType: 'site',
      targetId: siteId,
      siteId,
      details: { entries: entries.length },
    });
  });
  return { entries: entries.length };
}

/** The entries last read per site, with the signature (count and build time) they were read at. */
const entryCache = new Map<string, { signature: string; entries: ReadonlyMap<string, string> }>();

/** A site's redirects, read again only when they were rebuilt since (the front asks every 30 seconds). */
async function cachedEntries(db: Deps['db']['kysely'], siteId: string): Promise<ReadonlyMap<string, string>> {
  const signature = await redirectQueries.signature(db, siteId);
  const cached = entryCache.get(siteId);
  if (cached && cached.signature === signature) return cached.entries;
  const entries = new Map((await redirectQueries.entries(db, siteId)).map((e) => [e.path, e.target]));
  if (entryCache.size > 1000) entryCache.clear();
  entryCache.set(siteId, { signature, entries });
  return entries;
}

/** The retired sites whose host names point here now, with their redirects: for the public front. */
export async function retiredRoutes(deps: Deps): Promise<Map<string, RetiredRoute>> {
  const db = deps.db.kysely;
  const today = deps.clock.now().toISOString().slice(0, 10);
  const routes = new Map<string, RetiredRoute>();
  for (const site of await redirectQueries.retiredSites(db, SWITCHED)) {
    const hosts = retiredHosts({ domains: domainsOf(site.domains), baseUrl: site.base_url });
    if (hosts.length === 0) continue;
    const successor = await successorOf(deps, site);
    const noticeUp = site.status === 'closing' && (!site.notice_until || site.notice_until >= today);
    const notice = noticeUp
      ? Buffer.from(
          renderRetiredPage({
            siteName: site.name,
            noticeText: site.notice_text,
            successor,
            noticeUntil: site.notice_until,
            merged: site.merged_into_site_id !== null,
          }),
        )
      : null;
    const entries = await cachedEntries(db, site.id);
    const route: RetiredRoute = { siteId: site.id, notice, fallback: successor?.url ?? null, entries };
    for (const h of hosts) if (!routes.has(h)) routes.set(h, route);
  }
  return routes;
}

/** The retired sites' host names and redirects, for nginx. */
export async function retiredRedirectsForNginx(deps: Deps): Promise<{ hosts: string[]; entries: RedirectEntry[] }[]> {
  const db = deps.db.kysely;
  const out: { hosts: string[]; entries: RedirectEntry[] }[] = [];
  for (const site of await redirectQueries.retiredSites(db, SWITCHED)) {
    const hosts = retiredHosts({ domains: domainsOf(site.domains), baseUrl: site.base_url });
    if (hosts.length === 0) continue;
    const entries = (await redirectQueries.entries(db, site.id)).map((e) => ({
      path: e.path,
      target: e.target,
      kind: e.kind as RedirectEntry['kind'],
    }));
    out.push({ hosts, entries });
  }
  return out;
}

/** A retired site's redirects and host names, for the monitoring's check after the switch. */
export async function siteRedirects(deps: Deps, siteId: string): Promise<{ hosts: string[]; entries: RedirectEntry[] } | null> {
  const db = deps.db.kysely;
  const site = await redirectQueries.retiredSite(db, siteId);
  if (!site) return null;
  const hosts = retiredHosts({ domains: domainsOf(site.domains), baseUrl: site.base_url });
  const entries = (await redirectQueries.entries(db, siteId)).map((e) => ({
    path: e.path,
    target: e.target,
    kind: e.kind as RedirectEntry['kind'],
  }));
  return { hosts, entries };
}

/** Sites whose old host names lead here now (closing or closed) and that have redirects. */
export async function switchedSiteIds(deps: Deps): Promise<string[]> {
  const ids: string[] = [];
  for (const site of await redirectQueries.retiredSites(deps.db.kysely, SWITCHED))
    if ((await redirectQueries.signature(deps.db.kysely, site.id)) !== '0:') ids.push(site.id);
  return ids;
}

/** Retired sites with old URLs that lead to articles of this site: their redirects follow its pages. */
export function retiredSitesLeadingTo(deps: Deps, siteId: string): Promise<string[]> {
  return redirectQueries.retiredSourcesOf(deps.db.kysely, siteId);
}

/** True when the site's old host names lead here now (closing or closed). */
export async function isSwitched(deps: Deps, siteId: string): Promise<boolean> {
  const site = await redirectQueries.retiredSite(deps.db.kysely, siteId);
  return site !== undefined && SWITCHED.includes(site.status);
}

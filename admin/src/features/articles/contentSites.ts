/** Sites and columns as the content screens offer them. Pure. */
import { grantsAllow, type Permission } from '../../../../common/permissions.ts';
import type { Grant } from '../../api/auth.ts';
import type { SiteOption } from '../../session/sites.ts';

export interface PermittedSites {
  /** A platform-wide grant gives the permission on every site. */
  all: boolean;
  /** Sites named in the grants that give the permission. */
  sites: SiteOption[];
}

/** Where the user holds `permission` (any of `permissions`). */
export function sitesWith(grants: readonly Grant[], permissions: readonly Permission[]): PermittedSites {
  const seen = new Map<string, SiteOption>();
  let all = false;
  for (const g of grants) {
    if (!permissions.some((p) => grantsAllow([g], p))) continue;
    if (g.scope === '*' || g.siteId === null) all = true;
    else if (!seen.has(g.siteId)) seen.set(g.siteId, { id: g.siteId, name: g.siteName ?? g.siteId });
  }
  return { all, sites: [...seen.values()] };
}

interface NamedColumn {
  id: string;
  parentId: string | null;
  name: string;
}

/** Each column's name with its ancestors ("政务公开 / 通知公告"), so same-named columns can be told apart. */
export function columnPathLabels(columns: readonly NamedColumn[]): Map<string, string> {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const out = new Map<string, string>();
  for (const c of columns) {
    const names: string[] = [];
    const seen = new Set<string>();
    let cur: NamedColumn | undefined = c;
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      names.unshift(cur.name);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    out.set(c.id, names.join(' / '));
  }
  return out;
}

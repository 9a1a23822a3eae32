/** The sites a user works on, derived from the grants the server reports. Pure. */
import type { Grant } from '../api/auth.ts';

export interface SiteOption {
  id: string;
  name: string;
}

/** Distinct sites named in the grants, in grant order. */
export function sitesOfGrants(grants: readonly Grant[]): SiteOption[] {
  const seen = new Map<string, SiteOption>();
  for (const g of grants) {
    if (g.siteId && !seen.has(g.siteId)) seen.set(g.siteId, { id: g.siteId, name: g.siteName ?? g.siteId });
  }
  return [...seen.values()];
}

/** True when a grant is platform-wide (not tied to one site). */
export function hasPlatformGrant(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.siteId === null);
}

/**
 * The site to show: the stored choice when it is still one of the user's sites (null = all
 * sites, only for platform-wide users); otherwise all sites for platform-wide users, else the first site.
 */
export function resolveSiteChoice(stored: string | null | undefined, sites: readonly SiteOption[], platformWide: boolean): string | null {
  if (stored === ALL_SITES && platformWide) return null;
  if (stored && sites.some((s) => s.id === stored)) return stored;
  return platformWide ? null : (sites[0]?.id ?? null);
}

/** Stored value meaning "all sites". */
export const ALL_SITES = '*';

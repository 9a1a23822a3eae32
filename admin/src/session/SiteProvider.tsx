import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { CurrentUser } from '../api/auth.ts';
import { local } from '../lib/storage.ts';
import { SiteContext, type SiteValue } from './SiteContext.ts';
import { ALL_SITES, hasPlatformGrant, resolveSiteChoice, sitesOfGrants } from './sites.ts';

const storageKey = (userId: string) => `gongkai.admin.site.${userId}`;

/**
 * The site the user is looking at. Switching only changes the view (permissions stay as the
 * server grants them); the choice is remembered per user in localStorage.
 */
export function SiteProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const sites = useMemo(() => sitesOfGrants(user.grants), [user.grants]);
  const platformWide = useMemo(() => hasPlatformGrant(user.grants), [user.grants]);
  const [stored, setStored] = useState<string | null>(() => local.get(storageKey(user.id)));

  const siteId = resolveSiteChoice(stored, sites, platformWide);

  const setSiteId = useCallback(
    (next: string | null) => {
      const value = next ?? ALL_SITES;
      local.set(storageKey(user.id), value);
      setStored(value);
    },
    [user.id],
  );

  const value = useMemo<SiteValue>(() => ({ sites, platformWide, siteId, setSiteId }), [sites, platformWide, siteId, setSiteId]);
  return <SiteContext value={value}>{children}</SiteContext>;
}

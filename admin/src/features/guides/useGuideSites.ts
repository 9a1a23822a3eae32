import { useMemo } from 'react';
import type { Permission } from '../../../../common/permissions.ts';
import { useCurrentSite } from '../../session/useCurrentSite.ts';
import { useCurrentUser } from '../../session/useSession.ts';
import { sitesWith } from '../articles/contentSites.ts';
import { useSiteOptions } from '../articles/useSites.ts';
import { pickSite } from '../interaction/sitePick.ts';

export interface GuideSites {
  /** The sites where the user holds one of the permissions, for a SiteChoice. */
  options: { value: string; label: string }[];
  /** The site shown: `wanted` (from the address) when allowed, else the header's, else the only one. */
  siteId: string | null;
  names: Map<string, string>;
  loading: boolean;
}

/** The sites a 办事服务 screen offers and the one it shows. */
export function useGuideSites(permissions: readonly Permission[], wanted: string | null): GuideSites {
  const user = useCurrentUser();
  const { siteId: headerSite } = useCurrentSite();
  const registry = useSiteOptions();
  const key = permissions.join(',');
  const options = useMemo(() => {
    const permitted = sitesWith(user.grants, key.split(',') as Permission[]);
    const sites = permitted.all ? registry.options : permitted.sites;
    return sites.map((s) => ({ value: s.id, label: registry.names.get(s.id) ?? s.name }));
  }, [user.grants, registry, key]);
  return { options, siteId: pickSite(wanted, headerSite, options), names: registry.names, loading: registry.loading };
}

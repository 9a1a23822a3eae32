import { useMemo } from 'react';
import type { Permission } from '../../../../common/permissions.ts';
import { useCurrentSite } from '../../session/useCurrentSite.ts';
import { useCurrentUser } from '../../session/useSession.ts';
import { sitesWith } from '../articles/contentSites.ts';
import { useSiteOptions } from '../articles/useSites.ts';
import { pickSite } from '../interaction/sitePick.ts';

export interface PermittedSites {
  /** The sites where the user holds one of the permissions, for a SiteChoice. */
  options: { value: string; label: string }[];
  /** The site shown: `wanted` when allowed, else the header's, else the only one (see pickSite); null until one is chosen. */
  siteId: string | null;
  /** Every visible site's name by id. */
  names: Map<string, string>;
  loading: boolean;
}

/** The sites a screen offers (those where the user holds one of `permissions`) and the one it shows. */
export function usePermittedSites(permissions: readonly Permission[], wanted: string | null): PermittedSites {
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

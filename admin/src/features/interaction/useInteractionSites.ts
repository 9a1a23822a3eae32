import { useMemo, useState } from 'react';
import type { Permission } from '../../../../common/permissions.ts';
import { useCurrentSite } from '../../session/useCurrentSite.ts';
import { useCurrentUser } from '../../session/useSession.ts';
import { sitesWith } from '../articles/contentSites.ts';
import { useSiteOptions } from '../articles/useSites.ts';
import { pickSite } from './sitePick.ts';

export interface InteractionSites {
  /** The sites where the user holds one of the permissions, for a SiteChoice. */
  options: { value: string; label: string }[];
  /** The site shown (see pickSite), or null until one is chosen. */
  siteId: string | null;
  setChosen: (siteId: string) => void;
  /** Every visible site's name by id. */
  names: Map<string, string>;
  loading: boolean;
}

/** The sites an interaction screen offers (those where the user holds `permissions`) and the one it shows. */
export function useInteractionSites(permissions: readonly Permission[]): InteractionSites {
  const user = useCurrentUser();
  const { siteId: headerSite } = useCurrentSite();
  const registry = useSiteOptions();
  const key = permissions.join(',');
  const options = useMemo(() => {
    const permitted = sitesWith(user.grants, key.split(',') as Permission[]);
    const sites = permitted.all ? registry.options : permitted.sites;
    return sites.map((s) => ({ value: s.id, label: registry.names.get(s.id) ?? s.name }));
  }, [user.grants, registry, key]);
  const [chosen, setChosen] = useState<string | null>(null);
  return { options, siteId: pickSite(chosen, headerSite, options), setChosen, names: registry.names, loading: registry.loading };
}

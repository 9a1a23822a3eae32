import { useCallback, useMemo } from 'react';
import { fetchSites } from '../../api/sites.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { useCurrentSite } from '../../session/useCurrentSite.ts';
import type { SiteOption } from '../../session/sites.ts';

/**
 * The sites the user can see, with names: the site registry (every visible site, which
 * platform-wide users need), falling back to the names in the user's grants.
 */
export function useSiteOptions(): { options: SiteOption[]; names: Map<string, string>; loading: boolean } {
  const { sites: grantSites } = useCurrentSite();
  const load = useCallback((signal: AbortSignal) => fetchSites({}, signal), []);
  const registry = useApiData(load);
  return useMemo(() => {
    const names = new Map<string, string>(grantSites.map((s) => [s.id, s.name]));
    for (const s of registry.data ?? []) names.set(s.id, s.name);
    return { options: [...names].map(([id, name]) => ({ id, name })), names, loading: registry.loading };
  }, [grantSites, registry.data, registry.loading]);
}

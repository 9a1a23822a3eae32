import { useCallback, useMemo } from 'react';
import { fetchSites, type Site } from '../../api/sites.ts';
import { useApiData } from '../../lib/useApiData.ts';

/** The visible sites by id (their codes for preview links, their sponsors as the default department). */
export function useSiteRecords(): { byId: Map<string, Site>; loaded: boolean } {
  const load = useCallback((signal: AbortSignal) => fetchSites({}, signal), []);
  const sites = useApiData(load);
  const byId = useMemo(() => new Map((sites.data ?? []).map((s) => [s.id, s])), [sites.data]);
  return { byId, loaded: sites.data !== undefined || sites.error !== null };
}

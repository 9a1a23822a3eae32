import { useEffect, useMemo, useState } from 'react';
import { fetchColumns, type Column } from '../../api/sites.ts';
import { columnPathLabels } from './contentSites.ts';

/**
 * Columns of the given sites (fetched once per site) with their path labels, for tables that
 * list articles of several sites.
 */
export function useSiteColumns(siteIds: readonly string[]): { columns: Map<string, Column[]>; labels: Map<string, string> } {
  const [bySite, setBySite] = useState<Map<string, Column[]>>(new Map());
  const key = useMemo(() => [...new Set(siteIds)].sort().join(','), [siteIds]);

  useEffect(() => {
    const missing = (key ? key.split(',') : []).filter((s) => !bySite.has(s));
    if (missing.length === 0) return;
    const controller = new AbortController();
    void Promise.all(
      missing.map((s) =>
        fetchColumns(s, controller.signal).then(
          (cols): [string, Column[]] => [s, cols],
          (): [string, Column[]] => [s, []],
        ),
      ),
    ).then((pairs) => {
      if (!controller.signal.aborted) setBySite((prev) => new Map([...prev, ...pairs]));
    });
    return () => controller.abort();
  }, [key, bySite]);

  const labels = useMemo(() => {
    const out = new Map<string, string>();
    for (const cols of bySite.values()) for (const [id, label] of columnPathLabels(cols)) out.set(id, label);
    return out;
  }, [bySite]);
  return { columns: bySite, labels };
}

import { useEffect, useMemo, useState } from 'react';
import { fetchContentColumns, type ContentColumn } from '../../api/content.ts';
import { columnPathLabels } from './contentSites.ts';

/**
 * Columns of the given sites (fetched once per site) with their path labels, for tables that
 * list articles of several sites.
 */
export function useSiteColumns(siteIds: readonly string[]): { columns: Map<string, ContentColumn[]>; labels: Map<string, string> } {
  const [bySite, setBySite] = useState<Map<string, ContentColumn[]>>(new Map());
  const key = useMemo(() => [...new Set(siteIds)].sort().join(','), [siteIds]);

  useEffect(() => {
    const missing = (key ? key.split(',') : []).filter((s) => !bySite.has(s));
    if (missing.length === 0) return;
    const controller = new AbortController();
    void Promise.all(
      missing.map((s) =>
        fetchContentColumns(s, controller.signal).then(
          (cols): [string, ContentColumn[]] => [s, cols],
          (): [string, ContentColumn[]] => [s, []],
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

import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchSiteHealth, type SiteHealth } from '../../api/monitoring.ts';

/** Health loads running at once: a page of sites fills in quickly without flooding the server. */
const PARALLEL = 4;

export interface SiteHealths {
  /** Each asked-for site's health once loaded, or 'error' when its load failed. */
  byId: ReadonlyMap<string, SiteHealth | 'error'>;
  /** Forgets every loaded health and loads the asked-for ones again. */
  reload: () => void;
}

/**
 * The health of each of `siteIds` (the sites a table shows), loaded a few at a time and
 * kept: paging back to sites already loaded asks nothing again.
 */
export function useSiteHealths(siteIds: readonly string[]): SiteHealths {
  const [byId, setById] = useState<ReadonlyMap<string, SiteHealth | 'error'>>(() => new Map());
  const [attempt, setAttempt] = useState(0);
  const asked = useRef(new Set<string>());
  const key = siteIds.join('\n');

  useEffect(() => {
    const controller = new AbortController();
    const seen = asked.current;
    const queue = (key ? key.split('\n') : []).filter((id) => !seen.has(id));
    // Asked for by this run and not answered yet: asked again by the next run if this one is cut short.
    const pending = new Set(queue);
    for (const id of queue) seen.add(id);
    const settle = (id: string, value: SiteHealth | 'error') => {
      pending.delete(id);
      setById((prev) => new Map(prev).set(id, value));
    };
    const work = async () => {
      for (let id = queue.shift(); id !== undefined && !controller.signal.aborted; id = queue.shift()) {
        try {
          settle(id, await fetchSiteHealth(id, controller.signal));
        } catch {
          if (controller.signal.aborted) return;
          settle(id, 'error');
        }
      }
    };
    for (let i = 0; i < Math.min(PARALLEL, queue.length); i++) void work();
    return () => {
      controller.abort();
      for (const id of pending) seen.delete(id);
    };
  }, [key, attempt]);

  const reload = useCallback(() => {
    asked.current.clear();
    setById(new Map());
    setAttempt((n) => n + 1);
  }, []);
  return { byId, reload };
}

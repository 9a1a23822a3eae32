import { useCallback, useEffect, useState } from 'react';

interface Loaded<T> {
  load: (signal: AbortSignal) => Promise<T>;
  attempt: number;
  data: T | undefined;
  error: unknown;
}

export interface ApiData<T> {
  /** The latest data (kept while a reload runs, so tables do not flash empty). */
  data: T | undefined;
  /** The last load's error, or null. */
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a screen. `load` must be memoised (useCallback): a new function means new
 * parameters (a filter, a site) and starts a new load; the previous one is aborted.
 */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>): ApiData<T> {
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setLoaded({ load, attempt, data, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded((prev) => ({ load, attempt, data: prev?.data, error }));
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = loaded !== null && loaded.load === load && loaded.attempt === attempt;
  return { data: loaded?.data, error: current ? loaded.error : null, loading: !current, reload };
}

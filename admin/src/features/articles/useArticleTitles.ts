import { useEffect, useMemo, useState } from 'react';
import { fetchArticle } from '../../api/content.ts';

/** Titles of referenced articles (policies, interpretations, replacements), fetched once each. */
export function useArticleTitles(ids: readonly string[]): Map<string, string> {
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const key = useMemo(() => [...new Set(ids)].sort().join(','), [ids]);

  useEffect(() => {
    const wanted = key ? key.split(',') : [];
    if (wanted.length === 0) return;
    const controller = new AbortController();
    void Promise.all(
      wanted.map((id) =>
        fetchArticle(id, controller.signal).then(
          (a) => [id, a.title] as const,
          () => [id, `（无法读取的稿件 ${id}）`] as const,
        ),
      ),
    ).then((pairs) => {
      if (!controller.signal.aborted) setTitles(new Map(pairs));
    });
    return () => controller.abort();
  }, [key]);

  return titles;
}

import { Select, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fetchArticle, fetchArticles } from '../../api/content.ts';

export interface ArticleRefSelectProps {
  id?: string;
  siteId: string | null;
  /** Only articles of this type (政策文件 for replacedBy / relatedPolicies). */
  type?: string;
  multiple?: boolean;
  /** The article being edited: it cannot refer to itself. */
  excludeId?: string | null;
  value?: string | string[];
  /** Also gives the chosen articles' titles (for link texts). */
  onChange?: (value: string | string[] | undefined, titles: string[]) => void;
  placeholder?: string;
  'aria-required'?: boolean;
}

const SEARCH_DELAY_MS = 300;

/** Searches the site's articles by title (server-side) and stores their ids. */
export function ArticleRefSelect({ id, siteId, type, multiple, excludeId, value, onChange, placeholder, ...aria }: ArticleRefSelectProps) {
  const [found, setFound] = useState<Map<string, string>>(new Map());
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState('');
  const timer = useRef<number | undefined>(undefined);

  // Search (debounced); an empty query lists the most recently changed articles.
  useEffect(() => {
    if (!siteId) return;
    const controller = new AbortController();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      fetchArticles({ siteId, type: type ?? null, q: query, limit: 20 }, controller.signal)
        .then((items) => setFound(new Map(items.map((a) => [a.id, a.title]))))
        .catch(() => undefined)
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer.current);
      controller.abort();
    };
  }, [siteId, type, query]);

  // Titles for chosen ids that the search has not returned (an article loaded for editing).
  const ids = useMemo(() => (value === undefined ? [] : Array.isArray(value) ? value : [value]), [value]);
  useEffect(() => {
    const missing = ids.filter((i) => !found.has(i) && !titles.has(i));
    if (missing.length === 0) return;
    const controller = new AbortController();
    void Promise.all(
      missing.map((i) =>
        fetchArticle(i, controller.signal).then(
          (a) => [i, a.title] as const,
          () => [i, `（无法读取的稿件 ${i}）`] as const,
        ),
      ),
    ).then((pairs) => {
      if (!controller.signal.aborted) setTitles((prev) => new Map([...prev, ...pairs]));
    });
    return () => controller.abort();
  }, [ids, found, titles]);

  const options = useMemo(() => {
    const all = new Map([...titles, ...found]);
    return [...all].filter(([i]) => i !== excludeId).map(([i, title]) => ({ value: i, label: title }));
  }, [found, titles, excludeId]);

  return (
    <Select
      id={id}
      {...aria}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      value={value}
      onChange={(v: string | string[] | undefined) => {
        const chosen = v === undefined ? [] : Array.isArray(v) ? v : [v];
        const all = new Map([...titles, ...found]);
        onChange?.(
          v,
          chosen.map((i) => all.get(i) ?? i),
        );
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      notFoundContent={loading ? <Spin size="small" /> : '没有找到稿件'}
      placeholder={placeholder ?? '输入标题关键词搜索'}
      disabled={!siteId}
    />
  );
}

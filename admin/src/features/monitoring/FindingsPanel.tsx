import { useCallback } from 'react';
import { fetchFindings } from '../../api/monitoring.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { useApiData } from '../../lib/useApiData.ts';
import { FindingDrawer } from './FindingDrawer.tsx';
import { FindingFilters } from './FindingFilters.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { findingFilter, PAGE_SIZES, type FindingQuery } from './monitoringLabels.ts';

export interface FindingsPanelProps {
  query: FindingQuery;
  /** Changes the filter (the screen keeps it in its address); page 1 unless the patch names one. */
  onQuery: (patch: Partial<FindingQuery>) => void;
  /** One site's findings: no site filter, no 网站 column. */
  siteId?: string | undefined;
  /** The site filter's choices (a list across sites). */
  sites?: { value: string; label: string }[] | undefined;
  /** What the table holds, for screen readers. */
  label: string;
}

/** Findings filtered and paged, each opening its evidence and history in a drawer. */
export function FindingsPanel({ query, onQuery, siteId, sites, label }: FindingsPanelProps) {
  const filter = findingFilter(siteId ? { ...query, siteId } : query);
  const key = JSON.stringify(filter);
  const load = useCallback((signal: AbortSignal) => fetchFindings(JSON.parse(key) as typeof filter, signal), [key]);
  const list = useApiData(load);
  const total = list.data?.total ?? 0;
  return (
    <>
      <FindingFilters query={query} sites={siteId ? undefined : sites} onChange={onQuery} />
      {list.error ? <LoadErrorAlert error={list.error} what="问题清单" onRetry={list.reload} /> : null}
      <FindingsTable
        label={label}
        findings={list.data?.items ?? []}
        loading={list.loading}
        emptyText="没有符合条件的问题"
        showSite={!siteId}
        onOpen={(finding) => onQuery({ finding, page: query.page })}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (n) => `共 ${n} 个问题`,
          onChange: (page, pageSize) => onQuery({ page: pageSize === query.pageSize ? page : 1, pageSize }),
        }}
      />
      <FindingDrawer id={query.finding || null} onClose={() => onQuery({ finding: '', page: query.page })} />
    </>
  );
}

import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { FindingsPanel } from '../features/monitoring/FindingsPanel.tsx';
import { findingQueryFrom, findingQueryParams, type FindingQuery } from '../features/monitoring/monitoringLabels.ts';
import '../features/monitoring/monitoring.css';

/**
 * 问题清单 (supervisors): every problem the monitoring found on the sites, filtered by site,
 * kind, severity, state, source and text (the filter lives in the address, so a link opens the
 * list filtered); each opens its evidence and history, each site its health.
 */
export default function MonitoringFindingsScene() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => findingQueryFrom(params), [params]);
  const registry = useSiteOptions();
  const sites = useMemo(
    () => [{ value: '', label: '全部网站' }, ...registry.options.map((s) => ({ value: s.id, label: s.name }))],
    [registry.options],
  );
  const change = (patch: Partial<FindingQuery>) =>
    setParams(findingQueryParams({ ...query, ...patch, page: patch.page ?? 1 }), { replace: true });
  return (
    <>
      <PageTitle title="问题清单" />
      <Typography.Paragraph type="secondary">
        网页抓取、平台数据、可用性探测等监测发现的问题。问题在后续监测中不再出现即自动标为“已解决”，再次出现时重新打开；严重程度“否决”对应政府网站考核的单项否决指标。
      </Typography.Paragraph>
      <Card>
        <FindingsPanel query={query} onQuery={change} sites={sites} label="问题清单" />
      </Card>
    </>
  );
}

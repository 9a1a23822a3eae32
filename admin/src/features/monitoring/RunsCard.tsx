import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import type { RunView } from '../../../../common/schemas/monitoring.ts';
import { fetchSiteRuns } from '../../api/monitoring.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';
import { RUN_OUTCOME_LABELS, sourceLabel } from './monitoringLabels.ts';

const PAGE_SIZE = 10;
const n = (v: number | null) => (v === null ? '—' : v);

const COLUMNS: TableColumnsType<RunView> = [
  { title: '监测日期', dataIndex: 'asOf', key: 'asOf', width: 110 },
  { title: '来源', key: 'source', width: 110, render: (_, r) => sourceLabel(r.source) },
  { title: '结束时间', key: 'finishedAt', width: 150, render: (_, r) => formatDateTime(r.finishedAt) },
  {
    title: '结果',
    key: 'outcome',
    width: 220,
    render: (_, r) => (
      <>
        <Tag color={r.outcome === 'ok' ? TAG_COLORS.green : TAG_COLORS.darkRed}>{RUN_OUTCOME_LABELS[r.outcome]}</Tag>
        {r.error}
      </>
    ),
  },
  { title: '页面', key: 'pages', width: 70, align: 'right', render: (_, r) => n(r.pages) },
  { title: '链接', key: 'links', width: 70, align: 'right', render: (_, r) => n(r.links) },
  { title: '发现', dataIndex: 'found', key: 'found', width: 70, align: 'right' },
  { title: '新增', dataIndex: 'opened', key: 'opened', width: 70, align: 'right' },
  { title: '再次出现', dataIndex: 'reopened', key: 'reopened', width: 90, align: 'right' },
  { title: '已消除', dataIndex: 'resolved', key: 'resolved', width: 80, align: 'right' },
];

/** 监测记录: the site's monitoring runs, newest first, with what each found, opened and resolved. */
export function RunsCard({ siteId }: { siteId: string }) {
  const [page, setPage] = useState(1);
  const load = useCallback((signal: AbortSignal) => fetchSiteRuns(siteId, { page, pageSize: PAGE_SIZE }, signal), [siteId, page]);
  const runs = useApiData(load);
  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">监测记录</h2>}>
      {runs.error ? <LoadErrorAlert error={runs.error} what="监测记录" onRetry={runs.reload} /> : null}
      <ScrollRegion label="监测记录">
        <Table<RunView>
          rowKey="id"
          size="small"
          caption={<span className="gk-visually-hidden">监测记录</span>}
          columns={COLUMNS}
          dataSource={runs.data?.items ?? []}
          loading={runs.loading}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: runs.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          scroll={{ x: 1040 }}
          locale={{ emptyText: <TableEmpty loading={runs.loading} text="暂无监测记录" /> }}
        />
      </ScrollRegion>
    </Card>
  );
}

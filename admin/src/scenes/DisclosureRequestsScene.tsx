import { Alert, Segmented, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { fetchRequests, type RequestSummary } from '../api/disclosure.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { RepeatedRequestsCard } from '../features/disclosure/RepeatedRequestsCard.tsx';
import { DueDate } from '../features/disclosure/DueDate.tsx';
import { outcomeText } from '../features/disclosure/requestLabels.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';

type ArchiveFilter = 'open' | 'archived' | 'all';
const ARCHIVE_FILTERS: { value: ArchiveFilter; label: string }[] = [
  { value: 'open', label: '未归档' },
  { value: 'archived', label: '已归档' },
  { value: 'all', label: '全部' },
];

/**
 * 依申请公开: the current site's requests and those assigned to its org, the soonest due first,
 * with how urgent each is; unarchived by default. Below, the groups of requests for the same
 * information by several applicants (建议主动公开, 条例 44).
 */
export default function DisclosureRequestsScene() {
  const { siteId } = useCurrentSite();
  const [archive, setArchive] = useState<ArchiveFilter>('open');
  const load = useCallback(
    (signal: AbortSignal) =>
      siteId
        ? fetchRequests(siteId, signal, archive === 'all' ? undefined : archive === 'archived')
        : Promise.resolve({ items: [], orgId: null }),
    [siteId, archive],
  );
  const list = useApiData(load);
  const columns: TableColumnsType<RequestSummary> = [
    {
      title: '受理编号',
      key: 'trackingNo',
      width: 170,
      render: (_, r) => <Link to={`/disclosure/requests/${encodeURIComponent(r.id)}`}>{r.trackingNo}</Link>,
    },
    { title: '申请人', dataIndex: 'applicantName', key: 'applicant', width: 140 },
    { title: '所需信息', dataIndex: 'description', key: 'description', ellipsis: true },
    { title: '收到日期', dataIndex: 'receivedOn', key: 'received', width: 110 },
    {
      title: '状态',
      key: 'state',
      width: 200,
      render: (_, r) => (
        <>
          {r.stateLabel} {r.assigned ? <Tag>已转办</Tag> : null}
          {r.archivedAt ? <Tag color="default">已归档</Tag> : null}
        </>
      ),
    },
    {
      title: '答复期限',
      key: 'due',
      width: 170,
      render: (_, r) => <DueDate dueOn={r.dueOn} level={r.level} />,
    },
    { title: '答复结果', key: 'outcome', width: 200, render: (_, r) => outcomeText(r.outcome) },
  ];
  return (
    <>
      <PageTitle title="依申请公开" />
      {!siteId ? <Alert type="info" showIcon title="请先在页面上方选择一个网站。" /> : null}
      {list.error ? <LoadErrorAlert error={list.error} what="申请列表" onRetry={list.reload} /> : null}
      <Space style={{ marginBottom: 12 }}>
        <Segmented<ArchiveFilter> aria-label="归档状态" options={ARCHIVE_FILTERS} value={archive} onChange={setArchive} />
      </Space>
      <Table<RequestSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={(list.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <TableEmpty loading={list.loading} text="暂无政府信息公开申请" /> }}
      />
      {list.data?.orgId ? <RepeatedRequestsCard orgId={list.data.orgId} /> : null}
    </>
  );
}

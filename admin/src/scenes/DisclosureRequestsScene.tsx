import { Alert, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { fetchRequests, type RequestSummary } from '../api/disclosure.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { LEVEL_TAGS, outcomeText } from '../features/disclosure/requestLabels.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';

/** 依申请公开: the current site's requests, the soonest due first, with how urgent each is. */
export default function DisclosureRequestsScene() {
  const { siteId } = useCurrentSite();
  const load = useCallback((signal: AbortSignal) => (siteId ? fetchRequests(siteId, signal) : Promise.resolve({ items: [] })), [siteId]);
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
    { title: '状态', dataIndex: 'stateLabel', key: 'state', width: 170 },
    {
      title: '答复期限',
      key: 'due',
      width: 170,
      render: (_, r) => {
        const tag = LEVEL_TAGS[r.level];
        return (
          <>
            {r.dueOn ?? '—'} {tag ? <Tag color={tag.color}>{tag.text}</Tag> : null}
          </>
        );
      },
    },
    { title: '答复结果', key: 'outcome', width: 200, render: (_, r) => outcomeText(r.outcome) },
  ];
  return (
    <>
      <PageTitle title="依申请公开" />
      {!siteId ? <Alert type="info" showIcon title="请先在页面上方选择一个网站。" /> : null}
      {list.error ? <LoadErrorAlert error={list.error} what="申请列表" onRetry={list.reload} /> : null}
      <Table<RequestSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={(list.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <TableEmpty loading={list.loading} text="暂无政府信息公开申请" /> }}
      />
    </>
  );
}

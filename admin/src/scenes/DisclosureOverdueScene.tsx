import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { fetchOverdueRequests, type OverdueRequest } from '../api/disclosure-handling.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { DueDate } from '../features/disclosure/DueDate.tsx';
import { useApiData } from '../lib/useApiData.ts';

/**
 * 逾期申请: for supervisors, the open 依申请公开 requests of every site past their due date or
 * within three working days of it, the most overdue first. Lawfully extended and paused
 * requests are judged by the request clock, so they never show as overdue.
 */
export default function DisclosureOverdueScene() {
  const load = useCallback((signal: AbortSignal) => fetchOverdueRequests(signal), []);
  const list = useApiData(load);
  const columns: TableColumnsType<OverdueRequest> = [
    { title: '单位', dataIndex: 'orgName', key: 'org', width: 200 },
    { title: '网站', dataIndex: 'siteName', key: 'site', width: 200 },
    { title: '受理编号', dataIndex: 'trackingNo', key: 'trackingNo', width: 170 },
    { title: '收到日期', dataIndex: 'receivedOn', key: 'received', width: 110 },
    {
      title: '状态',
      key: 'state',
      width: 170,
      render: (_, r) => (
        <>
          {r.stateLabel} {r.lawfullyExtended ? <Tag color="blue">已依法延期</Tag> : null}
        </>
      ),
    },
    {
      title: '答复期限',
      key: 'due',
      width: 170,
      render: (_, r) => <DueDate dueOn={r.dueOn} level={r.level} />,
    },
    {
      title: '逾期',
      key: 'overdue',
      width: 170,
      render: (_, r) =>
        r.level === 'overdue' ? `${r.daysOverdue} 天（${r.workdaysOverdue} 个工作日）` : `剩余 ${r.workdaysLeft ?? 0} 个工作日`,
    },
  ];
  return (
    <>
      <PageTitle title="逾期申请" />
      <Typography.Paragraph type="secondary">
        全部网站中已超过答复期限或 3 个工作日内到期的政府信息公开申请（截至 {list.data?.today ?? '今天'}
        ），逾期最久的在前。依法延期、征求意见或等待缴费期间的申请按延长或中止后的期限计算。
      </Typography.Paragraph>
      {list.error ? <LoadErrorAlert error={list.error} what="逾期申请" onRetry={list.reload} /> : null}
      <ScrollRegion label="逾期申请列表">
        <Table<OverdueRequest>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={(list.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <TableEmpty loading={list.loading} text="没有逾期或即将到期的申请" /> }}
        />
      </ScrollRegion>
    </>
  );
}

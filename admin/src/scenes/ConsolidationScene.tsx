import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { LIFECYCLE_REQUEST_LABELS } from '../../../common/schemas/site-lifecycle.ts';
import type { SiteStatus } from '../../../common/schemas/sites.ts';
import { fetchConsolidation, type ConsolidationRow } from '../api/lifecycle.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import '../features/articles/articles.css';
import { PageTitle } from '../components/PageTitle.tsx';
import { LifecycleDrawer } from '../features/sites/LifecycleDrawer.tsx';
import { hostingLabel, STATUS_TAG_COLORS, statusLabel } from '../features/sites/siteLabels.ts';
import { useApiData } from '../lib/useApiData.ts';

/** The deadline and the days left, past ones marked. */
function deadlineText(r: ConsolidationRow) {
  if (!r.deadline) return <Typography.Text type="secondary">无</Typography.Text>;
  if (r.daysLeft === null) return r.deadline;
  return (
    <>
      <div>{r.deadline}</div>
      {r.daysLeft < 0 ? (
        <Tag color="red">已超期 {-r.daysLeft} 天</Tag>
      ) : (
        <Typography.Text type="secondary">剩余 {r.daysLeft} 天</Typography.Text>
      )}
    </>
  );
}

/** 集约化: every site of the city with its status, hosting, successor, deadline and the rules it still breaks; a drawer per site for its lifecycle. */
export default function ConsolidationScene() {
  const load = useCallback((signal: AbortSignal) => fetchConsolidation(signal), []);
  const rows = useApiData(load);
  const [open, setOpen] = useState<{ id: string; name: string } | null>(null);
  const successors = useMemo(() => (rows.data ?? []).map((r) => ({ id: r.id, name: r.name, kind: r.kind, status: r.status })), [rows.data]);
  const breaking = (rows.data ?? []).filter((r) => r.problems.length > 0).length;

  const columns: TableColumnsType<ConsolidationRow> = [
    {
      title: '网站名称',
      key: 'name',
      render: (_, r) => (
        <>
          <div>{r.name}</div>
          <Typography.Text type="secondary">{r.code ?? '未取得网站标识码'}</Typography.Text>
        </>
      ),
    },
    { title: '主办单位', key: 'sponsor', render: (_, r) => r.sponsorName },
    { title: '所属县区', key: 'county', render: (_, r) => r.countyName ?? '—' },
    { title: '托管方式', key: 'hosting', render: (_, r) => hostingLabel(r.hosting) },
    {
      title: '状态',
      key: 'status',
      render: (_, r) => (
        <>
          <Tag color={STATUS_TAG_COLORS[r.status as SiteStatus]}>{statusLabel(r.status)}</Tag>
          {r.request && <Tag>{LIFECYCLE_REQUEST_LABELS[r.request]}待审批</Tag>}
        </>
      ),
    },
    {
      title: '新网站',
      key: 'successor',
      render: (_, r) => r.successorName ?? r.successorUrl ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '整合期限', key: 'deadline', render: (_, r) => deadlineText(r) },
    { title: '公告至', key: 'notice', render: (_, r) => r.noticeUntil ?? '—' },
    {
      title: '仍不符合的规定',
      key: 'problems',
      render: (_, r) =>
        r.problems.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <ul className="gk-plain-list">
            {r.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setOpen({ id: r.id, name: r.name })} aria-label={`${r.name}的生命周期`}>
          生命周期
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="集约化" />
      {rows.error !== null && <LoadErrorAlert error={rows.error} what="网站集约化情况" onRetry={rows.reload} />}
      <Typography.Paragraph>
        全市共 {rows.data?.length ?? 0} 个网站，其中 {breaking}{' '}
        个仍不符合集约化要求。网站的开设、上线、临时下线、迁移、整合和关停都在各网站的“生命周期”中按步骤办理。
      </Typography.Paragraph>
      <Table<ConsolidationRow>
        rowKey="id"
        columns={columns}
        dataSource={rows.data ?? []}
        loading={rows.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
      />
      <LifecycleDrawer site={open} successors={successors} onClose={() => setOpen(null)} onChanged={rows.reload} />
    </>
  );
}

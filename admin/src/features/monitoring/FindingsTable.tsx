import { Button, Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import type { FindingView } from '../../api/monitoring.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { siteHealthPath } from '../../paths.ts';
import { ExternalLink, FindingStateTag, SeverityTag } from './FindingTags.tsx';
import { kindLabel, whereText } from './monitoringLabels.ts';

export interface FindingsTableProps {
  /** What the table holds, for screen readers (e.g. 问题清单). */
  label: string;
  findings: readonly FindingView[];
  loading: boolean;
  emptyText: string;
  pagination: TablePaginationConfig | false;
  /** Shows the 网站 column (a list of several sites). */
  showSite: boolean;
  /** Opens a finding's evidence and history. */
  onOpen: (id: string) => void;
}

/** Findings, one a row: each kind opens the finding; the site opens its health; the address opens the page in a new tab. */
export function FindingsTable({ label, findings, loading, emptyText, pagination, showSite, onOpen }: FindingsTableProps) {
  const columns: TableColumnsType<FindingView> = [
    {
      title: '问题类型',
      key: 'kind',
      width: 130,
      render: (_, f) => (
        <Button type="link" className="gk-link-button" onClick={() => onOpen(f.id)}>
          {kindLabel(f.kind)}
        </Button>
      ),
    },
    { title: '严重程度', key: 'severity', width: 88, render: (_, f) => <SeverityTag severity={f.severity} /> },
    { title: '状态', key: 'state', width: 80, render: (_, f) => <FindingStateTag state={f.state} /> },
    ...(showSite
      ? [
          {
            title: '网站',
            key: 'site',
            width: 180,
            render: (_: unknown, f: FindingView) => <Link to={siteHealthPath(f.siteId)}>{f.siteName || f.siteId}</Link>,
          },
        ]
      : []),
    { title: '网址', key: 'url', width: 230, render: (_, f) => <ExternalLink href={f.url} /> },
    { title: '栏目 / 要素', key: 'where', width: 120, render: (_, f) => whereText(f) ?? '—' },
    { title: '问题描述', dataIndex: 'detail', key: 'detail', width: 280 },
    {
      title: '首次 / 最近发现',
      key: 'seen',
      width: 150,
      render: (_, f) => (
        <>
          <div>{formatDateTime(f.firstSeenAt)}</div>
          <div>{formatDateTime(f.lastSeenAt)}</div>
        </>
      ),
    },
  ];
  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
  return (
    <ScrollRegion label={label}>
      <Table<FindingView>
        rowKey="id"
        size="small"
        caption={<span className="gk-visually-hidden">{label}</span>}
        columns={columns}
        dataSource={[...findings]}
        loading={loading}
        pagination={pagination}
        scroll={{ x: width }}
        locale={{ emptyText: <TableEmpty loading={loading} text={emptyText} /> }}
      />
    </ScrollRegion>
  );
}

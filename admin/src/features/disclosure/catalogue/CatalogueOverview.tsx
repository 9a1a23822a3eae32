import { Button, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { fetchCatalogueOverview, type CatalogueOverviewItem } from '../../../api/catalogue.ts';
import { LoadErrorAlert } from '../../../components/LoadErrorAlert.tsx';
import { useApiData } from '../../../lib/useApiData.ts';

export interface CatalogueOverviewProps {
  /** Opens one site's catalogue below. */
  onOpen: (siteId: string) => void;
}

/** The supervision office's list of every hosted site's catalogue, the least complete first. */
export function CatalogueOverview({ onOpen }: CatalogueOverviewProps) {
  const load = useCallback((signal: AbortSignal) => fetchCatalogueOverview(signal), []);
  const list = useApiData(load);
  const columns: TableColumnsType<CatalogueOverviewItem> = [
    {
      title: '网站',
      key: 'site',
      width: 220,
      render: (_, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(r.siteId)}>
          {r.siteName}
        </Button>
      ),
    },
    { title: '主办单位', dataIndex: 'orgName', key: 'org', width: 200 },
    { title: '信息条数', dataIndex: 'items', key: 'items', width: 90, align: 'right' },
    {
      title: '需完善的分类',
      key: 'missing',
      render: (_, r) =>
        r.problemCount ? (
          <>
            <Tag color="red">{r.problemCount} 项</Tag>
            {r.missing.slice(0, 6).join('、')}
            {r.missing.length > 6 ? ' 等' : ''}
          </>
        ) : (
          <Tag color="blue">完整</Tag>
        ),
    },
  ];
  return (
    <>
      {list.error ? <LoadErrorAlert error={list.error} what="各网站公开目录" onRetry={list.reload} /> : null}
      <Table<CatalogueOverviewItem>
        rowKey="siteId"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        size="small"
        scroll={{ x: 900 }}
      />
    </>
  );
}

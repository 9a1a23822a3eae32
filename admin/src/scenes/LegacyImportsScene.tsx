import { Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fetchImports, type ImportSummaryView } from '../api/migration.ts';
import { fetchSites } from '../api/sites.ts';
import { FormModal } from '../components/FormModal.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { ImportForm } from '../features/migration/ImportForm.tsx';
import { importStatusTag } from '../features/migration/migrationLabels.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { legacyImportPath } from '../paths.ts';

/**
 * 网站迁移: the imports of old sites into hosted ones — each analysed first (columns recognised,
 * targets suggested), confirmed by an administrator, then imported with a report of every page.
 */
export default function LegacyImportsScene() {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const load = useCallback((signal: AbortSignal) => fetchImports(signal), []);
  const list = useApiData(load);
  const loadSites = useCallback((signal: AbortSignal) => fetchSites({}, signal), []);
  const sites = useApiData(loadSites);
  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? '—';

  const columns: TableColumnsType<ImportSummaryView> = [
    {
      title: '原网站',
      key: 'source',
      render: (_, i) => (
        <>
          <Link to={legacyImportPath(i.id)}>{siteName(i.sourceSiteId)}</Link>
          <div className="gk-tree-meta">{i.startUrl}</div>
        </>
      ),
    },
    { title: '迁入网站', key: 'target', render: (_, i) => siteName(i.targetSiteId) },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, i) => {
        const t = importStatusTag(i.status);
        return (
          <>
            <Tag color={t.color}>{t.text}</Tag>
            {i.dryRun ? <Tag>试运行</Tag> : null}
          </>
        );
      },
    },
    {
      title: '页面 / 信息',
      key: 'counts',
      width: 220,
      render: (_, i) =>
        `${i.counts.pagesSeen} 页，${i.counts.articlesFound} 条；已导入 ${i.counts.imported + i.counts.updated}，失败 ${i.counts.failed}`,
    },
    { title: '创建', key: 'created', width: 200, render: (_, i) => `${formatDateTime(i.createdAt)} ${i.createdBy}` },
  ];

  return (
    <>
      <PageTitle
        title="网站迁移"
        extra={
          <Button type="primary" onClick={() => setCreating(true)} disabled={!sites.data}>
            新建迁移
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        将原网站（如县级部门、乡镇网站）的栏目和信息迁入平台托管的网站：先抓取分析原网站、识别栏目并建议对应的新栏目，经确认后导入；迁移的信息保留原发布日期和原网址，原网站关停后旧网址跳转到对应的新页面。
      </Typography.Paragraph>
      {list.error ? <LoadErrorAlert error={list.error} what="迁移列表" onRetry={list.reload} /> : null}
      {sites.error ? <LoadErrorAlert error={sites.error} what="网站列表" onRetry={sites.reload} /> : null}
      <Card className="gk-block" title={<h2 className="gk-card-heading">迁移任务</h2>}>
        <ScrollRegion label="迁移任务">
          <Table<ImportSummaryView>
            rowKey="id"
            size="small"
            caption={<span className="gk-visually-hidden">迁移任务</span>}
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.loading}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 900 }}
            locale={{ emptyText: <TableEmpty loading={list.loading} text="还没有迁移任务" /> }}
          />
        </ScrollRegion>
      </Card>
      <FormModal open={creating} title="新建迁移" width={640} onClose={() => setCreating(false)}>
        {(cb) => (
          <ImportForm
            sites={sites.data ?? []}
            onSaved={(created) => {
              cb.onDone();
              navigate(legacyImportPath(created.id));
            }}
            onCancel={cb.onCancel}
            onDirtyChange={cb.onDirtyChange}
          />
        )}
      </FormModal>
    </>
  );
}

import { Alert, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { fetchCatalogue, fetchGuide, type CatalogueCoverageView } from '../api/catalogue.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { CatalogueOverview } from '../features/disclosure/catalogue/CatalogueOverview.tsx';
import { GuideForm } from '../features/disclosure/catalogue/GuideForm.tsx';
import { hasAnyPermission } from '../navigation.ts';
import { useSession } from '../session/useSession.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';

type Category = CatalogueCoverageView['categories'][number];

/**
 * 公开目录: the current site's 政府信息公开目录 against the standard structure (which columns feed
 * each category, how many items, what is missing) and the 政府信息公开指南's fields.
 */
export default function DisclosureCatalogueScene() {
  const { siteId, setSiteId } = useCurrentSite();
  const { user } = useSession();
  const supervisor = hasAnyPermission(user?.permissions ?? [], ['evaluation.manage']);
  const mayEditGuide = hasAnyPermission(user?.permissions ?? [], ['disclosure.handle']);
  const loadCatalogue = useCallback((signal: AbortSignal) => (siteId ? fetchCatalogue(siteId, signal) : Promise.resolve(null)), [siteId]);
  const loadGuide = useCallback((signal: AbortSignal) => (siteId ? fetchGuide(siteId, signal) : Promise.resolve(null)), [siteId]);
  const catalogue = useApiData(loadCatalogue);
  const guide = useApiData(loadGuide);
  const columns: TableColumnsType<Category> = [
    { title: '分组', dataIndex: 'groupLabel', key: 'group', width: 170 },
    {
      title: '分类',
      key: 'label',
      render: (_, c) => (
        <>
          {c.label}
          {c.basis ? <Typography.Text type="secondary">（{c.basis}）</Typography.Text> : null}
        </>
      ),
    },
    { title: '对应栏目', key: 'columns', width: 200, render: (_, c) => (c.columns.length ? c.columns.map((x) => x.name).join('、') : '—') },
    { title: '信息条数', dataIndex: 'items', key: 'items', width: 90, align: 'right' },
    {
      title: '最近发布',
      key: 'newest',
      width: 160,
      render: (_, c) => (c.newestPublishedAt ? formatDateTime(c.newestPublishedAt) : '—'),
    },
    {
      title: '检查',
      key: 'problems',
      width: 260,
      render: (_, c) =>
        c.problems.length ? (
          c.problems.map((p) => (
            <Tag key={p} color="red">
              {p}
            </Tag>
          ))
        ) : (
          <Tag color="blue">完整</Tag>
        ),
    },
  ];
  const view = catalogue.data;
  return (
    <>
      <PageTitle title="公开目录" />
      {supervisor ? (
        <Card title="各网站政府信息公开目录" style={{ marginBottom: 24 }}>
          <CatalogueOverview onOpen={setSiteId} />
        </Card>
      ) : null}
      {!siteId ? <Alert type="info" showIcon title="请先在页面上方选择一个网站。" /> : null}
      {catalogue.error ? <LoadErrorAlert error={catalogue.error} what="公开目录" onRetry={catalogue.reload} /> : null}
      {view ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={view.problemCount ? 'warning' : 'success'}
          showIcon
          title={
            view.problemCount
              ? `${view.orgName}的政府信息公开目录有 ${view.problemCount} 个分类需要完善：在“栏目管理”中为栏目选择公开目录分类，并及时发布信息。`
              : `${view.orgName}的政府信息公开目录完整。`
          }
        />
      ) : null}
      <ScrollRegion label="公开目录分类">
        <Table<Category>
          rowKey="code"
          columns={columns}
          dataSource={view?.categories ?? []}
          loading={catalogue.loading}
          pagination={false}
          size="small"
          scroll={{ x: 1000 }}
        />
      </ScrollRegion>
      {siteId && mayEditGuide ? (
        <Card title="政府信息公开指南" style={{ marginTop: 24 }}>
          {guide.error ? <LoadErrorAlert error={guide.error} what="政府信息公开指南" onRetry={guide.reload} /> : null}
          {siteId && guide.data ? (
            <GuideForm
              key={`${siteId}:${guide.data.updatedAt ?? ''}`}
              siteId={siteId}
              guide={guide.data}
              onSaved={() => {
                guide.reload();
                catalogue.reload();
              }}
            />
          ) : null}
        </Card>
      ) : null}
    </>
  );
}

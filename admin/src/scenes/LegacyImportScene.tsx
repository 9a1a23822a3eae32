import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Progress, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useId, useState } from 'react';
import { useParams } from 'react-router';
import { PAGE_OUTCOMES, PAGE_OUTCOME_LABELS, type LegacyColumnView, type PageOutcome } from '../../../common/schemas/migration.ts';
import { errorMessage } from '../api/client.ts';
import {
  cancelImport,
  confirmMapping,
  fetchImport,
  fetchImportPages,
  importReportUrl,
  startImport,
  type ImportView,
} from '../api/migration.ts';
import { fetchColumns, fetchSites } from '../api/sites.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { importStatusTag, initialMapping, outcomeTag, suggestionText } from '../features/migration/migrationLabels.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';

/** Seconds between reloads while the import is analysing or importing. */
const POLL_MS = 3000;
const PAGE_SIZE = 50;
const SKIP = '';

type PageRow = Awaited<ReturnType<typeof fetchImportPages>>['items'][number];

/**
 * One import: what the analysis found (the legacy columns with suggested targets), the mapping
 * the administrator confirms, the progress of the import, and the report of every page.
 */
export default function LegacyImportScene() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => fetchImport(id, signal), [id]);
  const detail = useApiData(load);
  const imp = detail.data;
  const running = imp?.status === 'analysing' || imp?.status === 'importing';
  const { reload } = detail;
  useEffect(() => {
    if (!running) return;
    const t = setTimeout(reload, POLL_MS);
    return () => clearTimeout(t);
  }, [running, imp, reload]);

  const loadSites = useCallback((signal: AbortSignal) => fetchSites({}, signal), []);
  const sites = useApiData(loadSites);
  const targetSiteId = imp?.targetSiteId;
  const loadColumns = useCallback(
    (signal: AbortSignal) => (targetSiteId ? fetchColumns(targetSiteId, signal) : Promise.resolve([])),
    [targetSiteId],
  );
  const targetColumns = useApiData(loadColumns);

  const [mapping, setMapping] = useState<Record<string, string | null> | null>(null);
  const [mappingOf, setMappingOf] = useState<number | null>(null);
  // The mapping shown starts from the import as last read, and again whenever its version moves.
  if (imp && mappingOf !== imp.version) {
    setMappingOf(imp.version);
    setMapping(initialMapping(imp.columns, imp.mapping));
  }
  const [busy, setBusy] = useState(false);
  const act = async (what: string, run: () => Promise<ImportView>) => {
    setBusy(true);
    try {
      await run();
      void message.success(what);
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const [outcome, setOutcome] = useState<PageOutcome | undefined>(undefined);
  const [page, setPage] = useState(1);
  const loadPages = useCallback(
    (signal: AbortSignal) => fetchImportPages(id, { outcome, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, signal),
    [id, outcome, page],
  );
  const pages = useApiData(loadPages);
  const reloadPages = pages.reload;
  useEffect(() => {
    if (!running) return;
    const t = setTimeout(reloadPages, POLL_MS);
    return () => clearTimeout(t);
  }, [running, imp, reloadPages]);
  const outcomeId = useId();

  const siteName = (sid: string | undefined) => sites.data?.find((s) => s.id === sid)?.name ?? '—';
  const columnOptions = [
    { value: SKIP, label: '不导入' },
    ...(targetColumns.data ?? []).filter((c) => c.status === 'active').map((c) => ({ value: c.id, label: c.name })),
  ];
  const awaiting = imp?.status === 'awaiting_confirmation';

  const legacyColumns: TableColumnsType<LegacyColumnView> = [
    {
      title: '原栏目',
      key: 'name',
      render: (_, c) => (
        <>
          <div>{c.name}</div>
          {c.listUrl ? <div className="gk-tree-meta">{c.listUrl}</div> : null}
        </>
      ),
    },
    { title: '列表页', key: 'lists', width: 80, align: 'right', render: (_, c) => c.listPages },
    { title: '信息', key: 'articles', width: 80, align: 'right', render: (_, c) => c.articles },
    { title: '建议', key: 'suggestion', width: 220, render: (_, c) => suggestionText(c.suggestion) },
    {
      title: '迁入栏目',
      key: 'target',
      width: 220,
      render: (_, c) => (
        <Select
          aria-label={`${c.name} 迁入栏目`}
          style={{ width: '100%' }}
          value={mapping?.[c.key] ?? SKIP}
          options={columnOptions}
          disabled={!awaiting}
          virtual={false}
          onChange={(v: string) => setMapping((m) => ({ ...(m ?? {}), [c.key]: v === SKIP ? null : v }))}
        />
      ),
    },
  ];

  const pageColumns: TableColumnsType<PageRow> = [
    {
      title: '原网址',
      key: 'url',
      render: (_, p) => (
        <>
          <a href={p.url} target="_blank" rel="noreferrer noopener">
            {p.title ?? p.url}
          </a>
          {p.title ? <div className="gk-tree-meta">{p.url}</div> : null}
        </>
      ),
    },
    { title: '日期', key: 'date', width: 110, render: (_, p) => p.date ?? '—' },
    {
      title: '结果',
      key: 'outcome',
      width: 100,
      render: (_, p) => {
        const t = outcomeTag(p.outcome);
        return <Tag color={t.color}>{t.text}</Tag>;
      },
    },
    { title: '说明', key: 'reason', render: (_, p) => p.reason ?? (p.duplicateOf ? `与 ${p.duplicateOf} 重复` : '') },
  ];

  if (detail.error && !imp) return <LoadErrorAlert error={detail.error} what="迁移任务" onRetry={reload} />;
  const status = imp ? importStatusTag(imp.status) : null;

  return (
    <>
      <PageTitle
        title="迁移任务"
        extra={
          imp ? (
            <Space>
              <Button icon={<DownloadOutlined />} href={importReportUrl(imp.id)} download>
                下载报告
              </Button>
              {imp.status === 'analysing' || imp.status === 'importing' || awaiting ? (
                <Button danger disabled={busy} onClick={() => void act('已取消迁移', () => cancelImport(imp.id))}>
                  取消迁移
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      />
      {imp && status ? (
        <Card className="gk-block">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="原网站">{siteName(imp.sourceSiteId)}</Descriptions.Item>
            <Descriptions.Item label="起始网址">{imp.startUrl}</Descriptions.Item>
            <Descriptions.Item label="迁入网站">{siteName(imp.targetSiteId)}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={status.color}>{status.text}</Tag>
              {imp.dryRun ? <Tag>试运行</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="页面">{`抓取 ${imp.counts.pagesSeen} 页，识别信息 ${imp.counts.articlesFound} 条`}</Descriptions.Item>
            <Descriptions.Item label="结果">
              {`导入 ${imp.counts.imported}，更新 ${imp.counts.updated}，未变化 ${imp.counts.unchanged}，重复 ${imp.counts.duplicates}，未导入 ${imp.counts.skipped}，失败 ${imp.counts.failed}`}
            </Descriptions.Item>
            <Descriptions.Item label="创建">{`${formatDateTime(imp.createdAt)} ${imp.createdBy}`}</Descriptions.Item>
            <Descriptions.Item label="栏目对应">
              {imp.confirmedAt ? `${formatDateTime(imp.confirmedAt)} ${imp.confirmedBy ?? ''} 确认` : '未确认'}
            </Descriptions.Item>
          </Descriptions>
          {imp.status === 'importing' ? (
            <Progress
              percent={imp.progress.total ? Math.floor((imp.progress.done / imp.progress.total) * 100) : 0}
              format={() => `${imp.progress.done} / ${imp.progress.total}`}
              aria-label="导入进度"
            />
          ) : null}
          {imp.error ? <Alert type="error" showIcon title={imp.error} /> : null}
        </Card>
      ) : null}
      {imp ? (
        <Card
          className="gk-block"
          title={<h2 className="gk-card-heading">栏目对应</h2>}
          extra={
            awaiting ? (
              <Space>
                <Button
                  disabled={busy || !mapping}
                  onClick={() => void act('已确认栏目对应', () => confirmMapping(imp.id, imp.version, mapping ?? {}))}
                >
                  确认栏目对应
                </Button>
                {!imp.dryRun ? (
                  <Button
                    type="primary"
                    disabled={busy || !imp.confirmedAt}
                    onClick={() => void act('已开始导入', () => startImport(imp.id, imp.version))}
                  >
                    开始导入
                  </Button>
                ) : null}
              </Space>
            ) : null
          }
        >
          {targetColumns.error ? <LoadErrorAlert error={targetColumns.error} what="迁入网站的栏目" onRetry={targetColumns.reload} /> : null}
          <ScrollRegion label="栏目对应">
            <Table<LegacyColumnView>
              rowKey="key"
              size="small"
              caption={<span className="gk-visually-hidden">栏目对应</span>}
              columns={legacyColumns}
              dataSource={imp.columns}
              pagination={false}
              scroll={{ x: 860 }}
              locale={{ emptyText: <TableEmpty loading={running} text="尚未识别出栏目" /> }}
            />
          </ScrollRegion>
        </Card>
      ) : null}
      <Card
        className="gk-block"
        title={<h2 className="gk-card-heading">页面报告</h2>}
        extra={
          <div className="gk-filter">
            <label htmlFor={outcomeId}>结果</label>
            <Select<PageOutcome | typeof SKIP>
              id={outcomeId}
              style={{ width: 140 }}
              value={outcome ?? SKIP}
              options={[{ value: SKIP, label: '全部' }, ...PAGE_OUTCOMES.map((o) => ({ value: o, label: PAGE_OUTCOME_LABELS[o] }))]}
              onChange={(v) => {
                setOutcome(v === SKIP ? undefined : v);
                setPage(1);
              }}
              virtual={false}
            />
          </div>
        }
      >
        {pages.error ? <LoadErrorAlert error={pages.error} what="页面报告" onRetry={pages.reload} /> : null}
        <ScrollRegion label="页面报告">
          <Table<PageRow>
            rowKey="url"
            size="small"
            caption={<span className="gk-visually-hidden">页面报告</span>}
            columns={pageColumns}
            dataSource={pages.data?.items ?? []}
            loading={pages.loading}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: pages.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              onChange: setPage,
            }}
            scroll={{ x: 860 }}
            locale={{ emptyText: <TableEmpty loading={pages.loading} text="没有页面" /> }}
          />
        </ScrollRegion>
      </Card>
    </>
  );
}

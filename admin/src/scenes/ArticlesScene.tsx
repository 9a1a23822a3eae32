import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ARTICLE_STATUS_LABELS, ARTICLE_STATUSES, ARTICLE_TYPE_CONFIG, ARTICLE_TYPES } from '../../../common/content.ts';
import { grantsAllow } from '../../../common/permissions.ts';
import { fetchArticles, type ArticleSummary } from '../api/content.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { DeadlineCell, StatusTags } from '../features/articles/ArticleTags.tsx';
import '../features/articles/articles.css';
import { sitesWith } from '../features/articles/contentSites.ts';
import { useSiteColumns } from '../features/articles/useColumnLabels.ts';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser } from '../session/useSession.ts';

const PAGE_SIZE = 20;
const ALL = '';
const TYPE_OPTIONS = [{ value: ALL, label: '全部类型' }, ...ARTICLE_TYPES.map((t) => ({ value: t, label: ARTICLE_TYPE_CONFIG[t].label }))];
const STATUS_OPTIONS = [{ value: ALL, label: '全部状态' }, ...ARTICLE_STATUSES.map((s) => ({ value: s, label: ARTICLE_STATUS_LABELS[s] }))];

interface Filters {
  columnId: string;
  type: string;
  status: string;
  q: string;
}

const NO_FILTERS: Filters = { columnId: ALL, type: ALL, status: ALL, q: '' };

/** 信息管理: the articles of the site chosen in the header (or here), filtered, newest change first. */
export default function ArticlesScene() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { siteId: headerSite } = useCurrentSite();
  const { options: siteOptions, names: siteNames } = useSiteOptions();
  const ids = { column: useId(), type: useId(), status: useId(), q: useId() };

  const [localSite, setLocalSite] = useState<string>(ALL);
  const siteId = headerSite ?? (localSite || null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [now] = useState(() => Date.now());

  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(0);
  };

  const load = useCallback(
    (signal: AbortSignal) =>
      fetchArticles(
        {
          siteId,
          columnId: siteId ? filters.columnId : null,
          type: filters.type,
          status: filters.status,
          q: filters.q,
          limit: PAGE_SIZE + 1,
          offset: page * PAGE_SIZE,
        },
        signal,
      ),
    [siteId, filters, page],
  );
  const articles = useApiData(load);
  const rows = useMemo(() => (articles.data ?? []).slice(0, PAGE_SIZE), [articles.data]);
  const hasMore = (articles.data?.length ?? 0) > PAGE_SIZE;

  const siteIdsShown = useMemo(() => (siteId ? [siteId] : [...new Set(rows.map((r) => r.siteId))]), [siteId, rows]);
  const { columns: columnsBySite, labels: columnLabels } = useSiteColumns(siteIdsShown);
  const columnOptions = useMemo(() => {
    const cols = siteId ? (columnsBySite.get(siteId) ?? []) : [];
    return [{ value: ALL, label: '全部栏目' }, ...cols.map((c) => ({ value: c.id, label: columnLabels.get(c.id) ?? c.name }))];
  }, [siteId, columnsBySite, columnLabels]);

  const authorSites = useMemo(() => sitesWith(user.grants, ['content.author']), [user.grants]);
  const canCreate = siteId ? grantsAllow(user.grants, 'content.author', siteId) : authorSites.all || authorSites.sites.length > 0;
  const newLink = siteId && canCreate ? `/articles/new?siteId=${encodeURIComponent(siteId)}` : '/articles/new';

  const columns: TableColumnsType<ArticleSummary> = [
    {
      title: '标题',
      key: 'title',
      render: (_, a) => <Link to={`/articles/${encodeURIComponent(a.id)}`}>{a.title}</Link>,
    },
    { title: '类型', dataIndex: 'typeLabel', key: 'type', width: 100 },
    { title: '栏目', key: 'column', width: 160, render: (_, a) => columnLabels.get(a.columnId) ?? '—' },
    ...(siteId
      ? []
      : [{ title: '网站', key: 'site', width: 140, render: (_: unknown, a: ArticleSummary) => siteNames.get(a.siteId) ?? a.siteId }]),
    { title: '状态', key: 'status', width: 200, render: (_, a) => <StatusTags article={a} /> },
    { title: '时限', key: 'deadline', width: 220, render: (_, a) => <DeadlineCell article={a} now={now} /> },
    { title: '更新时间', key: 'updatedAt', width: 150, render: (_, a) => formatDateTime(a.updatedAt) },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, a) => (
        <Space size="middle">
          <Link to={`/articles/${encodeURIComponent(a.id)}`}>
            查看<span className="gk-visually-hidden">{a.title}</span>
          </Link>
          {grantsAllow(user.grants, 'content.author', a.siteId) && (
            <Link to={`/articles/${encodeURIComponent(a.id)}/edit`}>
              编辑<span className="gk-visually-hidden">{a.title}</span>
            </Link>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="信息管理"
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(newLink)}>
              新建稿件
            </Button>
          )
        }
      />
      {articles.error !== null && <LoadErrorAlert error={articles.error} what="稿件列表" onRetry={articles.reload} />}
      <div className="gk-filters" role="search" aria-label="筛选稿件">
        {headerSite === null && (
          <SiteChoice
            value={localSite}
            options={[{ value: ALL, label: '全部网站' }, ...siteOptions.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(v) => {
              setLocalSite(v);
              change({ columnId: ALL });
            }}
          />
        )}
        <div className="gk-filter">
          <label htmlFor={ids.column}>栏目</label>
          <Select
            id={ids.column}
            value={filters.columnId}
            options={columnOptions}
            onChange={(v: string) => change({ columnId: v })}
            disabled={!siteId}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
          />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.type}>类型</label>
          <Select id={ids.type} value={filters.type} options={TYPE_OPTIONS} onChange={(v: string) => change({ type: v })} />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.status}>状态</label>
          <Select id={ids.status} value={filters.status} options={STATUS_OPTIONS} onChange={(v: string) => change({ status: v })} />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.q}>关键词</label>
          <Input.Search
            id={ids.q}
            allowClear
            placeholder="标题关键词"
            enterButton="搜索"
            maxLength={100}
            onSearch={(q) => change({ q: q.trim() })}
          />
        </div>
      </div>
      <Table<ArticleSummary>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={articles.loading}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <TableEmpty loading={articles.loading} text="没有符合条件的稿件" /> }}
      />
      <div className="gk-pager">
        <Space>
          <Button disabled={page === 0 || articles.loading} onClick={() => setPage((p) => p - 1)}>
            上一页
          </Button>
          <Typography.Text>{`第 ${page + 1} 页`}</Typography.Text>
          <Button disabled={!hasMore || articles.loading} onClick={() => setPage((p) => p + 1)}>
            下一页
          </Button>
        </Space>
      </div>
    </>
  );
}

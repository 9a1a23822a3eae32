import { Select, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { fetchDeadlines, type ArticleSummary } from '../api/content.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { DeadlineCell, StatusTags } from '../features/articles/ArticleTags.tsx';
import '../features/articles/articles.css';
import { durationText } from '../features/articles/articleLabels.ts';
import { byDue } from '../features/articles/reviewQueue.ts';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';

const SOON_OPTIONS = [
  { value: 24, label: '24 小时内' },
  { value: 48, label: '48 小时内' },
  { value: 72, label: '3 天内' },
  { value: 168, label: '7 天内' },
];

type TabKey = 'dueSoon' | 'overdue' | 'publishedLate';

/**
 * 发布时限: articles about to miss, missing, or having missed their publication deadline
 * (民生活动 24 小时, 规范性文件 3 个工作日, 主动公开 20 个工作日), with the rule that applies.
 */
export default function DeadlinesScene() {
  const { siteId } = useCurrentSite();
  const { names: siteNames } = useSiteOptions();
  const soonId = useId();
  const [soonHours, setSoonHours] = useState(24);
  const [tab, setTab] = useState<TabKey>('dueSoon');
  const [now] = useState(() => Date.now());

  const load = useCallback((signal: AbortSignal) => fetchDeadlines(siteId, soonHours, signal), [siteId, soonHours]);
  const board = useApiData(load);

  const lists = useMemo(
    () => ({
      dueSoon: [...(board.data?.dueSoon ?? [])].sort(byDue),
      overdue: [...(board.data?.overdue ?? [])].sort(byDue),
      // Latest publications first: what went out late recently.
      publishedLate: [...(board.data?.publishedLate ?? [])].sort(
        (a, b) => Date.parse(b.publishedAt ?? '') - Date.parse(a.publishedAt ?? ''),
      ),
    }),
    [board.data],
  );

  const base: TableColumnsType<ArticleSummary> = [
    { title: '标题', key: 'title', render: (_, a) => <Link to={`/articles/${encodeURIComponent(a.id)}`}>{a.title}</Link> },
    ...(siteId
      ? []
      : [{ title: '网站', key: 'site', width: 150, render: (_: unknown, a: ArticleSummary) => siteNames.get(a.siteId) ?? a.siteId }]),
    { title: '类型', dataIndex: 'typeLabel', key: 'type', width: 100 },
    { title: '状态', key: 'status', width: 190, render: (_, a) => <StatusTags article={a} /> },
  ];
  const rule: TableColumnsType<ArticleSummary>[number] = {
    title: '时限规则',
    key: 'rule',
    width: 260,
    render: (_, a) => a.dueRule ?? '—',
  };
  const columnsFor: Record<TabKey, TableColumnsType<ArticleSummary>> = {
    dueSoon: [...base, { title: '时限', key: 'deadline', width: 240, render: (_, a) => <DeadlineCell article={a} now={now} /> }, rule],
    overdue: [...base, { title: '时限', key: 'deadline', width: 240, render: (_, a) => <DeadlineCell article={a} now={now} /> }, rule],
    publishedLate: [
      ...base,
      { title: '应发布时间', key: 'due', width: 150, render: (_, a) => (a.dueAt ? formatDateTime(a.dueAt) : '—') },
      { title: '实际发布时间', key: 'published', width: 150, render: (_, a) => (a.publishedAt ? formatDateTime(a.publishedAt) : '—') },
      { title: '逾期', key: 'late', width: 130, render: (_, a) => `逾期 ${durationText(a.lateMinutes ?? 0)}` },
      rule,
    ],
  };

  const table = (key: TabKey, empty: string) => (
    <Table<ArticleSummary>
      rowKey="id"
      columns={columnsFor[key]}
      dataSource={lists[key]}
      loading={board.loading}
      pagination={lists[key].length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: <TableEmpty loading={board.loading} text={empty} /> }}
    />
  );

  return (
    <>
      <PageTitle title="发布时限" />
      {board.error !== null && <LoadErrorAlert error={board.error} what="发布时限" onRetry={board.reload} />}
      <Typography.Paragraph type="secondary">
        {`${siteId ? `当前网站：${siteNames.get(siteId) ?? siteId}。` : '全部网站。'}民生活动类信息应在活动结束后 24 小时内发布；行政规范性文件应在印发后 3 个工作日内发布；主动公开信息应在形成之日起 20 个工作日内公开。逾期发布列出近 90 天的记录。`}
      </Typography.Paragraph>
      <div className="gk-filters">
        <div className="gk-filter">
          <label htmlFor={soonId}>“即将到期”的范围</label>
          <Select id={soonId} value={soonHours} options={SOON_OPTIONS} onChange={(v: number) => setSoonHours(v)} />
        </div>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={[
          { key: 'dueSoon', label: `即将到期（${lists.dueSoon.length}）`, children: table('dueSoon', '没有即将到期的稿件') },
          { key: 'overdue', label: `已超期（${lists.overdue.length}）`, children: table('overdue', '没有已超期未发布的稿件') },
          {
            key: 'publishedLate',
            label: `逾期发布（${lists.publishedLate.length}）`,
            children: table('publishedLate', '近 90 天没有逾期发布的稿件'),
          },
        ]}
      />
    </>
  );
}

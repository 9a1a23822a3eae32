import { Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ARTICLE_TYPE_CONFIG, ARTICLE_TYPES } from '../../../common/content.ts';
import { fetchReviewQueue, type ArticleSummary } from '../api/content.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { DeadlineCell } from '../features/articles/ArticleTags.tsx';
import '../features/articles/articles.css';
import { sitesWith } from '../features/articles/contentSites.ts';
import { byDue, DUE_OPTIONS, dueBeforeOf, stageOptions } from '../features/articles/reviewQueue.ts';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

const ALL = '';
const TYPE_OPTIONS = [{ value: ALL, label: '全部类型' }, ...ARTICLE_TYPES.map((t) => ({ value: t, label: ARTICLE_TYPE_CONFIG[t].label }))];

/**
 * 待我审核: one queue across every site the user reviews, soonest due first. Each row opens
 * the review screen; there is deliberately no multi-select (every article is reviewed on its own).
 */
export default function ReviewsScene() {
  const user = useCurrentUser();
  const { names: siteNames } = useSiteOptions();
  const ids = { stage: useId(), type: useId(), due: useId() };
  const [site, setSite] = useState(ALL);
  const [stage, setStage] = useState(ALL);
  const [type, setType] = useState(ALL);
  const [due, setDue] = useState(ALL);
  const [now] = useState(() => Date.now());

  const reviewSites = useMemo(
    () => sitesWith(user.grants, ['content.firstReview', 'content.sectionReview', 'content.leaderApproval']).sites,
    [user.grants],
  );
  const load = useCallback(
    (signal: AbortSignal) => fetchReviewQueue({ siteId: site, stage, type, dueBefore: dueBeforeOf(due, Date.now()), limit: 200 }, signal),
    [site, stage, type, due],
  );
  const queue = useApiData(load);
  const rows = useMemo(() => [...(queue.data ?? [])].sort(byDue), [queue.data]);
  const [seen, setSeen] = useState<ArticleSummary[]>([]);
  if (queue.data && queue.data !== seen && stage === ALL) setSeen(queue.data);
  const stages = useMemo(() => [{ value: ALL, label: '全部环节' }, ...stageOptions(seen)], [seen]);

  const columns: TableColumnsType<ArticleSummary> = [
    {
      title: '标题',
      key: 'title',
      render: (_, a) => (
        <Space size={[4, 4]} wrap>
          <Link to={`/articles/${encodeURIComponent(a.id)}`}>{a.title}</Link>
          {a.emergency && <Tag color="red">紧急发布·待补审</Tag>}
        </Space>
      ),
    },
    { title: '网站', key: 'site', width: 160, render: (_, a) => siteNames.get(a.siteId) ?? a.siteId },
    { title: '类型', dataIndex: 'typeLabel', key: 'type', width: 100 },
    { title: '环节', key: 'stage', width: 100, render: (_, a) => a.stageLabel ?? '—' },
    { title: '时限', key: 'deadline', width: 230, render: (_, a) => <DeadlineCell article={a} now={now} /> },
    { title: '更新时间', key: 'updatedAt', width: 150, render: (_, a) => formatDateTime(a.updatedAt) },
  ];

  return (
    <>
      <PageTitle title="待我审核" />
      {queue.error !== null && <LoadErrorAlert error={queue.error} what="待审核稿件" onRetry={queue.reload} />}
      <div className="gk-filters" role="search" aria-label="筛选待审核稿件">
        <SiteChoice
          value={site}
          onChange={setSite}
          options={[{ value: ALL, label: '全部网站' }, ...reviewSites.map((s) => ({ value: s.id, label: siteNames.get(s.id) ?? s.name }))]}
        />
        <div className="gk-filter">
          <label htmlFor={ids.stage}>环节</label>
          <Select id={ids.stage} value={stage} onChange={(v: string) => setStage(v)} options={stages} />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.type}>类型</label>
          <Select id={ids.type} value={type} onChange={(v: string) => setType(v)} options={TYPE_OPTIONS} />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.due}>到期</label>
          <Select id={ids.due} value={due} onChange={(v: string) => setDue(v)} options={DUE_OPTIONS} />
        </div>
      </div>
      <Typography.Paragraph type="secondary">
        {queue.data ? `共 ${rows.length} 篇待您审核，按到期时间排列。请逐篇打开审核。` : ''}
      </Typography.Paragraph>
      <Table<ArticleSummary>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={queue.loading}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 960 }}
        locale={{ emptyText: <TableEmpty loading={queue.loading} text="没有待您审核的稿件" /> }}
      />
    </>
  );
}

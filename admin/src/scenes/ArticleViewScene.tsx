import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Steps, Typography, type DescriptionsProps } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ARTICLE_TYPE_CONFIG, METADATA_FIELDS, type MetadataField } from '../../../common/content.ts';
import { fetchArticle, fetchRevisions, type ArticleDetail, type CheckOutcome } from '../api/content.ts';
import { fetchColumns } from '../api/sites.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ArticleActionBar } from '../features/articles/ArticleActionBar.tsx';
import { ArticleBody } from '../features/articles/ArticleBody.tsx';
import { DeadlineCell, StatusTags } from '../features/articles/ArticleTags.tsx';
import { viewerOnSite } from '../features/articles/articleActions.ts';
import { formatFieldValue, isArticleType, kindOf, toFormValue, type AttachmentRef } from '../features/articles/articleForm.ts';
import { eventStageLabel, reviewSteps } from '../features/articles/articleLabels.ts';
import '../features/articles/articles.css';
import { CheckResultsList } from '../features/articles/CheckResultsList.tsx';
import { columnPathLabels } from '../features/articles/contentSites.ts';
import { EventsTimeline } from '../features/articles/EventsTimeline.tsx';
import { fileUrl } from '../features/articles/gkLinks.ts';
import { RevisionsPanel } from '../features/articles/RevisionsPanel.tsx';
import { grantsAllow } from '../../../common/permissions.ts';
import { useArticleTitles } from '../features/articles/useArticleTitles.ts';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { ArticleSyndicationCard } from '../features/syndication/ArticleSyndicationCard.tsx';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

/** 稿件 (/articles/:id): the article as reviewers see it, its progress, history and the actions the user may take. */
export default function ArticleViewScene() {
  const { id = '' } = useParams();
  return <ArticleView key={id} id={id} />;
}

const articleLink = (id: string, title: string) => <Link to={`/articles/${encodeURIComponent(id)}`}>{title}</Link>;

function refIds(a: ArticleDetail): string[] {
  const meta = a.current?.metadata ?? {};
  const refs = [...a.interpretations, ...a.policies];
  if (typeof meta.replacedBy === 'string') refs.push(meta.replacedBy);
  if (Array.isArray(meta.relatedPolicies)) refs.push(...meta.relatedPolicies.filter((x): x is string => typeof x === 'string'));
  return refs;
}

function metadataItems(a: ArticleDetail, titles: ReadonlyMap<string, string>): DescriptionsProps['items'] {
  if (!isArticleType(a.type)) return [];
  const meta = a.current?.metadata ?? {};
  const titleOf = (id: string) => titles.get(id) ?? id;
  return ARTICLE_TYPE_CONFIG[a.type].fields.flatMap((f: MetadataField) => {
    const value = meta[f];
    if (value === undefined || value === null || value === '') return [];
    let children: ReactNode;
    switch (kindOf(f)) {
      case 'files':
        children = (
          <ul className="gk-plain-list">
            {(toFormValue(f, value) as AttachmentRef[]).map((x) => (
              <li key={x.fileId}>
                <a href={fileUrl(x.fileId)} target="_blank" rel="noopener">
                  <PaperClipOutlined aria-hidden /> {x.name}
                </a>
              </li>
            ))}
          </ul>
        );
        break;
      case 'articleRef':
        children = typeof value === 'string' ? articleLink(value, titleOf(value)) : '';
        break;
      case 'articleRefs':
        children = (
          <ul className="gk-plain-list">
            {(toFormValue(f, value) as string[]).map((id) => (
              <li key={id}>{articleLink(id, titleOf(id))}</li>
            ))}
          </ul>
        );
        break;
      default:
        children = formatFieldValue(f, value);
    }
    return [{ key: f, label: METADATA_FIELDS[f].label, children }];
  });
}

function checkCaption(a: ArticleDetail): string {
  const c = a.checks;
  if (!c) return '';
  const when =
    c.context === 'submit'
      ? '提交审核时'
      : c.context.startsWith('approve:')
        ? `${eventStageLabel(c.context.slice(8), a.stages) || '审核'}时`
        : '';
  const stale = a.current && c.revisionId !== a.current.id ? '；检查针对的是旧版本，当前版本将在提交或审核时重新检查' : '';
  return `${when}检查于 ${formatDateTime(c.at)}${stale}`;
}

function ArticleView({ id }: { id: string }) {
  const user = useCurrentUser();
  const loadArticle = useCallback((signal: AbortSignal) => fetchArticle(id, signal), [id]);
  const article = useApiData(loadArticle);
  const a = article.data;
  const version = a?.version;
  // Revisions change with the article: reload them whenever its version moves.
  const loadRevisions = useCallback(
    (signal: AbortSignal) => (version === undefined ? Promise.resolve([]) : fetchRevisions(id, signal)),
    [id, version],
  );
  const revisions = useApiData(loadRevisions);
  const siteId = a?.siteId ?? null;
  const loadColumns = useCallback((signal: AbortSignal) => (siteId ? fetchColumns(siteId, signal) : Promise.resolve([])), [siteId]);
  const columns = useApiData(loadColumns);
  const { names: siteNames } = useSiteOptions();
  const titles = useArticleTitles(useMemo(() => (a ? refIds(a) : []), [a]));
  const [refused, setRefused] = useState<{ outcome: CheckOutcome; at: string } | null>(null);
  const [now] = useState(() => Date.now());

  const revisionNumbers = useMemo(() => new Map((revisions.data ?? []).map((r) => [r.id, r.number])), [revisions.data]);
  const columnLabel = useMemo(() => (a ? columnPathLabels(columns.data ?? []).get(a.columnId) : undefined), [a, columns.data]);

  if (!a) {
    return (
      <>
        <PageTitle title="稿件" />
        {article.error !== null ? <LoadErrorAlert error={article.error} what="稿件" onRetry={article.reload} /> : <FullPageSpin />}
      </>
    );
  }

  const viewer = viewerOnSite(user, a.siteId);
  const steps = reviewSteps(a);
  const rev = a.current;
  const lastReject = [...a.events].reverse().find((e) => e.kind === 'reject');
  const refresh = (succeeded: boolean) => {
    // Results of a refused submission stay until an action succeeds.
    if (succeeded) setRefused(null);
    article.reload();
  };

  const summaryItems: DescriptionsProps['items'] = [
    { key: 'type', label: '信息类型', children: a.typeLabel },
    { key: 'site', label: '网站', children: siteNames.get(a.siteId) ?? a.siteId },
    { key: 'column', label: '栏目', children: columnLabel ?? '—' },
    {
      key: 'version',
      label: '当前版本',
      children: rev ? `第 ${rev.number} 版（${rev.createdByName}，${formatDateTime(rev.createdAt)}）` : '—',
    },
    { key: 'indexNo', label: '索引号', children: a.indexNo ?? '发布时生成' },
    { key: 'live', label: '网站上的版本', children: a.liveRevisionNumber ? `第 ${a.liveRevisionNumber} 版` : '未发布' },
    { key: 'published', label: '发布时间', children: a.publishedAt ? formatDateTime(a.publishedAt) : '—' },
    ...(a.scheduledAt ? [{ key: 'scheduled', label: '定时发布', children: formatDateTime(a.scheduledAt) }] : []),
    {
      key: 'deadline',
      label: '发布时限',
      children: (
        <div>
          <DeadlineCell article={a} now={now} />
          {a.dueRule && <div className="gk-deadline-detail">{`依据：${a.dueRule}`}</div>}
        </div>
      ),
    },
  ];

  const shownChecks = refused?.outcome ?? a.checks;

  return (
    <>
      <PageTitle title={a.title} extra={<StatusTags article={a} />} />
      {article.error !== null && <LoadErrorAlert error={article.error} what="稿件" onRetry={article.reload} />}
      {a.emergency && (
        <Alert
          className="gk-block"
          type="error"
          showIcon
          title="紧急发布稿件：须完成事后补审"
          description={`理由：${a.emergencyReason ?? '—'}${a.emergencyDueAt ? `。须于 ${formatDateTime(a.emergencyDueAt)} 前完成全部审核环节。` : ''}`}
        />
      )}
      {a.retractedAt && (
        <Alert
          className="gk-block"
          type="warning"
          showIcon
          title={`已于 ${formatDateTime(a.retractedAt)} 撤稿`}
          description={a.retractReason ? `理由：${a.retractReason}` : undefined}
        />
      )}
      {a.status === 'rejected' && lastReject && (
        <Alert
          className="gk-block"
          type="warning"
          showIcon
          title={`${lastReject.actorName} 于 ${formatDateTime(lastReject.at)} 退回（${eventStageLabel(lastReject.stage, a.stages)}）`}
          description={lastReject.opinion ? `意见：${lastReject.opinion}` : undefined}
        />
      )}

      <Card className="gk-block" title={<h2 className="gk-card-heading">审核进度</h2>}>
        <Steps
          className="gk-block"
          current={steps.current}
          status={steps.status}
          items={steps.items.map((s) => ({ title: s.title, ...(s.description ? { content: s.description } : {}) }))}
        />
        <ArticleActionBar
          article={a}
          viewer={viewer}
          onChanged={refresh}
          onChecks={(outcome) => setRefused({ outcome, at: new Date().toISOString() })}
        />
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card className="gk-block" title={<h2 className="gk-card-heading">稿件内容</h2>}>
            <Descriptions className="gk-block" size="small" column={{ xs: 1, md: 2 }} items={summaryItems} />
            {rev ? (
              <>
                <Typography.Paragraph className="gk-article-meta-line">{`来源：${rev.source || '—'}`}</Typography.Paragraph>
                {rev.summary && (
                  <Typography.Paragraph>
                    <Typography.Text strong>摘要：</Typography.Text>
                    {rev.summary}
                  </Typography.Paragraph>
                )}
                <h3 className="gk-subheading">{rev.title}</h3>
                <ArticleBody html={rev.bodyHtml} label={`第 ${rev.number} 版正文`} />
              </>
            ) : (
              <Empty description="稿件没有内容" />
            )}
          </Card>

          <Card className="gk-block" title={<h2 className="gk-card-heading">{`${a.typeLabel}信息`}</h2>}>
            {metadataItems(a, titles)?.length ? (
              <Descriptions bordered size="small" column={1} items={metadataItems(a, titles)} />
            ) : (
              <Typography.Text type="secondary">未填写</Typography.Text>
            )}
          </Card>

          <Card className="gk-block" title={<h2 className="gk-card-heading">版本记录与比较</h2>}>
            {revisions.error !== null && <LoadErrorAlert error={revisions.error} what="版本记录" onRetry={revisions.reload} />}
            {revisions.data && (
              <RevisionsPanel articleId={a.id} revisions={revisions.data} currentId={rev?.id ?? null} liveId={a.liveRevisionId} />
            )}
          </Card>
        </Col>

        <Col xs={24} xl={8}>
          <Card className="gk-block" title={<h2 className="gk-card-heading">发布前检查</h2>}>
            {shownChecks ? (
              <CheckResultsList
                results={shownChecks.results}
                caption={refused ? `提交审核时检查于 ${formatDateTime(refused.at)}，存在错误，未能提交` : checkCaption(a)}
              />
            ) : (
              <Typography.Text type="secondary">尚未进行发布前检查（提交审核和每个审核环节都会自动检查）。</Typography.Text>
            )}
          </Card>

          <Card className="gk-block" title={<h2 className="gk-card-heading">审核记录</h2>}>
            <EventsTimeline events={a.events} stages={a.stages} revisionNumbers={revisionNumbers} />
          </Card>

          {a.liveRevisionId !== null && (
            <ArticleSyndicationCard
              articleId={a.id}
              siteId={a.siteId}
              canPush={a.retractedAt === null && grantsAllow(user.grants, 'content.author', a.siteId)}
            />
          )}

          {(a.interpretations.length > 0 || a.policies.length > 0) && (
            <Card className="gk-block" title={<h2 className="gk-card-heading">关联稿件</h2>}>
              <Space orientation="vertical">
                {a.policies.length > 0 && <Typography.Text strong>解读的政策文件</Typography.Text>}
                {a.policies.map((p) => (
                  <div key={p}>{articleLink(p, titles.get(p) ?? p)}</div>
                ))}
                {a.interpretations.length > 0 && <Typography.Text strong>政策解读</Typography.Text>}
                {a.interpretations.map((p) => (
                  <div key={p}>{articleLink(p, titles.get(p) ?? p)}</div>
                ))}
              </Space>
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

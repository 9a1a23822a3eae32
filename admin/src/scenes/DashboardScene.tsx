import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isRoleCode, ROLES } from '../../../common/roles.ts';
import { fetchHealth } from '../api/auth.ts';
import { errorMessage } from '../api/client.ts';
import { fetchDeadlines, fetchReviewQueue } from '../api/content.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { DeadlineCell } from '../features/articles/ArticleTags.tsx';
import '../features/articles/articles.css';
import { useApiData, type ApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser, useSession } from '../session/useSession.ts';
import {
  deadlineCounts,
  LETTER_CARD_STATES,
  letterUrgency,
  QUEUE_LIMIT,
  queueCard,
  SERVICE_CARD_FILTERS,
  SOON_HOURS,
  workCardLoads,
} from './dashboardCards.ts';
import { fetchLetters, fetchOverdueLetters } from '../api/interaction.ts';
import { fetchReviewDueItems, fetchServiceItems } from '../api/guides.ts';
import { lastLoginText } from './loginMessages.ts';
import { NoticesCard } from '../features/monitoring/NoticesCard.tsx';
import { MONITORING_FINDINGS_PATH, siteHealthPath } from '../paths.ts';

const noData = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />;

/** A card's body while its data loads, failed, or arrived (`data` null: nothing was asked for). */
function cardBody<T>(state: ApiData<T | null>, what: string, render: (data: T) => ReactNode): ReactNode {
  if (state.error !== null) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={`${what}加载失败`}
        description={errorMessage(state.error)}
        action={
          <Button size="small" onClick={state.reload}>
            重试
          </Button>
        }
      />
    );
  }
  if (state.data === undefined)
    return (
      <Space>
        <Spin size="small" />
        <span>加载中…</span>
      </Space>
    );
  return state.data === null ? noData : render(state.data);
}

/**
 * The work dashboard: the user's review queue and the articles near or past their publication
 * deadline (for content work), the letters waiting at each step (for letter handlers), the service items waiting for
 * publication, lacking elements or due for review (for their officers and reviewers), and the
 * scheduler's health for those who run jobs, and the unread veto notices of the user's org (监测通知).
 */
export default function DashboardScene() {
  const user = useCurrentUser();
  const { lastLogin } = useSession();
  const { sites, siteId, platformWide } = useCurrentSite();
  const canSeeJobs = user.permissions.includes('system.jobs');
  const canSeeFindings = user.permissions.includes('monitoring.read');
  const loads = workCardLoads(user.permissions);
  const [now] = useState(() => Date.now());

  // Without the permission nothing is fetched: the load answers null and the card says 暂无数据.
  const loadQueue = useCallback(
    (signal: AbortSignal) => (loads.queue ? fetchReviewQueue({ limit: QUEUE_LIMIT }, signal) : Promise.resolve(null)),
    [loads.queue],
  );
  // The header's site, as on 发布时限, so the card and the board it links to agree.
  const loadDeadlines = useCallback(
    (signal: AbortSignal) => (loads.deadlines ? fetchDeadlines(siteId, SOON_HOURS, signal) : Promise.resolve(null)),
    [loads.deadlines, siteId],
  );
  // Letters of the header's site: how many wait at each step, and how many are close to or past their due date.
  const loadLetters = useCallback(
    async (signal: AbortSignal) => {
      if (!loads.letters || siteId === null) return null;
      const [totals, urgent] = await Promise.all([
        Promise.all(LETTER_CARD_STATES.map(([state]) => fetchLetters(siteId, { state, limit: 1 }, signal).then((p) => p.total))),
        fetchOverdueLetters(siteId, signal),
      ]);
      return { totals, urgency: letterUrgency(urgent) };
    },
    [loads.letters, siteId],
  );
  // Service items of the header's site: what waits for publication, lacks elements or is due for review.
  const loadServices = useCallback(
    async (signal: AbortSignal) => {
      if (!loads.services || siteId === null) return null;
      const [totals, due] = await Promise.all([
        Promise.all(
          SERVICE_CARD_FILTERS.map(([, , filter]) => fetchServiceItems(siteId, { ...filter, pageSize: 1 }, signal).then((l) => l.total)),
        ),
        fetchReviewDueItems(siteId, signal),
      ]);
      return { totals, reviewDue: due.length };
    },
    [loads.services, siteId],
  );
  const queue = useApiData(loadQueue);
  const serviceCard = useApiData(loadServices);
  const letterCard = useApiData(loadLetters);
  const deadlines = useApiData(loadDeadlines);
  const [schedulerProblem, setSchedulerProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!canSeeJobs) return;
    const controller = new AbortController();
    fetchHealth(controller.signal).then(
      (health) => setSchedulerProblem(health.scheduler.healthy ? null : health.scheduler.message || '任务调度异常'),
      () => undefined, // Health is informative only: errors are ignored.
    );
    return () => controller.abort();
  }, [canSeeJobs]);

  const siteName = siteId === null ? (platformWide ? '全部网站' : null) : (sites.find((s) => s.id === siteId)?.name ?? null);

  return (
    <>
      <PageTitle title="工作台" />
      {canSeeJobs && schedulerProblem && (
        <Alert className="gk-block" type="warning" showIcon title="后台任务调度异常" description={schedulerProblem} />
      )}
      <Card className="gk-block">
        <Typography.Paragraph className="gk-greeting">{`${user.displayName}，您好！`}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'org', label: '所属单位', children: user.orgName },
            ...(siteName ? [{ key: 'site', label: '当前网站', children: siteName }] : []),
            {
              key: 'roles',
              label: '我的角色',
              children: user.grants.length
                ? user.grants.map((g, i) => (
                    <Tag key={`${g.role}:${g.scope}:${i}`}>
                      {isRoleCode(g.role) ? ROLES[g.role].label : g.role}
                      {g.siteName ? `（${g.siteName}）` : ''}
                    </Tag>
                  ))
                : '无',
            },
            ...(lastLogin ? [{ key: 'last', label: '登录记录', children: lastLoginText(lastLogin) }] : []),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card title="待审核稿件" extra={loads.queue && <Link to="/reviews">查看全部</Link>}>
            {!loads.queue
              ? noData
              : cardBody(queue, '待审核稿件', (items) => {
                  const card = queueCard(items);
                  return (
                    <>
                      <Statistic title="等待我审核" value={card.count} suffix="篇" />
                      {card.first.length > 0 ? (
                        <ul className="gk-dashboard-list">
                          {card.first.map((a) => (
                            <li key={a.id}>
                              <Link to={`/articles/${encodeURIComponent(a.id)}`}>{a.title}</Link>
                              <Space size={[4, 4]} wrap>
                                {a.stageLabel && <Tag>{a.stageLabel}</Tag>}
                                {a.emergency && <Tag color="red">紧急发布·待补审</Tag>}
                                <DeadlineCell article={a} now={now} />
                              </Space>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待审核稿件" />
                      )}
                    </>
                  );
                })}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title="临近期限" extra={loads.deadlines && <Link to="/deadlines">查看发布时限</Link>}>
            {!loads.deadlines
              ? noData
              : cardBody(deadlines, '发布时限', (board) => {
                  const counts = deadlineCounts(board);
                  return (
                    <Row gutter={16}>
                      <Col span={12}>
                        <Statistic title={`${SOON_HOURS} 小时内到期`} value={counts.dueSoon} suffix="篇" />
                      </Col>
                      <Col span={12}>
                        <Statistic title="已超期未发布" value={counts.overdue} suffix="篇" />
                      </Col>
                    </Row>
                  );
                })}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <NoticesCard
            extra={
              canSeeFindings ? (
                <Link to={MONITORING_FINDINGS_PATH}>问题清单</Link>
              ) : siteId !== null ? (
                <Link to={siteHealthPath(siteId)}>本网站监测情况</Link>
              ) : null
            }
          />
        </Col>
        {loads.letters ? (
          <Col xs={24} md={16}>
            <Card title="待办信件" extra={<Link to="/letters">进入信件办理</Link>}>
              {cardBody(letterCard, '待办信件', ({ totals, urgency }) => (
                <Row gutter={[16, 16]}>
                  {LETTER_CARD_STATES.map(([state, label], i) => (
                    <Col key={state} xs={12} md={4}>
                      <Statistic title={label} value={totals[i]} suffix="件" />
                    </Col>
                  ))}
                  <Col xs={12} md={4}>
                    <Statistic title="即将到期" value={urgency.dueSoon} suffix="件" />
                  </Col>
                  <Col xs={12} md={4}>
                    <Statistic title="已超期" value={urgency.overdue} suffix="件" />
                  </Col>
                </Row>
              ))}
            </Card>
          </Col>
        ) : null}
        {loads.services ? (
          <Col xs={24} md={16}>
            <Card title="办事事项" extra={<Link to="/service-items">进入办事事项</Link>}>
              {cardBody(serviceCard, '办事事项', ({ totals, reviewDue }) => (
                <Row gutter={[16, 16]}>
                  {SERVICE_CARD_FILTERS.map(([label, query], i) => (
                    <Col key={query} xs={12} md={6}>
                      <Link to={`/service-items?${query}`} aria-label={`${label} ${totals[i]} 项`}>
                        <Statistic title={label} value={totals[i]} suffix="项" />
                      </Link>
                    </Col>
                  ))}
                  <Col xs={12} md={6}>
                    <Link to="/service-items?tab=reviewDue" aria-label={`待复核 ${reviewDue} 项`}>
                      <Statistic title="待复核" value={reviewDue} suffix="项" />
                    </Link>
                  </Col>
                </Row>
              ))}
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}

import { Alert, Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isRoleCode, ROLES } from '../../../common/roles.ts';
import { fetchHealth } from '../api/auth.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser, useSession } from '../session/useSession.ts';
import { lastLoginText } from './loginMessages.ts';

const WORK_CARDS = ['待审核稿件', '临近期限', '监测问题'] as const;

/** The work dashboard. The cards are placeholders until the content modules report work. */
export default function DashboardScene() {
  const user = useCurrentUser();
  const { lastLogin } = useSession();
  const { sites, siteId, platformWide } = useCurrentSite();
  const canSeeJobs = user.permissions.includes('system.jobs');
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
        {WORK_CARDS.map((title) => (
          <Col key={title} xs={24} md={8}>
            <Card title={title}>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

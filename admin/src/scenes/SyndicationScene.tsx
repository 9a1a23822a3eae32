import { Card, Empty, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { grantsAllow } from '../../../common/permissions.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { sitesWith } from '../features/articles/contentSites.ts';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { EntriesPanel } from '../features/syndication/EntriesPanel.tsx';
import { SubscriptionsPanel } from '../features/syndication/SubscriptionsPanel.tsx';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser } from '../session/useSession.ts';

/**
 * 信息共享 (统一信息资源库): for one receiving site, the articles other sites offer it (its
 * editors take or decline them) and its columns' subscriptions to columns of other sites (kept
 * by its administrators). Taken articles appear in its lists linking to their one source page.
 */
export default function SyndicationScene() {
  const user = useCurrentUser();
  const { siteId: headerSite } = useCurrentSite();
  const registry = useSiteOptions();
  const options = useMemo(() => {
    const permitted = sitesWith(user.grants, ['content.author', 'content.firstReview', 'columns.manage']);
    return (permitted.all ? registry.options : permitted.sites).map((s) => ({ value: s.id, label: registry.names.get(s.id) ?? s.name }));
  }, [user.grants, registry]);
  const [chosen, setChosen] = useState<string | null>(null);
  const siteId = chosen ?? (options.some((o) => o.value === headerSite) ? headerSite : (options[0]?.value ?? null));
  const canDecide =
    !!siteId && ['content.author', 'content.firstReview'].some((p) => grantsAllow(user.grants, p as 'content.author', siteId));
  const canManage = !!siteId && grantsAllow(user.grants, 'columns.manage', siteId);

  return (
    <>
      <PageTitle title="信息共享" />
      <Typography.Paragraph type="secondary">
        其他网站发布的信息可以共享到本网站的栏目：本网站的列表、首页和 RSS
        显示其标题并链接到来源网站的原文页面，标明来源；来源修改或撤回后本网站随之更新。
      </Typography.Paragraph>
      {options.length === 0 || !siteId ? (
        <Card>
          <Empty description="您没有可处理信息共享的网站" />
        </Card>
      ) : (
        <>
          <div className="gk-filters">
            <SiteChoice value={siteId} options={options} onChange={setChosen} />
          </div>
          <Card>
            <Tabs
              items={[
                {
                  key: 'entries',
                  label: '共享给本网站的信息',
                  children: <EntriesPanel key={siteId} siteId={siteId} canDecide={canDecide} />,
                },
                {
                  key: 'subscriptions',
                  label: '栏目订阅',
                  children: <SubscriptionsPanel key={siteId} siteId={siteId} canManage={canManage} />,
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}

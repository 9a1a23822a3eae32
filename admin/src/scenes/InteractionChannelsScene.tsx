import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { grantsAllow } from '../../../common/permissions.ts';
import { fetchChannels, type ChannelView } from '../api/interaction.ts';
import { fetchOrgs } from '../api/orgs.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { TAG_COLORS } from '../features/articles/articleLabels.ts';
import { ChannelDrawer } from '../features/interaction/ChannelDrawer.tsx';
import { RedactWordsCard } from '../features/interaction/RedactWordsCard.tsx';
import { ReplyTemplatesPanel } from '../features/interaction/ReplyTemplatesPanel.tsx';
import { channelKindLabel } from '../features/interaction/letterLabels.ts';
import { useInteractionSites } from '../features/interaction/useInteractionSites.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

/**
 * 互动渠道: the channels a site opens to citizens (领导信箱, 咨询, 投诉 …) with the org that
 * answers each and its deadline, the site's 屏蔽词 for published letters, and (for letter
 * handlers) the site's reply templates.
 */
export default function InteractionChannelsScene() {
  const user = useCurrentUser();
  const sites = useInteractionSites(['sites.edit']);
  const { siteId } = sites;
  const mayHandle = siteId !== null && grantsAllow(user.grants, 'interaction.handle', siteId);
  return (
    <>
      <PageTitle title="互动渠道" />
      <Typography.Paragraph type="secondary">
        设置网站政民互动的渠道：每个渠道由办理单位受理和答复，答复时限按工作日计算（留言类默认 5 个工作日，“我为政府网站找错”默认 3
        个工作日）。
      </Typography.Paragraph>
      {sites.options.length === 0 ? (
        !sites.loading && (
          <Card>
            <Empty description="您没有可设置互动渠道的网站" />
          </Card>
        )
      ) : (
        <>
          <div className="gk-filters">
            <SiteChoice value={siteId} options={sites.options} onChange={sites.setChosen} placeholder="请选择要设置互动渠道的网站" />
          </div>
          {siteId ? (
            <>
              <ChannelsCard key={`channels:${siteId}`} siteId={siteId} />
              <RedactWordsCard key={`words:${siteId}`} siteId={siteId} />
              {mayHandle ? (
                <Card title="答复模板" style={{ marginTop: 24 }}>
                  <ReplyTemplatesPanel key={`templates:${siteId}`} siteId={siteId} />
                </Card>
              ) : null}
            </>
          ) : (
            <Card>
              <Empty description="请先选择网站" />
            </Card>
          )}
        </>
      )}
    </>
  );
}

function ChannelsCard({ siteId }: { siteId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchChannels(siteId, signal), [siteId]);
  const channels = useApiData(load);
  const loadOrgs = useCallback((signal: AbortSignal) => fetchOrgs(signal), []);
  const orgs = useApiData(loadOrgs);
  const [editing, setEditing] = useState<{ channel?: ChannelView } | null>(null);
  const yes = (v: boolean) => (v ? '是' : '否');

  const columns: TableColumnsType<ChannelView> = [
    { title: '渠道名称', dataIndex: 'name', key: 'name', width: 180 },
    { title: '类型', key: 'kind', width: 150, render: (_, c) => channelKindLabel(c.kind) },
    { title: '办理单位', dataIndex: 'handlingOrgName', key: 'org', width: 200 },
    { title: '答复时限', key: 'replyDays', width: 120, render: (_, c) => `${c.replyDays} 个工作日` },
    { title: '公开答复', key: 'publish', width: 90, render: (_, c) => yes(c.publishReplies) },
    { title: '答复须审核', key: 'review', width: 100, render: (_, c) => yes(c.reviewReplies) },
    { title: '不满意重办', key: 'reopen', width: 100, render: (_, c) => yes(c.reopenOnUnsatisfied) },
    {
      title: '状态',
      key: 'enabled',
      width: 90,
      render: (_, c) => (c.enabled ? <Tag color={TAG_COLORS.green}>启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => setEditing({ channel: c })}>
          编辑<span className="gk-visually-hidden">{c.name}</span>
        </Button>
      ),
    },
  ];
  const rows = [...(channels.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  return (
    <Card
      title="渠道"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          新增渠道
        </Button>
      }
    >
      {channels.error ? <LoadErrorAlert error={channels.error} what="互动渠道" onRetry={channels.reload} /> : null}
      {orgs.error ? <LoadErrorAlert error={orgs.error} what="单位列表" onRetry={orgs.reload} /> : null}
      <ScrollRegion label="互动渠道列表">
        <Table<ChannelView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={channels.loading}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <TableEmpty loading={channels.loading} text="尚未设置互动渠道" /> }}
        />
      </ScrollRegion>
      <ChannelDrawer
        siteId={siteId}
        target={editing}
        orgs={orgs.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          channels.reload();
        }}
      />
    </Card>
  );
}

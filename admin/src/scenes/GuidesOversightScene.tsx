import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { fetchGuideSettings, fetchGuidesOversight, type GuideSiteOversight } from '../api/guides.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { TAG_COLORS } from '../features/articles/articleLabels.ts';
import { GuideSettingsCard } from '../features/guides/GuideSettingsCard.tsx';
import '../features/guides/guides.css';
import { useApiData } from '../lib/useApiData.ts';
import { hasAnyPermission } from '../navigation.ts';
import { useCurrentUser } from '../session/useSession.ts';

const count = (key: keyof GuideSiteOversight, title: string, width = 100) => ({
  title,
  dataIndex: key,
  key,
  width,
  align: 'right' as const,
});

const COLUMNS: TableColumnsType<GuideSiteOversight> = [
  { title: '网站', dataIndex: 'siteName', key: 'site', width: 220 },
  count('items', '事项数'),
  count('published', '已发布'),
  count('incomplete', '要素不全'),
  count('poorItems', '重点要素缺失≥4类', 150),
  {
    title: '否决风险',
    key: 'veto',
    width: 260,
    render: (_, s) =>
      s.veto ? (
        <Tag color={TAG_COLORS.darkRed} className="gk-wrap-tag">
          {s.veto}
        </Tag>
      ) : (
        '无'
      ),
  },
  count('brokenLinks', '失效链接'),
  count('reviewDue', '待复核'),
  count('fullyOnline', '全程网办'),
];

/**
 * 办事服务监管 (supervisors): each site's service items — how many, published, incomplete, those
 * lacking ≥ 4 of the ten key categories and the 服务不实用 veto they lead to, broken links, overdue
 * reviews, 全程网办 — and, for those who set the policy, the required elements and review interval.
 */
export default function GuidesOversightScene() {
  const user = useCurrentUser();
  const mayManage = hasAnyPermission(user.permissions, ['evaluation.manage']);
  const load = useCallback((signal: AbortSignal) => fetchGuidesOversight(signal), []);
  const loadSettings = useCallback((signal: AbortSignal) => fetchGuideSettings(signal), []);
  const oversight = useApiData(load);
  const settings = useApiData(loadSettings);
  const sites = oversight.data ?? [];
  return (
    <>
      <PageTitle title="办事服务监管" />
      {oversight.error ? <LoadErrorAlert error={oversight.error} what="办事服务监管数据" onRetry={oversight.reload} /> : null}
      <Card className="gk-block" title={<h2 className="gk-card-heading">各网站办事服务情况</h2>}>
        <ScrollRegion label="各网站办事服务情况">
          <Table<GuideSiteOversight>
            rowKey="siteId"
            size="small"
            caption={<span className="gk-visually-hidden">各网站办事服务情况</span>}
            columns={COLUMNS}
            dataSource={sites}
            loading={oversight.loading}
            pagination={sites.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 1300 }}
            locale={{ emptyText: <TableEmpty loading={oversight.loading} text="暂无网站" /> }}
          />
        </ScrollRegion>
      </Card>
      {mayManage && (
        <>
          {settings.error ? <LoadErrorAlert error={settings.error} what="必备要素设置" onRetry={settings.reload} /> : null}
          {settings.data ? (
            <GuideSettingsCard
              settings={settings.data}
              onSaved={() => {
                settings.reload();
                oversight.reload();
              }}
            />
          ) : null}
        </>
      )}
    </>
  );
}

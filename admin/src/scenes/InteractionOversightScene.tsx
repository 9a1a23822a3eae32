import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo } from 'react';
import { fetchInteractionOversight, type OrgLetterLoad } from '../api/interaction.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { InteractionStatisticsCard } from '../features/interaction/InteractionStatisticsCard.tsx';
import { LetterTable } from '../features/interaction/LetterTable.tsx';
import { useApiData } from '../lib/useApiData.ts';

/**
 * 互动监管: for supervisors, every org's open and overdue letters, the letters open long enough
 * to risk the national veto line (政务咨询 unanswered for more than three months), and a site's
 * figures for the year.
 */
export default function InteractionOversightScene() {
  const load = useCallback((signal: AbortSignal) => fetchInteractionOversight(signal), []);
  const oversight = useApiData(load);
  const registry = useSiteOptions();
  const siteOptions = useMemo(() => registry.options.map((s) => ({ value: s.id, label: s.name })), [registry.options]);

  const columns: TableColumnsType<OrgLetterLoad> = [
    { title: '单位', dataIndex: 'orgName', key: 'org' },
    { title: '未办结', dataIndex: 'open', key: 'open', width: 110, align: 'right' },
    { title: '已超期', dataIndex: 'overdue', key: 'overdue', width: 110, align: 'right' },
    { title: '否决风险', dataIndex: 'vetoRisk', key: 'vetoRisk', width: 110, align: 'right' },
  ];
  const byOrg = oversight.data?.byOrg ?? [];
  return (
    <>
      <PageTitle title="互动监管" />
      {oversight.error ? <LoadErrorAlert error={oversight.error} what="互动监管数据" onRetry={oversight.reload} /> : null}
      <Card title="各单位信件办理情况">
        <ScrollRegion label="各单位信件办理情况">
          <Table<OrgLetterLoad>
            rowKey="orgId"
            size="small"
            columns={columns}
            dataSource={byOrg}
            loading={oversight.loading}
            pagination={byOrg.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 640 }}
            locale={{ emptyText: <TableEmpty loading={oversight.loading} text="暂无未办结的信件" /> }}
          />
        </ScrollRegion>
      </Card>
      <Card title="否决风险信件" style={{ marginTop: 24 }}>
        <Typography.Paragraph type="secondary">
          政务咨询类信件自收信之日起超过 3 个月未答复的，网站将被单项否决。以下信件收信已久仍未答复，请督促办理单位尽快答复。
        </Typography.Paragraph>
        <LetterTable
          label="否决风险信件"
          variant="watch"
          letters={oversight.data?.vetoRisk ?? []}
          loading={oversight.loading}
          emptyText="没有否决风险信件"
          siteNames={registry.names}
        />
      </Card>
      <InteractionStatisticsCard sites={siteOptions} />
    </>
  );
}

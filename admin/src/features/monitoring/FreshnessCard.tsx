import { Button, Card, Table, Tag, type TableColumnsType } from 'antd';
import type { FreshnessView } from '../../../../common/schemas/monitoring.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { ExternalLink, SeverityTag } from './FindingTags.tsx';
import { countdownColor, countdownText, kindLabel } from './monitoringLabels.ts';

export interface FreshnessCardProps {
  freshness: readonly FreshnessView[];
  /** Opens a finding's evidence and history. */
  onOpen: (findingId: string) => void;
}

/**
 * 栏目更新倒计时: the columns found stale or empty, most urgent first — days since their last
 * update against their window, "已超期 N 天" or "还剩 N 天".
 */
export function FreshnessCard({ freshness, onOpen }: FreshnessCardProps) {
  const columns: TableColumnsType<FreshnessView> = [
    {
      title: '栏目',
      key: 'column',
      width: 200,
      render: (_, f) => <ExternalLink href={f.url}>{f.column ?? f.url}</ExternalLink>,
    },
    {
      title: '问题',
      key: 'kind',
      width: 170,
      render: (_, f) => (
        <>
          <Button type="link" className="gk-link-button" onClick={() => onOpen(f.findingId)}>
            {kindLabel(f.kind)}
          </Button>{' '}
          <SeverityTag severity={f.severity} />
        </>
      ),
    },
    { title: '最近更新', key: 'lastUpdated', width: 110, render: (_, f) => f.lastUpdated ?? '未注明' },
    { title: '未更新', key: 'days', width: 90, align: 'right', render: (_, f) => (f.days === null ? '—' : `${f.days} 天`) },
    { title: '更新要求', key: 'window', width: 100, render: (_, f) => (f.window === null ? '—' : `${f.window} 天内`) },
    {
      title: '倒计时',
      key: 'countdown',
      width: 120,
      render: (_, f) => {
        const text = countdownText(f.daysLeft);
        return text ? <Tag color={countdownColor(f.daysLeft)}>{text}</Tag> : '—';
      },
    },
  ];
  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">栏目更新倒计时</h2>}>
      <ScrollRegion label="栏目更新倒计时">
        <Table<FreshnessView>
          rowKey="findingId"
          size="small"
          caption={<span className="gk-visually-hidden">栏目更新倒计时</span>}
          columns={columns}
          dataSource={[...freshness]}
          pagination={freshness.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 790 }}
          locale={{ emptyText: <TableEmpty loading={false} text="没有不更新或空白的栏目" /> }}
        />
      </ScrollRegion>
    </Card>
  );
}

import { Alert, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ProbeView, SiteHealth } from '../../../../common/schemas/monitoring.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { ExternalLink } from './FindingTags.tsx';
import { gauge, LEVEL_COLORS, LEVEL_LABELS, percentText } from './monitoringLabels.ts';
import { ProbeChart } from './ProbeChart.tsx';

const FAILURE_COLUMNS: TableColumnsType<ProbeView> = [
  { title: '时间', key: 'at', width: 150, render: (_, p) => formatDateTime(p.at) },
  { title: '网址', key: 'url', width: 260, render: (_, p) => <ExternalLink href={p.url} /> },
  { title: '原因', key: 'error', width: 220, render: (_, p) => p.error ?? (p.status !== null ? `服务器返回 ${p.status}` : '—') },
  { title: '用时（毫秒）', key: 'ms', width: 110, align: 'right', render: (_, p) => (p.ms === null ? '—' : p.ms) },
];

/**
 * 可用性: the homepage's failure ratio over the rolling 7 days against the alert and veto lines
 * (as a figure, in words and on a gauge), the failures per day over 30 days, and the latest
 * failed probes.
 */
export function AvailabilityCard({ health }: { health: SiteHealth }) {
  const { availability: a, settings: s } = health;
  const g = gauge(a.ratio, s.alertPercent, s.vetoPercent);
  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">可用性（近 {a.windowDays} 天）</h2>}>
      <div className="gk-monitoring-ratio">
        <div>
          <div className="gk-tree-meta">首页访问失败率</div>
          <div className="gk-monitoring-ratio-value" data-testid="failure-ratio">
            {percentText(a.ratio)}
          </div>
        </div>
        <Tag color={LEVEL_COLORS[a.level]}>{LEVEL_LABELS[a.level]}</Tag>
        <Typography.Text>
          {`自 ${formatDateTime(a.since)} 起共探测 ${a.probes} 次，失败 ${a.failures} 次。预警线 ${s.alertPercent}%，否决线 ${s.vetoPercent}%（一周内累计失败率达到否决线即单项否决）。`}
        </Typography.Text>
      </div>
      <div className="gk-gauge" aria-hidden>
        <div className="gk-gauge-fill" style={{ width: `${g.value}%`, background: LEVEL_COLORS[a.level] }} />
        <div className="gk-gauge-line gk-gauge-line-alert" style={{ left: `${g.alert}%` }}>
          <span className="gk-gauge-label">{`预警线 ${s.alertPercent}%`}</span>
        </div>
        <div className="gk-gauge-line gk-gauge-line-veto" style={{ left: `${g.veto}%` }}>
          <span className="gk-gauge-label">{`否决线 ${s.vetoPercent}%`}</span>
        </div>
      </div>
      {a.insufficient ? (
        <Alert
          className="gk-block"
          type="info"
          showIcon
          title={`近 ${a.windowDays} 天探测不足 ${s.minProbes} 次，暂不判定单项否决`}
          description="探测次数达到要求后，失败率达到否决线即判定为“站点无法访问”单项否决。"
        />
      ) : null}
      <h3 className="gk-monitoring-subheading">近 30 天每日探测失败次数</h3>
      <ProbeChart daily={health.daily} alertPercent={s.alertPercent} vetoPercent={s.vetoPercent} />
      <h3 className="gk-monitoring-subheading">最近的探测失败</h3>
      {health.recentFailures.length === 0 ? (
        <Typography.Paragraph>近期没有失败的探测。</Typography.Paragraph>
      ) : (
        <ScrollRegion label="最近的探测失败">
          <Table<ProbeView>
            rowKey={(p) => `${p.at}|${p.url}`}
            size="small"
            caption={<span className="gk-visually-hidden">最近的探测失败</span>}
            columns={FAILURE_COLUMNS}
            dataSource={health.recentFailures}
            pagination={health.recentFailures.length > 5 ? { pageSize: 5, showSizeChanger: false, size: 'small' } : false}
            scroll={{ x: 740 }}
          />
        </ScrollRegion>
      )}
    </Card>
  );
}

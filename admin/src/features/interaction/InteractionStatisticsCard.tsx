import { Card, Descriptions, Select } from 'antd';
import { useCallback, useId, useState } from 'react';
import { fetchInteractionStatistics } from '../../api/interaction.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { SiteChoice } from '../../components/SiteChoice.tsx';
import { chinaDate } from '../../lib/datetime.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { statisticsYears } from './statisticsYears.ts';

const YEARS = statisticsYears(chinaDate());

/** A site's 互动交流 figures for a year, as the 政府网站工作年度报表 asks for them. */
export function InteractionStatisticsCard({ sites }: { sites: { value: string; label: string }[] }) {
  const yearId = useId();
  const [siteId, setSiteId] = useState<string | null>(null);
  const [year, setYear] = useState(YEARS[0] ?? new Date().getFullYear());
  const load = useCallback(
    (signal: AbortSignal) => (siteId ? fetchInteractionStatistics(siteId, year, signal) : Promise.resolve(null)),
    [siteId, year],
  );
  const stats = useApiData(load);
  const s = stats.data;
  const n = (v: number | undefined) => (v === undefined ? '—' : String(v));
  return (
    <Card title="年度统计" style={{ marginTop: 24 }}>
      <div className="gk-filters">
        <SiteChoice value={siteId} options={sites} onChange={setSiteId} placeholder="请选择网站" />
        <div className="gk-filter">
          <label htmlFor={yearId}>年度</label>
          <Select<number> id={yearId} value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))} />
        </div>
      </div>
      {stats.error ? <LoadErrorAlert error={stats.error} what="年度统计" onRetry={stats.reload} /> : null}
      {siteId ? (
        <>
          <Descriptions
            size="small"
            title="留言办理"
            column={{ xs: 1, md: 2, xl: 4 }}
            items={[
              { key: 'received', label: '收到留言', children: `${n(s?.letters.received)} 条` },
              { key: 'closed', label: '办结留言', children: `${n(s?.letters.closed)} 条` },
              {
                key: 'average',
                label: '平均办理时间',
                children: s?.letters.averageDays == null ? '—' : `${s.letters.averageDays.toFixed(1)} 天`,
              },
              { key: 'published', label: '公开答复', children: `${n(s?.letters.publishedReplies)} 条` },
            ]}
          />
          <Descriptions
            size="small"
            title="征集调查"
            column={{ xs: 1, md: 2, xl: 4 }}
            style={{ marginTop: 16 }}
            items={[
              { key: 'held', label: '征集调查期数', children: `${n(s?.surveys.held)} 期` },
              { key: 'opinions', label: '收到意见', children: `${n(s?.surveys.opinions)} 条` },
              { key: 'results', label: '公布调查结果', children: `${n(s?.surveys.resultsPublished)} 期` },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

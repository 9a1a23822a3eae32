import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, InputNumber, Select, Table, Tag } from 'antd';
import { useCallback, useId, useMemo, useState } from 'react';
import { annualResultsXlsxUrl, fetchAnnualResults, type AnnualResults } from '../../api/evaluation.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { useApiData } from '../../lib/useApiData.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';
import { periodLabel } from './evaluationLabels.ts';

type Row = AnnualResults['rows'][number];

/** `{ '2026-Q1': 30 }` → `Q1:30`, only the periods shown. */
const weightsParam = (weights: Record<string, number>, periods: readonly string[]) =>
  periods
    .filter((p) => weights[p] !== undefined)
    .map((p) => `${p.slice(5)}:${weights[p]}`)
    .join(',');

/**
 * 年度结果: a year's score per site from its spot checks, each period weighted as the office
 * sets (equal shares until changed), downloadable as XLSX for the annual target assessment.
 */
export function AnnualResultsCard({ thisYear }: { thisYear: number }) {
  const yearId = useId();
  const [year, setYear] = useState(thisYear);
  const [weights, setWeights] = useState<Record<string, number>>({});
  const [periods, setPeriods] = useState<string[]>([]);
  const param = weightsParam(weights, periods);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const r = await fetchAnnualResults(year, param, signal);
      setPeriods(r.periods.map((p) => p.period));
      return r;
    },
    [year, param],
  );
  const data = useApiData(load);
  const r = data.data;
  const columns = useMemo(
    () => [
      { title: '名次', key: 'rank', width: 64, render: (_: unknown, x: Row) => x.rank ?? '—' },
      { title: '网站', key: 'site', render: (_: unknown, x: Row) => x.siteName },
      { title: '区县', key: 'county', width: 140, render: (_: unknown, x: Row) => x.county },
      ...(r?.periods ?? []).map((p, i) => ({
        title: periodLabel(p.period).slice(5),
        key: p.period,
        width: 100,
        align: 'right' as const,
        render: (_: unknown, x: Row) => (x.scores[i] === null ? '未检查' : x.vetoed[i] ? '否决' : x.scores[i]),
      })),
      { title: '年度得分', key: 'annual', width: 100, align: 'right' as const, render: (_: unknown, x: Row) => x.annualScore ?? '—' },
      {
        title: '结论',
        key: 'verdict',
        width: 90,
        render: (_: unknown, x: Row) =>
          x.verdict === null ? (
            '—'
          ) : (
            <Tag color={x.verdict === 'pass' ? TAG_COLORS.green : TAG_COLORS.darkRed}>{x.verdict === 'pass' ? '合格' : '不合格'}</Tag>
          ),
      },
    ],
    [r?.periods],
  );

  return (
    <Card
      className="gk-block"
      title={<h2 className="gk-card-heading">年度结果</h2>}
      extra={
        <Button icon={<DownloadOutlined />} href={annualResultsXlsxUrl(year, param)} download disabled={!r || r.rows.length === 0}>
          导出 XLSX
        </Button>
      }
    >
      <div className="gk-filters">
        <div className="gk-filter">
          <label htmlFor={yearId}>年度</label>
          <Select<number>
            id={yearId}
            value={year}
            style={{ width: 120 }}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(y) => {
              setYear(y);
              setWeights({});
            }}
          />
        </div>
        {(r?.periods ?? []).map((p) => (
          <div className="gk-filter" key={p.period}>
            <label htmlFor={`${yearId}-${p.period}`}>{`${periodLabel(p.period).slice(5)}权重（%）`}</label>
            <InputNumber
              id={`${yearId}-${p.period}`}
              min={0}
              max={100}
              value={weights[p.period] ?? p.weight}
              onChange={(v) => setWeights((w) => (typeof v === 'number' ? { ...w, [p.period]: v } : w))}
            />
          </div>
        ))}
      </div>
      {data.error ? <LoadErrorAlert error={data.error} what="年度结果" onRetry={data.reload} /> : null}
      <p className="gk-tree-meta">
        {r && r.periods.length > 0
          ? `年度得分为各期检查得分的加权平均，只计检查了该网站的期次，被单项否决的期次按 0 分计；低于 ${r.passLine} 分为不合格。`
          : `${year}年还没有完成的抽查。`}
      </p>
      <ScrollRegion label="年度结果">
        <Table<Row>
          rowKey="siteId"
          size="small"
          caption={<span className="gk-visually-hidden">年度结果</span>}
          dataSource={r?.rows ?? []}
          columns={columns}
          loading={data.loading && !r}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 900 }}
          locale={{ emptyText: <TableEmpty loading={data.loading} text="没有结果" /> }}
        />
      </ScrollRegion>
    </Card>
  );
}

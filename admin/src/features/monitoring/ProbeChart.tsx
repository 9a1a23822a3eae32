import { useId } from 'react';
import type { AvailabilityLevel, ProbeDay } from '../../../../common/schemas/monitoring.ts';
import { chartMax, dayLevel, shortDate } from './monitoringLabels.ts';

/** Bar colours (≥ 3:1 against white, WCAG 1.4.11): a normal day, a day over the alert line, a day over the veto line. */
const BAR_COLORS: Record<AvailabilityLevel, string> = { ok: '#1450b8', alert: '#ad4e00', veto: '#a8071a' };
const LEGEND: [AvailabilityLevel, string][] = [
  ['ok', '失败率低于预警线'],
  ['alert', '当日失败率达到预警线'],
  ['veto', '当日失败率达到否决线'],
];

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { left: 36, right: 8, top: 10, bottom: 26 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

export interface ProbeChartProps {
  daily: readonly ProbeDay[];
  alertPercent: number;
  vetoPercent: number;
}

/**
 * Failed probes per day over the last 30 days, as an SVG bar chart (no chart library): a bar's
 * colour says whether that day's own failure ratio reached the alert or the veto line. The chart
 * is one image with a summary for screen readers; the figures are in a table below it.
 */
export function ProbeChart({ daily, alertPercent, vetoPercent }: ProbeChartProps) {
  const titleId = useId();
  const descId = useId();
  const max = chartMax(daily);
  const slot = daily.length ? PLOT_W / daily.length : PLOT_W;
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + PLOT_H - (v / max) * PLOT_H;
  const probes = daily.reduce((n, d) => n + d.probes, 0);
  const failures = daily.reduce((n, d) => n + d.failures, 0);
  const worst = daily.reduce<ProbeDay | null>((w, d) => (d.failures > (w?.failures ?? 0) ? d : w), null);
  const first = daily[0]?.date ?? '';
  const last = daily.at(-1)?.date ?? '';
  const summary =
    `${first} 至 ${last} 共探测 ${probes} 次，失败 ${failures} 次` +
    (worst ? `；失败最多的一天是 ${worst.date}，失败 ${worst.failures} 次（共探测 ${worst.probes} 次）。` : '；没有失败的探测。');
  const ticks = max <= 1 ? [0, max] : [0, max / 2, max].map((t) => (Number.isInteger(t) ? t : Math.round(t * 10) / 10));
  return (
    <figure className="gk-probe-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>近 30 天每日探测失败次数</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="#d9d9d9" strokeDasharray={t === 0 ? undefined : '3 3'} />
            <text className="gk-probe-chart-axis" x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {daily.map((d, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          const h = (d.failures / max) * PLOT_H;
          return (
            <g key={d.date}>
              <title>{`${d.date}：探测 ${d.probes} 次，失败 ${d.failures} 次`}</title>
              <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={PLOT_H} fill="transparent" />
              {d.failures > 0 ? (
                <rect x={x} y={y(d.failures)} width={barW} height={h} fill={BAR_COLORS[dayLevel(d, alertPercent, vetoPercent)]} />
              ) : null}
              {i % 5 === 0 || i === daily.length - 1 ? (
                <text className="gk-probe-chart-axis" x={PAD.left + i * slot + slot / 2} y={HEIGHT - 8} textAnchor="middle">
                  {shortDate(d.date)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <ul className="gk-probe-chart-legend" aria-label="图例">
        {LEGEND.map(([level, text]) => (
          <li key={level}>
            <span className="gk-probe-chart-swatch" style={{ background: BAR_COLORS[level] }} aria-hidden />
            {text}
          </li>
        ))}
      </ul>
      <details>
        <summary>查看每日探测数据</summary>
        <table className="gk-probe-table">
          <caption className="gk-visually-hidden">近 30 天每日探测数据</caption>
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">探测次数</th>
              <th scope="col">失败次数</th>
              <th scope="col">平均用时（毫秒）</th>
            </tr>
          </thead>
          <tbody>
            {daily.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{d.probes}</td>
                <td>{d.failures}</td>
                <td>{d.avgMs === null ? '—' : Math.round(d.avgMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

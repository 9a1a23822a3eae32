/** The supervision dashboard's charts as ECharts options, from the dashboard's figures. Pure. */
import type { SupervisionDashboard } from '../../../../common/schemas/evaluation.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { kindLabel } from '../monitoring/monitoringLabels.ts';
import { periodLabel } from './evaluationLabels.ts';

/** Colours with ≥ 3:1 contrast against white (WCAG 1.4.11). */
const BLUE = '#1450b8';
const GREEN = '#237804';
const RED = '#a8071a';
const ORANGE = '#ad4e00';

/** Pass rate (bars, %) and average score (line) over the latest spot checks. */
export function trendOption(d: SupervisionDashboard): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['合格率（%）', '平均分'] },
    grid: { left: 48, right: 48, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: d.trend.map((t) => periodLabel(t.period)) },
    yAxis: [
      { type: 'value', name: '合格率', min: 0, max: 100 },
      { type: 'value', name: '平均分', min: 0, max: 100 },
    ],
    series: [
      { name: '合格率（%）', type: 'bar', barMaxWidth: 48, data: d.trend.map((t) => t.passRate ?? 0), itemStyle: { color: BLUE } },
      {
        name: '平均分',
        type: 'line',
        yAxisIndex: 1,
        data: d.trend.map((t) => t.averageScore),
        itemStyle: { color: GREEN },
        lineStyle: { color: GREEN },
      },
    ],
  };
}

/** Pass rate per county in the latest spot check. */
export function countyOption(d: SupervisionDashboard): ChartOption {
  const rows = d.latest?.byCounty ?? [];
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 120, right: 24, top: 16, bottom: 32 },
    xAxis: { type: 'value', min: 0, max: 100, name: '%' },
    yAxis: { type: 'category', data: rows.map((c) => c.county), inverse: true },
    series: [{ name: '合格率（%）', type: 'bar', barMaxWidth: 24, data: rows.map((c) => c.passRate ?? 0), itemStyle: { color: BLUE } }],
  };
}

/** Every site's open findings by kind: veto and deduction stacked. */
export function findingsOption(d: SupervisionDashboard): ChartOption {
  const rows = d.findings.slice(0, 12);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['否决级', '扣分级'] },
    grid: { left: 140, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((f) => kindLabel(f.kind)), inverse: true },
    series: [
      { name: '否决级', type: 'bar', stack: 'n', data: rows.map((f) => f.veto), itemStyle: { color: RED } },
      { name: '扣分级', type: 'bar', stack: 'n', data: rows.map((f) => f.deduction), itemStyle: { color: ORANGE } },
    ],
  };
}

import { describe, expect, it } from 'vitest';
import {
  chartMax,
  countdownText,
  dayLevel,
  elementLabel,
  eventText,
  findingFilter,
  findingQueryFrom,
  findingQueryParams,
  gauge,
  healthCounts,
  kindLabel,
  paramText,
  percentText,
  historyEntries,
  whereText,
} from './monitoringLabels.ts';

describe('monitoring labels', () => {
  it('names kinds and elements in Chinese, leaving unknown codes as they are', () => {
    expect(kindLabel('column_stale')).toBe('栏目不更新');
    expect(kindLabel('something_new')).toBe('something_new');
    expect(elementLabel('identity_missing', 'icp')).toBe('ICP备案编号');
    expect(elementLabel('meta_missing', 'article')).toBe('内容页');
    expect(elementLabel('broken_link', null)).toBeNull();
    expect(whereText({ kind: 'identity_missing', column: null, element: 'psb' })).toBe('公安机关备案号');
    expect(whereText({ kind: 'column_stale', column: '通知公告', element: null })).toBe('通知公告');
    expect(whereText({ kind: 'broken_link', column: null, element: null })).toBeNull();
  });

  it('keeps the findings filter in the address, open findings by default', () => {
    const q = findingQueryFrom(new URLSearchParams('kind=broken_link&severity=veto&page=3&size=50&finding=f1&state=bogus'));
    expect(q).toMatchObject({ kind: 'broken_link', severity: 'veto', state: 'open', page: 3, pageSize: 50, finding: 'f1', source: '' });
    expect(findingQueryFrom(new URLSearchParams('kind=nope&size=7&page=-2'))).toMatchObject({ kind: '', page: 1, pageSize: 20 });
    expect(findingQueryParams({ ...q, page: 1, finding: '' })).toEqual({ kind: 'broken_link', severity: 'veto', size: '50' });
    expect(findingQueryParams({ ...q, state: 'all', q: '  pdf ' })).toMatchObject({ state: 'all', q: 'pdf', page: '3', finding: 'f1' });
    expect(findingFilter({ ...q, state: 'all', siteId: 's1' })).toEqual({
      siteId: 's1',
      kind: 'broken_link',
      severity: 'veto',
      state: undefined,
      source: undefined,
      q: undefined,
      page: 3,
      pageSize: 50,
    });
  });

  it('shows ratios, gauges and countdowns', () => {
    expect(percentText(0.06)).toBe('6%');
    expect(percentText(1 / 80)).toBe('1.25%');
    expect(percentText(0)).toBe('0%');
    expect(gauge(0.05, 1, 5)).toEqual({ value: 50, alert: 10, veto: 50 });
    expect(gauge(0.2, 1, 5).value).toBeCloseTo(90.9, 1);
    expect(gauge(0.2, 1, 5).veto).toBeCloseTo(22.7, 1);
    expect(countdownText(-3)).toBe('已超期 3 天');
    expect(countdownText(0)).toBe('今天到期');
    expect(countdownText(4)).toBe('还剩 4 天');
    expect(countdownText(null)).toBeNull();
  });

  it('judges a day of probes against the lines and rounds the chart scale', () => {
    expect(dayLevel({ probes: 48, failures: 0 }, 1, 5)).toBe('ok');
    expect(dayLevel({ probes: 48, failures: 1 }, 1, 5)).toBe('alert');
    expect(dayLevel({ probes: 48, failures: 3 }, 1, 5)).toBe('veto');
    expect(dayLevel({ probes: 0, failures: 0 }, 1, 5)).toBe('ok');
    expect(chartMax([])).toBe(1);
    expect(chartMax([{ failures: 3 }])).toBe(3);
    expect(chartMax([{ failures: 7 }])).toBe(10);
    expect(chartMax([{ failures: 13 }, { failures: 2 }])).toBe(20);
    expect(chartMax([{ failures: 48 }])).toBe(50);
  });

  it('tells a finding’s history in words, with its latest sighting in place', () => {
    expect(eventText({ event: 'opened', severity: 'veto', previousSeverity: null })).toBe('发现（否决）');
    expect(eventText({ event: 'changed', severity: 'veto', previousSeverity: 'deduction' })).toBe('严重程度变化：扣分 → 否决');
    expect(eventText({ event: 'resolved', severity: 'deduction', previousSeverity: null })).toBe('已消除');
    expect(eventText({ event: 'reopened', severity: 'deduction', previousSeverity: null })).toBe('再次出现（扣分）');
    const ev = (seq: number, event: 'opened' | 'resolved' | 'reopened', at: string) => ({
      seq,
      event,
      at,
      runId: 'r',
      severity: 'deduction' as const,
      previousSeverity: null,
    });
    const history = [ev(1, 'opened', '2026-11-27T01:00:00Z'), ev(2, 'resolved', '2026-11-29T01:00:00Z')];
    expect(historyEntries({ history, lastSeenAt: '2026-11-28T01:00:00Z' }).map((h) => h.text)).toEqual([
      '发现（扣分）',
      '最近一次发现',
      '已消除',
    ]);
    expect(historyEntries({ history: history.slice(0, 1), lastSeenAt: '2026-11-27T01:00:00Z' }).map((h) => h.text)).toEqual([
      '发现（扣分）',
    ]);
  });

  it('counts a site’s open findings and overdue columns', () => {
    const counts = healthCounts({
      openFindings: {
        total: 6,
        byKind: [
          { kind: 'column_stale', veto: 2, deduction: 1, info: 0, total: 3 },
          { kind: 'broken_link', veto: 0, deduction: 2, info: 1, total: 3 },
        ],
      },
      freshness: [{ daysLeft: -2 }, { daysLeft: 3 }, { daysLeft: null }] as never,
    });
    expect(counts).toEqual({ veto: 2, deduction: 3, info: 1, overdueColumns: 1 });
  });

  it('writes rule parameters as text', () => {
    expect(paramText(14)).toBe('14');
    expect(paramText(['a', 'b'])).toBe('a、b');
    expect(paramText({ a: 1 })).toBe('{"a":1}');
    expect(paramText(null)).toBe('—');
  });
});

import { describe, expect, it } from 'vitest';
import { byUrgency, countByKind, freshnessView, freshnessWindow } from './site-health.ts';

describe('a site health view', () => {
  it('counts open findings by kind and severity, in the contract order of kinds, unknown kinds left out', () => {
    expect(
      countByKind([
        { kind: 'broken_link', severity: 'deduction', n: 40 },
        { kind: 'site_unreachable', severity: 'veto', n: 1 },
        { kind: 'broken_link', severity: 'info', n: 2 },
        { kind: 'made_up', severity: 'veto', n: 9 },
      ]),
    ).toEqual({
      total: 43,
      byKind: [
        { kind: 'site_unreachable', veto: 1, deduction: 0, info: 0, total: 1 },
        { kind: 'broken_link', veto: 0, deduction: 40, info: 2, total: 42 },
      ],
    });
  });

  it('takes a freshness window from the rule’s parameters first, then the hosted column’s class', () => {
    expect(freshnessWindow({ windowDays: 14 }, 183)).toBe(14);
    expect(freshnessWindow({ maxDays: 365 }, null)).toBe(365);
    expect(freshnessWindow({ windowDays: 'x', window: -3 }, 183)).toBe(183);
    expect(freshnessWindow(null, null)).toBeNull();
  });

  it('counts down to the window: days left, negative when overdue, null when the window is unknown', () => {
    const base = {
      findingId: 'f',
      kind: 'column_stale' as const,
      severity: 'deduction' as const,
      column: '工作动态',
      url: 'http://x/gzdt/',
      lastUpdated: '2026-11-01',
      detail: '',
      firstSeenAt: '2026-11-20T00:00:00.000Z',
    };
    expect(freshnessView({ ...base, days: 10, params: { windowDays: 14 } }, null)).toMatchObject({ window: 14, daysLeft: 4 });
    expect(freshnessView({ ...base, days: 20, params: null }, 14)).toMatchObject({ window: 14, daysLeft: -6 });
    expect(freshnessView({ ...base, days: null, params: null }, 14)).toMatchObject({ window: 14, daysLeft: null });
    expect(freshnessView({ ...base, days: 3, params: null }, null)).toMatchObject({ window: null, daysLeft: null });
  });
});

describe('the freshness countdowns', () => {
  it('come most urgent first: overdue, then fewest days left, then those without a window', () => {
    const v = (column: string, daysLeft: number | null) =>
      ({
        findingId: column,
        kind: 'column_stale',
        severity: 'deduction',
        column,
        url: '',
        lastUpdated: null,
        days: null,
        window: null,
        daysLeft,
        detail: '',
        firstSeenAt: '',
      }) as const;
    expect([v('a', null), v('b', 5), v('c', -2), v('d', 5), v('e', 0)].sort(byUrgency).map((x) => x.column)).toEqual([
      'c',
      'e',
      'b',
      'd',
      'a',
    ]);
  });
});

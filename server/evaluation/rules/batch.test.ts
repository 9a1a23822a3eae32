import { describe, expect, it } from 'vitest';
import { drawSample, periodDays, previousPeriod, rankResults } from './batch.ts';

describe('spot-check rules', () => {
  it('knows the days of quarters and half-years, and the period before', () => {
    expect(periodDays('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodDays('2024-Q1')?.end).toBe('2024-03-31');
    expect(periodDays('2026-Q3')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodDays('2026-H1')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(periodDays('2026-H2')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    for (const bad of ['2026-Q0', '2026-Q5', '2026-H3', '2026', '26-Q1', '2026-q1']) expect(periodDays(bad), bad).toBeNull();
    expect([previousPeriod('2026-Q1'), previousPeriod('2026-Q3'), previousPeriod('2026-H1'), previousPeriod('2026-H2')]).toEqual([
      '2025-Q4',
      '2026-Q2',
      '2025-H2',
      '2026-H1',
    ]);
  });

  it('draws the same sample from the same seed whatever order the sites come in, and another from another seed', () => {
    const sites = Array.from({ length: 200 }, (_, i) => `site-${String(i).padStart(3, '0')}`);
    const a = drawSample(sites, 20, 'q3-2026');
    expect(a).toHaveLength(20);
    expect(new Set(a).size).toBe(20);
    expect(drawSample([...sites].reverse(), 20, 'q3-2026')).toEqual(a);
    expect(drawSample(sites, 20, 'q4-2026')).not.toEqual(a);
    expect(drawSample(sites, 500, 'x')).toHaveLength(200);
    // Every site can be drawn: over many seeds each appears.
    const seen = new Set<string>();
    for (let s = 0; s < 200; s++) for (const id of drawSample(sites, 20, `seed-${s}`)) seen.add(id);
    expect(seen.size).toBe(200);
  });

  it('ranks passing sites by score, then failing ones, then vetoed ones, ties sharing a rank', () => {
    const r = (siteId: string, verdict: 'pass' | 'fail' | null, scoreCents: number | null, vetoed = false) => ({
      siteId,
      verdict,
      scoreCents,
      vetoed,
    });
    const ranked = rankResults([
      r('e', 'fail', null, true),
      r('a', 'pass', 9_500),
      r('f', null, null),
      r('b', 'pass', 9_900),
      r('c', 'pass', 9_500),
      r('d', 'fail', 5_000),
      r('g', 'fail', null, true),
    ]);
    expect(ranked.map((x) => [x.siteId, x.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
      ['e', 5],
      ['g', 5],
      ['f', null],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { annualRows, parseWeights, periodWeights, type PeriodResults } from './annual.ts';

const period = (p: string, rows: [string, 'pass' | 'fail', number | null][]): PeriodResults => ({
  period: p,
  results: new Map(rows.map(([site, verdict, score]) => [site, { verdict, score, vetoed: score === null }])),
});
const sites = ['甲', '乙', '丙', '丁'].map((n) => ({ siteId: n, siteName: `${n}网站`, orgName: `${n}局`, county: '市级' }));

describe('the year’s result of each site', () => {
  it('reads the weights, and shares them equally when none are given', () => {
    expect(parseWeights('Q1:40,Q3:20')).toEqual(
      new Map([
        ['Q1', 40],
        ['Q3', 20],
      ]),
    );
    expect(periodWeights(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'], new Map())).toEqual([25, 25, 25, 25]);
    expect(periodWeights(['2026-Q1', '2026-Q2'], parseWeights('Q1:30,Q2:70'))).toEqual([30, 70]);
  });

  it('weighs the checked periods, counts a veto as 0, skips periods that did not check the site, and ranks', () => {
    const periods = [
      period('2026-Q1', [
        ['甲', 'pass', 90],
        ['乙', 'pass', 80],
        ['丙', 'fail', null],
      ]),
      period('2026-Q2', [
        ['甲', 'pass', 70],
        ['乙', 'pass', 80],
        ['丙', 'pass', 100],
      ]),
    ];
    const rows = annualRows(periods, [30, 70], sites, 60);
    expect(rows.map((r) => [r.rank, r.siteId, r.annualScore, r.verdict, r.checked, r.failed])).toEqual([
      [1, '乙', 80, 'pass', 2, 0],
      [2, '甲', 76, 'pass', 2, 0],
      [3, '丙', 70, 'pass', 2, 1],
      [null, '丁', null, null, 0, 0],
    ]);
    expect(rows.find((r) => r.siteId === '丙')).toMatchObject({ scores: [0, 100], vetoed: [true, false] });
    // A site checked once (a sample) is judged on that period alone; below the line fails.
    const once = annualRows([period('2026-Q1', [['丁', 'pass', 59.5]]), period('2026-Q2', [])], [50, 50], sites.slice(3), 60);
    expect(once[0]).toMatchObject({ annualScore: 59.5, verdict: 'fail', checked: 1, scores: [59.5, null] });
  });
});

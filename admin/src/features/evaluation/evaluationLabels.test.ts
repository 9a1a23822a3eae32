import { describe, expect, it } from 'vitest';
import { lastQuarter, periodLabel, periodOptions, scoreText, trendText } from './evaluationLabels.ts';

describe('the words of the 检查评估 screens', () => {
  it('names periods in Chinese and offers those that have begun, latest first', () => {
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('2026-H1')).toBe('2026年上半年');
    expect(periodLabel('bad')).toBe('bad');
    const values = periodOptions('2026-05-10').map((o) => o.value);
    expect(values.slice(0, 3)).toEqual(['2026-Q2', '2026-Q1', '2026-H1']);
    expect(values).not.toContain('2026-Q3');
    expect(values).toContain('2025-Q4');
    expect(lastQuarter('2026-01-15')).toBe('2025-Q4');
    expect(lastQuarter('2026-10-08')).toBe('2026-Q3');
  });

  it('shows a vetoed score as such and the change against the previous period', () => {
    expect(scoreText({ state: 'scored', score: null, vetoes: [{ code: 'v', indicator: 'x', findingIds: [], findingCount: 1 }] })).toBe(
      '单项否决',
    );
    expect(scoreText({ state: 'scored', score: 95, vetoes: [] })).toBe('95');
    expect(scoreText({ state: 'pending', score: null, vetoes: [] })).toBe('—');
    expect(trendText({ score: 90, previous: { batchId: 'b', verdict: 'pass', score: 86.5 } })).toBe('↑3.5');
    expect(trendText({ score: 80, previous: { batchId: 'b', verdict: 'pass', score: 82 } })).toBe('↓2');
    expect(trendText({ score: 80, previous: { batchId: 'b', verdict: 'pass', score: 80 } })).toBe('持平');
    expect(trendText({ score: 80, previous: { batchId: 'b', verdict: 'fail', score: null } })).toBe('上期否决');
    expect(trendText({ score: 80, previous: null })).toBe('—');
  });
});

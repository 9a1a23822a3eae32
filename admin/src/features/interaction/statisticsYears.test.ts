import { describe, expect, it } from 'vitest';
import { statisticsYears } from './statisticsYears.ts';

describe('statisticsYears', () => {
  it('lists this year and the ones before it, newest first', () => {
    expect(statisticsYears('2026-03-01')).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(statisticsYears('2026-12-31', 2)).toEqual([2026, 2025]);
  });
});

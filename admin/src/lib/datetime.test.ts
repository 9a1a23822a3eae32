import { describe, expect, it } from 'vitest';
import { chinaDate, formatDateTime } from './datetime.ts';

describe('dates in China Standard Time', () => {
  it('formats in Beijing time whatever the browser’s zone', () => {
    expect(formatDateTime('2026-09-30T17:00:00Z')).toBe('2026-10-01 01:00');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('gives Beijing’s calendar date', () => {
    expect(chinaDate(new Date('2026-09-30T15:59:00Z'))).toBe('2026-09-30');
    expect(chinaDate(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
  });
});

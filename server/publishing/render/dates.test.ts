import { describe, expect, it } from 'vitest';
import { beijingDate, beijingDateTime, beijingW3c, rfc822Beijing } from './dates.ts';

describe('Beijing time formatting', () => {
  it('adds eight hours to the UTC instant, crossing the date line', () => {
    expect(beijingDateTime('2025-07-13T17:59:00Z')).toBe('2025-07-14 01:59');
    expect(beijingDate('2025-12-31T16:00:00Z')).toBe('2026-01-01');
  });

  it('keeps bare dates as they are and gives an empty string for invalid input', () => {
    expect(beijingDate('2025-07-10')).toBe('2025-07-10');
    expect(beijingDateTime('not a date')).toBe('');
  });

  it('formats RSS dates as RFC 822 in +0800 and sitemap dates as W3C with +08:00', () => {
    expect(rfc822Beijing('2025-07-13T17:59:05Z')).toBe('Mon, 14 Jul 2025 01:59:05 +0800');
    expect(beijingW3c('2025-07-13T17:59:05Z')).toBe('2025-07-14T01:59:05+08:00');
  });
});

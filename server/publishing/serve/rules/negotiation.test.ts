import { describe, expect, it } from 'vitest';
import { ACCEPT_BR, ACCEPT_GZIP, acceptedEncodings, entityTag, etagMatches, notModifiedSince } from './negotiation.ts';

describe('content negotiation', () => {
  it('reads Accept-Encoding with q-values and the wildcard', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toBe(ACCEPT_BR | ACCEPT_GZIP);
    expect(acceptedEncodings('gzip, deflate, br, zstd')).toBe(ACCEPT_BR | ACCEPT_GZIP);
    expect(acceptedEncodings('br;q=0, gzip;q=0.5')).toBe(ACCEPT_GZIP);
    expect(acceptedEncodings('GZIP')).toBe(ACCEPT_GZIP);
    expect(acceptedEncodings('x-gzip')).toBe(ACCEPT_GZIP);
    expect(acceptedEncodings('*')).toBe(ACCEPT_BR | ACCEPT_GZIP);
    expect(acceptedEncodings('*;q=0, gzip')).toBe(ACCEPT_GZIP);
    expect(acceptedEncodings('identity')).toBe(0);
    expect(acceptedEncodings('br;q=abc')).toBe(0);
    expect(acceptedEncodings(undefined)).toBe(0);
    expect(acceptedEncodings('')).toBe(0);
  });

  it('matches entity tags weakly, in lists and with the wildcard', () => {
    const tag = entityTag(5764, 1_795_000_000_123, 'br');
    expect(tag).toMatch(/^"[0-9a-f]+-1684-br"$/);
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`"x", W/${tag}`, tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('"x"', tag)).toBe(false);
    expect(entityTag(1, 1)).not.toBe(entityTag(1, 1, 'gzip'));
  });

  it('compares If-Modified-Since in whole seconds and ignores bad dates', () => {
    const mtime = Date.parse('2026-11-27T01:00:00.750Z');
    expect(notModifiedSince('Fri, 27 Nov 2026 01:00:00 GMT', mtime)).toBe(true);
    expect(notModifiedSince('Fri, 27 Nov 2026 00:59:59 GMT', mtime)).toBe(false);
    expect(notModifiedSince('yesterday', mtime)).toBe(false);
  });
});

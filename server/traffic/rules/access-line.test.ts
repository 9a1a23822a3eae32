import { describe, expect, it } from 'vitest';
import { clientAddress, escapeField, formatAccessLine, parseAccessLine, pathOfTarget } from './access-line.ts';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

describe('the access-log line', () => {
  it('round-trips what the embedded server writes', () => {
    const line = formatAccessLine({
      time: '2026-11-27T01:00:00.000Z',
      site: '1100000001',
      client: '203.0.113.7',
      method: 'GET',
      status: 200,
      target: '/xwdt/202611/a1.html?from=wx',
      userAgent: CHROME,
    });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.split('\t')).toHaveLength(7);
    expect(parseAccessLine(line.slice(0, -1))).toEqual({
      time: '2026-11-27T01:00:00.000Z',
      site: '1100000001',
      client: '203.0.113.7',
      method: 'GET',
      status: 200,
      path: '/xwdt/202611/a1.html',
      userAgent: CHROME,
    });
  });

  it('reads the line nginx writes: local time with its offset, a hyphen for a missing user agent', () => {
    const e = parseAccessLine('2026-11-27T09:00:01+08:00\tbm11000002\t2001:db8::1\tHEAD\t304\t/index.html\t-');
    expect(e).toMatchObject({ time: '2026-11-27T09:00:01+08:00', site: 'bm11000002', client: '2001:db8::1', status: 304, userAgent: '' });
  });

  it('escapes like nginx: quotes, backslashes, control characters and bytes past 0x7e, so a field never holds a tab or a line break', () => {
    expect(escapeField('a\tb\nc')).toBe('a\\x09b\\x0Ac');
    expect(escapeField('say "hi" \\o/')).toBe('say \\x22hi\\x22 \\x5Co/');
    // Header values arrive as latin1: one character per byte, written as nginx writes the byte.
    expect(escapeField(Buffer.from('浏览器', 'utf8').toString('latin1'))).toBe('\\xE6\\xB5\\x8F\\xE8\\xA7\\x88\\xE5\\x99\\xA8');
    expect(escapeField('浏')).toBe('\\xE6\\xB5\\x8F');
    expect(escapeField('')).toBe('-');
    const hostile = formatAccessLine({
      time: '2026-11-27T01:00:00.000Z',
      site: '1100000001',
      client: '203.0.113.7',
      method: 'GET',
      status: 200,
      target: '/a\tb',
      userAgent: 'x\n2026-11-27T01:00:00Z\t1100000001\t1.2.3.4\tGET\t200\t/\tforged',
    });
    expect(hostile.split('\n')).toHaveLength(2);
    expect(parseAccessLine(hostile.slice(0, -1))?.userAgent).toContain('\\x0A');
  });

  it('refuses lines that are not in the format', () => {
    const good = '2026-11-27T09:00:01+08:00\t1100000001\t10.0.0.1\tGET\t200\t/\tMozilla/5.0';
    expect(parseAccessLine(good)).not.toBeNull();
    for (const bad of [
      '',
      'garbage',
      good.replace('\tGET', ''),
      `${good}\textra`,
      good.replace('2026-11-27T09:00:01+08:00', '27/Nov/2026:09:00:01 +0800'),
      good.replace('2026-11-27T09:00:01', '2026-13-45T99:00:01'),
      good.replace('1100000001', '../etc'),
      good.replace('GET', 'get'),
      good.replace('\t200\t', '\t2000\t'),
      good.replace('\t/\t', '\tindex.html\t'),
      good.replace('10.0.0.1', 'a b'),
    ])
      expect(parseAccessLine(bad), bad).toBeNull();
  });

  it('keeps only the path of a request target', () => {
    expect(pathOfTarget('/a/b.html?x=1#y')).toBe('/a/b.html');
    expect(pathOfTarget('/search#top')).toBe('/search');
    expect(pathOfTarget('/')).toBe('/');
  });
});

describe('the client address', () => {
  it("is the socket's unless the proxy is trusted, then the leftmost X-Forwarded-For entry (Fastify's req.ip)", () => {
    expect(clientAddress('10.0.0.5', '198.51.100.1, 10.0.0.9', false)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '198.51.100.1, 10.0.0.9', true)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.5', ['198.51.100.2', '10.0.0.9'], true)).toBe('198.51.100.2');
    expect(clientAddress('10.0.0.5', ' ', true)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', undefined, true)).toBe('10.0.0.5');
  });

  it('writes IPv4 addresses mapped into IPv6 as IPv4, as nginx does, and leaves IPv6 alone', () => {
    expect(clientAddress('::ffff:127.0.0.1', undefined, false)).toBe('127.0.0.1');
    expect(clientAddress('2001:db8::1', undefined, false)).toBe('2001:db8::1');
    expect(clientAddress(undefined, undefined, false)).toBe('');
  });
});

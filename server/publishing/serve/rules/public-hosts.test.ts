import { describe, expect, it } from 'vitest';
import { asciiHostname, hostOfHeader, publicHostMap } from './public-hosts.ts';

const site = (code: string | null, domains: string[], over: { status?: string; hosting?: string } = {}) => ({
  code,
  domains,
  status: over.status ?? 'active',
  hosting: over.hosting ?? 'hosted',
});

describe('public host names', () => {
  it('normalises the Host header: case, port, trailing dot; IPv6 literals never name a site', () => {
    expect(hostOfHeader('WWW.Example.GOV.CN:8080')).toBe('www.example.gov.cn');
    expect(hostOfHeader('www.example.gov.cn.')).toBe('www.example.gov.cn');
    expect(hostOfHeader('[::1]:3000')).toBeNull();
    expect(hostOfHeader('')).toBeNull();
    expect(hostOfHeader(undefined)).toBeNull();
  });

  it('turns Chinese domains into their ASCII form and refuses what is not a host name', () => {
    expect(asciiHostname('示例.政务')).toBe('xn--fsq092h.xn--zfr164b');
    expect(asciiHostname('WWW.Example.gov.cn')).toBe('www.example.gov.cn');
    for (const bad of [
      'evil.gov.cn; root /',
      'a b.gov.cn',
      'x.gov.cn/etc',
      'localhost',
      '-a.gov.cn',
      'a..gov.cn',
      '*.gov.cn',
      'a.gov.cn:80',
      '1.2.3.4',
      '',
    ]) {
      expect(asciiHostname(bad), bad).toBeNull();
    }
  });

  it('maps the domains of hosted, not closed sites with a code, and reports bad or doubly claimed names', () => {
    const map = publicHostMap([
      site('1100000001', ['www.a.gov.cn', 'a.gov.cn']),
      site('1100000002', ['www.a.gov.cn', 'www.b.gov.cn']),
      site('1100000003', ['www.c.gov.cn'], { status: 'closed' }),
      site('1100000004', ['www.d.gov.cn'], { hosting: 'external' }),
      site(null, ['www.e.gov.cn']),
      site('1100000006', ['bad name']),
      site('../etc', ['www.f.gov.cn']),
    ]);
    expect([...map.hosts]).toEqual([
      ['www.a.gov.cn', '1100000001'],
      ['a.gov.cn', '1100000001'],
      ['www.b.gov.cn', '1100000002'],
    ]);
    expect(map.sites.map((s) => s.code)).toEqual(['1100000001', '1100000002']);
    expect(map.problems).toHaveLength(3);
  });
});

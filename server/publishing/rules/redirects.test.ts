import { describe, expect, it } from 'vitest';
import { hostWithPort, nginxRedirectMap, redirectPath, requestRedirectPath, retiredHosts, sitePageUrl } from './redirects.ts';

describe('old URLs as redirect keys', () => {
  it('keeps path and query as a browser sends them, without the fragment or an empty query', () => {
    expect(redirectPath('http://old.gov.cn/tzgg/123.html#top')).toBe('/tzgg/123.html');
    expect(redirectPath('https://old.gov.cn/info.jsp?id=123')).toBe('/info.jsp?id=123');
    expect(redirectPath('http://old.gov.cn/a.html?')).toBe('/a.html');
    expect(redirectPath('http://old.gov.cn')).toBe('/');
    expect(redirectPath('/通知/1.html')).toBe('/%E9%80%9A%E7%9F%A5/1.html');
    expect(redirectPath('http://old.gov.cn/%E9%80%9A%E7%9F%A5/1.html')).toBe('/%E9%80%9A%E7%9F%A5/1.html');
    expect(redirectPath('http://old.gov.cn/a/../b/./c.html')).toBe('/b/c.html');
  });

  it('sorts the query so parameters in another order name the same page, leaving GBK values encoded', () => {
    expect(redirectPath('/info.jsp?id=123&channel=5')).toBe('/info.jsp?channel=5&id=123');
    expect(redirectPath('/info.jsp?channel=5&&id=123')).toBe('/info.jsp?channel=5&id=123');
    expect(redirectPath('/search.asp?kw=%D6%D0%CE%C4')).toBe('/search.asp?kw=%D6%D0%CE%C4');
    expect(redirectPath('/search.asp?kw=%D6%D0')).not.toBe(redirectPath('/search.asp?kw=%D6%D1'));
  });

  it('refuses what is not an http(s) URL or a root-relative path', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://old.gov.cn/a', '//evil.example/a', 'a.html', '', `/${'a'.repeat(2001)}`])
      expect(redirectPath(bad), bad).toBeNull();
    expect(requestRedirectPath('http://old.gov.cn/a')).toBeNull();
    expect(requestRedirectPath('/a?b=1')).toBe('/a?b=1');
  });
});

describe('addresses', () => {
  it('links a hosted page on its first domain, else its preview', () => {
    expect(sitePageUrl({ code: '5104000001', domains: ['www.pzh.gov.cn'] }, '/xwdt/1.html')).toBe('https://www.pzh.gov.cn/xwdt/1.html');
    expect(sitePageUrl({ code: '5104000001', domains: ['示例.政务'] }, 'a.html')).toBe('https://xn--fsq092h.xn--zfr164b/a.html');
    expect(sitePageUrl({ code: '5104000001', domains: [] }, '/a.html')).toBe('/sites/5104000001/a.html');
    expect(sitePageUrl({ code: null, domains: [] }, '/a.html')).toBeNull();
  });

  it("names a retired site's hosts by its domains and its address, with a port only when not the default", () => {
    expect(retiredHosts({ domains: ['jyj.pzh.gov.cn'], baseUrl: 'http://old.pzh.gov.cn:8080/index.html' })).toEqual([
      'jyj.pzh.gov.cn',
      'old.pzh.gov.cn:8080',
    ]);
    expect(retiredHosts({ domains: [], baseUrl: 'https://jyj.pzh.gov.cn/' })).toEqual(['jyj.pzh.gov.cn']);
    expect(retiredHosts({ domains: [], baseUrl: 'http://127.0.0.1:3000/' })).toEqual([]);
    expect(hostWithPort('JYJ.pzh.gov.cn.')).toBe('jyj.pzh.gov.cn');
    expect(hostWithPort('jyj.pzh.gov.cn:80')).toBe('jyj.pzh.gov.cn');
    expect(hostWithPort('jyj.pzh.gov.cn:8080')).toBe('jyj.pzh.gov.cn:8080');
    expect(hostWithPort('[::1]:80')).toBeNull();
    expect(hostWithPort(undefined)).toBeNull();
  });
});

describe("nginx's redirect map", () => {
  it('writes one quoted line per host and entry, leaving unsafe, over-long and case-duplicate keys to the application', () => {
    const map = nginxRedirectMap([
      {
        hosts: ['old.gov.cn', 'www.old.gov.cn', 'old.gov.cn:8080'],
        entries: [
          { path: '/tzgg/1.html', target: 'https://www.pzh.gov.cn/tzgg/a.html', kind: 'article' },
          { path: '/TZGG/1.html', target: 'https://www.pzh.gov.cn/tzgg/b.html', kind: 'article' },
          { path: '/a$b.html', target: 'https://www.pzh.gov.cn/', kind: 'home' },
          { path: '/c.html', target: 'https://www.pzh.gov.cn/x";evil', kind: 'article' },
          { path: `/${'x'.repeat(500)}`, target: 'https://www.pzh.gov.cn/', kind: 'home' },
        ],
      },
    ]);
    expect(map.lines).toEqual([
      '    "old.gov.cn/tzgg/1.html" "https://www.pzh.gov.cn/tzgg/a.html";',
      '    "www.old.gov.cn/tzgg/1.html" "https://www.pzh.gov.cn/tzgg/a.html";',
    ]);
    expect(map.skipped).toBe(8);
    expect(map.longestKey).toBe('www.old.gov.cn/tzgg/1.html'.length);
  });
});

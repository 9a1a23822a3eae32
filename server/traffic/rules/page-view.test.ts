import { describe, expect, it } from 'vitest';
import { USER_AGENT } from '../../platform/http-client.ts';
import { classifyEntry, isCrawler, isPagePath } from './page-view.ts';

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN',
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 VivoBrowser/20.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
];
const PROGRAMS = [
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)',
  'Mozilla/5.0 (compatible; YisouSpider/5.0)',
  'Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)',
  'curl/8.5.0',
  'Wget/1.21.4',
  'python-requests/2.32.3',
  'Go-http-client/1.1',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
  '',
];

describe('crawlers and programs', () => {
  it('recognises spiders, command-line clients, headless browsers and an empty user agent, but not browsers', () => {
    for (const ua of PROGRAMS) expect(isCrawler(ua), ua).toBe(true);
    for (const ua of BROWSERS) expect(isCrawler(ua), ua).toBe(false);
  });

  it("recognises the platform's own crawler and probes", () => {
    expect(isCrawler(USER_AGENT)).toBe(true);
  });
});

describe('page views', () => {
  it('are paths of HTML pages: folders, .html and .htm, extensionless application pages', () => {
    for (const p of ['/', '/xwdt/', '/xwdt/202611/a1.html', '/old/page.HTM', '/search', '/ysqgk', '/hdjl/xx/'])
      expect(isPagePath(p), p).toBe(true);
    for (const p of ['/assets/site.css', '/files/ab12.pdf', '/xwdt/rss.xml', '/sitemap.xml', '/favicon.ico', '/robots.txt'])
      expect(isPagePath(p), p).toBe(false);
  });

  it('are GETs answered 200 or 304 by a person: not HEAD, POST, redirects or errors', () => {
    const ua = BROWSERS[0] as string;
    const e = (method: string, status: number, path = '/', userAgent = ua) => classifyEntry({ method, status, path, userAgent });
    expect(e('GET', 200)).toBe('view');
    expect(e('GET', 304)).toBe('view');
    for (const [m, s] of [
      ['HEAD', 200],
      ['POST', 200],
      ['GET', 301],
      ['GET', 303],
      ['GET', 404],
      ['GET', 500],
    ] as const)
      expect(e(m, s), `${m} ${s}`).toBe('notPage');
    expect(e('GET', 200, '/assets/site.css')).toBe('notPage');
    expect(e('GET', 200, '/', 'curl/8.5.0')).toBe('crawler');
  });
});

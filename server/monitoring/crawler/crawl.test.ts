import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { page, serveFixtureSite, type FixtureSite } from '../../../test/fixture-site.ts';
import { crawlSite, isPrivateHost, type CrawledPage, type LinkCheck } from './crawl.ts';

const open: FixtureSite[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
const serve = async (...args: Parameters<typeof serveFixtureSite>) => {
  const s = await serveFixtureSite(...args);
  open.push(s);
  return s;
};

const fast = { intervalMs: 0, externalIntervalMs: 0, retryBaseMs: 5, timeoutMs: 2_000, concurrency: 4 };

async function crawl(opts: Parameters<typeof crawlSite>[0]) {
  const pages: CrawledPage[] = [];
  const links: LinkCheck[] = [];
  const summary = await crawlSite(opts, { onPage: (p) => void pages.push(p), onLink: (l) => void links.push(l) });
  return { summary, pages, links, broken: links.filter((l) => !l.ok).map((l) => new URL(l.url).pathname + new URL(l.url).search) };
}

describe('the crawler', () => {
  it('reads every page of a site once and reports exactly the links that do not work, with the page that links them', async () => {
    const other = await serve({ '/ok': 'fine', '/moved': { status: 301, headers: { location: '/ok' } } }, 'localhost');
    const site = await serve({
      '/': page(
        '首页',
        `<a href="/a/">A</a> <a href="/b/">B</a> <a href="/missing/">gone</a><img src="/logo.png" alt="标志"><link rel="stylesheet" href="/s.css"><script src="/app.js"></script>`,
      ),
      '/a/': page(
        'A',
        `<a href="/">首页</a><a href="/b/">B</a><a href="/files/x.pdf">附件</a><a href="${other.url('/ok')}">外链</a><a href="${other.url('/nope')}">坏外链</a>`,
      ),
      '/b/': page(
        'B',
        `<iframe src="/frame/"></iframe><a href="/loop1">loop</a><a href="mailto:a@b.cn">信</a><a href="javascript:void(0)">x</a><a href="${other.url('/moved')}">跳转</a>`,
      ),
      '/frame/': page('F', '<a href="/a/#top">A again</a>'),
      '/logo.png': { body: 'png', type: 'image/png' },
      '/s.css': { body: 'body{}', type: 'text/css' },
      '/app.js': { body: '', type: 'text/javascript' },
      '/files/x.pdf': { body: '%PDF', type: 'application/pdf' },
      '/loop1': { status: 302, headers: { location: '/loop2' } },
      '/loop2': { status: 302, headers: { location: '/loop1' } },
    });
    const { summary, pages, links, broken } = await crawl({ startUrl: site.url('/'), ...fast });
    expect(pages.map((p) => new URL(p.finalUrl).pathname).sort()).toEqual(['/', '/a/', '/b/', '/frame/']);
    expect(broken.sort()).toEqual(['/loop1', '/missing/', '/nope']);
    const byPath = new Map(links.map((l) => [new URL(l.url).pathname, l]));
    expect(byPath.get('/missing/')).toMatchObject({ ok: false, status: 404, error: 'http', parent: site.url('/'), internal: true });
    expect(byPath.get('/loop1')).toMatchObject({ ok: false, error: 'redirectLoop', parent: site.url('/b/') });
    expect(byPath.get('/nope')).toMatchObject({ ok: false, status: 404, internal: false, parent: site.url('/a/') });
    expect(byPath.get('/moved')).toMatchObject({ ok: true, status: 200 });
    expect(summary).toMatchObject({ pages: 4, broken: 3, urlsChecked: links.length });
    // Each URL asked once (HEAD for files, GET for pages); the external site only for the links checked.
    expect(site.hits('/a/')).toBe(1);
    expect(site.requests.filter((r) => r.startsWith('GET /files'))).toEqual([]);
    expect(other.requests.sort()).toEqual(['GET /nope', 'HEAD /moved', 'HEAD /nope', 'HEAD /ok', 'HEAD /ok'].sort());
  });

  it('keeps out of what robots.txt disallows and slows to its Crawl-delay', async () => {
    const site = await serve({
      '/robots.txt': { body: 'User-agent: *\nDisallow: /private/\n', type: 'text/plain' },
      '/': page('首页', '<a href="/private/x.html">内部</a><a href="/pub/">公开</a>'),
      '/pub/': page('公开', 'ok'),
      '/private/x.html': page('内部', 'secret'),
    });
    const { pages, broken } = await crawl({ startUrl: site.url('/'), ...fast });
    expect(pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/', '/pub/']);
    expect(site.hits('/private/x.html')).toBe(0);
    expect(broken).toEqual([]);
  });

  it('stops at an endless calendar, at the page limit and at the depth limit', async () => {
    const calendar = (req: IncomingMessage, res: ServerResponse) => {
      const m = Number(new URL(req.url!, 'http://x').searchParams.get('m') ?? 0);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page('日历', `<a href="/cal?m=${m + 1}">下月</a><a href="/cal?m=${m - 1}">上月</a>`));
    };
    const routes: Record<string, Parameters<typeof serveFixtureSite>[0][string]> = {
      '/': page('首页', '<a href="/cal?m=0">日历</a><a href="/d1/">深</a>'),
    };
    for (let m = -300; m <= 300; m++) routes[`/cal?m=${m}`] = calendar;
    for (let d = 1; d <= 30; d++) routes[`/d${d}/`] = page(`第${d}层`, `<a href="/d${d + 1}/">更深</a>`);
    const site = await serve(routes);
    const { summary } = await crawl({ startUrl: site.url('/'), ...fast, maxQueryVariants: 20, maxDepth: 100 });
    expect(site.requests.filter((r) => r.includes('/cal?')).length).toBe(20);
    expect(summary.skipped.trap).toBeGreaterThan(0);
    site.requests.length = 0;
    await crawl({ startUrl: site.url('/'), ...fast, maxDepth: 5 });
    // Depth 5 pages are read; /d6/ (depth 6) is checked, not read, so /d7/ is never seen.
    expect(site.hits('/d5/')).toBe(1);
    expect(site.hits('/d6/')).toBe(1);
    expect(site.hits('/d7/')).toBe(0);
    const limited = await crawl({ startUrl: site.url('/'), ...fast, maxQueryVariants: 1000, maxPages: 10 });
    expect(limited.summary.pages).toBe(10);
  });

  it('survives a 10 GB response, a slow drip, malformed HTML and a server that drops the connection', async () => {
    const site = await serve({
      '/': page('首页', '<a href="/huge/">大</a><a href="/drip/">慢</a><a href="/bad/">坏</a><a href="/reset/">断</a>'),
      '/huge/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (res.write(chunk));
        };
        res.on('drain', pump);
        res.on('error', () => undefined);
        pump();
      },
      '/drip/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const t = setInterval(() => res.write('<p>'), 50);
        res.on('close', () => clearInterval(t));
      },
      '/bad/': '<html><body><div><a href="/deep/">x<div><div></a><table><tr><td><a href=/t/>t</a>' + '<div>'.repeat(50_000),
      '/deep/': page('深', 'ok'),
      '/t/': page('表', 'ok'),
      '/reset/': (req) => req.socket.destroy(),
    });
    const before = process.memoryUsage().rss;
    const { pages, links } = await crawl({ startUrl: site.url('/'), ...fast, timeoutMs: 600, retries: 1, maxPageBytes: 1024 * 1024 });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    const status = Object.fromEntries(links.map((l) => [new URL(l.url).pathname, l.ok ? 'ok' : l.error]));
    expect(status).toMatchObject({ '/drip/': 'timeout', '/reset/': 'unreachable', '/deep/': 'ok', '/t/': 'ok' });
    // The endless page works as a link; it is not read.
    expect(status['/huge/']).toBe('ok');
    expect(pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/', '/bad/', '/deep/', '/t/']);
    // Retried once with backoff, then given up.
    expect(site.hits('/reset/')).toBe(2);
  });

  it('retries a server that is briefly unavailable', async () => {
    let n = 0;
    const site = await serve({
      '/': page('首页', '<a href="/busy/">忙</a>'),
      '/busy/': (_req, res) => {
        n++;
        res.writeHead(n < 3 ? 503 : 200, { 'content-type': 'text/html' });
        res.end(page('忙', 'ok'));
      },
    });
    const { broken } = await crawl({ startUrl: site.url('/'), ...fast });
    expect(broken).toEqual([]);
    expect(n).toBe(3);
  });

  it('reads GBK pages, whether the header or only a meta tag says so', async () => {
    const encodeGbk = (s: string) => {
      const out: number[] = [];
      for (const ch of s) {
        if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
        else out.push(...gbkBytes(ch));
      }
      return Buffer.from(out);
    };
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>攀枝花市教育局</title><meta name="ColumnName" content="通知公告"></head><body><ul><li><a href="/n1.html">关于开学的通知</a><span>2017-09-01</span></li></ul></body></html>`;
    const site = await serve({
      '/': { body: encodeGbk(html), type: 'text/html' },
      '/n1.html': { body: encodeGbk('<title>关于开学的通知</title><p>发布时间：2017年9月1日</p>'), type: 'text/html; charset=GBK' },
    });
    const { pages } = await crawl({ startUrl: site.url('/'), ...fast });
    const home = pages.find((p) => p.url === site.url('/'))!;
    expect(home.charset).toBe('gb18030');
    expect(home.facts.title).toBe('攀枝花市教育局');
    expect(home.facts.meta.columnname).toBe('通知公告');
    expect(home.facts.items).toEqual([expect.objectContaining({ title: '关于开学的通知', date: '2017-09-01' })]);
    expect(pages.find((p) => p.url.endsWith('/n1.html'))!.facts.text).toContain('2017年9月1日');
  });

  it('resumes a crawl that was stopped half-way, asking no page twice', async () => {
    const routes: Record<string, string> = {
      '/': page('首页', Array.from({ length: 40 }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('')),
    };
    for (let i = 0; i < 40; i++) routes[`/p${i}/`] = page(`${i}`, `<a href="/p${(i + 1) % 40}/">next</a>`);
    const site = await serve(routes);
    const journalPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journal-')), 'crawl.sqlite');
    const ctrl = new AbortController();
    let seen = 0;
    const first = await crawlSite(
      { startUrl: site.url('/'), ...fast, concurrency: 1, journalPath, signal: ctrl.signal },
      { onPage: () => void (++seen === 10 && ctrl.abort('stopped')) },
    );
    expect(first.aborted).toBe('stopped');
    const second = await crawl({ startUrl: site.url('/'), ...fast, journalPath });
    expect(second.summary.resumed).toBe(true);
    expect(second.summary.pages).toBe(41);
    for (const p of Object.keys(routes)) expect(site.hits(p)).toBe(1);
    // A finished journal starts over.
    const third = await crawl({ startUrl: site.url('/'), ...fast, journalPath });
    expect(third.summary.resumed).toBe(false);
    expect(third.summary.pages).toBe(41);
  });

  it('tells literal internal addresses from public ones', () => {
    expect(
      [
        '127.0.0.1',
        '10.1.2.3',
        '192.168.0.1',
        '172.20.0.1',
        '[::1]',
        '169.254.169.254',
        '100.64.0.1',
        '[::ffff:127.0.0.1]',
        '[fd00::1]',
      ].map(isPrivateHost),
    ).toEqual(Array(9).fill(true));
    // Names are judged by what they resolve to, when they are fetched.
    expect(['www.gov.cn', '8.8.8.8', '172.32.0.1', 'localhost', '[2001:db8::1]'].map(isPrivateHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('visits no internal address but its own: literal links, names resolving inward and redirects there are skipped unfetched', async () => {
    // 127.0.0.1 plays the internal network; the site itself lives at 127.0.0.2.
    const inner = await serve({ '/x': 'secret', '/y': 'secret', '/z': 'secret' });
    const port = new URL(inner.url('/')).port;
    const neighbour = await serve({ '/ok': 'fine' }, '127.0.0.2');
    const site = await serve(
      {
        '/': page(
          '首页',
          `<a href="http://127.0.0.1:${port}/x">内网</a><a href="http://localhost:${port}/y">内网域名</a><a href="/out">跳转</a><a href="${neighbour.url('/ok')}">同址</a><a href="/a/">A</a>`,
        ),
        '/out': { status: 302, headers: { location: `http://127.0.0.1:${port}/z` } },
        '/a/': page('A', '<a href="/">首页</a>'),
      },
      '127.0.0.2',
    );
    const { summary, links } = await crawl({ startUrl: site.url('/'), ...fast });
    expect(['/x', '/y', '/z'].map((p) => inner.hits(p))).toEqual([0, 0, 0]);
    expect(summary.skipped.private).toBe(3);
    expect(summary.pages).toBe(2);
    expect(summary.broken).toBe(0);
    expect(links.map((l) => new URL(l.url).pathname).sort()).toEqual(['/', '/a/', '/ok']);
  });
});

/** GBK bytes of one character, found by decoding candidate byte pairs (the test has no encoder). */
const gbkTable = (() => {
  const dec = new TextDecoder('gbk');
  const map = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !map.has(ch)) map.set(ch, [hi, lo]);
    }
  return map;
})();
function gbkBytes(ch: string): number[] {
  const b = gbkTable.get(ch);
  if (!b) throw new Error(`no GBK code for ${ch}`);
  return b;
}

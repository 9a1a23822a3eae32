/**
 * The public sites as visitors and attackers reach them: the composition's app on a loopback
 * port, sites registered in the database, published files written the way the publisher
 * writes them. Raw requests, so hostile targets arrive exactly as sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidatePublicCache } from '#server/publishing/index.ts';
import { notifyPublicFilesChanged } from '#server/publishing/public-events.ts';
import { publishFile, startPublicApp, type PublicTestApp } from './support.ts';

const A = '1100000001';
const B = 'bm11000002';
const UNPUBLISHED = '1100000003';
const HOST_A = 'www.a.gov.cn';
const HOST_B = 'www.b.gov.cn';

const page = (title: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>` +
  `<link rel="stylesheet" href="assets/site.css"><link rel="stylesheet" href="assets/mode.css"></head>` +
  `<body><main>${title}：${'政务公开 '.repeat(200)}</main></body></html>`;

let t: PublicTestApp;
let dirA: string;

beforeAll(async () => {
  t = await startPublicApp();
  await t.addSite(A, [HOST_A, 'a.gov.cn']);
  await t.addSite(B, [HOST_B]);
  await t.addSite(UNPUBLISHED, ['www.c.gov.cn']);
  dirA = t.siteDir(A);
  publishFile(dirA, '/index.html', page('甲网站首页'), { compress: true });
  publishFile(dirA, '/xwdt/index.html', page('新闻动态'), { compress: true });
  publishFile(dirA, '/xwdt/index_2.html', page('新闻动态第2页'));
  publishFile(dirA, '/xwdt/202611/art1.html', page('关于开展安全生产检查的通知'), { compress: true });
  publishFile(dirA, '/xwdt/rss.xml', '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"></rss>', { compress: true });
  publishFile(dirA, '/sitemap.xml', '<?xml version="1.0" encoding="utf-8"?><urlset></urlset>');
  publishFile(dirA, '/404.html', page('页面不存在'), { compress: true });
  publishFile(dirA, '/404-preview.html', page('页面不存在（预览）'), { compress: true });
  publishFile(dirA, '/assets/site.css', 'body{color:#222}', { compress: true });
  publishFile(dirA, '/assets/elder.css', 'body{font-size:22px}', { compress: true });
  publishFile(dirA, '/files/ab12cd.pdf', Buffer.from('%PDF-1.4 示例附件'));
  publishFile(dirA, '/files/ef34.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  publishFile(t.siteDir(B), '/index.html', page('乙网站首页'));
  // Something outside the site folders that must never be readable.
  fs.writeFileSync(path.join(t.dataDir, 'public', 'secret.txt'), 'TOP-SECRET');
  fs.writeFileSync(path.join(t.dataDir, 'gongkai-secret.txt'), 'TOP-SECRET');
});
afterAll(async () => t.close());

describe('host routing and the preview prefix', () => {
  it("serves each site's home page on its own domains, whatever the case or port of the Host header", async () => {
    const a = await t.get('/', { host: HOST_A });
    expect(a.status).toBe(200);
    expect(a.text).toContain('甲网站首页');
    expect((await t.get('/', { host: 'A.GOV.CN:8080' })).text).toContain('甲网站首页');
    expect((await t.get('/', { host: `${HOST_A}.` })).text).toContain('甲网站首页');
    expect((await t.get('/index.html', { host: HOST_B })).text).toContain('乙网站首页');
  });

  it('serves the same files under /sites/<code>/ on any other host, and redirects /sites/<code> to the folder', async () => {
    expect((await t.get(`/sites/${A}/xwdt/202611/art1.html`)).text).toContain('安全生产检查');
    expect((await t.get(`/sites/${B}/`)).text).toContain('乙网站首页');
    const bare = await t.get(`/sites/${A}`);
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe(`/sites/${A}/`);
    expect((await t.get(`/sites/${A}?from=qr`)).headers.location).toBe(`/sites/${A}/?from=qr`);
  });

  it('serves index.html for folder paths and redirects a folder without its slash (relative links need it)', async () => {
    expect((await t.get('/xwdt/', { host: HOST_A })).text).toContain('新闻动态');
    expect((await t.get('/xwdt/index_2.html', { host: HOST_A })).text).toContain('新闻动态第2页');
    const r = await t.get('/xwdt?page=2', { host: HOST_A });
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/xwdt/?page=2');
    expect((await t.get(`/sites/${A}/xwdt`)).headers.location).toBe(`/sites/${A}/xwdt/`);
  });

  it("answers a missing file with the site's own 404 page and status 404: the domain copy on the domain, the preview copy in the preview", async () => {
    const onDomain = await t.get('/xwdt/202611/gone.html', { host: HOST_A });
    expect(onDomain.status).toBe(404);
    expect(onDomain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(onDomain.text).toContain('页面不存在');
    expect(onDomain.text).not.toContain('预览');
    const inPreview = await t.get(`/sites/${A}/xwdt/202611/gone.html`);
    expect(inPreview.status).toBe(404);
    expect(inPreview.text).toContain('页面不存在（预览）');
    // A site published before the preview copy existed still gets its 404 page.
    publishFile(t.siteDir(B), '/404.html', page('乙网站页面不存在'));
    expect((await t.get(`/sites/${B}/gone.html`)).text).toContain('乙网站页面不存在');
  });

  it('answers sites without published files and unknown sites with a plain 404', async () => {
    for (const [target, host] of [
      ['/', 'www.c.gov.cn'],
      [`/sites/${UNPUBLISHED}/`, undefined],
      ['/sites/9999999999/index.html', undefined],
      ['/sites/9999999999', undefined],
    ] as const) {
      const r = await t.get(target, host ? { host } : {});
      expect(r.status, target).toBe(404);
      expect(r.headers['content-type']).toMatch(/^text\/plain/);
    }
  });

  it('never reaches the API, the admin or health checks on a public host', async () => {
    for (const target of ['/api/auth/me', '/api/openapi.json', '/admin/', '/healthz', `/sites/${B}/index.html`]) {
      const r = await t.get(target, { host: HOST_A });
      expect(r.status, target).toBe(404);
      expect(r.text, target).toContain('页面不存在');
      expect(r.text).not.toContain('乙网站首页');
    }
    const login = await t.get('/api/auth/login', {
      host: HOST_A,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'x' }),
    });
    expect(login.status).toBe(404);
    expect(login.text).toContain('页面不存在');
    // The same paths still work on the platform's own host.
    expect((await t.get('/api/auth/me')).status).toBe(401);
    expect((await t.get('/healthz')).status).toBe(200);
  });

  it("reaches the application's public routes (search) on the site's domain, mapped into the site", async () => {
    const r = await t.get('/search?q=%E9%80%9A%E7%9F%A5', { host: HOST_A });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('hands other methods on a published path to the application, which does not serve them', async () => {
    const r = await t.get('/index.html', { host: HOST_A, method: 'POST' });
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('甲网站首页');
  });
});

describe('headers, compression and conditional requests', () => {
  it('sends type with charset, length, validators, revalidation for pages and the security headers', async () => {
    const r = await t.get('/xwdt/202611/art1.html', { host: HOST_A });
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Date(String(r.headers['last-modified'])).getTime()).toBeGreaterThan(0);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('caches stylesheets briefly and attachments for a year, and only downloads active content', async () => {
    expect((await t.get('/assets/site.css', { host: HOST_A })).headers['cache-control']).toBe('public, max-age=300');
    const pdf = await t.get('/files/ab12cd.pdf', { host: HOST_A });
    expect(pdf.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBeUndefined();
    const svg = await t.get('/files/ef34.svg', { host: HOST_A });
    expect(svg.headers['content-disposition']).toBe('attachment');
    expect((await t.get('/sitemap.xml', { host: HOST_A })).headers['content-type']).toBe('application/xml; charset=utf-8');
  });

  it('picks the brotli, then the gzip sibling by Accept-Encoding, and the plain file otherwise', async () => {
    const plain = await t.get('/index.html', { host: HOST_A });
    const br = await t.get('/index.html', { host: HOST_A, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    const gz = await t.get('/index.html', { host: HOST_A, headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    const identity = await t.get('/index.html', { host: HOST_A, headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(plain.body)).toBe(true);
    // No siblings written for this page: the plain file for everyone.
    const noSiblings = await t.get('/xwdt/index_2.html', { host: HOST_A, headers: { 'accept-encoding': 'br, gzip' } });
    expect(noSiblings.headers['content-encoding']).toBeUndefined();
    expect(noSiblings.text).toContain('第2页');
  });

  it('answers If-None-Match and If-Modified-Since with 304 and no body', async () => {
    const first = await t.get('/xwdt/', { host: HOST_A, headers: { 'accept-encoding': 'gzip' } });
    const etag = String(first.headers.etag);
    const same = await t.get('/xwdt/', { host: HOST_A, headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(same.status).toBe(304);
    expect(same.body.length).toBe(0);
    expect(same.headers.etag).toBe(etag);
    expect(same.headers['cache-control']).toBe('no-cache');
    const weak = await t.get('/xwdt/', { host: HOST_A, headers: { 'accept-encoding': 'gzip', 'if-none-match': `"other", W/${etag}` } });
    expect(weak.status).toBe(304);
    expect((await t.get('/xwdt/', { host: HOST_A, headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    const lm = String(first.headers['last-modified']);
    expect((await t.get('/xwdt/', { host: HOST_A, headers: { 'if-modified-since': lm } })).status).toBe(304);
    expect((await t.get('/xwdt/', { host: HOST_A, headers: { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' } })).status).toBe(200);
    expect((await t.get('/xwdt/', { host: HOST_A, headers: { 'if-modified-since': 'not a date' } })).status).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await t.get('/xwdt/202611/art1.html', { host: HOST_A });
    const head = await t.get('/xwdt/202611/art1.html', { host: HOST_A, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('streams attachments too large to keep in memory', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 7);
    publishFile(dirA, '/files/big.zip', big);
    const r = await t.get('/files/big.zip', { host: HOST_A });
    expect(r.status).toBe(200);
    expect(Number(r.headers['content-length'])).toBe(big.length);
    expect(r.body.equals(big)).toBe(true);
    const head = await t.get('/files/big.zip', { host: HOST_A, method: 'HEAD' });
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(big.length));
  });
});

describe('the cache never serves a replaced or deleted file for long', () => {
  it('serves a replaced page at once after invalidatePublicCache, and within about a second without it', async () => {
    publishFile(dirA, '/xwdt/202611/art2.html', page('第一版'), { compress: true });
    expect((await t.get('/xwdt/202611/art2.html', { host: HOST_A })).text).toContain('第一版');
    publishFile(dirA, '/xwdt/202611/art2.html', page('第二版'), { compress: true });
    invalidatePublicCache(A);
    expect((await t.get('/xwdt/202611/art2.html', { host: HOST_A })).text).toContain('第二版');
    const gz = await t.get('/xwdt/202611/art2.html', { host: HOST_A, headers: { 'accept-encoding': 'gzip' } });
    expect(zlib.gunzipSync(gz.body).toString()).toContain('第二版');

    // The in-process publisher's change notice works the same way.
    publishFile(dirA, '/xwdt/202611/art2.html', page('第二版修订'), { compress: true });
    notifyPublicFilesChanged(A);
    expect((await t.get('/xwdt/202611/art2.html', { host: HOST_A })).text).toContain('第二版修订');

    // Another process publishes: no invalidation, only the one-second revalidation.
    publishFile(dirA, '/xwdt/202611/art2.html', page('第三版'), { compress: true });
    const replacedAt = Date.now();
    let text = '';
    while (Date.now() - replacedAt < 3000) {
      text = zlib
        .brotliDecompressSync((await t.get('/xwdt/202611/art2.html', { host: HOST_A, headers: { 'accept-encoding': 'br' } })).body)
        .toString();
      if (text.includes('第三版')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(text).toContain('第三版');
    expect(Date.now() - replacedAt).toBeLessThan(1500);
  });

  it('stops serving a deleted page (a retraction) within about a second', async () => {
    publishFile(dirA, '/xwdt/202611/art3.html', page('待撤稿件'), { compress: true });
    expect((await t.get('/xwdt/202611/art3.html', { host: HOST_A })).status).toBe(200);
    for (const f of ['art3.html', 'art3.html.gz', 'art3.html.br']) fs.rmSync(path.join(dirA, 'xwdt', '202611', f));
    const deletedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - deletedAt < 3000) {
      status = (await t.get('/xwdt/202611/art3.html', { host: HOST_A })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(404);
    expect(Date.now() - deletedAt).toBeLessThan(1500);
  });
  it('follows a full publish that swaps the site folder (a link) to a new build, without a 404 in between', async () => {
    const code = '1100000004';
    await t.addSite(code, ['www.d.gov.cn']);
    const builds = path.join(t.dataDir, 'public', '.builds');
    const swap = (build: string, title: string) => {
      publishFile(path.join(builds, build), '/index.html', page(title), { compress: true });
      const link = path.join(t.dataDir, 'public', `.${code}.${build}.link`);
      fs.symlinkSync(path.join('.builds', build), link, 'dir');
      fs.renameSync(link, t.siteDir(code));
    };
    swap(`${code}-1`, '第一次发布');
    expect((await t.get('/', { host: 'www.d.gov.cn' })).text).toContain('第一次发布');
    swap(`${code}-2`, '第二次发布');
    fs.rmSync(path.join(builds, `${code}-1`), { recursive: true });
    const swappedAt = Date.now();
    let text = '';
    while (Date.now() - swappedAt < 3000) {
      const r = await t.get('/', { host: 'www.d.gov.cn', headers: { 'accept-encoding': 'br' } });
      expect(r.status).toBe(200);
      text = zlib.brotliDecompressSync(r.body).toString();
      if (text.includes('第二次发布')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(text).toContain('第二次发布');
    expect(Date.now() - swappedAt).toBeLessThan(1500);
  });
});

describe('hostile request targets', () => {
  const targets = [
    `/sites/${A}/../../gongkai-secret.txt`,
    `/sites/${A}/%2e%2e/secret.txt`,
    `/sites/${A}/%2E%2E/%2E%2E/gongkai-secret.txt`,
    `/sites/${A}/xwdt/..%2f..%2fsecret.txt`,
    `/sites/${A}/..%5csecret.txt`,
    `/sites/${A}/..\\secret.txt`,
    `/sites/${A}/index.html%00.css`,
    `/sites/${A}/%zz`,
    `/sites/${A}/%E4%B8`,
  ];

  it('refuses traversal, encoded separators, backslashes, NUL and bad percent-encoding with 400', async () => {
    for (const target of targets) {
      const r = await t.get(target);
      expect(r.status, target).toBe(400);
      expect(r.text).not.toContain('TOP-SECRET');
      const onHost = await t.get(target.slice(`/sites/${A}`.length), { host: HOST_A });
      expect(onHost.status, `host ${target}`).toBe(400);
      expect(onHost.text).not.toContain('TOP-SECRET');
    }
  });

  it('never serves dot-files, the publisher temp files or the compressed siblings by name', async () => {
    fs.writeFileSync(path.join(dirA, '.env'), 'TOP-SECRET');
    fs.writeFileSync(path.join(dirA, 'index.html.123.4.tmp'), 'TOP-SECRET');
    for (const target of ['/.env', '/%2eenv', '/index.html.123.4.tmp', '/index.html.gz', '/index.html.br']) {
      const r = await t.get(target, { host: HOST_A });
      expect(r.status, target).toBe(404);
      expect(r.text).not.toContain('TOP-SECRET');
    }
  });

  it('does not follow symbolic links out of the site folder', async () => {
    fs.symlinkSync(path.join(t.dataDir, 'gongkai-secret.txt'), path.join(dirA, 'link.html'));
    fs.symlinkSync(t.dataDir, path.join(dirA, 'outside'));
    for (const target of ['/link.html', '/outside/gongkai-secret.txt', '/outside/public/secret.txt']) {
      const r = await t.get(target, { host: HOST_A });
      expect(r.status, target).toBe(404);
      expect(r.text).not.toContain('TOP-SECRET');
    }
  });

  it("does not let one site's host read another site's files", async () => {
    const r = await t.get(`/../${B}/index.html`, { host: HOST_A });
    expect(r.status).toBe(400);
    expect(r.text).not.toContain('乙网站首页');
  });
});

describe('适老化 mode', () => {
  it('sets a remembered cookie and sends the visitor back to the page on the public host', async () => {
    const r = await t.get('/_mode/elder?back=/xwdt/202611/art1.html', { host: HOST_A });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/xwdt/202611/art1.html');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^gk_mode=elder;/);
    expect(cookie).toContain('Max-Age=31536000');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toMatch(/SameSite=Lax/i);
    const back = await t.get('/_mode/standard?back=/', { host: HOST_A });
    expect(back.headers.location).toBe('/');
    expect(String(back.headers['set-cookie'])).toMatch(/^gk_mode=standard;/);
  });

  it('redirects under /sites/<code> in the preview, and treats the nginx-mapped form as the public host', async () => {
    const r = await t.get(`/sites/${A}/_mode/elder?back=/xwdt/`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe(`/sites/${A}/xwdt/`);
    const viaNginx = await t.get(`/sites/${A}/_mode/elder?back=/xwdt/`, { host: HOST_A });
    expect(viaNginx.headers.location).toBe('/xwdt/');
  });

  it('keeps `back` inside the site: open-redirect attempts go to the home page', async () => {
    const hostile = [
      '//evil.example/',
      'https://evil.example/',
      'http:/evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/%2F%2Fevil.example',
      '/%2f/evil.example',
      '/%5Cevil.example',
      'javascript:alert(1)',
      '/xwdt/../../admin/',
      '/%2e%2e/admin/',
      ' //evil.example',
      '/\t/evil.example',
      '',
    ];
    for (const back of hostile) {
      const r = await t.get(`/_mode/elder?back=${encodeURIComponent(back)}`, { host: HOST_A });
      expect(r.status, back).toBe(303);
      expect(r.headers.location, back).toBe('/');
      const p = await t.get(`/sites/${A}/_mode/elder?back=${encodeURIComponent(back)}`);
      expect(p.headers.location, back).toBe(`/sites/${A}/`);
    }
    const twice = await t.get('/_mode/elder?back=/a/&back=//evil.example', { host: HOST_A });
    expect(twice.headers.location).toBe('/');
    const chinese = await t.get(`/_mode/elder?back=${encodeURIComponent('/专题/')}`, { host: HOST_A });
    expect(chinese.headers.location).toBe(`/${encodeURIComponent('专题')}/`);
  });

  it('switches assets/mode.css by the cookie, privately and varying by cookie', async () => {
    const standard = await t.get('/assets/mode.css', { host: HOST_A });
    expect(standard.status).toBe(200);
    expect(standard.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(standard.body.length).toBe(0);
    expect(standard.headers['cache-control']).toBe('private, no-cache');
    expect(standard.headers.vary).toContain('Cookie');
    const elder = await t.get('/assets/mode.css', { host: HOST_A, headers: { cookie: 'gk_session=x; gk_mode=elder' } });
    expect(elder.text).toBe('body{font-size:22px}');
    expect(elder.headers['cache-control']).toBe('private, no-cache');
    expect(elder.headers.vary).toContain('Cookie');
    const gz = await t.get(`/sites/${A}/assets/mode.css`, { headers: { cookie: 'gk_mode=elder', 'accept-encoding': 'gzip' } });
    expect(zlib.gunzipSync(gz.body).toString()).toBe('body{font-size:22px}');
    const revalidated = await t.get('/assets/mode.css', {
      host: HOST_A,
      headers: { cookie: 'gk_mode=elder', 'if-none-match': String(elder.headers.etag) },
    });
    expect(revalidated.status).toBe(304);
    // The etag of the empty sheet never matches the elder one, so switching modes is seen at once.
    const switched = await t.get('/assets/mode.css', { host: HOST_A, headers: { 'if-none-match': String(elder.headers.etag) } });
    expect(switched.status).toBe(200);
    expect((await t.get('/assets/mode.css', { host: HOST_A, headers: { cookie: 'gk_mode=elderly' } })).body.length).toBe(0);
  });

  it('answers the mode switch of an unknown site with 404', async () => {
    expect((await t.get('/sites/9999999999/_mode/elder?back=/')).status).toBe(404);
    expect((await t.get('/sites/not-a-code/_mode/elder?back=/')).status).toBe(404);
  });
});

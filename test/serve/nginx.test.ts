/**
 * The generated nginx configuration in a real nginx, in front of the real app: static pages
 * (plain and gzip) straight from the published folder, the site's 404 page, and the mode
 * switch and the search page proxied to the app, which answers as on the site's own domain;
 * the access log in the platform's format, read by the traffic ingestion.
 * Skipped with a printed reason when nginx is not installed, unless GONGKAI_NGINX_REQUIRED=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#common/dates.ts';
import { systemActor } from '#server/platform/actor.ts';
import { platformNginxConfig } from '#server/publishing/index.ts';
import { appAccessLogFile, ingestAccessLogs, nginxAccessLogFile, parseAccessLine, siteTraffic } from '#server/traffic/index.ts';
import { freePort, nginxMissingReason, startNginx, type RunningNginx } from './nginx-runner.ts';
import { publishFile, rawRequest, startPublicApp, type PublicTestApp } from './support.ts';

const missing = nginxMissingReason();
const required = process.env.GONGKAI_NGINX_REQUIRED === '1';
if (missing && !required) console.log(`nginx tests skipped: ${missing} (set GONGKAI_NGINX_REQUIRED=1 to fail instead)`);

const CODE = '1100000001';
const HOST = 'www.n.gov.cn';

describe.skipIf(missing !== null && !required)('the generated nginx configuration', () => {
  let t: PublicTestApp;
  let nginx: RunningNginx;
  const get = (target: string, headers: Record<string, string> = {}, host = HOST) => rawRequest(nginx.port, target, { host, headers });

  beforeAll(async () => {
    if (missing) throw new Error(`GONGKAI_NGINX_REQUIRED=1 but ${missing}`);
    t = await startPublicApp();
    await t.addSite(CODE, [HOST]);
    const dir = t.siteDir(CODE);
    publishFile(dir, '/index.html', '<!DOCTYPE html><title>首页</title><p>南岭县人民政府</p>', { compress: true });
    publishFile(dir, '/xwdt/202611/a1.html', `<!DOCTYPE html><title>通知</title><p>${'关于开展安全生产检查的通知。'.repeat(100)}</p>`, {
      compress: true,
    });
    publishFile(dir, '/404.html', '<!DOCTYPE html><title>页面不存在</title><p>页面不存在</p>', { compress: true });
    publishFile(dir, '/assets/elder.css', 'body{font-size:22px}', { compress: true });
    const port = await freePort();
    const conf = await platformNginxConfig(t.deps, { listen: `127.0.0.1:${port}`, app: `http://127.0.0.1:${t.port}` });
    nginx = await startNginx(conf, { port });
  });
  afterAll(async () => {
    await nginx?.stop();
    await t?.close();
  });

  it('serves a published page from the folder, plain and precompressed gzip, with the embedded server headers', async () => {
    const plain = await get('/xwdt/202611/a1.html');
    expect(plain.status).toBe(200);
    expect(plain.text).toContain('安全生产检查');
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(plain.headers['content-disposition']).toBeUndefined();
    const gz = await get('/xwdt/202611/a1.html', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const home = await get('/');
    expect(home.text).toContain('南岭县人民政府');
    const revalidated = await get('/', { 'if-none-match': String(home.headers.etag) });
    expect(revalidated.status).toBe(304);
  });

  it("answers a missing page with the site's 404 page and status 404, and never shows the API", async () => {
    for (const target of ['/xwdt/202611/none.html', '/api/auth/me', '/index.html.gz']) {
      const r = await get(target);
      expect(r.status, target).toBe(404);
      expect(r.text, target).toContain('页面不存在');
    }
  });

  it('proxies the mode switch to the app, which redirects on the public host and sets the cookie; mode.css follows it', async () => {
    const r = await get('/_mode/elder?back=/xwdt/202611/a1.html');
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/xwdt/202611/a1.html');
    expect(String(r.headers['set-cookie'])).toMatch(/^gk_mode=elder;/);
    const hostile = await get('/_mode/elder?back=//evil.example/');
    expect(hostile.headers.location).toBe('/');
    const elder = await get('/assets/mode.css', { cookie: 'gk_mode=elder' });
    expect(elder.text).toBe('body{font-size:22px}');
    expect(elder.headers['cache-control']).toBe('private, no-cache');
    expect(elder.headers.vary).toContain('Cookie');
    const standard = await get('/assets/mode.css');
    expect(standard.status).toBe(200);
    expect(standard.body.length).toBe(0);
    expect(standard.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('proxies the search page to the app under /sites/<code>/search', async () => {
    const r = await get('/search?q=%E9%80%9A%E7%9F%A5');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('passes every page under the 政民互动 folder to the app, and a large form post is not cut off by nginx', async () => {
    // Only the app stamps x-request-id: nginx's own answers (files, its 404 page) do not.
    expect((await get('/xwdt/202611/a1.html')).headers['x-request-id']).toBeUndefined();
    for (const p of ['/hdjl/', '/hdjl/xj/00000000-0000-4000-8000-000000000000', '/hdjl/zjdc/']) {
      expect((await get(p)).headers['x-request-id'], p).toBeDefined();
    }
    const big = await rawRequest(nginx.port, '/hdjl/xx/', {
      host: HOST,
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'x'.repeat(3 * 1024 * 1024),
    });
    expect(big.status).not.toBe(413);
    expect(big.headers['x-request-id']).toBeDefined();
  });

  it('passes other hosts to the app: the preview and the API', async () => {
    const preview = await get(`/sites/${CODE}/`, {}, 'localhost');
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('南岭县人民政府');
    expect((await get('/api/auth/me', {}, 'localhost')).status).toBe(401);
  });

  it("logs each request in the platform's access-log format, which the traffic ingestion counts", async () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 nginx-log-test';
    expect((await get('/xwdt/202611/a1.html?from=wx', { 'user-agent': ua })).status).toBe(200);
    // A reopen (USR1) makes the workers write out their log buffers.
    process.kill(Number(fs.readFileSync(path.join(nginx.dir, 'nginx.pid'), 'utf8').trim()), 'SIGUSR1');
    const file = nginxAccessLogFile(t.dataDir);
    let line: string | undefined;
    for (const deadline = Date.now() + 10_000; !line && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50)))
      line = (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').split('\n').find((l) => l.endsWith(ua));
    expect(line).toBeDefined();
    expect(parseAccessLine(line as string)).toMatchObject({
      site: CODE,
      client: '127.0.0.1',
      method: 'GET',
      status: 200,
      path: '/xwdt/202611/a1.html',
      userAgent: ua,
    });
    // What nginx served or passed on mapped under /sites/<code> is not logged by the app again.
    expect(fs.existsSync(appAccessLogFile(t.dataDir)) ? fs.readFileSync(appAccessLogFile(t.dataDir), 'utf8') : '').toBe('');
    const summary = await ingestAccessLogs(t.deps, systemActor('test-traffic'));
    expect(summary.badLines).toBe(0);
    expect(summary.pageViews).toBe(1);
    const site = await t.deps.db.kysely.selectFrom('sites').select('id').where('code', '=', CODE).executeTakeFirstOrThrow();
    const year = Number(beijingDate(parseAccessLine(line as string)?.time ?? '').slice(0, 4));
    expect(await siteTraffic(t.deps, site.id, year)).toMatchObject({ pageViews: 1, uniqueVisitors: 1, days: 1 });
  });
});

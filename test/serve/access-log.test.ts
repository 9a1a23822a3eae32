/**
 * The embedded server's access log over real HTTP: one line per answer on a site's own domain
 * (static files and the application's pages), none for previews or for paths nginx passes on
 * already mapped; the client address as the app trusts it; written out when the server
 * closes; and counted by the ingestion.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#server/platform/actor.ts';
import { appAccessLogFile, ingestAccessLogs, parseAccessLine, siteTraffic, type AccessEntry } from '#server/traffic/index.ts';
import { publishFile, startPublicApp, type PublicTestApp } from './support.ts';

const CODE = '1100000001';
const HOST = 'www.a.gov.cn';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const page = (title: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${title}</body></html>`;

/** The log's entries once it holds at least `n` lines (the writer flushes every second). */
async function entriesOf(file: string, n: number): Promise<AccessEntry[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    if (lines.length >= n || Date.now() > deadline) return lines.map((l) => parseAccessLine(l) as AccessEntry);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the embedded server’s access log', () => {
  let t: PublicTestApp;
  let siteId: string;

  beforeAll(async () => {
    t = await startPublicApp();
    await t.addSite(CODE, [HOST]);
    siteId = (await t.deps.db.kysely.selectFrom('sites').select('id').where('code', '=', CODE).executeTakeFirstOrThrow()).id;
    const dir = t.siteDir(CODE);
    publishFile(dir, '/index.html', page('首页'));
    publishFile(dir, '/xwdt/202611/a1.html', page('通知'));
    publishFile(dir, '/404.html', page('页面不存在'));
    publishFile(dir, '/assets/site.css', 'body{}');
  });
  afterAll(async () => t?.close());

  it('writes one line per answer on the site’s domain, with the socket address, and the ingestion counts its page views', async () => {
    const file = appAccessLogFile(t.dataDir);
    const ua = { 'user-agent': CHROME, 'x-forwarded-for': '198.51.100.1' };
    const on = (target: string, headers: Record<string, string> = {}) => t.get(target, { host: HOST, headers: { ...ua, ...headers } });
    // Not logged: the preview on another host, and a path nginx has already mapped (and logged).
    // Asked first: the log keeps its order, so they would come before the lines awaited below.
    expect((await t.get(`/sites/${CODE}/`, { headers: ua })).status).toBe(200);
    expect((await on(`/sites/${CODE}/search?q=x`)).status).toBe(200);
    expect((await on('/xwdt/202611/a1.html?from=wx')).status).toBe(200);
    const home = await on('/');
    expect((await on('/', { 'if-none-match': String(home.headers.etag) })).status).toBe(304);
    expect((await on('/assets/site.css')).status).toBe(200);
    expect((await on('/xwdt/none.html')).status).toBe(404);
    expect((await on('/search?q=%E9%80%9A%E7%9F%A5')).status).toBe(200);

    const entries = await entriesOf(file, 6);
    expect(entries.map((e) => `${e.method} ${e.status} ${e.path}`).sort()).toEqual(
      [
        'GET 200 /xwdt/202611/a1.html',
        'GET 200 /',
        'GET 304 /',
        'GET 200 /assets/site.css',
        'GET 404 /xwdt/none.html',
        'GET 200 /search',
      ].sort(),
    );
    for (const e of entries) expect(e).toMatchObject({ site: CODE, client: '127.0.0.1', userAgent: CHROME });
    expect(entries[0]?.time).toBe('2026-11-27T01:00:00Z');

    const s = await ingestAccessLogs(t.deps, systemActor('test-traffic'));
    expect(s).toMatchObject({ lines: 6, pageViews: 4, notPages: 2, badLines: 0 });
    expect(await siteTraffic(t.deps, siteId, 2026)).toEqual({
      pageViews: 4,
      uniqueVisitors: 1,
      days: 1,
      firstDay: '2026-11-27',
      lastDay: '2026-11-27',
    });
  });
});

describe('behind a trusted proxy', () => {
  it('logs the leftmost X-Forwarded-For address, and writes out what it holds when the server closes', async () => {
    const t = await startPublicApp({ config: { GONGKAI_TRUST_PROXY: 'true' } });
    try {
      await t.addSite(CODE, [HOST]);
      publishFile(t.siteDir(CODE), '/index.html', page('首页'));
      const r = await t.get('/', { host: HOST, headers: { 'user-agent': CHROME, 'x-forwarded-for': '198.51.100.1, 10.0.0.2' } });
      expect(r.status).toBe(200);
      await t.app.close();
      const lines = fs.readFileSync(appAccessLogFile(t.dataDir), 'utf8').split('\n').filter(Boolean);
      expect(lines.map((l) => parseAccessLine(l)?.client)).toEqual(['198.51.100.1']);
    } finally {
      await t.close();
    }
  });
});

/**
 * The ingestion over real log files in the test data folder: counting, the offsets that make a
 * second run count nothing twice, partial last lines, rotation, truncation, garbage, crawlers,
 * unknown sites, and visitors stored only as keyed hashes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '#server/platform/actor.ts';
import { buildSite } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { accessLogDir } from './access-log.ts';
import { ingestAccessLogs, type IngestSummary } from './commands/ingest.ts';
import { siteTraffic } from './commands/site-traffic.ts';

const A = '1100000001';
const B = 'bm11000002';
const UNKNOWN = '1199999999';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const actor = systemActor('test-traffic');

let deps: TestDeps;
let dir: string;
let siteA: string;
let siteB: string;

/** A line as nginx writes it (Beijing time with its offset unless given in UTC). */
function line(o: { time?: string; site?: string; ip?: string; method?: string; status?: number; path?: string; ua?: string } = {}): string {
  return `${o.time ?? '2026-11-27T09:00:00+08:00'}\t${o.site ?? A}\t${o.ip ?? '198.51.100.7'}\t${o.method ?? 'GET'}\t${o.status ?? 200}\t${o.path ?? '/'}\t${o.ua ?? CHROME}\n`;
}

const file = (name: string) => path.join(dir, name);
const append = (name: string, text: string) => fs.appendFileSync(file(name), text);
const ingest = (opts: { chunkBytes?: number } = {}) => ingestAccessLogs(deps, actor, opts);
const year = (siteId: string, y = 2026) => siteTraffic(deps, siteId, y);

beforeEach(async () => {
  deps = await createTestDeps();
  dir = accessLogDir(deps.config.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  siteA = (await buildSite(deps, { code: A, status: 'active', domains: ['www.a.gov.cn'] })).id;
  siteB = (await buildSite(deps, { code: B, status: 'active', domains: ['www.b.gov.cn'] })).id;
});
afterEach(async () => {
  await deps.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`ingesting the access logs on ${dialectUnderTest}`, () => {
  it('counts page views per site and day and distinct visitors per year, from every log file of the folder', async () => {
    append(
      'nginx.log',
      line() +
        line({ path: '/xwdt/202611/a1.html' }) +
        line({ time: '2026-11-28T10:00:00+08:00', path: '/xwdt/', ua: FIREFOX }) +
        line({ site: B, ip: '203.0.113.9', status: 304 }),
    );
    append('app.log', line({ time: '2026-11-28T03:00:00.000Z', ip: '192.0.2.1', path: '/search' }));
    fs.writeFileSync(file('notes.txt'), 'not a log\n');
    const s = await ingest();
    expect(s).toMatchObject({ files: 2, lines: 5, pageViews: 5, badLines: 0 });
    expect(await year(siteA)).toEqual({ pageViews: 4, uniqueVisitors: 3, days: 2, firstDay: '2026-11-27', lastDay: '2026-11-28' });
    expect(await year(siteB)).toEqual({ pageViews: 1, uniqueVisitors: 1, days: 1, firstDay: '2026-11-27', lastDay: '2026-11-27' });
    expect(await year(siteA, 2025)).toEqual({ pageViews: 0, uniqueVisitors: 0, days: 0, firstDay: null, lastDay: null });
  });

  it('skips and counts garbage, unknown sites, crawlers and requests that are not page views, and never fails on them', async () => {
    append(
      'nginx.log',
      ['garbage', '', '\u0000\u0001binary', `127.0.0.1 - - [27/Nov/2026:09:00:00 +0800] "GET / HTTP/1.1" 200 612 "-" "${CHROME}"`].join(
        '\n',
      ) +
        '\n' +
        line({ site: UNKNOWN }) +
        line({ ua: 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' }) +
        line({ ua: 'GongkaiMonitor/1.0 (+government website supervision)' }) +
        line({ ua: '' }).replace(/\t\n$/, '\t-\n') +
        line({ method: 'HEAD' }) +
        line({ method: 'POST', path: '/hdjl/xx/' }) +
        line({ status: 404, path: '/none.html' }) +
        line({ status: 301, path: '/xwdt' }) +
        line({ path: '/assets/site.css' }) +
        line({ path: '/files/a.pdf' }) +
        line(),
    );
    const s = await ingest();
    expect(s).toMatchObject({ lines: 15, badLines: 4, unknownSites: 1, crawlers: 3, notPages: 6, pageViews: 1 });
    expect((await year(siteA)).pageViews).toBe(1);
  });

  it('counts nothing twice: a second run reads only what was appended since', async () => {
    append('nginx.log', line() + line({ ip: '198.51.100.8' }));
    expect((await ingest()).pageViews).toBe(2);
    expect(await ingest()).toMatchObject({ lines: 0, pageViews: 0 });
    append('nginx.log', line({ time: '2026-11-29T08:00:00+08:00' }));
    expect(await ingest()).toMatchObject({ lines: 1, pageViews: 1 });
    expect(await year(siteA)).toMatchObject({ pageViews: 3, uniqueVisitors: 2, days: 2 });
  });

  it('leaves a last line still being written for the next run', async () => {
    const full = line({ path: '/a.html' });
    append('app.log', line() + full.slice(0, 25));
    expect(await ingest()).toMatchObject({ lines: 1, pageViews: 1, badLines: 0 });
    append('app.log', full.slice(25));
    expect(await ingest()).toMatchObject({ lines: 1, pageViews: 1, badLines: 0 });
    expect((await year(siteA)).pageViews).toBe(2);
  });

  it('reads in chunks, each committed with its offset, and gets past a line longer than a chunk', async () => {
    const text = Array.from({ length: 40 }, (_, i) => line({ ip: `198.51.100.${i}` })).join('') + `${'x'.repeat(600)}\n` + line();
    append('nginx.log', text);
    const s = await ingest({ chunkBytes: 512 });
    expect(s.pageViews).toBe(41);
    expect(s.badLines).toBeGreaterThanOrEqual(1);
    expect(await year(siteA)).toMatchObject({ pageViews: 41, uniqueVisitors: 40 });
    const row = await deps.db.kysely.selectFrom('traffic_log_offsets').selectAll().executeTakeFirstOrThrow();
    expect(row.read_to).toBe(Buffer.byteLength(text));
  });

  it('finishes a rotated file from <file>.1 and then reads the new file from its start', async () => {
    append('nginx.log', line());
    await ingest();
    // Written after the last run, then logrotate renamed the file and nginx reopened a new one.
    append('nginx.log', line({ ip: '198.51.100.20' }) + line({ ip: '198.51.100.21' }));
    fs.renameSync(file('nginx.log'), file('nginx.log.1'));
    append('nginx.log', line({ ip: '198.51.100.30', time: '2026-11-28T09:00:00+08:00' }));
    const s = await ingest();
    expect(s).toMatchObject({ files: 1, lines: 3, pageViews: 3, restarted: 1 });
    expect(await year(siteA)).toMatchObject({ pageViews: 4, uniqueVisitors: 4 });
    expect(await ingest()).toMatchObject({ lines: 0 });
  });

  it('reads a file from its start when it was truncated, or truncated and grown past the old offset', async () => {
    append('app.log', line() + line({ ip: '198.51.100.2' }));
    await ingest();
    fs.truncateSync(file('app.log'), 0);
    append('app.log', line({ ip: '198.51.100.3', time: '2026-11-27T10:00:00+08:00' }));
    expect(await ingest()).toMatchObject({ lines: 1, pageViews: 1, restarted: 1 });
    // copytruncate again, and the new file is already longer than what was read of the old one.
    fs.truncateSync(file('app.log'), 0);
    append(
      'app.log',
      Array.from({ length: 5 }, (_, i) => line({ ip: `198.51.100.${40 + i}`, time: '2026-11-27T11:00:00+08:00' })).join(''),
    );
    expect(await ingest()).toMatchObject({ lines: 5, pageViews: 5, restarted: 1 });
    expect((await year(siteA)).pageViews).toBe(8);
  });

  it('counts each line once when two runs go at the same time, on a new file and on one read before', async () => {
    append('nginx.log', Array.from({ length: 30 }, (_, i) => line({ ip: `198.51.100.${i}` })).join(''));
    const both = () => Promise.all([ingest({ chunkBytes: 700 }), ingest({ chunkBytes: 700 })]);
    const total = (runs: IngestSummary[]) => runs.reduce((n, r) => n + r.pageViews, 0);
    expect(total(await both())).toBe(30);
    append('nginx.log', Array.from({ length: 30 }, (_, i) => line({ ip: `198.51.100.${i + 100}` })).join(''));
    expect(total(await both())).toBe(30);
    expect(await year(siteA)).toMatchObject({ pageViews: 60, uniqueVisitors: 60 });
  });

  it('files a visit under its Beijing day and year', async () => {
    append('app.log', line({ time: '2026-12-31T16:30:00.000Z' }) + line({ time: '2026-12-31T15:59:59.000Z' }));
    await ingest();
    expect(await year(siteA, 2027)).toMatchObject({ pageViews: 1, uniqueVisitors: 1, firstDay: '2027-01-01' });
    expect(await year(siteA, 2026)).toMatchObject({ pageViews: 1, uniqueVisitors: 1, lastDay: '2026-12-31' });
  });

  it('stores visitors only as keyed hashes: no client address anywhere in the database', async () => {
    const ips = ['198.51.100.77', '2001:db8::4242', '203.0.113.200'];
    append('nginx.log', ips.map((ip) => line({ ip })).join('') + line({ ip: ips[0], ua: FIREFOX }));
    await ingest();
    const visitors = await deps.db.kysely.selectFrom('site_traffic_visitors').selectAll().execute();
    expect(visitors).toHaveLength(4);
    for (const v of visitors) expect(v.visitor).toMatch(/^[0-9a-f]{32}$/);
    const dump = JSON.stringify([
      visitors,
      await deps.db.kysely.selectFrom('site_traffic_daily').selectAll().execute(),
      await deps.db.kysely.selectFrom('traffic_log_offsets').selectAll().execute(),
    ]);
    for (const ip of ips) expect(dump).not.toContain(ip);
    expect(dump).not.toContain('Firefox');
  });

  it('does nothing when there is no log folder yet', async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    expect(await ingest()).toMatchObject({ files: 0, lines: 0 });
  });
});

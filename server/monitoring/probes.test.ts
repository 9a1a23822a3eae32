import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '#server/platform/actor.ts';
import { drainJobs, fireDueSchedules, JobRegistry, SCHEDULES, SCHEDULE_TIMEZONE } from '#server/platform/jobs/index.ts';
import { asActor, buildOrg, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { listFindings, siteHealth } from './commands/findings.ts';
import { listMyNotices } from './commands/notices.ts';
import { probeHomepage, probeSites } from './commands/probes.ts';
import { saveMonitoringSettings } from './commands/settings.ts';
import { monitoringJobs } from './monitoring.jobs.ts';

let server: http.Server;
let base: string;
/** Whether /toggle answers. */
let up = true;

beforeAll(async () => {
  // A real server that answers, fails, redirects, hangs and stalls mid-page.
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/ok') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>首页</title>');
    if (url === '/moved') return res.writeHead(301, { location: '/ok' }).end();
    if (url === '/fail') return res.writeHead(500).end('error');
    if (url === '/hang') return; // never answers
    if (url === '/stall') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.write('<html><body>'); // the rest never comes
    }
    if (url === '/loop-a') return res.writeHead(302, { location: '/loop-b' }).end();
    if (url === '/loop-b') return res.writeHead(302, { location: '/loop-a' }).end();
    const hop = /^\/hop\/(\d+)$/.exec(url);
    if (hop) return res.writeHead(302, { location: `/hop/${Number(hop[1]) + 1}` }).end();
    if (url === '/toggle') return up ? res.writeHead(200).end('ok') : res.writeHead(503).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('probing a homepage', () => {
  it('opens working and redirected pages, and tells failing, hanging, stalling and looping ones apart', async () => {
    expect(await probeHomepage(`${base}/ok`, 2_000)).toMatchObject({ ok: true, status: 200, error: null });
    expect(await probeHomepage(`${base}/moved`, 2_000)).toMatchObject({ ok: true, status: 200 });
    expect(await probeHomepage(`${base}/hop/1`, 2_000)).toMatchObject({ ok: false, error: '重定向次数过多' });
    expect(await probeHomepage(`${base}/fail`, 2_000)).toMatchObject({ ok: false, status: 500, error: '服务器返回 500' });
    expect(await probeHomepage(`${base}/loop-a`, 2_000)).toMatchObject({ ok: false, error: '重定向循环' });
    const hang = await probeHomepage(`${base}/hang`, 200);
    expect(hang).toMatchObject({ ok: false, status: null, error: '超过 0.2 秒未能打开' });
    expect(hang.ms).toBeGreaterThanOrEqual(150);
    expect(await probeHomepage(`${base}/stall`, 200)).toMatchObject({ ok: false, error: '超过 0.2 秒未能打开' });
    expect(await probeHomepage('http://127.0.0.1:1/', 2_000)).toMatchObject({ ok: false, error: '无法连接' });
    expect(await probeHomepage('ftp://example.test/', 2_000)).toMatchObject({ ok: false, error: '地址不是 http 或 https' });
  });

  it('follows up to five redirects', async () => {
    // r0 → r1 → … → r5 is five redirects: the page at their end opens (the endless /hop/ chain did not).
    const five = http.createServer((req, res) => {
      const n = Number(/\d+/.exec(req.url ?? '')?.[0] ?? 0);
      if (n < 5) return res.writeHead(302, { location: `/r${n + 1}` }).end();
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => five.listen(0, '127.0.0.1', r));
    const at = `http://127.0.0.1:${(five.address() as AddressInfo).port}`;
    try {
      expect(await probeHomepage(`${at}/r0`, 2_000)).toMatchObject({ ok: true, status: 200 });
    } finally {
      five.closeAllConnections();
      await new Promise((r) => five.close(r));
    }
  });
});

describe(`probing every site on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  let supervisor: Actor;
  const external = async (path: string, over: Record<string, unknown> = {}) =>
    (await buildSite(deps, { hosting: 'external', baseUrl: `${base}${path}`, ...over })).id;
  const probeRows = (siteId: string) =>
    deps.db.kysely.selectFrom('monitoring_probes').select(['ok', 'http_status', 'error', 'url']).where('site_id', '=', siteId).execute();

  beforeEach(async () => {
    up = true;
    deps = await createTestDeps();
    supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    await saveMonitoringSettings(deps, supervisor, { probeTimeoutMs: 300, alertPercent: 1, vetoPercent: 5, minProbes: 20 });
  });
  afterEach(async () => {
    await deps.db.close();
  });

  it('probes every site that is not closed, stores each probe and warns the failing ones', async () => {
    const ok = await external('/ok');
    const failing = await external('/fail');
    const hanging = await external('/hang');
    const closed = await external('/ok', { status: 'closed' });
    await buildSite(deps); // hosted, planned, no domain yet: nothing to probe
    const summary = await probeSites(deps, factoryActor);
    expect(summary).toEqual({ sites: 4, probed: 3, failed: 2, skipped: 1, unreachable: 2, pruned: 0 });
    expect(await probeRows(ok)).toEqual([{ ok: 1, http_status: 200, error: null, url: `${base}/ok` }]);
    expect(await probeRows(failing)).toEqual([{ ok: 0, http_status: 500, error: '服务器返回 500', url: `${base}/fail` }]);
    expect(await probeRows(hanging)).toMatchObject([{ ok: 0, http_status: null, error: '超过 0.3 秒未能打开' }]);
    expect(await probeRows(closed)).toEqual([]);
    const found = await listFindings(deps, supervisor, { kind: 'site_unreachable' });
    expect(found.items.map((f) => [f.siteId, f.severity, f.source]).sort()).toEqual(
      [
        [failing, 'deduction', 'probe'],
        [hanging, 'deduction', 'probe'],
      ].sort(),
    );
    // One failed probe of one: past the veto ratio, but too few probes to claim the veto.
    expect(found.items[0]?.detail).toContain('探测次数未满 20 次');
  });

  it('moves a site from alert to veto as failures build up over the week, tells its org, and resolves once they leave the window', async () => {
    const org = await buildOrg(deps, { level: 'department' });
    const siteId = await external('/toggle', { sponsorOrgId: org.id });
    const member = asActor(await buildUser(deps, { orgId: org.id, grants: [{ role: 'siteAdmin', siteId }] }));
    // 100 good probes over the past six days.
    const now = deps.clock.now().getTime();
    await deps.db.kysely
      .insertInto('monitoring_probes')
      .values(
        Array.from({ length: 100 }, (_, i) => ({
          id: randomUUID(),
          site_id: siteId,
          url: `${base}/toggle`,
          at: new Date(now - (i + 1) * 86_400_000 * 0.06).toISOString(),
          ok: 1,
          http_status: 200,
          ms: 20,
          error: null,
        })),
      )
      .execute();
    up = false;
    const severities: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      deps.clock.advance(30 * 60_000);
      await probeSites(deps, factoryActor, { siteIds: [siteId] });
      const open = await listFindings(deps, member, { siteId, state: 'open' });
      severities.push(open.items[0]?.severity ?? null);
    }
    // 1/101 is under 1 %; 2/102 alerts; 6/106 reaches 5 %.
    expect(severities).toEqual([null, 'deduction', 'deduction', 'deduction', 'deduction', 'veto']);
    expect((await listMyNotices(deps, member, {})).items.map((n) => [n.kind, n.severity])).toEqual([['site_unreachable', 'veto']]);
    const health = await siteHealth(deps, member, siteId);
    expect(health.availability).toMatchObject({ probes: 106, failures: 6, level: 'veto', insufficient: false });
    expect(health.recentFailures).toHaveLength(6);

    up = true;
    deps.clock.advance(8 * 86_400_000);
    await probeSites(deps, factoryActor, { siteIds: [siteId] });
    const after = await listFindings(deps, member, { siteId });
    expect(after.items.map((f) => [f.state, f.severity])).toEqual([['resolved', 'veto']]);
  });

  it('deletes the probes older than the retention setting, and only those', async () => {
    const siteId = await external('/ok');
    await saveMonitoringSettings(deps, supervisor, {
      probeTimeoutMs: 300,
      alertPercent: 1,
      vetoPercent: 5,
      minProbes: 20,
      probeRetentionDays: 100,
    });
    const now = deps.clock.now().getTime();
    const ages = [99.9, 100.1, 365];
    await deps.db.kysely
      .insertInto('monitoring_probes')
      .values(
        ages.map((days) => ({
          id: randomUUID(),
          site_id: siteId,
          url: `${base}/ok`,
          at: new Date(now - days * 86_400_000).toISOString(),
          ok: 1,
          http_status: 200,
          ms: 20,
          error: null,
        })),
      )
      .execute();
    const summary = await probeSites(deps, factoryActor, { siteIds: [siteId] });
    expect(summary).toMatchObject({ probed: 1, pruned: 2 });
    const left = await deps.db.kysely.selectFrom('monitoring_probes').select('at').where('site_id', '=', siteId).orderBy('at').execute();
    expect(left.map((r) => Math.round((now - Date.parse(r.at)) / 8_640_000) / 10)).toEqual([99.9, 0]);
  });

  it('is scheduled at least 20 times a day at spaced times, and the job probes when its slot fires', async () => {
    const schedule = SCHEDULES.find((s) => s.job === 'monitoring.probeSites');
    expect(schedule).toBeDefined();
    const dayStart = new Date('2026-11-26T16:00:00.000Z'); // 00:00 Beijing
    const slots = new Cron(schedule!.cron, { timezone: SCHEDULE_TIMEZONE, paused: true })
      .nextRuns(200, new Date(dayStart.getTime() - 1))
      .filter((d) => d.getTime() < dayStart.getTime() + 86_400_000);
    expect(slots.length).toBeGreaterThanOrEqual(20);
    const gaps = slots.slice(1).map((d, i) => d.getTime() - slots[i]!.getTime());
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(20 * 60_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60 * 60_000);

    const siteId = await external('/ok');
    deps.clock.set('2026-11-27T01:07:00.000Z'); // 09:07 Beijing
    const fired = await fireDueSchedules(deps, [schedule!]);
    expect(fired.map((f) => f.name)).toEqual(['monitoring.probe-sites']);
    expect(await drainJobs(deps, new JobRegistry(monitoringJobs))).toBe(1);
    expect(await probeRows(siteId)).toMatchObject([{ ok: 1, http_status: 200 }]);
    expect((await listFindings(deps, supervisor, { source: 'probe' })).total).toBe(0);
  });

  it('is for the system only', async () => {
    await expect(probeSites(deps, supervisor)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
  });
});

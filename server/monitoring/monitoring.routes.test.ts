import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingDetail, FindingList, NoticeList, RunList, SiteHealth } from '#common/schemas/monitoring.ts';
import { buildOrg, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';
import { dialectUnderTest } from '#test/support.ts';
import { recordRun } from './commands/record-run.ts';

let t: TestApp;
let siteA: string;
let siteB: string;
let supervisor: Session;
let staffA: Session;
let staffB: Session;

beforeAll(async () => {
  t = await createTestApp();
  const orgA = await buildOrg(t.deps, { level: 'department' });
  const orgB = await buildOrg(t.deps, { level: 'department' });
  siteA = (await buildSite(t.deps, { sponsorOrgId: orgA.id })).id;
  siteB = (await buildSite(t.deps, { sponsorOrgId: orgB.id })).id;
  const s = await buildUser(t.deps, { grants: [{ role: 'supervisor' }] });
  const a = await buildUser(t.deps, { orgId: orgA.id, grants: [{ role: 'siteAdmin', siteId: siteA }] });
  const b = await buildUser(t.deps, { orgId: orgB.id, grants: [{ role: 'editor', siteId: siteB }] });
  supervisor = await loginAs(t.app, s.username);
  staffA = await loginAs(t.app, a.username);
  staffB = await loginAs(t.app, b.username);
  for (const [siteId, url] of [
    [siteA, 'http://a.example.test/'],
    [siteB, 'http://b.example.test/'],
  ] as const)
    await recordRun(t.deps, factoryActor, {
      siteId,
      source: 'probe',
      asOf: '2026-11-27',
      startedAt: t.deps.clock.now().toISOString(),
      findings: [{ kind: 'site_unreachable', severity: 'veto', url, detail: '首页无法访问', rule: 'veto.site_unreachable' }],
    });
});

afterAll(async () => {
  await t.close();
});

describe(`the monitoring API on ${dialectUnderTest}`, () => {
  it('answers nothing without a session', async () => {
    for (const url of [
      '/api/monitoring/findings',
      '/api/monitoring/findings/x',
      `/api/monitoring/sites/${siteA}/health`,
      `/api/monitoring/sites/${siteA}/runs`,
      '/api/monitoring/notices',
      '/api/monitoring/settings',
    ])
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/monitoring/notices/x/read' })).statusCode).toBe(401);
  });

  it('lists findings in the reader’s scope, one finding with its history, a site’s health and runs', async () => {
    const all = await supervisor.request({
      method: 'GET',
      url: '/api/monitoring/findings?kind=site_unreachable&state=open&page=1&pageSize=50',
    });
    expect(all.statusCode).toBe(200);
    expect(all.json<FindingList>().total).toBe(2);
    const mine = (await staffA.request({ method: 'GET', url: '/api/monitoring/findings' })).json<FindingList>();
    expect(mine.items.map((i) => i.siteId)).toEqual([siteA]);
    const one = await staffA.request({ method: 'GET', url: `/api/monitoring/findings/${mine.items[0]!.id}` });
    expect(one.json<FindingDetail>()).toMatchObject({
      kind: 'site_unreachable',
      history: [{ event: 'opened' }],
      lastRun: { source: 'probe' },
    });
    const health = await staffA.request({ method: 'GET', url: `/api/monitoring/sites/${siteA}/health` });
    expect(health.json<SiteHealth>()).toMatchObject({
      siteId: siteA,
      openFindings: { total: 1 },
      availability: { probes: 0, level: 'ok' },
    });
    const runs = await staffA.request({ method: 'GET', url: `/api/monitoring/sites/${siteA}/runs?source=probe` });
    expect(runs.json<RunList>().items).toHaveLength(1);
  });

  it('refuses other sites with 403 and unknown ones with 404, with stable codes', async () => {
    const theirs = (await staffB.request({ method: 'GET', url: '/api/monitoring/findings' })).json<FindingList>().items[0]!.id;
    for (const url of [
      `/api/monitoring/findings/${theirs}`,
      `/api/monitoring/sites/${siteB}/health`,
      `/api/monitoring/sites/${siteB}/runs`,
      `/api/monitoring/findings?siteId=${siteB}`,
      '/api/monitoring/settings',
    ]) {
      const res = await staffA.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json<{ code: string }>().code).toBe('GK_ERR_FORBIDDEN');
    }
    for (const url of [
      '/api/monitoring/findings/no-such-finding',
      "/api/monitoring/findings/1'%20OR%20'1'='1",
      '/api/monitoring/sites/nope/health',
      '/api/monitoring/sites/nope/runs',
      '/api/monitoring/findings?siteId=nope',
    ]) {
      const res = await supervisor.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json<{ code: string }>().code).toBe('GK_ERR_NOT_FOUND');
    }
  });

  it('turns bad ids and filters away with 400 and field messages', async () => {
    for (const url of [
      `/api/monitoring/findings/${'x'.repeat(41)}`,
      `/api/monitoring/sites/${'x'.repeat(41)}/health`,
      '/api/monitoring/findings?kind=ugly',
      '/api/monitoring/findings?severity=fatal',
      '/api/monitoring/findings?state=deleted',
      '/api/monitoring/findings?source=rumour',
      '/api/monitoring/findings?page=0',
      '/api/monitoring/findings?page=abc',
      '/api/monitoring/findings?pageSize=100000',
      `/api/monitoring/findings?q=${'长'.repeat(101)}`,
      '/api/monitoring/findings?siteId=',
      '/api/monitoring/findings?admin=true',
      '/api/monitoring/findings?kind=broken_link&kind=site_unreachable',
      `/api/monitoring/sites/${siteA}/runs?source=gossip`,
      '/api/monitoring/notices?state=deleted',
    ]) {
      const res = await supervisor.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ code: string }>().code, url).toBe('GK_ERR_VALIDATION');
    }
    const ok = await supervisor.request({ method: 'GET', url: `/api/monitoring/findings?q=${encodeURIComponent("%' OR 1=1 --")}` });
    expect(ok.json<FindingList>().total).toBe(0);
  });

  it('shows the owner org its veto notices and marks them read', async () => {
    const list = (await staffA.request({ method: 'GET', url: '/api/monitoring/notices' })).json<NoticeList>();
    expect(list).toMatchObject({ total: 1, unread: 1 });
    const id = list.items[0]!.id;
    const other = await staffB.request({ method: 'POST', url: `/api/monitoring/notices/${id}/read` });
    expect([other.statusCode, other.json<{ code: string }>().code]).toEqual([403, 'GK_ERR_FORBIDDEN']);
    const missing = await staffA.request({ method: 'POST', url: '/api/monitoring/notices/nope/read' });
    expect([missing.statusCode, missing.json<{ code: string }>().code]).toEqual([404, 'GK_ERR_NOT_FOUND']);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/monitoring/notices/${id}/read`,
      cookies: { gk_session: staffA.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const read = await staffA.request({ method: 'POST', url: `/api/monitoring/notices/${id}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json<{ readAt: string | null }>().readAt).not.toBeNull();
    expect((await staffA.request({ method: 'GET', url: '/api/monitoring/notices?state=all' })).json<NoticeList>()).toMatchObject({
      total: 1,
      unread: 0,
    });
  });

  it('lets supervisors set the availability policy, and turns hostile bodies away', async () => {
    const body = { probeTimeoutMs: 12_000, alertPercent: 1.5, vetoPercent: 5, minProbes: 150, probeRetentionDays: 366 };
    for (const bad of [
      null,
      [],
      'x',
      { ...body, extra: 1 },
      { ...body, alertPercent: 'high' },
      { ...body, vetoPercent: 1 },
      { ...body, probeRetentionDays: -1 },
      { ...body, probeRetentionDays: '400' },
    ]) {
      const res = await supervisor.request({
        method: 'PUT',
        url: '/api/monitoring/settings',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(bad),
      });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await staffA.request({ method: 'PUT', url: '/api/monitoring/settings', payload: body })).statusCode).toBe(403);
    expect((await supervisor.request({ method: 'PUT', url: '/api/monitoring/settings', payload: body })).json()).toEqual(body);
    expect((await supervisor.request({ method: 'GET', url: '/api/monitoring/settings' })).json()).toEqual(body);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteTrafficView } from '#common/schemas/traffic.ts';
import { systemActor } from '#server/platform/actor.ts';
import { buildOrg, buildSite, buildUser } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';
import { dialectUnderTest } from '#test/support.ts';
import { appAccessLogFile } from './access-log.ts';
import { ingestAccessLogs } from './commands/ingest.ts';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

let t: TestApp;
let siteA: string;
let siteB: string;
let supervisor: Session;
let adminA: Session;

beforeAll(async () => {
  t = await createTestApp();
  const orgA = await buildOrg(t.deps, { level: 'department' });
  siteA = (await buildSite(t.deps, { sponsorOrgId: orgA.id, code: '1100000001', status: 'active' })).id;
  siteB = (await buildSite(t.deps, { code: '1100000002', status: 'active' })).id;
  const s = await buildUser(t.deps, { grants: [{ role: 'supervisor' }] });
  const a = await buildUser(t.deps, { orgId: orgA.id, grants: [{ role: 'siteAdmin', siteId: siteA }] });
  supervisor = await loginAs(t.app, s.username);
  adminA = await loginAs(t.app, a.username);
  const file = appAccessLogFile(t.deps.config.dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const line = (day: string, site: string, ip: string) => `${day}T10:00:00+08:00\t${site}\t${ip}\tGET\t200\t/\t${CHROME}\n`;
  fs.writeFileSync(
    file,
    line('2026-03-01', '1100000001', '198.51.100.1') +
      line('2026-03-01', '1100000001', '198.51.100.2') +
      line('2026-11-27', '1100000001', '198.51.100.1') +
      line('2025-12-31', '1100000001', '198.51.100.1') +
      line('2026-05-05', '1100000002', '198.51.100.3'),
  );
  await ingestAccessLogs(t.deps, systemActor('test-traffic'));
});
afterAll(async () => t.close());

describe(`the traffic API on ${dialectUnderTest}`, () => {
  const url = (siteId: string, year: number | string) => `/api/traffic/sites/${siteId}/${year}`;

  it('answers nothing without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: url(siteA, 2026) })).statusCode).toBe(401);
  });

  it("gives a site's reader the year's page views, unique visitors and the daily series", async () => {
    const r = await adminA.request({ method: 'GET', url: url(siteA, 2026) });
    expect(r.statusCode).toBe(200);
    expect(r.json<SiteTrafficView>()).toEqual({
      siteId: siteA,
      year: 2026,
      pageViews: 3,
      uniqueVisitors: 2,
      days: 2,
      firstDay: '2026-03-01',
      lastDay: '2026-11-27',
      daily: [
        { day: '2026-03-01', pageViews: 2 },
        { day: '2026-11-27', pageViews: 1 },
      ],
    });
    expect((await adminA.request({ method: 'GET', url: url(siteA, 2025) })).json<SiteTrafficView>()).toMatchObject({
      pageViews: 1,
      uniqueVisitors: 1,
    });
  });

  it('lets a supervisor read every site, and refuses other sites, unknown sites and bad years', async () => {
    expect((await supervisor.request({ method: 'GET', url: url(siteB, 2026) })).json<SiteTrafficView>()).toMatchObject({ pageViews: 1 });
    expect((await adminA.request({ method: 'GET', url: url(siteB, 2026) })).statusCode).toBe(403);
    expect((await supervisor.request({ method: 'GET', url: url('00000000-0000-4000-8000-000000000000', 2026) })).statusCode).toBe(404);
    expect((await supervisor.request({ method: 'GET', url: url(siteA, 'abc') })).statusCode).toBe(400);
    expect((await supervisor.request({ method: 'GET', url: url(siteA, 1999) })).statusCode).toBe(400);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '#common/schemas/monitoring.ts';
import type { Actor } from '#server/platform/actor.ts';
import { asActor, buildColumn, buildOrg, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { getFinding, listFindings, listRuns, siteHealth } from './commands/findings.ts';
import { listMyNotices, markNoticeRead } from './commands/notices.ts';
import { recordRun } from './commands/record-run.ts';
import { getMonitoringSettings, saveMonitoringSettings } from './commands/settings.ts';

const f = (over: Partial<Finding> & Pick<Finding, 'kind' | 'url'>): Finding => ({
  severity: 'deduction',
  detail: '问题',
  rule: `deduction.${over.kind}`,
  ...over,
});

describe(`reading the findings store on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  let siteA: string;
  let siteB: string;
  let orgA: string;
  let supervisor: Actor;
  let staffA: Actor;
  let outsider: Actor;
  let memberB: Actor;
  const record = (siteId: string, source: 'crawl' | 'probe' | 'database', findings: Finding[]) =>
    recordRun(deps, factoryActor, { siteId, source, asOf: '2026-11-27', startedAt: deps.clock.now().toISOString(), pages: 10, findings });

  beforeAll(async () => {
    deps = await createTestDeps();
    const a = await buildOrg(deps, { level: 'department' });
    const b = await buildOrg(deps, { level: 'department' });
    orgA = a.id;
    siteA = (await buildSite(deps, { sponsorOrgId: a.id })).id;
    siteB = (await buildSite(deps, { sponsorOrgId: b.id, hosting: 'external', baseUrl: 'https://b.example.test/' })).id;
    await buildColumn(deps, siteA, { name: '通知公告', freshnessClass: 'notice' });
    supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    staffA = asActor(await buildUser(deps, { orgId: a.id, grants: [{ role: 'editor', siteId: siteA }] }));
    outsider = asActor(await buildUser(deps, { orgId: a.id, grants: [] }));
    memberB = asActor(await buildUser(deps, { orgId: b.id, grants: [{ role: 'siteAdmin', siteId: siteB }] }));

    await record(siteA, 'crawl', [
      ...Array.from({ length: 25 }, (_, i) =>
        f({ kind: 'broken_link', url: `http://a.example.test/Files/${i}.PDF`, detail: `附件 ${i} 无法下载` }),
      ),
      f({
        kind: 'column_stale',
        severity: 'veto',
        url: 'http://a.example.test/gzdt/',
        column: '工作动态',
        days: 20,
        lastUpdated: '2026-11-07',
        params: { windowDays: 14 },
      }),
      f({ kind: 'column_stale', url: 'http://a.example.test/tzgg/', column: '通知公告', days: 150, lastUpdated: '2026-06-30' }),
      f({ kind: 'column_empty', url: 'http://a.example.test/rsxx/', column: '人事信息' }),
      f({ kind: 'identity_missing', severity: 'info', url: 'http://a.example.test/', element: 'icp', detail: '缺少 ICP 备案编号' }),
    ]);
    deps.clock.advance(3_600_000);
    await record(siteA, 'probe', [
      f({ kind: 'site_unreachable', severity: 'veto', url: 'http://a.example.test/', detail: '首页无法访问' }),
    ]);
    await record(siteB, 'crawl', [f({ kind: 'broken_link', url: 'https://b.example.test/x.html' })]);
    deps.clock.advance(3_600_000);
    // The next crawl of A no longer sees the identity problem.
    await record(siteA, 'crawl', [
      ...Array.from({ length: 25 }, (_, i) =>
        f({ kind: 'broken_link', url: `http://a.example.test/Files/${i}.PDF`, detail: `附件 ${i} 无法下载` }),
      ),
      f({
        kind: 'column_stale',
        severity: 'veto',
        url: 'http://a.example.test/gzdt/',
        column: '工作动态',
        days: 20,
        lastUpdated: '2026-11-07',
        params: { windowDays: 14 },
      }),
      f({ kind: 'column_stale', url: 'http://a.example.test/tzgg/', column: '通知公告', days: 150, lastUpdated: '2026-06-30' }),
      f({ kind: 'column_empty', url: 'http://a.example.test/rsxx/', column: '人事信息' }),
    ]);
  });
  afterAll(async () => {
    await deps.db.close();
  });

  it('shows supervisors every site, and a site’s own people their site only', async () => {
    expect((await listFindings(deps, supervisor, { pageSize: 200 })).total).toBe(31);
    const mine = await listFindings(deps, staffA, { pageSize: 200 });
    expect(mine.total).toBe(30);
    expect(new Set(mine.items.map((i) => i.siteId))).toEqual(new Set([siteA]));
    expect((await listFindings(deps, memberB, {})).items.map((i) => i.siteName)).toHaveLength(1);
    await expect(listFindings(deps, staffA, { siteId: siteB })).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN', status: 403 });
    await expect(listFindings(deps, staffA, { siteId: 'no-such-site' })).rejects.toMatchObject({ code: 'GK_ERR_NOT_FOUND', status: 404 });
    expect((await listFindings(deps, outsider, {})).total).toBe(0);
  });

  it('filters by site, kind, severity, state, source and text, most severe first, in pages', async () => {
    const all = await listFindings(deps, supervisor, { siteId: siteA, pageSize: 3 });
    expect(all.items.map((i) => i.severity)).toEqual(['veto', 'veto', 'deduction']);
    expect(all.items[0]).toMatchObject({ kind: 'column_stale' }); // seen last, among the vetoes
    expect((await listFindings(deps, supervisor, { kind: 'broken_link', siteId: siteA, page: '2', pageSize: '10' })).items).toHaveLength(
      10,
    );
    expect((await listFindings(deps, supervisor, { kind: 'broken_link', siteId: siteA, page: 3, pageSize: 10 })).items).toHaveLength(5);
    expect((await listFindings(deps, supervisor, { severity: 'veto' })).total).toBe(2);
    expect((await listFindings(deps, supervisor, { state: 'resolved' })).items.map((i) => i.element)).toEqual(['icp']);
    expect((await listFindings(deps, supervisor, { source: 'probe' })).items.map((i) => i.kind)).toEqual(['site_unreachable']);
    expect((await listFindings(deps, supervisor, { q: 'files/1' })).total).toBe(11); // 1, 10–19; URL case ignored
    expect((await listFindings(deps, supervisor, { q: '附件 7 ' })).total).toBe(1);
    expect((await listFindings(deps, supervisor, { q: '%' })).total).toBe(31); // wildcards are text, and dropped
    for (const bad of [
      { kind: 'nope' },
      { severity: 'fatal' },
      { state: 'closed' },
      { page: 0 },
      { pageSize: 500 },
      { q: 'x'.repeat(101) },
      { other: 1 },
    ])
      await expect(listFindings(deps, supervisor, bad), JSON.stringify(bad)).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
  });

  it('shows one finding with its evidence and history to those who may see its site', async () => {
    const [resolved] = (await listFindings(deps, supervisor, { state: 'resolved' })).items;
    const d = await getFinding(deps, staffA, resolved!.id);
    expect(d).toMatchObject({ element: 'icp', detail: '缺少 ICP 备案编号', state: 'resolved', resolvedAt: '2026-11-27T03:00:00.000Z' });
    expect(d.history.map((h) => h.event)).toEqual(['opened', 'resolved']);
    expect(d.lastRun).toMatchObject({ source: 'crawl', pages: 10, startedAt: '2026-11-27T01:00:00.000Z' });
    await expect(getFinding(deps, memberB, resolved!.id)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(getFinding(deps, staffA, 'no-such-finding')).rejects.toMatchObject({ code: 'GK_ERR_NOT_FOUND' });
  });

  it('lists a site’s runs newest first, by source', async () => {
    const runs = await listRuns(deps, staffA, siteA, {});
    expect(runs.items.map((r) => [r.source, r.found, r.opened, r.resolved])).toEqual([
      ['crawl', 28, 0, 1],
      ['probe', 1, 1, 0],
      ['crawl', 29, 29, 0],
    ]);
    expect((await listRuns(deps, staffA, siteA, { source: 'probe' })).total).toBe(1);
    await expect(listRuns(deps, memberB, siteA, {})).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(listRuns(deps, supervisor, siteA, { source: 'gossip' })).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
  });

  it('sums up a site’s health: probes per day, the week’s ratio, open findings and freshness countdowns', async () => {
    const now = deps.clock.now().getTime();
    const probe = (hoursAgo: number, ok: boolean) => ({
      id: randomUUID(),
      site_id: siteA,
      url: 'http://a.example.test/',
      at: new Date(now - hoursAgo * 3_600_000).toISOString(),
      ok: ok ? 1 : 0,
      http_status: ok ? 200 : null,
      ms: ok ? 100 : 15_000,
      error: ok ? null : '超过 15 秒未能打开',
    });
    await deps.db.kysely
      .insertInto('monitoring_probes')
      .values([probe(1, true), probe(2, false), probe(25, true), probe(24 * 10, false), probe(24 * 40, false)])
      .execute();
    const h = await siteHealth(deps, staffA, siteA);
    expect(h.asOf).toBe('2026-11-27');
    expect(h.availability).toMatchObject({ windowDays: 7, probes: 3, failures: 1, level: 'alert', insufficient: true });
    expect(h.daily).toHaveLength(30);
    expect(h.daily.at(-1)).toEqual({ date: '2026-11-27', probes: 2, failures: 1, avgMs: 100 });
    expect(h.daily.reduce((n, d) => n + d.probes, 0)).toBe(4); // the probe 40 days ago is outside
    expect(h.recentFailures.map((p) => p.error)).toEqual(['超过 15 秒未能打开', '超过 15 秒未能打开', '超过 15 秒未能打开']);
    expect(h.openFindings.total).toBe(29);
    expect(h.openFindings.byKind.map((k) => [k.kind, k.veto, k.deduction])).toEqual([
      ['site_unreachable', 1, 0],
      ['column_stale', 1, 1],
      ['column_empty', 0, 1],
      ['broken_link', 0, 25],
    ]);
    expect(h.freshness.map((x) => [x.column, x.days, x.window, x.daysLeft])).toEqual([
      ['工作动态', 20, 14, -6], // the rule's window
      ['通知公告', 150, 183, 33], // the hosted column's class (notice: 183 days)
      ['人事信息', null, null, null], // no such column, no window given
    ]);
    await expect(siteHealth(deps, memberB, siteA)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(siteHealth(deps, supervisor, 'nope')).rejects.toMatchObject({ code: 'GK_ERR_NOT_FOUND' });
  });

  it('gives the owner org its veto notices, marked read once, audited, and nobody else', async () => {
    const mine = await listMyNotices(deps, staffA, {});
    expect(mine.items.map((n) => [n.kind, n.siteId])).toEqual([
      ['site_unreachable', siteA],
      ['column_stale', siteA],
    ]);
    expect(mine.unread).toBe(2);
    // Notices go to the org, whatever the member's roles.
    expect((await listMyNotices(deps, outsider, {})).total).toBe(2);
    expect((await listMyNotices(deps, memberB, {})).total).toBe(0);
    expect((await listMyNotices(deps, supervisor, {})).total).toBe(0);
    const id = mine.items[0]!.id;
    await expect(markNoticeRead(deps, memberB, id)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(markNoticeRead(deps, staffA, 'nope')).rejects.toMatchObject({ code: 'GK_ERR_NOT_FOUND' });
    const read = await markNoticeRead(deps, staffA, id);
    expect(read.readAt).toBe(deps.clock.now().toISOString());
    deps.clock.advance(1_000);
    expect((await markNoticeRead(deps, outsider, id)).readAt).toBe(read.readAt);
    expect(await listMyNotices(deps, staffA, {})).toMatchObject({ total: 1, unread: 1 });
    expect(await listMyNotices(deps, staffA, { state: 'all' })).toMatchObject({ total: 2, unread: 1 });
    const audited = await deps.db.kysely
      .selectFrom('audit_events')
      .select('actor_id')
      .where('action', '=', 'monitoring.notice.read')
      .execute();
    expect(audited).toEqual([{ actor_id: staffA.id }]);
    expect(orgA).toBeTruthy();
  });

  it('lets supervisors read and set the availability policy, refusing inconsistent values, and audits the change', async () => {
    expect(await getMonitoringSettings(deps, supervisor)).toEqual({
      probeTimeoutMs: 15_000,
      alertPercent: 1,
      vetoPercent: 5,
      minProbes: 140,
      probeRetentionDays: 400,
    });
    await expect(getMonitoringSettings(deps, staffA)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(
      saveMonitoringSettings(deps, staffA, { probeTimeoutMs: 15_000, alertPercent: 1, vetoPercent: 5, minProbes: 140 }),
    ).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    for (const bad of [
      { probeTimeoutMs: 15_000, alertPercent: 5, vetoPercent: 5, minProbes: 140 },
      { probeTimeoutMs: 50, alertPercent: 1, vetoPercent: 5, minProbes: 140 },
      { probeTimeoutMs: 15_000, alertPercent: 0.001, vetoPercent: 5, minProbes: 140 },
      { probeTimeoutMs: 15_000, alertPercent: 1, vetoPercent: 5, minProbes: 0 },
      { probeTimeoutMs: 15_000, alertPercent: 1, vetoPercent: 5 },
      { probeTimeoutMs: 15_000, alertPercent: 1, vetoPercent: 5, minProbes: 140, probeRetentionDays: 30 },
      { probeTimeoutMs: 15_000, alertPercent: 1, vetoPercent: 5, minProbes: 140, probeRetentionDays: 400.5 },
    ])
      await expect(saveMonitoringSettings(deps, supervisor, bad), JSON.stringify(bad)).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    // A client that does not know the retention setting gets the default one.
    expect(
      await saveMonitoringSettings(deps, supervisor, { probeTimeoutMs: 15_000, alertPercent: 1, vetoPercent: 5, minProbes: 140 }),
    ).toEqual({
      probeTimeoutMs: 15_000,
      alertPercent: 1,
      vetoPercent: 5,
      minProbes: 140,
      probeRetentionDays: 400,
    });
    const next = { probeTimeoutMs: 10_000, alertPercent: 0.5, vetoPercent: 5, minProbes: 200, probeRetentionDays: 120 };
    expect(await saveMonitoringSettings(deps, supervisor, next)).toEqual(next);
    expect(await getMonitoringSettings(deps, supervisor)).toEqual(next);
    expect((await siteHealth(deps, supervisor, siteA)).settings).toEqual(next);
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'monitoring.settings.save')
      .orderBy('seq')
      .execute();
    expect(JSON.parse(audit[1]!.details)).toMatchObject({ after: next, before: { minProbes: 140, probeRetentionDays: 400 } });
  });
});

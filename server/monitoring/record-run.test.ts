import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findingKey, type Finding } from '#common/schemas/monitoring.ts';
import { asActor, buildOrg, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { getFinding, listFindings } from './commands/findings.ts';
import { listMyNotices } from './commands/notices.ts';
import { recordRun } from './commands/record-run.ts';

const broken = (n: number, over: Partial<Finding> = {}): Finding => ({
  kind: 'broken_link',
  severity: 'deduction',
  url: `http://x.example.test/files/${n}.pdf`,
  parent: 'http://x.example.test/',
  status: 404,
  detail: '链接不可用（404）',
  rule: 'deduction.broken_link',
  ...over,
});

describe(`recording monitoring runs on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  let siteId: string;
  let orgId: string;
  const run = (findings: Finding[], over: Record<string, unknown> = {}) =>
    recordRun(deps, factoryActor, {
      siteId,
      source: 'crawl',
      asOf: '2026-11-27',
      startedAt: deps.clock.now().toISOString(),
      findings,
      ...over,
    });
  const rows = () =>
    deps.db.kysely
      .selectFrom('monitoring_findings')
      .select(['key', 'state', 'severity', 'events', 'first_seen_at', 'last_seen_at', 'resolved_at'])
      .orderBy('key')
      .execute();

  beforeEach(async () => {
    deps = await createTestDeps();
    const org = await buildOrg(deps, { level: 'department' });
    orgId = org.id;
    siteId = (await buildSite(deps, { sponsorOrgId: org.id, hosting: 'external', baseUrl: 'http://x.example.test/' })).id;
  });
  afterEach(async () => {
    await deps.db.close();
  });

  it('opens new findings, keeps seen ones open, resolves those a run no longer sees and reopens them when they return', async () => {
    const first = await run([broken(1), broken(2)]);
    expect(first).toMatchObject({ outcome: 'ok', found: 2, opened: 2, resolved: 0, reopened: 0 });
    deps.clock.advance(86_400_000);
    expect(await run([broken(1)])).toMatchObject({ found: 1, opened: 0, resolved: 1 });
    deps.clock.advance(86_400_000);
    expect(await run([broken(1), broken(2)])).toMatchObject({ opened: 0, reopened: 1, resolved: 0 });
    const [one, two] = await rows();
    expect(one).toMatchObject({
      key: findingKey(broken(1)),
      state: 'open',
      events: 1,
      first_seen_at: '2026-11-27T01:00:00.000Z',
      last_seen_at: '2026-11-29T01:00:00.000Z',
    });
    expect(two).toMatchObject({ state: 'open', events: 3, resolved_at: null });
    const detail = await getFinding(deps, factoryActor, (await listFindings(deps, factoryActor, { q: '/2.pdf' })).items[0]!.id);
    expect(detail.history.map((h) => [h.seq, h.event, h.at])).toEqual([
      [1, 'opened', '2026-11-27T01:00:00.000Z'],
      [2, 'resolved', '2026-11-28T01:00:00.000Z'],
      [3, 'reopened', '2026-11-29T01:00:00.000Z'],
    ]);
    expect(detail).toMatchObject({ state: 'open', status: 404, parent: 'http://x.example.test/', lastRun: { asOf: '2026-11-27' } });
  });

  it('records a change of severity in the history and keeps the latest evidence', async () => {
    await run([broken(1)]);
    deps.clock.advance(3_600_000);
    await run([broken(1, { detail: '链接不可用（410）', status: 410 })]);
    await run([broken(1, { severity: 'info', detail: '外部链接不可用' })]);
    const list = await listFindings(deps, factoryActor, {});
    expect(list.items[0]).toMatchObject({ severity: 'info', detail: '外部链接不可用', status: 404 });
    const d = await getFinding(deps, factoryActor, list.items[0]!.id);
    expect(d.history.map((h) => [h.event, h.severity, h.previousSeverity])).toEqual([
      ['opened', 'deduction', null],
      ['changed', 'info', 'deduction'],
    ]);
  });

  it('speaks for its own source only: a crawl does not resolve the probes’ findings', async () => {
    await run([broken(1)], { source: 'probe' });
    await run([]);
    expect((await rows()).map((r) => r.state)).toEqual(['open']);
    await run([], { source: 'probe' });
    expect((await rows()).map((r) => r.state)).toEqual(['resolved']);
  });

  it('records a failed run without touching any finding, and refuses findings on one', async () => {
    await run([broken(1)]);
    expect(await run([], { error: '首页无法抓取' })).toMatchObject({ outcome: 'failed', found: 0, resolved: 0 });
    expect((await rows()).map((r) => r.state)).toEqual(['open']);
    await expect(run([broken(2)], { error: 'x' })).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    const runs = await deps.db.kysely.selectFrom('monitoring_runs').select(['outcome', 'error']).orderBy('outcome').execute();
    expect(runs).toEqual([
      { outcome: 'failed', error: '首页无法抓取' },
      { outcome: 'ok', error: null },
    ]);
  });

  it('counts a link reported on many pages once, the most severe report standing', async () => {
    const r = await run([broken(1), broken(1, { parent: 'http://x.example.test/a.html' }), broken(1, { severity: 'veto' })]);
    expect(r).toMatchObject({ found: 1, opened: 1 });
    expect((await rows())[0]?.severity).toBe('veto');
  });

  it('tells the owner org when a veto opens, reopens or an alert is raised to veto, with an audit entry each', async () => {
    const member = asActor(await buildUser(deps, { orgId, grants: [{ role: 'editor', siteId }] }));
    const stale = (severity: 'veto' | 'deduction'): Finding => ({
      kind: 'site_unreachable',
      severity,
      url: 'http://x.example.test/',
      detail: '首页无法访问',
      rule: `${severity}.site_unreachable`,
    });
    expect(await run([stale('deduction')], { source: 'probe' })).toMatchObject({ notices: 0 });
    expect(await run([stale('veto')], { source: 'probe' })).toMatchObject({ changed: 1, notices: 1 });
    expect(await run([stale('veto')], { source: 'probe' })).toMatchObject({ notices: 0 });
    await run([], { source: 'probe' });
    expect(await run([stale('veto')], { source: 'probe' })).toMatchObject({ reopened: 1, notices: 1 });
    const mine = await listMyNotices(deps, member, {});
    expect(mine).toMatchObject({ total: 2, unread: 2 });
    expect(mine.items[0]).toMatchObject({ orgId, siteId, kind: 'site_unreachable', severity: 'veto', findingState: 'open' });
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'site_id', 'target_type'])
      .where('action', '=', 'monitoring.vetoNotice')
      .execute();
    expect(audit).toEqual([
      { action: 'monitoring.vetoNotice', site_id: siteId, target_type: 'monitoringFinding' },
      { action: 'monitoring.vetoNotice', site_id: siteId, target_type: 'monitoringFinding' },
    ]);
  });

  it('handles thousands of findings in one run, and resolves them all in the next', async () => {
    const many = Array.from({ length: 3_000 }, (_, i) => broken(i));
    expect(await run(many)).toMatchObject({ found: 3_000, opened: 3_000 });
    deps.clock.advance(60_000);
    // Half unchanged (touched in batches), a quarter with new evidence, a quarter gone.
    const next = many.slice(0, 2_250).map((f, i) => (i >= 1_500 ? { ...f, detail: '链接不可用（超时）' } : f));
    expect(await run(next)).toMatchObject({ found: 2_250, opened: 0, resolved: 750 });
    const seenNow = await deps.db.kysely
      .selectFrom('monitoring_findings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('last_seen_at', '=', deps.clock.now().toISOString())
      .executeTakeFirstOrThrow();
    expect(Number(seenNow.n)).toBe(2_250);
    expect(await run([])).toMatchObject({ resolved: 2_250 });
    const events = await deps.db.kysely
      .selectFrom('monitoring_finding_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(6_000);
  });

  it('keeps findings with very long URLs and NUL characters apart and storable', async () => {
    const long = `http://x.example.test/${'a'.repeat(5_000)}`;
    const r = await run([
      broken(0, { url: `${long}1`, snippet: 'a\u0000b', detail: 'x\u0000' }),
      broken(0, { url: `${long}2`, params: { note: '\u0000' } }),
    ]);
    expect(r).toMatchObject({ opened: 2 });
    expect(await run([broken(0, { url: `${long}1`, snippet: 'a\u0000b', detail: 'x\u0000' })])).toMatchObject({ resolved: 1, opened: 0 });
  });

  it('keeps the history as records: events cannot be changed or deleted', async () => {
    await run([broken(1)]);
    await expect(deps.db.kysely.updateTable('monitoring_finding_events').set({ event: 'resolved' }).execute()).rejects.toThrow();
    await expect(deps.db.kysely.deleteFrom('monitoring_finding_events').execute()).rejects.toThrow();
  });

  it('lets only the system record runs, for existing sites, with valid input', async () => {
    const supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    await expect(
      recordRun(deps, supervisor, { siteId, source: 'crawl', asOf: '2026-11-27', startedAt: deps.clock.now().toISOString(), findings: [] }),
    ).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(run([], { siteId: 'no-such-site' })).rejects.toMatchObject({ code: 'GK_ERR_NOT_FOUND' });
    for (const bad of [
      { source: 'rumour' },
      { asOf: '27/11/2026' },
      { startedAt: 'yesterday' },
      { findings: [{ ...broken(1), kind: 'ugly_colours' }] },
      { findings: [{ ...broken(1), severity: 'fatal' }] },
      { pages: -1 },
      { extra: true },
    ])
      await expect(run([], bad), JSON.stringify(bad)).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    expect(await deps.db.kysely.selectFrom('monitoring_runs').selectAll().execute()).toEqual([]);
  });
});

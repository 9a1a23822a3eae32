import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BatchDetail,
  BatchResultView,
  BatchView,
  InterviewCandidate,
  InterviewView,
  SystemDetail,
  SystemSummary,
  TaskDetail,
  TaskList,
} from '#common/schemas/evaluation.ts';
import { recordRun } from '#server/monitoring/index.ts';
import { drainJobs, JobRegistry } from '#server/platform/jobs/index.ts';
import { evaluationJobs } from './evaluation.jobs.ts';
import { buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';
import { dialectUnderTest } from '#test/support.ts';

let t: TestApp;
let siteId: string;
let supervisor: Session;
let editor: Session;

beforeAll(async () => {
  t = await createTestApp();
  siteId = (await buildSite(t.deps, { hosting: 'external', baseUrl: 'http://a.example.test/' })).id;
  supervisor = await loginAs(t.app, (await buildUser(t.deps, { grants: [{ role: 'supervisor' }] })).username);
  editor = await loginAs(t.app, (await buildUser(t.deps, { grants: [{ role: 'editor', siteId }] })).username);
});
afterAll(async () => {
  await t.close();
});

const json = (payload: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

describe(`the evaluation API on ${dialectUnderTest}`, () => {
  it('answers nothing without a session, and nothing to those who do not supervise', async () => {
    for (const [method, url] of [
      ['GET', '/api/evaluation/systems'],
      ['POST', '/api/evaluation/systems'],
      ['GET', '/api/evaluation/systems/national-2019'],
      ['GET', '/api/evaluation/spot-checks'],
      ['POST', '/api/evaluation/spot-checks'],
      ['GET', '/api/evaluation/spot-checks/x'],
      ['POST', `/api/evaluation/spot-checks/x/sites/${siteId}/manual`],
      ['GET', '/api/evaluation/annual-results/2026'],
      ['GET', '/api/evaluation/annual-results/2026/results.xlsx'],
      ['GET', '/api/evaluation/interviews'],
      ['GET', '/api/evaluation/website-reports/2026'],
    ] as const) {
      expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
      expect((await editor.request({ method, url, ...(method === 'POST' ? json({}) : {}) })).statusCode, url).toBe(403);
    }
  });

  it('shows the systems with their rule texts, makes a batch, and records a manual result', async () => {
    const systems = (await supervisor.request({ method: 'GET', url: '/api/evaluation/systems' })).json<SystemSummary[]>();
    expect(systems.map((s) => [s.key, s.source])).toEqual([
      ['national-2019', 'builtIn'],
      ['census-2015', 'builtIn'],
    ]);
    const national = (await supervisor.request({ method: 'GET', url: '/api/evaluation/systems/national-2019' })).json<SystemDetail>();
    expect(national.system.items.find((i) => i.code === 'veto.unreachable')?.rule).toContain('超过（含）15秒');
    const made = await supervisor.request({
      method: 'POST',
      url: '/api/evaluation/spot-checks',
      ...json({ name: '第三季度抽查', period: '2026-Q3' }),
    });
    expect(made.statusCode, made.body).toBe(201);
    const batch = made.json<BatchView>();
    const listed = (await supervisor.request({ method: 'GET', url: '/api/evaluation/spot-checks' })).json<BatchView[]>();
    expect(listed.map((b) => b.id)).toContain(batch.id);
    const detail = (await supervisor.request({ method: 'GET', url: `/api/evaluation/spot-checks/${batch.id}` })).json<BatchDetail>();
    expect(detail.results.map((r) => [r.siteId, r.state])).toEqual([[siteId, 'pending']]);
    const recorded = await supervisor.request({
      method: 'POST',
      url: `/api/evaluation/spot-checks/${batch.id}/sites/${siteId}/manual`,
      ...json({ itemCode: 'd.search', points: 2, sample: ['标题一', '标题二', '标题三', '标题四'] }),
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    // Still pending: the result counts when the site is scored.
    expect(recorded.json<BatchResultView>()).toMatchObject({ siteId, state: 'pending' });
  });

  it('turns hostile bodies away with a clear error and loses nothing', async () => {
    for (const bad of [
      null,
      [],
      'x',
      42,
      { name: 'x' },
      { name: 'x', period: '2026-Q9' },
      { name: '<script>', period: '2026-Q3', extra: true },
    ])
      expect(
        (await supervisor.request({ method: 'POST', url: '/api/evaluation/spot-checks', ...json(bad) })).statusCode,
        JSON.stringify(bad),
      ).toBe(400);
    const before = (await supervisor.request({ method: 'GET', url: '/api/evaluation/spot-checks' })).json<BatchView[]>().length;
    const { id } = (
      await supervisor.request({ method: 'POST', url: '/api/evaluation/spot-checks', ...json({ name: 'x', period: '2026-Q2' }) })
    ).json<BatchView>();
    for (const bad of [
      null,
      {},
      { itemCode: 'd.search', points: -1, sample: ['x'] },
      { itemCode: "'; drop table", points: 1, sample: ['x'] },
      { itemCode: 'd.search', points: 1, sample: 'x' },
    ])
      expect(
        (await supervisor.request({ method: 'POST', url: `/api/evaluation/spot-checks/${id}/sites/${siteId}/manual`, ...json(bad) }))
          .statusCode,
        JSON.stringify(bad),
      ).toBe(400);
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/spot-checks/%00' })).statusCode).toBe(400);
    for (const url of [
      '/api/evaluation/annual-results/abc',
      '/api/evaluation/annual-results/99999',
      '/api/evaluation/annual-results/2026?weights=Q9:1',
      '/api/evaluation/annual-results/2026/results.xlsx?weights=%3Cscript%3E',
      '/api/evaluation/spot-checks/x?minLetters=-1',
    ])
      expect((await supervisor.request({ method: 'GET', url })).statusCode, url).toBe(400);
    const xlsx = await supervisor.request({ method: 'GET', url: '/api/evaluation/annual-results/2026/results.xlsx?weights=Q3:100' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/spot-checks/nope' })).statusCode).toBe(404);
    for (const bad of [
      null,
      [],
      {},
      { key: 'Bad Key', baseVersion: null, note: 'x', system: {} },
      { key: 'city', baseVersion: 0, note: 'x', system: {} },
      { key: 'city', baseVersion: null, note: '<b>x</b>', system: { name: 'x' } },
      { key: 'city', baseVersion: null, note: 'x', system: { name: 'x', passLine: 60, bonusLine: 80, groups: [], items: [] } },
    ])
      expect(
        (await supervisor.request({ method: 'POST', url: '/api/evaluation/systems', ...json(bad) })).statusCode,
        JSON.stringify(bad),
      ).toBe(400);
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/systems/nope' })).statusCode).toBe(404);
    for (const url of [
      '/api/evaluation/website-reports/abcd',
      '/api/evaluation/website-reports/1999',
      `/api/evaluation/website-reports/2026x/sites/${siteId}`,
      '/api/evaluation/website-report-reminder',
      '/api/evaluation/website-report-reminder?siteId=',
    ])
      expect((await supervisor.request({ method: 'GET', url })).statusCode, url).toBe(400);
    // A site outside the platform files its report elsewhere; one that does not exist has none.
    expect((await supervisor.request({ method: 'GET', url: `/api/evaluation/website-reports/2026/sites/${siteId}` })).statusCode).toBe(409);
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/website-reports/2026/sites/nope' })).statusCode).toBe(404);
    for (const bad of [null, [], 'x', { expectedVersion: -1, values: {} }, { expectedVersion: 0, values: { pageViews: 1 } }]) {
      const status = (await editor.request({ method: 'PUT', url: `/api/evaluation/website-reports/2026/sites/${siteId}`, ...json(bad) }))
        .statusCode;
      // Refused as a client error (the site is not hosted, or the body is wrong), never a server error.
      expect([400, 409], JSON.stringify(bad)).toContain(status);
    }
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/systems/national-2019?version=2' })).statusCode).toBe(404);
    for (const url of ['/api/evaluation/systems/national-2019?version=abc', '/api/evaluation/systems/national-2019?version=0'])
      expect((await supervisor.request({ method: 'GET', url })).statusCode, url).toBe(400);
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/systems' })).json<SystemSummary[]>()).toHaveLength(2);
    const nul = await supervisor.request({
      method: 'POST',
      url: '/api/evaluation/spot-checks',
      ...json({ name: 'a\u0000b', period: '2026-Q1' }),
    });
    expect(nul.statusCode).toBe(400);
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/spot-checks' })).json<BatchView[]>()).toHaveLength(before + 1);
  });

  it('issues rectification tasks, lets the owner report and ask for a dismissal, and records an interview; hostile bodies get 400', async () => {
    const failing = (await buildSite(t.deps, { hosting: 'external', name: '整改网站', baseUrl: 'http://b.example.test/' })).id;
    await recordRun(t.deps, factoryActor, {
      siteId: failing,
      source: 'crawl',
      asOf: '2026-09-30',
      startedAt: t.deps.clock.now().toISOString(),
      findings: [
        { kind: 'homepage_stale', severity: 'veto', url: 'http://b.example.test/', detail: '首页长期未更新', rule: 'veto.homepage_stale' },
      ],
    });
    const owner = await loginAs(t.app, (await buildUser(t.deps, { grants: [{ role: 'siteAdmin', siteId: failing }] })).username);
    const { id } = (
      await supervisor.request({ method: 'POST', url: '/api/evaluation/spot-checks', ...json({ name: '整改用', period: '2025-Q4' }) })
    ).json<BatchView>();
    const issue = (body: unknown) =>
      supervisor.request({ method: 'POST', url: `/api/evaluation/spot-checks/${id}/rectification`, ...json(body) });
    // Not scored yet.
    expect((await issue({})).statusCode).toBe(409);
    await drainJobs(t.deps, new JobRegistry(evaluationJobs));
    for (const bad of [[], { deadline: '2026-02-30' }, { deadline: '2020-01-01' }, { scope: 'some' }, { extra: 1 }])
      expect((await issue(bad)).statusCode, JSON.stringify(bad)).toBe(400);
    expect((await owner.request({ method: 'POST', url: `/api/evaluation/spot-checks/${id}/rectification`, ...json({}) })).statusCode).toBe(
      403,
    );
    const issued = await issue({ deadline: '2026-12-31' });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ created: 1 });

    const mine = (await owner.request({ method: 'GET', url: '/api/evaluation/rectification' })).json<TaskList>();
    expect(mine.items.map((x) => [x.siteId, x.itemCode, x.deadline, x.state])).toEqual([[failing, 'veto.homepage', '2026-12-31', 'open']]);
    const taskId = mine.items[0]!.id;
    // Someone else's site sees none of it.
    expect((await editor.request({ method: 'GET', url: '/api/evaluation/rectification' })).json<TaskList>().total).toBe(0);
    expect((await editor.request({ method: 'GET', url: `/api/evaluation/rectification/${taskId}` })).statusCode).toBe(403);
    for (const bad of [null, {}, { note: '' }, { note: '<img src=x onerror=alert(1)>' }, { note: 'a\u0000b' }, { note: 'x'.repeat(2001) }])
      expect(
        (await owner.request({ method: 'POST', url: `/api/evaluation/rectification/${taskId}/report`, ...json(bad) })).statusCode,
        JSON.stringify(bad),
      ).toBe(400);
    for (const bad of [{ reason: '短' }, { reason: 5 }])
      expect(
        (await owner.request({ method: 'POST', url: `/api/evaluation/rectification/${taskId}/dismissal`, ...json(bad) })).statusCode,
      ).toBe(400);
    const asked = await owner.request({
      method: 'POST',
      url: `/api/evaluation/rectification/${taskId}/dismissal`,
      ...json({ reason: '该站点已于9月并入市政府门户网站，原域名停用' }),
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json<TaskDetail>().state).toBe('dismissalRequested');
    const decide = (who: Session, body: unknown) =>
      who.request({ method: 'POST', url: `/api/evaluation/rectification/${taskId}/dismissal/decision`, ...json(body) });
    expect((await decide(owner, { approve: true, opinion: '同意' })).statusCode).toBe(403);
    expect((await decide(supervisor, { approve: 'yes', opinion: '同意' })).statusCode).toBe(400);
    const rejected = await decide(supervisor, { approve: false, opinion: '网站仍在运行，请整改' });
    expect(rejected.json<TaskDetail>().events.map((e) => e.event)).toEqual(['created', 'dismissalRequested', 'dismissalRejected']);
    expect((await owner.request({ method: 'GET', url: '/api/evaluation/rectification/nope' })).statusCode).toBe(404);
    expect((await owner.request({ method: 'GET', url: '/api/evaluation/rectification?state=lost' })).statusCode).toBe(400);
    expect((await owner.request({ method: 'GET', url: '/api/evaluation/rectification?pageSize=100000' })).statusCode).toBe(400);

    const candidates = (await supervisor.request({ method: 'GET', url: `/api/evaluation/spot-checks/${id}/interviews/candidates` })).json<
      InterviewCandidate[]
    >();
    expect(Array.isArray(candidates)).toBe(true);
    const interview = (body: unknown) => supervisor.request({ method: 'POST', url: '/api/evaluation/interviews', ...json(body) });
    const good = {
      siteId: failing,
      reason: 'repeatFailure',
      heldOn: '2026-10-08',
      attendees: '网站主办单位负责人',
      summary: '约谈并提出整改要求',
    };
    for (const bad of [
      {},
      { ...good, reason: 'other' },
      { ...good, heldOn: '2026-13-01' },
      { ...good, siteId: 'nope' },
      { ...good, summary: '<b>x</b>' },
    ])
      expect((await interview(bad)).statusCode, JSON.stringify(bad)).toBe(400);
    expect((await owner.request({ method: 'POST', url: '/api/evaluation/interviews', ...json(good) })).statusCode).toBe(403);
    const held = await interview(good);
    expect(held.statusCode, held.body).toBe(201);
    const listed = (await supervisor.request({ method: 'GET', url: `/api/evaluation/interviews?siteId=${failing}` })).json<
      InterviewView[]
    >();
    expect(listed.map((i) => i.id)).toEqual([held.json<InterviewView>().id]);
  });
});

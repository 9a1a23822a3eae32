import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDetail, BatchResultView, BatchView, IndicatorSystem } from '#common/schemas/evaluation.ts';
import { buildSite, buildUser } from '#test/factories.ts';
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
      ['GET', '/api/evaluation/spot-checks'],
      ['POST', '/api/evaluation/spot-checks'],
      ['GET', '/api/evaluation/spot-checks/x'],
      ['POST', `/api/evaluation/spot-checks/x/sites/${siteId}/manual`],
    ] as const) {
      expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
      expect((await editor.request({ method, url, ...(method === 'POST' ? json({}) : {}) })).statusCode, url).toBe(403);
    }
  });

  it('shows the systems with their rule texts, makes a batch, and records a manual result', async () => {
    const systems = (await supervisor.request({ method: 'GET', url: '/api/evaluation/systems' })).json<IndicatorSystem[]>();
    expect(systems.map((s) => s.key)).toEqual(['national-2019', 'census-2015']);
    expect(systems[0]?.items.find((i) => i.code === 'veto.unreachable')?.rule).toContain('超过（含）15秒');
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
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/spot-checks/nope' })).statusCode).toBe(404);
    const nul = await supervisor.request({
      method: 'POST',
      url: '/api/evaluation/spot-checks',
      ...json({ name: 'a\u0000b', period: '2026-Q1' }),
    });
    expect(nul.statusCode).toBe(400);
    expect((await supervisor.request({ method: 'GET', url: '/api/evaluation/spot-checks' })).json<BatchView[]>()).toHaveLength(before + 1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateSite, buildNewsroom, buildSite, buildUser, publishThroughReview } from '#test/factories.ts';
import { createTestApp, loginAs, type TestApp } from '#test/http.ts';
import { publishSite } from './index.ts';

let t: TestApp;
let room: Awaited<ReturnType<typeof buildNewsroom>>;

beforeAll(async () => {
  t = await createTestApp();
  room = await buildNewsroom(t.deps);
  await activateSite(t.deps, room.site.id, { code: '9901000077', domains: ['p.example-city.gov.cn'] });
});
afterAll(async () => t.close());

const url = (siteId: string) => `/api/sites/${siteId}/publication`;

describe('a site’s publication in the API', () => {
  it('reports the latest build and lets the site administrator queue a rebuild, audited', async () => {
    await publishThroughReview(t.deps, room, { columnId: room.columns.news.id, type: 'news', title: '动态' });
    await publishSite(t.deps, room.site.id);
    const admin = await loginAs(t.app, room.siteAdmin.username);
    const before = await admin.request({ method: 'GET', url: url(room.site.id) });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ status: 'done', previewPath: '/sites/9901000077/', error: null });
    expect(before.json().pages).toBeGreaterThan(3);

    const res = await admin.request({ method: 'POST', url: url(room.site.id), payload: {} });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ queued: true });
    const audit = await t.deps.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'publishing.site.request')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses those who may not edit the site, and sites that cannot be published', async () => {
    const editor = await loginAs(t.app, room.author.username);
    expect((await editor.request({ method: 'GET', url: url(room.site.id) })).statusCode).toBe(200);
    expect((await editor.request({ method: 'POST', url: url(room.site.id), payload: {} })).statusCode).toBe(403);

    const planned = await buildSite(t.deps);
    const admin = await buildUser(t.deps, { grants: [{ role: 'siteAdmin', siteId: planned.id }] });
    const s = await loginAs(t.app, admin.username);
    const refused = await s.request({ method: 'POST', url: url(planned.id), payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('网站标识码');
    expect((await s.request({ method: 'GET', url: url(planned.id) })).json()).toMatchObject({ status: 'none', previewPath: null });
    // Another site's publication is not theirs to see.
    expect((await s.request({ method: 'GET', url: url(room.site.id) })).statusCode).toBe(403);
    expect((await s.request({ method: 'GET', url: url('x'.repeat(41)) })).statusCode).toBe(400);
  });
});

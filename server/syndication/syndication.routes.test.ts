import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNewsroom, publishThroughReview } from '#test/factories.ts';
import { createTestApp, loginAs, type TestApp } from '#test/http.ts';

describe('syndication over HTTP', () => {
  let t: TestApp;
  let source: Awaited<ReturnType<typeof buildNewsroom>>;
  let portal: Awaited<ReturnType<typeof buildNewsroom>>;
  beforeEach(async () => {
    t = await createTestApp({ config: { GONGKAI_DATA_DIR: fs.mkdtempSync('/tmp/gk-synd-http-') } });
    source = await buildNewsroom(t.deps);
    portal = await buildNewsroom(t.deps);
  });
  afterEach(async () => {
    fs.rmSync(t.deps.config.dataDir, { recursive: true, force: true });
    await t.close();
  });

  it('lets the receiving site administer its subscriptions and its editors decide, and audits each step', async () => {
    const admin = await loginAs(t.app, portal.siteAdmin.username);
    const created = await admin.request({
      method: 'POST',
      url: '/api/syndication/subscriptions',
      payload: { columnId: portal.columns.news.id, sourceColumnId: source.columns.news.id },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ siteId: portal.site.id, sourceSiteId: source.site.id, auto: false });
    const again = await admin.request({
      method: 'POST',
      url: '/api/syndication/subscriptions',
      payload: { columnId: portal.columns.news.id, sourceColumnId: source.columns.news.id },
    });
    expect(again.statusCode).toBe(409);
    const listed = await admin.request({ method: 'GET', url: `/api/syndication/subscriptions?siteId=${portal.site.id}` });
    expect(listed.json()).toHaveLength(1);

    const id = await publishThroughReview(t.deps, source, { columnId: source.columns.news.id, type: 'news', title: '部门动态' });
    const editor = await loginAs(t.app, portal.author.username);
    const inbox = await editor.request({ method: 'GET', url: `/api/syndication/entries?siteId=${portal.site.id}&state=offered` });
    const [offer] = inbox.json() as { id: string; version: number; articleId: string }[];
    expect(offer?.articleId).toBe(id);
    const declined = await editor.request({
      method: 'POST',
      url: `/api/syndication/entries/${offer!.id}/decline`,
      payload: { version: 1 },
    });
    expect(declined.json()).toMatchObject({ state: 'declined', version: 2 });
    // A declined entry cannot be taken afterwards.
    const take = await editor.request({ method: 'POST', url: `/api/syndication/entries/${offer!.id}/take`, payload: { version: 2 } });
    expect(take.statusCode).toBe(409);

    const sourceEditor = await loginAs(t.app, source.author.username);
    const shown = await sourceEditor.request({ method: 'GET', url: `/api/articles/${id}/syndications` });
    expect(shown.json()).toMatchObject([{ siteId: portal.site.id, state: 'declined' }]);
    const actions = (
      await t.deps.db.kysely.selectFrom('audit_events').select('action').where('action', 'like', 'syndication.%').execute()
    ).map((r) => r.action);
    expect(actions).toEqual(['syndication.subscription.create', 'syndication.entry.offer', 'syndication.entry.decline']);

    const removed = await admin.request({
      method: 'DELETE',
      url: `/api/syndication/subscriptions/${(created.json() as { id: string }).id}`,
    });
    expect(removed.statusCode).toBe(204);
  });

  it('refuses other sites’ columns without permission (403), wrong states (409) and unknown ids (404)', async () => {
    const portalAdmin = await loginAs(t.app, portal.siteAdmin.username);
    // The portal's administrator cannot make the source site's column receive anything.
    const foreign = await portalAdmin.request({
      method: 'POST',
      url: '/api/syndication/subscriptions',
      payload: { columnId: source.columns.news.id, sourceColumnId: portal.columns.news.id },
    });
    expect(foreign.statusCode).toBe(403);
    const ownSite = await portalAdmin.request({
      method: 'POST',
      url: '/api/syndication/subscriptions',
      payload: { columnId: portal.columns.news.id, sourceColumnId: portal.columns.policy.id },
    });
    expect(ownSite.statusCode).toBe(409);
    for (const [method, url, payload] of [
      ['POST', '/api/syndication/subscriptions', { columnId: 'nope', sourceColumnId: source.columns.news.id }],
      ['DELETE', '/api/syndication/subscriptions/nope', undefined],
      ['POST', '/api/syndication/entries/nope/take', { version: 1 }],
      ['POST', '/api/syndication/pushes', { articleId: 'nope', columnId: portal.columns.news.id }],
      ['GET', '/api/articles/nope/syndications', undefined],
    ] as const)
      expect((await portalAdmin.request({ method, url, ...(payload ? { payload } : {}) })).statusCode, url).toBe(404);

    const id = await publishThroughReview(t.deps, source, { columnId: source.columns.news.id, type: 'news', title: '推送的动态' });
    // Only the article's own site's editors push it; the portal's editors cannot.
    const portalEditor = await loginAs(t.app, portal.author.username);
    expect(
      (
        await portalEditor.request({
          method: 'POST',
          url: '/api/syndication/pushes',
          payload: { articleId: id, columnId: portal.columns.news.id },
        })
      ).statusCode,
    ).toBe(403);
    const sourceEditor = await loginAs(t.app, source.author.username);
    const pushed = await sourceEditor.request({
      method: 'POST',
      url: '/api/syndication/pushes',
      payload: { articleId: id, columnId: portal.columns.news.id },
    });
    expect(pushed.statusCode).toBe(201);
    const entry = pushed.json() as { id: string; version: number };
    // The pushing site cannot take its own offer on the portal's behalf.
    expect(
      (await sourceEditor.request({ method: 'POST', url: `/api/syndication/entries/${entry.id}/take`, payload: { version: 1 } }))
        .statusCode,
    ).toBe(403);
    const taken = await portalEditor.request({ method: 'POST', url: `/api/syndication/entries/${entry.id}/take`, payload: { version: 1 } });
    expect(taken.json()).toMatchObject({ state: 'taken', listedAt: expect.any(String) });
    const removed = await portalEditor.request({
      method: 'POST',
      url: `/api/syndication/entries/${entry.id}/remove`,
      payload: { version: 2 },
    });
    expect(removed.json()).toMatchObject({ state: 'withdrawn' });
    // A withdrawn entry cannot be taken again, nor an entry pushed twice.
    expect(
      (await portalEditor.request({ method: 'POST', url: `/api/syndication/entries/${entry.id}/take`, payload: { version: 3 } }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await sourceEditor.request({
          method: 'POST',
          url: '/api/syndication/pushes',
          payload: { articleId: id, columnId: portal.columns.news.id },
        })
      ).statusCode,
    ).toBe(409);
  });
});

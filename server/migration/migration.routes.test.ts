import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPagesView, ImportSummaryView, ImportView } from '#common/schemas/migration.ts';
import { jobRegistry } from '#server/composition.ts';
import { drainJobs } from '#server/platform/jobs/index.ts';
import { activateSite, buildColumn, buildSite, buildUser } from '#test/factories.ts';
import { serveLegacySite, type LegacySite } from '#test/fixtures/legacy-site.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';
import { dialectUnderTest } from '#test/support.ts';

let t: TestApp;
let legacy: LegacySite;
let sourceId: string;
let targetId: string;
let otherTargetId: string;
let admin: Session;
let editor: Session;
let otherAdmin: Session;

const json = (payload: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
const drain = () => drainJobs(t.deps, jobRegistry(), { maxRounds: 1000 });

beforeAll(async () => {
  t = await createTestApp();
  legacy = await serveLegacySite({ pages: 60, seed: 3 });
  sourceId = (await buildSite(t.deps, { hosting: 'external', baseUrl: legacy.url('/') })).id;
  const target = await buildSite(t.deps);
  targetId = target.id;
  await activateSite(t.deps, targetId, { code: '9901000991', domains: ['r.example-city.gov.cn'] });
  await buildColumn(t.deps, targetId, { name: '工作动态', slug: 'gzdt', freshnessClass: 'news' });
  await buildColumn(t.deps, targetId, { name: '通知公告', slug: 'tzgg', freshnessClass: 'notice' });
  otherTargetId = (await buildSite(t.deps)).id;
  admin = await loginAs(t.app, (await buildUser(t.deps, { grants: [{ role: 'siteAdmin', siteId: targetId }] })).username);
  otherAdmin = await loginAs(t.app, (await buildUser(t.deps, { grants: [{ role: 'siteAdmin', siteId: otherTargetId }] })).username);
  editor = await loginAs(t.app, (await buildUser(t.deps, { grants: [{ role: 'editor', siteId: targetId }] })).username);
});
afterAll(async () => {
  await legacy.close();
  await t.close();
});

describe(`the migration API on ${dialectUnderTest}`, () => {
  it('answers nothing without a session, and nothing to those who do not manage the target site', async () => {
    for (const [method, url] of [
      ['POST', '/api/migration/imports'],
      ['GET', '/api/migration/imports/x'],
      ['PUT', '/api/migration/imports/x/mapping'],
      ['POST', '/api/migration/imports/x/start'],
      ['POST', '/api/migration/imports/x/cancel'],
      ['GET', '/api/migration/imports/x/pages'],
      ['GET', '/api/migration/imports/x/report.xlsx'],
    ] as const) {
      expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
    }
    const res = await editor.request({
      method: 'POST',
      url: '/api/migration/imports',
      ...json({ sourceSiteId: sourceId, targetSiteId: targetId, startUrl: legacy.url('/') }),
    });
    expect(res.statusCode).toBe(403);
    expect((await editor.request({ method: 'GET', url: '/api/migration/imports' })).json()).toEqual([]);
  });

  it('refuses hostile and wrong input with a Chinese message and a 4xx', async () => {
    const bad: unknown[] = [
      {},
      { sourceSiteId: sourceId, targetSiteId: targetId, startUrl: 'javascript:alert(1)' },
      { sourceSiteId: sourceId, targetSiteId: targetId, startUrl: 'ftp://x.example/' },
      { sourceSiteId: sourceId, targetSiteId: targetId, startUrl: `http://x.example/${'a'.repeat(3000)}` },
      { sourceSiteId: sourceId, targetSiteId: targetId, startUrl: legacy.url('/'), options: { concurrency: 1000 } },
      { sourceSiteId: sourceId, targetSiteId: targetId, startUrl: legacy.url('/'), options: { maxPages: -1 } },
      { sourceSiteId: sourceId, targetSiteId: targetId, startUrl: legacy.url('/'), extra: 1 },
      { sourceSiteId: 'nope', targetSiteId: targetId, startUrl: legacy.url('/') },
      { sourceSiteId: targetId, targetSiteId: targetId, startUrl: legacy.url('/') },
      { sourceSiteId: sourceId, targetSiteId: targetId, startUrl: ['x'] },
      { sourceSiteId: sourceId, targetSiteId: 'x'.repeat(100), startUrl: legacy.url('/') },
    ];
    for (const body of bad) {
      const res = await admin.request({ method: 'POST', url: '/api/migration/imports', ...json(body) });
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // An external site is not a target.
    const external = await admin.request({
      method: 'POST',
      url: '/api/migration/imports',
      ...json({ sourceSiteId: targetId, targetSiteId: sourceId, startUrl: legacy.url('/') }),
    });
    expect(external.statusCode).toBe(403);
    const notJson = await admin.request({
      method: 'POST',
      url: '/api/migration/imports',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(notJson.statusCode).toBe(400);
    for (const url of [
      '/api/migration/imports/does-not-exist',
      `/api/migration/imports/${'x'.repeat(41)}`,
      '/api/migration/imports/x/pages?outcome=<script>',
    ]) {
      const res = await admin.request({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('runs an import through the API: columns with suggestions, mapping, start, per-page report and its XLSX', async () => {
    const made = await admin.request({
      method: 'POST',
      url: '/api/migration/imports',
      ...json({ sourceSiteId: sourceId, targetSiteId: targetId, startUrl: legacy.url('/'), options: { intervalMs: 0 } }),
    });
    expect(made.statusCode).toBe(201);
    const id = made.json<ImportView>().id;
    // Not confirmable, not startable while analysing.
    expect((await admin.request({ method: 'POST', url: `/api/migration/imports/${id}/start`, ...json({ version: 1 }) })).statusCode).toBe(
      409,
    );
    await drain();
    const view = (await admin.request({ method: 'GET', url: `/api/migration/imports/${id}` })).json<ImportView>();
    expect(view.status).toBe('awaiting_confirmation');
    expect(view.columns.find((c) => c.name === '工作动态')!.suggestion.basis).toBe('exact');
    // Another site's admin sees nothing of it.
    expect((await otherAdmin.request({ method: 'GET', url: `/api/migration/imports/${id}` })).statusCode).toBe(403);
    expect((await otherAdmin.request({ method: 'GET', url: '/api/migration/imports' })).json<ImportSummaryView[]>()).toEqual([]);

    const put = (body: unknown) => admin.request({ method: 'PUT', url: `/api/migration/imports/${id}/mapping`, ...json(body) });
    const full = Object.fromEntries(view.columns.map((c) => [c.key, c.suggestion.columnId]));
    expect((await put({ version: view.version + 5, mapping: full })).statusCode).toBe(409);
    const unknown = await put({ version: view.version, mapping: { ...full, 不存在的栏目: null } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ message: string }>().message).toContain('不存在的栏目');
    const missing = await put({ version: view.version, mapping: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ message: string }>().message).toContain('请为这些栏目选择目标栏目');
    const foreign = await put({ version: view.version, mapping: { ...full, [view.columns[0]!.key]: 'not-a-column' } });
    expect(foreign.statusCode).toBe(400);
    expect((await put({ version: view.version, mapping: 'x' })).statusCode).toBe(400);
    const ok = await put({ version: view.version, mapping: full });
    expect(ok.statusCode).toBe(200);
    const started = await admin.request({
      method: 'POST',
      url: `/api/migration/imports/${id}/start`,
      ...json({ version: ok.json<ImportView>().version }),
    });
    expect(started.statusCode).toBe(200);
    expect(started.json<ImportView>().status).toBe('importing');
    await drain();
    const done = (await admin.request({ method: 'GET', url: `/api/migration/imports/${id}` })).json<ImportView>();
    expect(done.status).toBe('done');
    expect(done.progress.done).toBe(done.progress.total);
    expect(done.counts.imported).toBeGreaterThan(0);

    const failed = (
      await admin.request({ method: 'GET', url: `/api/migration/imports/${id}/pages?outcome=failed` })
    ).json<ImportPagesView>();
    expect(failed.items.length).toBe(failed.total);
    expect(failed.items.every((p) => p.outcome === 'failed' && p.reason)).toBe(true);
    const xlsx = await admin.request({ method: 'GET', url: `/api/migration/imports/${id}/report.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const pages = book.getWorksheet('逐页结果')!;
    expect(pages.rowCount - 1).toBe(
      done.counts.pagesSeen +
        (await admin.request({ method: 'GET', url: `/api/migration/imports/${id}/pages?kind=broken` })).json<ImportPagesView>().total,
    );
    expect(book.getWorksheet('概况')!.getCell('B4').value).toBe(done.counts.pagesSeen);
    // Finished: no cancelling, no new mapping.
    expect((await admin.request({ method: 'POST', url: `/api/migration/imports/${id}/cancel` })).statusCode).toBe(409);
    expect((await put({ version: done.version, mapping: full })).statusCode).toBe(409);
  });

  it('cancels an import waiting for its mapping', async () => {
    const made = await admin.request({
      method: 'POST',
      url: '/api/migration/imports',
      ...json({ sourceSiteId: sourceId, targetSiteId: targetId, startUrl: legacy.url('/'), dryRun: true, options: { intervalMs: 0 } }),
    });
    const id = made.json<ImportView>().id;
    await drain();
    const res = await admin.request({ method: 'POST', url: `/api/migration/imports/${id}/cancel` });
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportView>().status).toBe('cancelled');
    const audit = await t.deps.db.kysely.selectFrom('audit_events').select('action').where('target_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['migration.import.create', 'migration.import.cancel']);
  });
});

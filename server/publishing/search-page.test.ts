import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateSite, buildNewsroom, publishThroughReview } from '#test/factories.ts';
import { createTestApp, type TestApp } from '#test/http.ts';
import { publishSite } from './index.ts';

let t: TestApp;
let dataDir: string;
const CODE = '9901000003';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-search-page-'));
  t = await createTestApp({ config: { GONGKAI_DATA_DIR: dataDir } });
  const room = await buildNewsroom(t.deps);
  await activateSite(t.deps, room.site.id, { code: CODE, domains: ['s.example-city.gov.cn'] });
  await publishThroughReview(t.deps, room, {
    columnId: room.columns.policy.id,
    type: 'policy',
    title: '关于调整城乡居民社保缴费标准的通知',
    bodyHtml: '<p>为做好城乡居民社保工作，现就缴费标准调整有关事项通知如下。</p>',
    metadata: { issuingOrg: '示例市人力资源和社会保障局', writtenOn: '2026-11-20', validity: 'valid' },
  });
  await publishSite(t.deps, room.site.id);
});

afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const search = (qs: string) => t.app.inject({ method: 'GET', url: `/sites/${CODE}/search${qs}` });

describe('the public search page', () => {
  it('finds an article by a two-character term, marks the hit and links its page relatively', async () => {
    const res = await search(`?q=${encodeURIComponent('社保')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<mark>社保</mark>');
    expect(res.body).toMatch(/href="zcwj\/\d{6}\/[\w-]+\.html"/);
    expect(res.body).toContain('找到约 1 条');
  });

  it('shows the empty form without a query', async () => {
    const res = await search('');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="q"');
    expect(res.body).not.toContain('search-results');
  });

  it('answers hostile queries with results or a clear 400 page, never a 500', async () => {
    const hostile = [
      'x'.repeat(10_000),
      '"社保" OR NEAR(医保) * ^ -',
      "'; DROP TABLE search_documents; --",
      '\u0000\u0007\u001b[31m',
      '😀😀',
      '社保 AND',
      '%',
      '',
    ];
    for (const q of hostile) {
      const res = await search(`?q=${encodeURIComponent(q)}`);
      expect([200, 400], q.slice(0, 20)).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('text/html');
      if (res.statusCode === 400) expect(res.body).toContain('role="alert"');
    }
    for (const qs of [
      '?q=社保&page=abc',
      '?q=社保&page=0',
      '?q=社保&from=2026-13-01',
      '?q=社保&type=x',
      '?q=社保&sort=x',
      '?q[]=a',
      '?page=2',
    ])
      expect((await search(encodeURI(qs))).statusCode, qs).toBe(400);
    expect((await search(`?q=${encodeURIComponent('社保')}`)).statusCode).toBe(200);
  });

  it('escapes what was typed when it echoes it', async () => {
    const res = await search(`?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;');
  });

  it('answers 404 for an unknown site', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/sites/0000000000/search?q=a' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/sites/..%2F..%2Fetc/search?q=a' })).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asActor, buildOrg, buildSite, buildUser } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';
import { completeGuide } from '#test/guides.ts';

function multipart(parts: { name: string; filename?: string; value: Buffer | string }[]) {
  const boundary = `----gk${Date.now()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = p.filename
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let t: TestApp;
let siteId: string;
let orgId: string;
let officer: Session;
let reviewer: Session;
let editor: Session;

beforeAll(async () => {
  t = await createTestApp();
  const org = await buildOrg(t.deps, { level: 'department' });
  orgId = org.id;
  siteId = (await buildSite(t.deps, { sponsorOrgId: org.id })).id;
  const o = await buildUser(t.deps, { grants: [{ role: 'serviceOfficer', siteId }] });
  const r = await buildUser(t.deps, { grants: [{ role: 'sectionReviewer', siteId }] });
  const e = await buildUser(t.deps, { grants: [{ role: 'editor', siteId }] });
  void asActor;
  officer = await loginAs(t.app, o.username);
  reviewer = await loginAs(t.app, r.username);
  editor = await loginAs(t.app, e.username);
});

afterAll(async () => {
  await t.close();
});

describe('the guides API', () => {
  it('answers nothing without a session, and nothing to people without a guides role', async () => {
    for (const url of [`/api/guides/items?siteId=${siteId}`, '/api/guides/settings', '/api/guides/oversight', '/api/guides/template.xlsx'])
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await editor.request({ method: 'GET', url: `/api/guides/items?siteId=${siteId}` })).statusCode).toBe(403);
    expect(
      (await editor.request({ method: 'POST', url: `/api/guides/items?siteId=${siteId}`, payload: { ...completeGuide('X-1'), orgId } }))
        .statusCode,
    ).toBe(403);
    expect((await officer.request({ method: 'GET', url: '/api/guides/oversight' })).statusCode).toBe(403);
  });

  it('creates, lists and publishes through HTTP', async () => {
    const created = await officer.request({
      method: 'POST',
      url: `/api/guides/items?siteId=${siteId}`,
      payload: { ...completeGuide('H-1'), orgId },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const list = await reviewer.request({ method: 'GET', url: `/api/guides/items?siteId=${siteId}&state=draft&page=1` });
    expect(list.json<{ total: number }>().total).toBe(1);
    const pub = await reviewer.request({ method: 'POST', url: `/api/guides/publish?siteId=${siteId}`, payload: { ids: [id] } });
    expect(pub.json()).toEqual({ published: [id], refused: [] });
    const one = await officer.request({ method: 'GET', url: `/api/guides/items/${id}` });
    expect(one.json()).toMatchObject({ state: 'published', pagePath: '/bsfw/sx/H-1.html', guide: { code: 'H-1' } });
  });

  it('turns hostile bodies and queries away with field messages, storing nothing', async () => {
    const hostile: unknown[] = [
      null,
      'text',
      [],
      { ...completeGuide('H-2'), orgId, extra: 1 },
      `{"__proto__":{"admin":true},${JSON.stringify({ ...completeGuide('H-2'), orgId }).slice(1, -1)},"constructor":{"prototype":{"x":1}}}`,
      { ...completeGuide('H-2'), orgId, name: 'x'.repeat(201) },
      { ...completeGuide('H-2'), orgId, code: '../../etc/passwd' },
      { ...completeGuide('H-2'), orgId, materials: 'a' },
      { ...completeGuide('H-2'), orgId, materials: Array.from({ length: 101 }, () => completeGuide('x').materials[0]) },
      { ...completeGuide('H-2'), orgId, topics: ['t01', 'zz'] },
      { ...completeGuide('H-2'), orgId, conditions: '<img src=x onerror=alert(1)>' },
      { ...completeGuide('H-2'), orgId, onlineUrl: 'javascript:alert(1)' },
      { ...completeGuide('H-2'), orgId, audiences: [] },
      { ...completeGuide('H-2'), orgId: 'no-such-org' },
    ];
    for (const body of hostile) {
      const res = await officer.request({
        method: 'POST',
        url: `/api/guides/items?siteId=${siteId}`,
        headers: { 'content-type': 'application/json' },
        payload: typeof body === 'string' && body.startsWith('{') ? body : JSON.stringify(body),
      });
      expect([400, 415], JSON.stringify(body).slice(0, 80)).toContain(res.statusCode);
      expect(res.json<{ code: string }>().code).toMatch(/^GK_ERR_|^FST_/);
    }
    for (const q of ['state=bogus', 'page=0', 'pageSize=100000', `q=${'长'.repeat(51)}`])
      expect((await officer.request({ method: 'GET', url: `/api/guides/items?siteId=${siteId}&${q}` })).statusCode).toBe(400);
    const rows = await t.deps.db.kysely.selectFrom('service_items').select('code').where('code', '=', 'H-2').execute();
    expect(rows).toEqual([]);
  });

  it('stores blank forms only when the bytes are what the name says', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const ok = await officer.request({
      method: 'POST',
      url: `/api/guides/files?siteId=${siteId}`,
      ...multipart([{ name: 'file', filename: '申请表.pdf', value: pdf }]),
    });
    expect(ok.statusCode).toBe(201);
    const html = await officer.request({
      method: 'POST',
      url: `/api/guides/files?siteId=${siteId}`,
      ...multipart([{ name: 'file', filename: '申请表.pdf', value: '<script>alert(1)</script>' }]),
    });
    expect(html.statusCode).toBe(400);
    expect(
      (
        await editor.request({
          method: 'POST',
          url: `/api/guides/files?siteId=${siteId}`,
          ...multipart([{ name: 'file', filename: 'a.pdf', value: pdf }]),
        })
      ).statusCode,
    ).toBe(403);
  });
});

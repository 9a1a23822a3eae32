import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeFile } from '#server/content/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { asActor, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { createServiceItem, getServiceItem, listServiceItems, publishServiceItems, updateServiceItem } from './commands/items.ts';
import { checkServiceLinks, probeUrl } from './commands/link-checks.ts';
import { completeGuide } from '#test/guides.ts';

let server: http.Server;
let base: string;
let hits: string[] = [];

beforeAll(async () => {
  // A real server with the answers the check must tell apart.
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const url = req.url ?? '/';
    if (url === '/ok') return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>办理</p>');
    if (url === '/gone') return res.writeHead(404).end();
    if (url === '/moved') return res.writeHead(302, { location: '/ok' }).end();
    if (url === '/loop-a') return res.writeHead(302, { location: '/loop-b' }).end();
    if (url === '/loop-b') return res.writeHead(302, { location: '/loop-a' }).end();
    if (url === '/no-head') return req.method === 'HEAD' ? res.writeHead(405).end() : res.writeHead(200).end('ok');
    if (url === '/slow') return void setTimeout(() => res.writeHead(200).end(), 2_000);
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('probing an address', () => {
  it('tells working, moved, missing, looping, HEAD-refusing and slow addresses apart', async () => {
    expect(await probeUrl(`${base}/ok`)).toEqual({ ok: true, status: 200, error: null });
    expect(await probeUrl(`${base}/moved`)).toEqual({ ok: true, status: 200, error: null });
    expect(await probeUrl(`${base}/gone`)).toMatchObject({ ok: false, status: 404, error: '服务器返回 404' });
    expect(await probeUrl(`${base}/loop-a`)).toMatchObject({ ok: false, error: '重定向循环' });
    hits = [];
    expect(await probeUrl(`${base}/no-head`)).toEqual({ ok: true, status: 200, error: null });
    expect(hits).toEqual(['HEAD /no-head', 'GET /no-head']);
    expect(await probeUrl(`${base}/slow`, 200)).toMatchObject({ ok: false, error: '连接超时' });
    expect(await probeUrl('http://127.0.0.1:1/')).toMatchObject({ ok: false, error: '无法连接' });
    expect(await probeUrl('ftp://example.invalid/x')).toMatchObject({ ok: false, error: '地址不是 http 或 https' });
  });
});

describe('checking the links of a site’s items', () => {
  let deps: TestDeps;
  let siteId: string;
  let officer: Actor;

  beforeEach(async () => {
    deps = await createTestDeps();
    const site = await buildSite(deps);
    siteId = site.id;
    officer = asActor(await buildUser(deps, { grants: [{ role: 'serviceOfficer', siteId }] }));
  });
  afterEach(async () => {
    await deps.db.close();
  });

  it('records each item’s online address and form downloads, broken ones counted', async () => {
    const form = await storeFile(deps, factoryActor, { siteId, filename: '申请表.docx', bytes: Buffer.from('not really docx') }).catch(
      () => null,
    );
    const pdf = await storeFile(deps, factoryActor, {
      siteId,
      filename: '申请表.pdf',
      bytes: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    expect(form).toBeNull(); // the file store refuses bytes that are not what the name says
    const orgId = (await deps.db.kysely.selectFrom('sites').select('sponsor_org_id').where('id', '=', siteId).executeTakeFirstOrThrow())
      .sponsor_org_id;
    const good = await createServiceItem(deps, officer, siteId, {
      ...completeGuide('L-1', {
        onlineUrl: `${base}/moved`,
        materials: [{ name: '申请表', form: null, required: true, note: null, formFileId: pdf.fileId, sampleFileId: 'missing-file' }],
      }),
      orgId,
    });
    const bad = await createServiceItem(deps, officer, siteId, { ...completeGuide('L-2', { onlineUrl: `${base}/gone` }), orgId });
    await createServiceItem(deps, officer, siteId, { ...completeGuide('L-3', { onlineUrl: `${base}/gone` }), orgId });
    hits = [];
    const summary = await checkServiceLinks(deps, officer, { siteId, timeoutMs: 2_000 });
    expect(summary).toEqual({ items: 3, links: 5, broken: 3 });
    // Two items share one address: fetched once.
    expect(hits.filter((h) => h.endsWith('/gone')).length).toBe(2); // HEAD then GET (404 is retried with GET)
    const view = await getServiceItem(deps, officer, good.id);
    expect(view.linkChecks.map((c) => [c.kind, c.ok, c.error])).toEqual([
      ['online', true, null],
      ['form', true, null],
      ['sample', false, '文件缺失'],
    ]);
    expect((await getServiceItem(deps, officer, bad.id)).linkChecks).toMatchObject([{ kind: 'online', ok: false, httpStatus: 404 }]);
    expect((await listServiceItems(deps, officer, siteId, {})).items.map((i) => [i.code, i.brokenLinks])).toEqual([
      ['L-1', 1],
      ['L-2', 1],
      ['L-3', 1],
    ]);
  });

  it('checks a published item as citizens see it, even after a change to its forms waits for publication', async () => {
    const pdf = await storeFile(deps, factoryActor, {
      siteId,
      filename: '表.pdf',
      bytes: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    const orgId = (await deps.db.kysely.selectFrom('sites').select('sponsor_org_id').where('id', '=', siteId).executeTakeFirstOrThrow())
      .sponsor_org_id;
    const withForm = completeGuide('L-9', {
      materials: [{ name: '申请表', form: null, required: true, note: null, formFileId: pdf.fileId, sampleFileId: null }],
    });
    const item = await createServiceItem(deps, officer, siteId, { ...withForm, orgId });
    const reviewer = asActor(await buildUser(deps, { grants: [{ role: 'sectionReviewer', siteId }] }));
    await publishServiceItems(deps, reviewer, siteId, { ids: [item.id] });
    // The saved change drops the form; the published page still offers it.
    await updateServiceItem(deps, officer, item.id, { ...completeGuide('L-9'), orgId, version: 1 });
    await checkServiceLinks(deps, officer, { siteId, timeoutMs: 2_000 });
    expect((await getServiceItem(deps, officer, item.id)).linkChecks.map((c) => [c.kind, c.ok])).toEqual([['form', true]]);
  });
});

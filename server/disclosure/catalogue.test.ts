import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateOrg } from '#server/accounts/index.ts';
import { getArticle, retractArticle } from '#server/content/index.ts';
import { publishArticleChange, publishSite } from '#server/publishing/index.ts';
import { updateColumn } from '#server/sites/index.ts';
import { activateSite, asActor, buildNewsroom, buildSite, buildUser, factoryActor, publishThroughReview } from '#test/factories.ts';
import { createTestApp, loginAs, type TestApp } from '#test/http.ts';

let t: TestApp;
let dataDir: string;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
let sponsorOrgId: string;
let creditCode: string;
const CODE = '9901000088';
const ids: Record<string, string> = {};

const policy = (title: string, metadata: Record<string, unknown>) => ({
  columnId: room.columns.policy.id,
  type: 'policy',
  title,
  summary: `${title}的内容概述`,
  metadata: { issuingOrg: '示例市教育和体育局', validity: 'valid', ...metadata },
});
const page = (query = '') => t.app.inject({ method: 'GET', url: `/sites/${CODE}/gkml${query}` });
const entries = () => t.deps.db.kysely.selectFrom('catalogue_entries').selectAll().orderBy('published_at').execute();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-gkml-'));
  t = await createTestApp({ config: { GONGKAI_DATA_DIR: dataDir }, now: '2026-11-27T02:00:00.000Z' });
  room = await buildNewsroom(t.deps);
  await activateSite(t.deps, room.site.id, { code: CODE, domains: ['gkml.example-city.gov.cn'] });
  const org = await t.deps.db.kysely
    .selectFrom('sites as s')
    .innerJoin('orgs as o', 'o.id', 's.sponsor_org_id')
    .select(['o.id', 'o.credit_code'])
    .where('s.id', '=', room.site.id)
    .executeTakeFirstOrThrow();
  sponsorOrgId = org.id;
  creditCode = org.credit_code!;
  await updateOrg(t.deps, factoryActor, sponsorOrgId, { indexTemplate: '{creditCode}-{category}/{YYYY}-{NNNNN}' });
  await updateColumn(t.deps, factoryActor, room.site.id, room.columns.policy.id, { catalogueCategory: 'art20.1' });
  ids.medical = await publishThroughReview(
    t.deps,
    room,
    policy('示例市城乡居民医疗保险办法', { docNumber: '示教体发〔2026〕3号', topic: '卫生、体育', writtenOn: '2026-03-02' }),
  );
  t.deps.clock.advance(60_000);
  ids.school = await publishThroughReview(
    t.deps,
    room,
    policy('示例市义务教育学校招生办法', { docNumber: '示教体发〔2025〕12号', topic: '教育', writtenOn: '2025-06-10' }),
  );
  t.deps.clock.advance(60_000);
  ids.news = await publishThroughReview(t.deps, room, { columnId: room.columns.news.id, type: 'news', title: '局领导调研学校食堂' });
  await publishSite(t.deps, room.site.id);
});

afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the 政府信息公开目录', () => {
  it('lists the public articles of mapped columns with 索引号, 名称, 内容概述, 文号 and 生成日期, numbered by the category', async () => {
    const rows = await entries();
    expect(rows.map((r) => r.title)).toEqual(['示例市城乡居民医疗保险办法', '示例市义务教育学校招生办法']);
    expect(rows[0]).toMatchObject({
      category: 'art20.1',
      org_id: sponsorOrgId,
      index_no: `${creditCode}-01/2026-00001`,
      summary: '示例市城乡居民医疗保险办法的内容概述',
      doc_number: '示教体发〔2026〕3号',
      topic: '卫生、体育',
      generated_on: '2026-03-02',
      year: 2026,
    });
    expect((await getArticle(t.deps, factoryActor, ids.medical!)).indexNo).toBe(rows[0]!.index_no);
    // The news column is not in the catalogue; its number is counted by its folder name.
    expect((await getArticle(t.deps, factoryActor, ids.news!)).indexNo).toBe(`${creditCode}-gzdt/2026-00001`);

    const res = await page();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('政府信息公开目录');
    expect(res.body).toContain(`${creditCode}-01/2026-00001`);
    expect(res.body).toContain('示教体发〔2025〕12号');
    expect(res.body).toContain('示例市城乡居民医疗保险办法的内容概述');
    expect(res.body).not.toContain('局领导调研学校食堂');
    // The item links to its page, relative to the catalogue page, and the page is there.
    const href = />\s*<td><a href="([^"]+)">示例市城乡居民医疗保险办法<\/a>/.exec(res.body)?.[1];
    expect(href).toMatch(/^zcwj\/\d{6}\/[^/]+\.html$/);
    const target = new URL(href!, `http://x/sites/${CODE}/gkml`).pathname.replace(`/sites/${CODE}/`, '');
    expect(fs.existsSync(path.join(dataDir, 'public', CODE, target))).toBe(true);
    // Every category of the standard structure is offered, with the guide and the request pages.
    expect(res.body).toContain('行政法规、规章和规范性文件');
    expect(res.body).toContain('href="gkzn"');
    expect(res.body).toContain('href="ysqgk"');
  });

  it('browses by topic, org and year and searches by title, 文号, 索引号 and date', async () => {
    const titles = async (q: string) => {
      const res = await page(q);
      expect(res.statusCode, q).toBe(200);
      return ['示例市城乡居民医疗保险办法', '示例市义务教育学校招生办法'].filter((x) => res.body.includes(`>${x}</a>`));
    };
    expect(await titles(`?topic=${encodeURIComponent('教育')}`), 'topic').toEqual(['示例市义务教育学校招生办法']);
    expect(await titles('?year=2026'), 'year').toEqual(['示例市城乡居民医疗保险办法']);
    expect(await titles(`?org=${sponsorOrgId}`)).toHaveLength(2);
    expect(await titles(`?q=${encodeURIComponent('招生 办法')}`)).toEqual(['示例市义务教育学校招生办法']);
    expect(await titles(`?wh=${encodeURIComponent('〔2026〕3')}`)).toEqual(['示例市城乡居民医疗保险办法']);
    expect(await titles(`?sy=${encodeURIComponent(`${creditCode}-01/2026-00001`)}`)).toEqual(['示例市城乡居民医疗保险办法']);
    expect(await titles(`?sy=${encodeURIComponent(`${creditCode.toLowerCase()}-01/2026-00001`)}`)).toEqual(['示例市城乡居民医疗保险办法']);
    expect(await titles('?from=2025-01-01&to=2025-12-31')).toEqual(['示例市义务教育学校招生办法']);
    expect(await titles('?category=art20.7')).toEqual([]);
    // LIKE wildcards are text, not patterns.
    expect(await titles('?wh=%25')).toEqual([]);
    expect(await titles('?q=_')).toEqual([]);
  });

  it('answers hostile queries with 400 and the reasons, never 500', async () => {
    const hostile = [
      '?year=abc',
      '?from=2026-02-30',
      '?from=2026-03-01&to=2026-01-01',
      '?page=0',
      '?page=99999999999999999999',
      `?q=${'长'.repeat(51)}`,
      '?q=%00',
      '?category=../../etc',
      '?topic=a&topic=b',
      '?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&year=x',
      '?wh=%E0%A4%A',
    ];
    for (const q of hostile) {
      const res = await page(q);
      expect(res.statusCode, q).toBeLessThan(500);
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
    const refused = await page('?year=abc&from=2026-02-30');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('年份应为四位数字');
    expect(refused.body).toContain('起始日期应为有效日期');
    expect((await t.app.inject({ method: 'GET', url: '/sites/0000000000/gkml' })).statusCode).toBe(404);
    // A site only monitored here (hosted elsewhere) has no pages of ours, whatever its code.
    await buildSite(t.deps, { hosting: 'external', code: '9901000089', baseUrl: 'https://wb.example-city.gov.cn/', status: 'active' });
    for (const p of ['gkml', 'gkzn', 'ysqgk', 'ysqgkcx', 'search'])
      expect((await t.app.inject({ method: 'GET', url: `/sites/9901000089/${p}` })).statusCode, p).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/sites/..%2F..%2Fetc/gkml' })).statusCode).toBe(404);
  });

  it('takes a retracted article out at once, and unmapped columns out at the next full build', async () => {
    await retractArticle(t.deps, asActor(room.leader), ids.school!, { reason: '已被新办法替代' });
    expect(await publishArticleChange(t.deps, ids.school!)).toBe('removed');
    expect((await entries()).map((r) => r.title)).toEqual(['示例市城乡居民医疗保险办法']);

    await updateColumn(t.deps, factoryActor, room.site.id, room.columns.policy.id, { catalogueCategory: null });
    await publishSite(t.deps, room.site.id);
    expect(await entries()).toEqual([]);
    await updateColumn(t.deps, factoryActor, room.site.id, room.columns.policy.id, { catalogueCategory: 'art20.1' });
    await publishSite(t.deps, room.site.id);
    expect((await entries()).map((r) => r.title)).toEqual(['示例市城乡居民医疗保险办法']);
  });
});

describe('the 政府信息公开指南', () => {
  const guide = {
    officeName: '示例市教育和体育局办公室',
    address: '示例市东区人民街 1 号',
    postalCode: '617000',
    officeHours: '工作日 8:30—12:00，14:30—18:00',
    phone: '0812-1234567',
    fax: '0812-1234568',
    webContact: 'jtj@example-city.gov.cn',
    arrangement: '本机关的政府信息按政府信息公开目录分类编排。\n每条信息列明索引号。',
    obtaining: '主动公开的信息可在本网站查阅。',
  };

  it('is edited by the site’s disclosure officer, audited, and shown on the public page', async () => {
    const officer = await buildUser(t.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }] });
    const s = await loginAs(t.app, officer.username);
    const url = `/api/disclosure/guides/${room.site.id}`;
    expect((await s.request({ method: 'GET', url })).json()).toMatchObject({ orgId: sponsorOrgId, officeName: null });
    const saved = await s.request({ method: 'PUT', url, payload: guide });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ officeName: guide.officeName, fax: guide.fax });
    const audit = await t.deps.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'disclosure.guide.save')
      .execute();
    expect(audit).toHaveLength(1);

    const res = await t.app.inject({ method: 'GET', url: `/sites/${CODE}/gkzn` });
    expect(res.statusCode).toBe(200);
    for (const v of [guide.officeName, guide.address, guide.officeHours, guide.phone, guide.fax, guide.webContact, '每条信息列明索引号。'])
      expect(res.body).toContain(v);
    expect(res.body).toContain('href="gkml"');
  });

  it('refuses bad fields with a message per field, stores nothing, and refuses other sites’ staff', async () => {
    const officer = await buildUser(t.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }] });
    const s = await loginAs(t.app, officer.username);
    const url = `/api/disclosure/guides/${room.site.id}`;
    const before = (await s.request({ method: 'GET', url })).json();
    const bad = await s.request({
      method: 'PUT',
      url,
      payload: { ...guide, phone: '<script>', postalCode: '12', officeName: '', fax: 'x'.repeat(65), extra: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const bad2 = await s.request({ method: 'PUT', url, payload: { ...guide, phone: '<script>', postalCode: '12', officeName: '' } });
    expect(bad2.statusCode).toBe(400);
    expect(
      bad2
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['officeName', 'phone', 'postalCode']);
    expect((await s.request({ method: 'GET', url })).json()).toEqual(before);

    const other = await buildSite(t.deps);
    const stranger = await buildUser(t.deps, { grants: [{ role: 'disclosureOfficer', siteId: other.id }] });
    const x = await loginAs(t.app, stranger.username);
    expect((await x.request({ method: 'PUT', url, payload: guide })).statusCode).toBe(403);
    expect((await x.request({ method: 'GET', url })).statusCode).toBe(403);
    expect((await x.request({ method: 'GET', url: `/api/disclosure/catalogue/${room.site.id}` })).statusCode).toBe(403);
  });

  it('feeds the office’s coverage view: what each category has and what is missing', async () => {
    const officer = await buildUser(t.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }] });
    const s = await loginAs(t.app, officer.username);
    const res = await s.request({ method: 'GET', url: `/api/disclosure/catalogue/${room.site.id}` });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    const by = new Map(view.categories.map((c: { code: string }) => [c.code, c]));
    expect(by.get('art20.1')).toMatchObject({ items: 1, problems: [], columns: [{ id: room.columns.policy.id, name: '政策文件' }] });
    expect(by.get('guide')).toMatchObject({ problems: [] });
    expect(by.get('annualReport')).toMatchObject({ problems: ['没有栏目对应政府信息公开年报'] });
    expect(view.problemCount).toBeGreaterThan(10);
  });

  it('gives the supervision office every hosted site’s catalogue, the least complete first; officers may not', async () => {
    const supervisor = await buildUser(t.deps, { grants: [{ role: 'supervisor' }] });
    const s = await loginAs(t.app, supervisor.username);
    const res = await s.request({ method: 'GET', url: '/api/disclosure/catalogue' });
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((i: { siteId: string }) => i.siteId === room.site.id);
    expect(mine).toMatchObject({ items: 1, missing: expect.arrayContaining(['政府信息公开年报']) });
    expect(mine.problemCount).toBe(mine.missing.length);
    // A supervisor may open any site's coverage, but not edit its guide.
    expect((await s.request({ method: 'GET', url: `/api/disclosure/catalogue/${room.site.id}` })).statusCode).toBe(200);
    expect((await s.request({ method: 'PUT', url: `/api/disclosure/guides/${room.site.id}`, payload: guide })).statusCode).toBe(403);

    const officer = await buildUser(t.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }] });
    const o = await loginAs(t.app, officer.username);
    expect((await o.request({ method: 'GET', url: '/api/disclosure/catalogue' })).statusCode).toBe(403);
  });
});

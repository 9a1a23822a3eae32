import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSite, updateSite } from '#server/sites/index.ts';
import { activateSite, buildColumn, buildOrg, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestApp, loginAs, type TestApp } from '#test/http.ts';

describe('site rules', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  const live = { status: 'active' as const, code: '5104000001', domains: ['jyj.shili.gov.cn'] };

  it('refuses a second live hosted site for the same org and writes nothing', async () => {
    const org = await buildOrg(t.deps, { level: 'department', name: '示例市教育局' });
    await buildSite(t.deps, { sponsorOrgId: org.id, name: '示例市教育局网站', ...live });
    const eventsBefore = await t.deps.db.kysely
      .selectFrom('audit_events')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(buildSite(t.deps, { sponsorOrgId: org.id, name: '教育局第二网站', ...live, code: '5104000002' })).rejects.toMatchObject({
      code: 'GK_ERR_SITE_RULE',
      fields: [{ field: 'sponsorOrgId', message: '示例市教育局已有运行中的网站「示例市教育局网站」，一个单位原则上只能开设一个网站' }],
    });
    const sites = await t.deps.db.kysely.selectFrom('sites').select('name').where('sponsor_org_id', '=', org.id).execute();
    expect(sites.map((s) => s.name)).toEqual(['示例市教育局网站']);
    const eventsAfter = await t.deps.db.kysely
      .selectFrom('audit_events')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfter.n)).toBe(Number(eventsBefore.n));
  });

  it('allows a planned replacement site and refuses activating it while the old one is live', async () => {
    const org = await buildOrg(t.deps, { level: 'department' });
    await buildSite(t.deps, { sponsorOrgId: org.id, ...live });
    const next = await buildSite(t.deps, { sponsorOrgId: org.id, status: 'planned' });
    await expect(activateSite(t.deps, next.id, { code: '5104000009', domains: ['jyj2.shili.gov.cn'] })).rejects.toMatchObject({
      code: 'GK_ERR_SITE_RULE',
    });
    // The status moves only through the lifecycle steps, never by an edit.
    await expect(updateSite(t.deps, factoryActor, next.id, { status: 'active' })).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      fields: [{ field: 'status', message: '网站状态只能通过“集约化”中的生命周期步骤变更' }],
    });
  });

  it('refuses sites for county departments and townships, unless configured otherwise', async () => {
    const county = await buildOrg(t.deps, { level: 'county', name: '示例县人民政府' });
    const countyDept = await buildOrg(t.deps, { level: 'department', parentId: county.id, name: '示例县农业农村局' });
    const township = await buildOrg(t.deps, { level: 'township', parentId: county.id, name: '示例镇人民政府' });
    await expect(buildSite(t.deps, { sponsorOrgId: countyDept.id })).rejects.toMatchObject({
      fields: [{ field: 'sponsorOrgId', message: '县级政府部门不单独开设网站，应使用县（区）政府门户网站' }],
    });
    await expect(buildSite(t.deps, { sponsorOrgId: township.id })).rejects.toMatchObject({ code: 'GK_ERR_SITE_RULE' });
    // An external site is registered to be monitored whatever it breaks.
    const ext = await buildSite(t.deps, { sponsorOrgId: countyDept.id, hosting: 'external', baseUrl: 'http://nyj.example.test/' });
    expect(ext.hosting).toBe('external');

    const relaxed = await createTestApp({ config: { GONGKAI_ALLOW_COUNTY_DEPARTMENT_SITES: 'true' } });
    try {
      const c2 = await buildOrg(relaxed.deps, { level: 'county' });
      const d2 = await buildOrg(relaxed.deps, { level: 'department', parentId: c2.id });
      expect((await buildSite(relaxed.deps, { sponsorOrgId: d2.id })).status).toBe('planned');
    } finally {
      await relaxed.close();
    }
  });

  it('checks identity fields: site code form, uniqueness, government domains, portal sponsors', async () => {
    const city = await buildOrg(t.deps, { level: 'city' });
    const dept = await buildOrg(t.deps, { level: 'department' });
    await expect(
      createSite(t.deps, factoryActor, { name: 'x', kind: 'department', hosting: 'hosted', sponsorOrgId: dept.id, code: '12345' }),
    ).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      fields: [{ field: 'code', message: '网站标识码应为 10 位数字，或 bm 加 8 位数字' }],
    });
    await buildSite(t.deps, { sponsorOrgId: city.id, kind: 'portal', ...live, domains: ['www.shili.gov.cn'] });
    const problems = await buildSite(t.deps, { sponsorOrgId: dept.id, kind: 'portal', ...live, domains: ['shili.com'] }).catch(
      (e: { fields: { field: string }[] }) => e.fields.map((f) => f.field),
    );
    expect(problems).toEqual(['domains', 'kind', 'code']);
    expect(
      (await buildSite(t.deps, { sponsorOrgId: dept.id, code: 'bm29000002', status: 'active', domains: ['jyj.shili.gov.cn'] })).code,
    ).toBe('bm29000002');
  });
});

describe('site and column access', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it("gives an editor of one site 403 on another site's columns", async () => {
    const [a, b] = [await buildSite(t.deps), await buildSite(t.deps)];
    await buildColumn(t.deps, a.id, { name: '通知公告' });
    await buildColumn(t.deps, b.id, { name: '人事信息' });
    const editor = await buildUser(t.deps, { grants: [{ role: 'editor', siteId: a.id }] });
    const s = await loginAs(t.app, editor.username);
    const own = await s.request({ method: 'GET', url: `/api/sites/${a.id}/columns` });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((c: { name: string }) => c.name)).toEqual(['通知公告']);
    const other = await s.request({ method: 'GET', url: `/api/sites/${b.id}/columns` });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toEqual({ code: 'GK_ERR_FORBIDDEN', message: '没有权限执行此操作' });
    expect(
      (await s.request({ method: 'POST', url: `/api/sites/${a.id}/columns`, payload: { name: 'x', slug: 'x', freshnessClass: 'news' } }))
        .statusCode,
    ).toBe(403);
  });

  it('lists only the sites a user works on', async () => {
    const [a] = [await buildSite(t.deps), await buildSite(t.deps)];
    const editor = await buildUser(t.deps, { grants: [{ role: 'editor', siteId: a.id }] });
    const s = await loginAs(t.app, editor.username);
    const list = await s.request({ method: 'GET', url: '/api/sites' });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
  });

  it('lets a site admin build the column tree of the own site, with freshness derived from the class', async () => {
    const site = await buildSite(t.deps);
    const admin = await buildUser(t.deps, { grants: [{ role: 'siteAdmin', siteId: site.id }] });
    const s = await loginAs(t.app, admin.username);
    const post = (payload: object) => s.request({ method: 'POST', url: `/api/sites/${site.id}/columns`, payload });
    const parent = await post({ name: '政务公开', slug: 'zwgk', freshnessClass: 'none' });
    expect(parent.statusCode).toBe(201);
    const child = await post({ name: '通知公告', slug: 'tzgg', freshnessClass: 'notice', parentId: parent.json().id });
    expect(child.json()).toMatchObject({ freshnessDays: 183, parentId: parent.json().id });
    const custom = await post({ name: '专题', slug: 'zt', freshnessClass: 'custom', freshnessDays: 30 });
    expect(custom.json().freshnessDays).toBe(30);
    expect((await post({ name: '专题2', slug: 'zt2', freshnessClass: 'custom' })).json().fields[0].field).toBe('freshnessDays');
    expect((await post({ name: '重复', slug: 'zwgk', freshnessClass: 'news' })).json().fields[0].message).toBe(
      '栏目路径已被「政务公开」使用',
    );
    // Moving a column under its own child is refused.
    const loop = await s.request({
      method: 'PATCH',
      url: `/api/sites/${site.id}/columns/${parent.json().id}`,
      payload: { parentId: child.json().id },
    });
    expect(loop.statusCode).toBe(400);
    // Closing asks for a reason and keeps the row.
    expect(
      (await s.request({ method: 'POST', url: `/api/sites/${site.id}/columns/${custom.json().id}/close`, payload: {} })).statusCode,
    ).toBe(400);
    const closed = await s.request({
      method: 'POST',
      url: `/api/sites/${site.id}/columns/${custom.json().id}/close`,
      payload: { reason: '专题活动已结束' },
    });
    expect(closed.json().status).toBe('closed');
    // The site admin may not change the site's status or sponsor.
    expect((await s.request({ method: 'PATCH', url: `/api/sites/${site.id}`, payload: { status: 'closed' } })).statusCode).toBe(403);
    expect(
      (await s.request({ method: 'PATCH', url: `/api/sites/${site.id}`, payload: { icpNumber: '蜀ICP备00000001号' } })).statusCode,
    ).toBe(200);
  });

  it('answers hostile input with 400 and field messages, never a 500', async () => {
    const platform = await buildUser(t.deps, { grants: [{ role: 'platformAdmin' }] });
    const s = await loginAs(t.app, platform.username);
    const bodies: unknown[] = [
      { name: 'x'.repeat(201), kind: 'portal', hosting: 'hosted', sponsorOrgId: 'a' },
      { name: '<script>alert(1)</script>', kind: 'evil', hosting: 'hosted', sponsorOrgId: 'a' },
      { name: 'n', kind: 'portal', hosting: 'hosted', sponsorOrgId: 'a', unknownField: true },
      { name: 'n', kind: 'portal', hosting: 'external', sponsorOrgId: 'a', baseUrl: 'javascript:alert(1)' },
      { name: "'; drop table sites; --", kind: 'department', hosting: 'hosted', sponsorOrgId: "' or 1=1 --" },
      [],
      'text',
      null,
    ];
    for (const payload of bodies) {
      const r = await s.request({ method: 'POST', url: '/api/sites', payload: payload as object });
      expect(r.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, JSON.stringify(payload)).toBeLessThan(500);
      expect(typeof r.json().code).toBe('string');
    }
    expect((await s.request({ method: 'GET', url: '/api/sites?status=bogus' })).statusCode).toBe(400);
    const long = await s.request({ method: 'GET', url: `/api/sites/${'x'.repeat(500)}/columns` });
    expect(long.statusCode).toBe(414);
    expect(long.json().code).toBe('GK_ERR_URI_TOO_LONG');
    expect((await s.request({ method: 'GET', url: `/api/sites/${'x'.repeat(60)}/columns` })).json().code).toBe('GK_ERR_VALIDATION');
  });
});

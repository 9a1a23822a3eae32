import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantRole } from '#server/accounts/index.ts';
import { buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';

describe('三员分立: system, security and audit administrators', () => {
  let t: TestApp;
  let sys: Session;
  let sec: Session;
  let aud: Session;
  let targetId: string;

  beforeEach(async () => {
    t = await createTestApp();
    const [a, b, c, target] = await Promise.all([
      buildUser(t.deps, { grants: [{ role: 'platformAdmin' }] }),
      buildUser(t.deps, { grants: [{ role: 'securityAdmin' }] }),
      buildUser(t.deps, { grants: [{ role: 'auditor' }] }),
      buildUser(t.deps),
    ]);
    targetId = target.id;
    [sys, sec, aud] = await Promise.all([loginAs(t.app, a.username), loginAs(t.app, b.username), loginAs(t.app, c.username)]);
  });
  afterEach(async () => t.close());

  const reading = { method: 'GET' as const, url: '/api/audit/events' };
  const exporting = { method: 'GET' as const, url: '/api/audit/export' };
  const policy = {
    method: 'PUT' as const,
    url: '/api/security/policy',
    payload: {
      passwordMinLength: 10,
      passwordMinClasses: 3,
      passwordMaxAgeDays: 90,
      passwordHistory: 5,
      lockoutThreshold: 5,
      lockoutMinutes: 10,
      idleTimeoutMinutes: 15,
      absoluteTimeoutHours: 12,
    },
  };
  const grant = () => ({ method: 'POST' as const, url: `/api/users/${targetId}/grants`, payload: { role: 'supervisor' } });
  const createUser = { method: 'POST' as const, url: '/api/users', payload: { username: 'newbie', displayName: '新用户' } };
  const createOrg = { method: 'POST' as const, url: '/api/orgs', payload: { name: '示例市档案馆', level: 'department' } };

  it('lets the system administrator manage users and orgs but not read the audit log, set policy or grant roles', async () => {
    expect((await sys.request(createUser)).statusCode).toBe(201);
    expect((await sys.request(createOrg)).statusCode).toBe(201);
    for (const r of [reading, exporting, policy, grant()]) expect((await sys.request(r)).statusCode).toBe(403);
  });

  it('lets the security administrator set policy and grant roles but not read the audit log or create users', async () => {
    expect((await sec.request(policy)).statusCode).toBe(200);
    expect((await sec.request(grant())).statusCode).toBe(201);
    for (const r of [reading, exporting, createUser, createOrg]) expect((await sec.request(r)).statusCode).toBe(403);
  });

  it('lets the auditor only read and export the audit log', async () => {
    const list = await aud.request(reading);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    const csv = await aud.request(exporting);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('accounts.login');
    for (const r of [policy, grant(), createUser, createOrg]) expect((await aud.request(r)).statusCode).toBe(403);
  });

  it('gives none of the three any content or column permission', async () => {
    const site = await buildSite(t.deps);
    const me = await Promise.all([sys, sec, aud].map((s) => s.request({ method: 'GET', url: '/api/auth/me' })));
    for (const r of me) {
      const perms: string[] = r.json().user.permissions;
      expect(perms.filter((p) => p.startsWith('content.'))).toEqual([]);
    }
    expect((await sec.request({ method: 'GET', url: `/api/sites/${site.id}/columns` })).statusCode).toBe(403);
    expect((await aud.request({ method: 'GET', url: `/api/sites/${site.id}/columns` })).statusCode).toBe(403);
  });

  it('refuses to give one of the three any other role, and vice versa', async () => {
    const site = await buildSite(t.deps);
    const admin = await buildUser(t.deps, { grants: [{ role: 'platformAdmin' }] });
    await expect(grantRole(t.deps, factoryActor, admin.id, { role: 'auditor' })).rejects.toMatchObject({
      code: 'GK_ERR_SEPARATION_OF_DUTIES',
    });
    await expect(grantRole(t.deps, factoryActor, admin.id, { role: 'editor', siteId: site.id })).rejects.toMatchObject({
      code: 'GK_ERR_SEPARATION_OF_DUTIES',
    });
    const editor = await buildUser(t.deps, { grants: [{ role: 'editor', siteId: site.id }] });
    await expect(grantRole(t.deps, factoryActor, editor.id, { role: 'securityAdmin' })).rejects.toMatchObject({
      code: 'GK_ERR_SEPARATION_OF_DUTIES',
    });
  });

  it('refuses a site role without a site and a platform role with one', async () => {
    const site = await buildSite(t.deps);
    const u = await buildUser(t.deps);
    await expect(grantRole(t.deps, factoryActor, u.id, { role: 'editor' })).rejects.toMatchObject({ code: 'GK_ERR_SEPARATION_OF_DUTIES' });
    await expect(grantRole(t.deps, factoryActor, u.id, { role: 'supervisor', siteId: site.id })).rejects.toMatchObject({
      code: 'GK_ERR_SEPARATION_OF_DUTIES',
    });
  });

  it('applies a policy change from the security administrator to the next login', async () => {
    await sec.request(policy);
    const u = await buildUser(t.deps);
    const s = await loginAs(t.app, u.username);
    const me = await s.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.session.idleTimeoutMinutes).toBe(15);
  });

  it('rejects an out-of-range policy with the field named', async () => {
    const r = await sec.request({ ...policy, payload: { ...policy.payload, lockoutThreshold: 0, passwordMinLength: 4 } });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['lockoutThreshold', 'passwordMinLength']);
  });

  it('lets the security administrator unlock a locked account', async () => {
    const u = await buildUser(t.deps);
    for (let i = 0; i < 5; i++)
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'bad' } });
    const users = await sec.request({ method: 'GET', url: '/api/users' });
    expect(users.json().items.find((x: { id: string }) => x.id === u.id).lockedUntil).not.toBeNull();
    expect((await sys.request({ method: 'POST', url: `/api/users/${u.id}/unlock` })).statusCode).toBe(403);
    expect((await sec.request({ method: 'POST', url: `/api/users/${u.id}/unlock` })).statusCode).toBe(200);
    await loginAs(t.app, u.username);
  });
});

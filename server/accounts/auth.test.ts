import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '#test/factories.ts';
import { createTestApp, loginAs, type TestApp } from '#test/http.ts';

describe('logging in', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  const attempt = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('opens a session with an httpOnly SameSite=Strict cookie and reports the previous login', async () => {
    const u = await buildUser(t.deps);
    const first = await attempt(u.username, TEST_PASSWORD);
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === 'gk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(first.json().lastLogin).toBeNull();

    t.deps.clock.advance(3_600_000);
    const second = await attempt(u.username, TEST_PASSWORD);
    expect(second.json().lastLogin).toEqual({ at: '2026-11-27T01:00:00.000Z', ip: '127.0.0.1' });
  });

  it('locks the account after five wrong passwords, says when to retry, and lets the user in after ten minutes', async () => {
    const u = await buildUser(t.deps);
    for (let i = 1; i <= 4; i++) {
      const r = await attempt(u.username, 'wrong-password');
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'GK_ERR_BAD_CREDENTIALS', details: { remainingAttempts: 5 - i } });
    }
    const fifth = await attempt(u.username, 'wrong-password');
    expect(fifth.statusCode).toBe(423);
    // 01:00Z is 09:00 in Beijing; the lock ends ten minutes later.
    expect(fifth.json()).toMatchObject({ code: 'GK_ERR_ACCOUNT_LOCKED', message: '账号已锁定，请于 2026-11-27 09:10 后重试' });

    const whileLocked = await attempt(u.username, TEST_PASSWORD);
    expect(whileLocked.statusCode).toBe(423);

    t.deps.clock.advance(9 * 60_000);
    expect((await attempt(u.username, TEST_PASSWORD)).statusCode).toBe(423);
    t.deps.clock.advance(61_000);
    expect((await attempt(u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('records failed and successful logins in the audit log', async () => {
    const u = await buildUser(t.deps);
    await attempt(u.username, 'nope');
    await attempt(u.username, TEST_PASSWORD);
    const rows = await t.deps.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'result'])
      .where('target_id', '=', u.id)
      .orderBy('seq')
      .execute();
    expect(rows.filter((r) => r.action === 'accounts.login').map((r) => r.result)).toEqual(['failure', 'success']);
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const r = await attempt('nobody-here', 'whatever');
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('GK_ERR_BAD_CREDENTIALS');
  });

  it('refuses a disabled account even with the right password', async () => {
    const u = await buildUser(t.deps);
    await t.deps.db.kysely.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute();
    const r = await attempt(u.username, TEST_PASSWORD);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('GK_ERR_ACCOUNT_DISABLED');
  });

  it('rejects malformed login bodies with field messages and no session', async () => {
    for (const payload of [
      {},
      { username: 'a' },
      { username: 'a', password: 'b', extra: 1 },
      { username: 1, password: [] },
      { username: 'x'.repeat(65), password: 'p' },
    ]) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('GK_ERR_VALIDATION');
      expect(r.json().fields.length).toBeGreaterThan(0);
      expect(r.cookies).toHaveLength(0);
    }
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.ts|SELECT|stack/i);
  });
});

describe('sessions', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('ends a session idle for more than 30 minutes', async () => {
    const u = await buildUser(t.deps);
    const s = await loginAs(t.app, u.username);
    t.deps.clock.advance(29 * 60_000);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    t.deps.clock.advance(29 * 60_000);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    t.deps.clock.advance(31 * 60_000);
    const r = await s.request({ method: 'GET', url: '/api/auth/me' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('GK_ERR_SESSION_EXPIRED');
    // An ended session stays ended even if the clock is wound back.
    t.deps.clock.advance(-31 * 60_000);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('ends an active session after the absolute cap of 12 hours', async () => {
    const u = await buildUser(t.deps);
    const s = await loginAs(t.app, u.username);
    for (let i = 0; i < 36; i++) {
      t.deps.clock.advance(20 * 60_000);
      expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    }
    t.deps.clock.advance(20 * 60_000);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const u = await buildUser(t.deps);
    const s = await loginAs(t.app, u.username);
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { gk_session: s.cookie } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('GK_ERR_CSRF');
    const wrong = await s.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    expect((await s.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('answers 401 without a cookie and with a made-up one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { gk_session: 'x'.repeat(43) } })).statusCode).toBe(401);
  });
});

describe('password policy', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  const change = (s: Awaited<ReturnType<typeof loginAs>>, currentPassword: string, newPassword: string) =>
    s.request({ method: 'POST', url: '/api/auth/change-password', payload: { currentPassword, newPassword } });

  it('forces a new user to change the one-time password before doing anything else', async () => {
    const u = await buildUser(t.deps, { mustChangePassword: true, grants: [{ role: 'supervisor' }] });
    const s = await loginAs(t.app, u.username);
    const me = await s.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.mustChangePassword).toBe(true);
    const blocked = await s.request({ method: 'GET', url: '/api/orgs' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('GK_ERR_PASSWORD_CHANGE_REQUIRED');
    expect((await change(s, TEST_PASSWORD, 'Xinmima@2026')).statusCode).toBe(200);
    expect((await s.request({ method: 'GET', url: '/api/orgs' })).statusCode).toBe(200);
  });

  it('rejects short, single-class and username-containing passwords, listing every reason', async () => {
    const u = await buildUser(t.deps, { username: 'zhangsan' });
    const s = await loginAs(t.app, u.username);
    const r = await change(s, TEST_PASSWORD, 'abc');
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('GK_ERR_PASSWORD_POLICY');
    expect(r.json().fields.map((f: { message: string }) => f.message)).toEqual([
      '密码长度至少 8 位',
      '密码须包含大写字母、小写字母、数字、特殊字符中的至少 3 类',
    ]);
    const withName = await change(s, TEST_PASSWORD, 'Zhangsan#2026');
    expect(withName.json().fields.map((f: { message: string }) => f.message)).toEqual(['密码不能包含用户名']);
    expect((await change(s, TEST_PASSWORD, 'Abcdefg1')).statusCode).toBe(200);
  });

  it('refuses any of the last five passwords', async () => {
    const u = await buildUser(t.deps);
    const s = await loginAs(t.app, u.username);
    const seq = ['Mima#0001', 'Mima#0002', 'Mima#0003', 'Mima#0004', 'Mima#0005'];
    let current = TEST_PASSWORD;
    for (const p of seq) {
      expect((await change(s, current, p)).statusCode).toBe(200);
      current = p;
    }
    // History now holds 0002…0005 and the current 0005 plus 0001 — all five recent ones are refused.
    const reuse = await change(s, current, 'Mima#0001');
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().fields[0].message).toBe('不能与最近 5 次使用过的密码相同');
    // The initial password is now six changes old and may come back.
    expect((await change(s, current, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('requires a change once the password is older than 90 days', async () => {
    const u = await buildUser(t.deps, { grants: [{ role: 'supervisor' }] });
    t.deps.clock.advance(91 * 86_400_000);
    const s = await loginAs(t.app, u.username);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).json().user.passwordExpired).toBe(true);
    expect((await s.request({ method: 'GET', url: '/api/orgs' })).json().code).toBe('GK_ERR_PASSWORD_CHANGE_REQUIRED');
  });

  it('checks the current password before changing it', async () => {
    const u = await buildUser(t.deps);
    const s = await loginAs(t.app, u.username);
    const r = await change(s, 'not-my-password', 'Xinmima@2026');
    expect(r.statusCode).toBe(401);
    expect(r.json().fields[0].field).toBe('currentPassword');
  });
});

import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildUser } from '#test/factories.ts';
import { createTestApp, loginAs, type TestApp } from '#test/http.ts';
import { createLogger } from '../logger.ts';

describe('the HTTP application', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('answers /healthz and publishes an OpenAPI document of the API', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/sites/{siteId}/columns', '/api/audit/events', '/api/users/{id}/grants']),
    );
    expect(doc.paths['/api/orgs'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('creditCode');
  });

  it('sends security headers and never caches API answers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-request-id']).toBeTruthy();
  });

  it('answers unknown routes and methods with coded Chinese errors', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ code: 'GK_ERR_NOT_FOUND', message: '找不到请求的内容' });
  });

  it('rejects a malformed credit code and unknown fields with field-level messages', async () => {
    const admin = await buildUser(t.deps, { grants: [{ role: 'platformAdmin' }] });
    const s = await loginAs(t.app, admin.username);
    const bad = await s.request({
      method: 'POST',
      url: '/api/orgs',
      payload: { name: '示例市统计局', level: 'department', creditCode: '11990100MB0000001X', color: 'red' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual(
      expect.arrayContaining([
        { field: 'creditCode', message: '统一社会信用代码格式或校验位不正确' },
        { field: 'color', message: '不允许的字段' },
      ]),
    );
    const ok = await s.request({
      method: 'POST',
      url: '/api/orgs',
      payload: { name: '示例市统计局', level: 'department', creditCode: '91350100M000100Y43' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('rejects bodies over 1 MiB and wrong content types without a 500', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(1_100_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('GK_ERR_PAYLOAD_TOO_LARGE');
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
  });
});

describe('logs', () => {
  it('redact passwords, tokens and personal data wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      { password: 'Secret#1', body: { newPassword: 'Secret#2', idNumber: '110101199003074514', phone: '13800138000' }, csrfToken: 'tok' },
      'x',
    );
    const out = lines.join('');
    for (const secret of ['Secret#1', 'Secret#2', '110101199003074514', '13800138000', '"tok"']) expect(out).not.toContain(secret);
    expect(out).toContain('[已隐藏]');
  });
});

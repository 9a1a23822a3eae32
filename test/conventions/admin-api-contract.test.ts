/**
 * The admin's API client is checked against the server's OpenAPI document: every request any
 * client function makes must be a route the server declares, with the same method. Renaming
 * or removing a route without changing the admin (or the reverse) fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#test/http.ts';

const API_DIR = path.resolve(import.meta.dirname, '../../admin/src/api');

describe('the admin API client', () => {
  let t: TestApp;
  let routes: { method: string; pattern: RegExp; path: string }[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => ({
        method: m.toUpperCase(),
        path: p,
        pattern: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
      })),
    );
  });
  afterAll(async () => t.close());

  it('calls only routes the server declares, with their methods', async () => {
    const calls: { method: string; path: string; fn: string }[] = [];
    let current = '';
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://admin.local');
      calls.push({ method: (init?.method ?? 'GET').toUpperCase(), path: url.pathname, fn: current });
      return new Response('{"items":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    try {
      for (const file of fs.readdirSync(API_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'client.ts')) {
        const mod = (await import(path.join(API_DIR, file))) as Record<string, unknown>;
        for (const [name, fn] of Object.entries(mod)) {
          if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue;
          current = `${file}:${name}`;
          // Dummy arguments: ids become "x", bodies become empty objects the server would validate.
          const args = Array.from({ length: Math.max(1, (fn as (...a: unknown[]) => unknown).length) }, (_, i) => (i === 0 ? 'x' : {}));
          await Promise.resolve((fn as (...a: unknown[]) => unknown)(...args)).catch(() => undefined);
        }
      }
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(calls.length).toBeGreaterThan(10);
    // Generic helpers that take the path as an argument were called with a dummy one: skip those.
    const unknown = calls.filter((c) => c.path.startsWith('/api/') && !routes.some((r) => r.method === c.method && r.pattern.test(c.path)));
    expect(unknown.map((c) => `${c.fn} → ${c.method} ${c.path}`)).toEqual([]);
  });
});

/** HTTP test support: the real app over a test database, and logging in through the API. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createHttpApp } from '#server/composition.ts';
import { createTestDeps, type TestDeps } from './support.ts';
import { TEST_PASSWORD } from './factories.ts';

export interface TestApp {
  deps: TestDeps;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function createTestApp(opts: Parameters<typeof createTestDeps>[0] = {}): Promise<TestApp> {
  const deps = await createTestDeps(opts);
  const app = await createHttpApp(deps, { admin: false });
  return {
    deps,
    app,
    async close() {
      await app.close();
      await deps.db.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Sends a request as this user, with the session cookie and CSRF header. */
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** Logs in through POST /api/auth/login; throws with the response body when it fails. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode}: ${res.body}`);
  const raw = res.cookies.find((c) => c.name === 'gk_session');
  if (!raw) throw new Error('no session cookie');
  const cookie = raw.value;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrf,
    request: (o) =>
      app.inject({ ...o, cookies: { gk_session: cookie, ...(o.cookies ?? {}) }, headers: { 'x-csrf-token': csrf, ...(o.headers ?? {}) } }),
  };
}

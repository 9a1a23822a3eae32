/**
 * Authentication, CSRF and access declarations for every route. Each route declares its
 * `config.access`: `public` (no session), `session` (default for /api: logged in, password
 * current) or `passwordChange` (logged in, allowed while a password change is pending).
 * The session itself is resolved by an authenticator that the accounts room provides.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Origin } from '../actor.ts';
import { Errors } from '../errors.ts';

export type RouteAccess = 'public' | 'session' | 'passwordChange';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

export interface RequestAuth {
  actor: Actor;
  csrfToken: string;
  passwordChangeRequired: boolean;
  /** The authenticator's own record of the session (the accounts room reads it back). */
  state: unknown;
}

export type Authenticator = (token: string, origin: Origin) => Promise<RequestAuth>;

export const SESSION_COOKIE = 'gk_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originOf(req: FastifyRequest): Origin {
  return { requestId: String(req.id), ip: req.ip ?? null };
}

/** The authenticated request's auth; routes with access `session` can rely on it. */
export function authOf(req: FastifyRequest): RequestAuth {
  if (!req.auth) throw Errors.unauthenticated();
  return req.auth;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuth(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (req) => {
    const access: RouteAccess = req.routeOptions.config.access ?? (req.url.startsWith('/api/') ? 'session' : 'public');
    // Unknown routes answer 404 whoever asks; the route list is public in the OpenAPI document anyway.
    if (access === 'public' || req.is404) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw Errors.unauthenticated();
    const auth = await authenticator(token, originOf(req));
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, auth.csrfToken)) throw Errors.csrf();
    }
    if (access === 'session' && auth.passwordChangeRequired) throw Errors.passwordChangeRequired();
    req.auth = auth;
  });
}

/** HTTP surface of the accounts room. Thin: parse, call one command, present. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordSchema,
  CreateOrgSchema,
  CreateUserSchema,
  GrantRoleSchema,
  LoginSchema,
  UpdateOrgSchema,
} from '../../common/schemas/accounts.ts';
import type { Deps } from '../platform/deps.ts';
import { authOf, originOf, SESSION_COOKIE, type Authenticator, type RequestAuth } from '../platform/http/auth.ts';
import {
  authenticate,
  changeOwnPassword,
  currentUserView,
  login,
  logout,
  mustChangePassword,
  type Authenticated,
} from './commands/auth.ts';
import { createOrg, listOrgs, updateOrg } from './commands/orgs.ts';
import { getSecurityPolicy, updateSecurityPolicy } from './commands/security-policy.ts';
import { createUser, listUsers, resetPassword, setUserDisabled, unlockUser } from './commands/users.ts';
import { grantRole, revokeRole } from './commands/grants.ts';
import { SecurityPolicySchema } from './rules/security-policy.ts';

/** The authenticator the HTTP layer uses for every non-public route. */
export function sessionAuthenticator(deps: Deps): Authenticator {
  return async (token, origin) => {
    const a = await authenticate(deps, token, origin);
    return { actor: a.actor, csrfToken: a.session.csrf_token, passwordChangeRequired: mustChangePassword(a, deps.clock.now()), state: a };
  };
}

const sessionOf = (auth: RequestAuth): Authenticated => auth.state as Authenticated;

function setSessionCookie(deps: Deps, reply: FastifyReply, token: string | null): void {
  const opts = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.config.secureCookies };
  if (token) reply.setCookie(SESSION_COOKIE, token, opts);
  else reply.clearCookie(SESSION_COOKIE, opts);
}

const IdParams = z.strictObject({ id: z.string().min(1).max(40) });

export async function accountsRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '登录', body: LoginSchema },
    },
    async (req, reply) => {
      const r = await login(deps, req.body, originOf(req), req.headers['user-agent'] ?? null);
      setSessionCookie(deps, reply, r.token);
      return { user: await currentUserView(deps, r), csrfToken: r.session.csrf_token, lastLogin: r.previousLogin };
    },
  );

  app.get('/api/auth/me', { config: { access: 'passwordChange' }, schema: { tags: ['auth'], summary: '当前用户' } }, async (req) => {
    const auth = authOf(req);
    return { user: await currentUserView(deps, sessionOf(auth)), csrfToken: auth.csrfToken };
  });

  app.post(
    '/api/auth/logout',
    { config: { access: 'passwordChange' }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (req, reply) => {
      await logout(deps, sessionOf(authOf(req)));
      setSessionCookie(deps, reply, null);
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/change-password',
    {
      config: { access: 'passwordChange', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '修改本人密码', body: ChangePasswordSchema },
    },
    async (req) => {
      await changeOwnPassword(deps, sessionOf(authOf(req)), req.body);
      return { ok: true };
    },
  );

  app.get('/api/orgs', { schema: { tags: ['orgs'], summary: '单位列表' } }, async (req) => ({
    items: await listOrgs(deps, authOf(req).actor),
  }));
  app.post('/api/orgs', { schema: { tags: ['orgs'], summary: '新建单位', body: CreateOrgSchema } }, async (req, reply) =>
    reply.status(201).send(await createOrg(deps, authOf(req).actor, req.body)),
  );
  app.patch(
    '/api/orgs/:id',
    { schema: { tags: ['orgs'], summary: '修改或移动单位', params: IdParams, body: UpdateOrgSchema } },
    async (req) => updateOrg(deps, authOf(req).actor, req.params.id, req.body),
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: z.strictObject({ orgId: z.string().max(40).optional(), q: z.string().max(64).optional() }),
      },
    },
    async (req) => ({ items: await listUsers(deps, authOf(req).actor, req.query) }),
  );
  app.post('/api/users', { schema: { tags: ['users'], summary: '新建用户', body: CreateUserSchema } }, async (req, reply) =>
    reply.status(201).send(await createUser(deps, authOf(req).actor, req.body)),
  );
  app.post('/api/users/:id/reset-password', { schema: { tags: ['users'], summary: '重置密码', params: IdParams } }, async (req) =>
    resetPassword(deps, authOf(req).actor, req.params.id),
  );
  app.post('/api/users/:id/disable', { schema: { tags: ['users'], summary: '停用账号', params: IdParams } }, async (req) =>
    setUserDisabled(deps, authOf(req).actor, req.params.id, true),
  );
  app.post('/api/users/:id/enable', { schema: { tags: ['users'], summary: '启用账号', params: IdParams } }, async (req) =>
    setUserDisabled(deps, authOf(req).actor, req.params.id, false),
  );
  app.post('/api/users/:id/unlock', { schema: { tags: ['users'], summary: '解除锁定', params: IdParams } }, async (req) =>
    unlockUser(deps, authOf(req).actor, req.params.id),
  );
  app.post(
    '/api/users/:id/grants',
    { schema: { tags: ['users'], summary: '授予角色', params: IdParams, body: GrantRoleSchema } },
    async (req, reply) => reply.status(201).send(await grantRole(deps, authOf(req).actor, req.params.id, req.body)),
  );
  app.delete('/api/grants/:id', { schema: { tags: ['users'], summary: '撤销角色', params: IdParams } }, async (req) => {
    await revokeRole(deps, authOf(req).actor, req.params.id);
    return { ok: true };
  });

  app.get('/api/security/policy', { schema: { tags: ['security'], summary: '安全策略' } }, async (req) => {
    return getSecurityPolicy(deps, authOf(req).actor);
  });
  app.put('/api/security/policy', { schema: { tags: ['security'], summary: '修改安全策略', body: SecurityPolicySchema } }, async (req) =>
    updateSecurityPolicy(deps, authOf(req).actor, req.body),
  );
}

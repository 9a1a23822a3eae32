/**
 * Logging in and out, sessions, changing one's own password. Failed logins are recorded
 * (and counted towards the lockout) in their own committed transaction.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ChangePasswordSchema, LoginSchema } from '../../../common/schemas/accounts.ts';
import { recordAudit } from '../../audit/index.ts';
import { anonymousActor, type Actor, type Origin } from '../../platform/actor.ts';
import type { SessionRow, UserRow } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors, type AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { permissionsOf } from '../../../common/permissions.ts';
import { grants, orgs, passwordHistory, sessions, users } from '../accounts.repository.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import {
  afterFailedLogin,
  isLocked,
  passwordExpired,
  passwordProblems,
  sessionState,
  type SecurityPolicy,
} from '../rules/security-policy.ts';
import { loadSecurityPolicy } from './security-policy.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Formats a lock end as Beijing time, e.g. 2026-11-27 18:40. */
export function beijingTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function lockedError(lockedUntil: string): AppError {
  return Errors.accountLocked(`账号已锁定，请于 ${beijingTime(lockedUntil)} 后重试`).withDetails({ lockedUntil });
}

export interface Authenticated {
  actor: Actor;
  user: UserRow;
  session: SessionRow;
  policy: SecurityPolicy;
}

function userActor(user: UserRow, g: { role: string; scope: string }[], origin: Origin): Actor {
  return {
    type: 'user',
    id: user.id,
    name: user.username,
    displayName: user.display_name,
    grants: g.map((x) => ({ role: x.role, scope: x.scope })),
    origin,
  };
}

export interface LoginResult extends Authenticated {
  token: string;
  previousLogin: { at: string; ip: string | null } | null;
}

/** Checks the password, applies the lockout rules, opens a session. */
export async function login(deps: Deps, input: unknown, origin: Origin, userAgent: string | null): Promise<LoginResult> {
  const { username, password } = parseInput(LoginSchema, input);
  const anon = anonymousActor(origin);
  const policy = await loadSecurityPolicy(deps.db.kysely);
  const user = await users.byUsername(deps.db.kysely, username);
  const now = deps.clock.now();

  if (!user) {
    await inTransaction(deps.db, (tx) =>
      recordAudit(tx, deps.clock, anon, { action: 'accounts.login', result: 'failure', details: { username, reason: 'unknown_user' } }),
    );
    throw Errors.badCredentials();
  }
  // A refused login is recorded in a transaction of its own: the refusal itself must not roll it back.
  const refuse = (reason: string) =>
    inTransaction(deps.db, (tx) =>
      recordAudit(tx, deps.clock, anon, {
        action: 'accounts.login',
        targetType: 'user',
        targetId: user.id,
        result: 'denied',
        details: { reason },
      }),
    );
  if (isLocked(user.locked_until, now)) {
    await refuse('locked');
    throw lockedError(user.locked_until as string);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const next = afterFailedLogin(policy, user.failed_attempts, now);
    await inTransaction(deps.db, async (tx) => {
      await users.update(tx.trx, user.id, {
        failed_attempts: next.failedAttempts,
        locked_until: next.lockedUntil,
        updated_at: now.toISOString(),
      });
      await recordAudit(tx, deps.clock, anon, {
        action: next.lockedUntil ? 'accounts.user.lock' : 'accounts.login',
        targetType: 'user',
        targetId: user.id,
        result: 'failure',
        details: { reason: 'bad_password', failedAttempts: next.lockedUntil ? policy.lockoutThreshold : next.failedAttempts },
      });
    });
    if (next.lockedUntil) throw lockedError(next.lockedUntil);
    const remainingAttempts = policy.lockoutThreshold - next.failedAttempts;
    throw Errors.badCredentials(`用户名或密码错误，还可尝试 ${remainingAttempts} 次`).withDetails({ remainingAttempts });
  }
  if (user.disabled === 1) {
    await refuse('disabled');
    throw Errors.accountDisabled();
  }

  const token = randomBytes(32).toString('base64url');
  const nowIso = now.toISOString();
  const session: SessionRow = {
    id: hashToken(token),
    user_id: user.id,
    csrf_token: randomBytes(24).toString('base64url'),
    created_at: nowIso,
    last_seen_at: nowIso,
    ip: origin.ip,
    user_agent: userAgent?.slice(0, 500) ?? null,
    ended_at: null,
    end_reason: null,
  };
  const previousLogin = user.last_login_at ? { at: user.last_login_at, ip: user.last_login_ip } : null;
  const g = await grants.ofUser(deps.db.kysely, user.id);
  const actor = userActor(user, g, origin);
  await inTransaction(deps.db, async (tx) => {
    await users.update(tx.trx, user.id, {
      failed_attempts: 0,
      locked_until: null,
      last_login_at: nowIso,
      last_login_ip: origin.ip,
      updated_at: nowIso,
    });
    await sessions.insert(tx.trx, session);
    await recordAudit(tx, deps.clock, actor, { action: 'accounts.login', targetType: 'user', targetId: user.id });
  });
  const fresh = { ...user, failed_attempts: 0, locked_until: null, last_login_at: nowIso, last_login_ip: origin.ip };
  return { actor, user: fresh, session, policy, token, previousLogin };
}

/** Resolves a session token to its user, ending sessions past the idle or absolute limit. */
export async function authenticate(deps: Deps, token: string, origin: Origin): Promise<Authenticated> {
  const session = await sessions.byId(deps.db.kysely, hashToken(token));
  if (!session) throw Errors.unauthenticated();
  const policy = await loadSecurityPolicy(deps.db.kysely);
  const now = deps.clock.now();
  const state = sessionState(policy, session, now);
  if (state === 'ended') throw Errors.sessionExpired();
  const user = await users.byId(deps.db.kysely, session.user_id);
  if (state !== 'active' || !user || user.disabled === 1) {
    const reason = state !== 'active' ? state : 'disabled';
    await inTransaction(deps.db, async (tx) => {
      await sessions.end(tx.trx, session.id, now.toISOString(), reason);
      await recordAudit(tx, deps.clock, anonymousActor(origin), {
        action: 'accounts.session.expire',
        targetType: 'user',
        targetId: session.user_id,
        details: { reason },
      });
    });
    throw Errors.sessionExpired();
  }
  // Touch at most every 15 s: enough precision for a 30-minute idle limit, far fewer writes.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 15_000) {
    await sessions.touch(deps.db.kysely, session.id, now.toISOString());
  }
  const g = await grants.ofUser(deps.db.kysely, user.id);
  return { actor: userActor(user, g, origin), user, session, policy };
}

/** True when the user must change the password before doing anything else. */
export function mustChangePassword(a: { user: UserRow; policy: SecurityPolicy }, now: Date): boolean {
  return a.user.must_change_password === 1 || passwordExpired(a.policy, a.user.password_changed_at, now);
}

/** Ends the session. */
export async function logout(deps: Deps, auth: Authenticated): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    await sessions.end(tx.trx, auth.session.id, deps.clock.now().toISOString(), 'logout');
    await recordAudit(tx, deps.clock, auth.actor, { action: 'accounts.logout', targetType: 'user', targetId: auth.user.id });
  });
}

/** Changes one's own password under the policy (complexity, history). Other sessions end. */
export async function changeOwnPassword(deps: Deps, auth: Authenticated, input: unknown): Promise<void> {
  const { currentPassword, newPassword } = parseInput(ChangePasswordSchema, input);
  const user = auth.user;
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw Errors.badCredentials('当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  const problems = passwordProblems(auth.policy, newPassword, user.username);
  const recent = await passwordHistory.recent(deps.db.kysely, user.id, auth.policy.passwordHistory);
  for (const old of recent) {
    if (await verifyPassword(old, newPassword)) {
      problems.push(`不能与最近 ${auth.policy.passwordHistory} 次使用过的密码相同`);
      break;
    }
  }
  if (problems.length > 0)
    throw Errors.passwordPolicy(
      problems.join('；'),
      problems.map((m) => ({ field: 'newPassword', message: m })),
    );
  const hashed = await hashPassword(newPassword);
  await inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now().toISOString();
    await users.update(tx.trx, user.id, { password_hash: hashed, password_changed_at: now, must_change_password: 0, updated_at: now });
    await passwordHistory.add(tx.trx, { id: randomUUID(), user_id: user.id, password_hash: hashed, created_at: now });
    await sessions.endAllOfUser(tx.trx, user.id, now, 'password_changed', auth.session.id);
    await recordAudit(tx, deps.clock, auth.actor, { action: 'accounts.user.changePassword', targetType: 'user', targetId: user.id });
  });
}

/** Ends every open session past its idle or absolute limit (scheduled job). */
export async function expireSessions(deps: Deps, actor: Actor): Promise<number> {
  const policy = await loadSecurityPolicy(deps.db.kysely);
  const now = deps.clock.now();
  const stale = (await sessions.open(deps.db.kysely)).filter((s) => sessionState(policy, s, now) !== 'active');
  if (stale.length === 0) return 0;
  await inTransaction(deps.db, async (tx) => {
    for (const s of stale) await sessions.end(tx.trx, s.id, now.toISOString(), sessionState(policy, s, now));
    await recordAudit(tx, deps.clock, actor, { action: 'accounts.session.expireBatch', details: { count: stale.length } });
  });
  return stale.length;
}

/** What the admin needs to know about the logged-in user. */
export async function currentUserView(deps: Deps, a: Authenticated) {
  const g = await grants.ofUser(deps.db.kysely, a.user.id);
  const siteNames = await grants.siteNames(
    deps.db.kysely,
    g.filter((x) => x.scope !== '*').map((x) => x.scope),
  );
  const org = a.user.org_id ? await orgs.byId(deps.db.kysely, a.user.org_id) : undefined;
  return {
    id: a.user.id,
    username: a.user.username,
    displayName: a.user.display_name,
    orgId: a.user.org_id,
    orgName: org?.name ?? null,
    mustChangePassword: a.user.must_change_password === 1,
    passwordExpired: passwordExpired(a.policy, a.user.password_changed_at, deps.clock.now()),
    grants: g.map((x) => ({
      role: x.role,
      scope: x.scope,
      siteId: x.scope === '*' ? null : x.scope,
      siteName: x.scope === '*' ? null : (siteNames.get(x.scope) ?? null),
    })),
    permissions: permissionsOf(g),
    session: { idleTimeoutMinutes: a.policy.idleTimeoutMinutes, absoluteTimeoutHours: a.policy.absoluteTimeoutHours },
  };
}

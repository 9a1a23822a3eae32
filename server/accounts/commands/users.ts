/** Users: create, reset password, disable/enable, unlock, list. */
import { randomUUID } from 'node:crypto';
import { CreateUserSchema, type CreatedUser, type UserSummary } from '../../../common/schemas/accounts.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { RoleGrantRow, UserRow } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { grants, orgs, passwordHistory, sessions, users } from '../accounts.repository.ts';
import { generateOneTimePassword, hashPassword } from '../passwords.ts';
import { requirePermission } from '../../platform/access.ts';
import { isLocked } from '../rules/security-policy.ts';

// The response types are shared with the admin (common/), so the two cannot drift apart.
export type { CreatedUser, UserSummary };

export function presentUser(u: UserRow, g: RoleGrantRow[], now: Date): UserSummary {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    disabled: u.disabled === 1,
    lockedUntil: isLocked(u.locked_until, now) ? u.locked_until : null,
    mustChangePassword: u.must_change_password === 1,
    lastLoginAt: u.last_login_at,
    lastLoginIp: u.last_login_ip,
    grants: g.filter((x) => x.user_id === u.id).map((x) => ({ id: x.id, role: x.role, scope: x.scope })),
  };
}

/** Creates a user with a one-time password that must be changed at first login. */
export async function createUser(deps: Deps, actor: Actor, input: unknown, opts: { password?: string } = {}): Promise<CreatedUser> {
  requirePermission(actor, 'users.manage');
  const data = parseInput(CreateUserSchema, input);
  const oneTimePassword = opts.password ?? generateOneTimePassword();
  const hashed = await hashPassword(oneTimePassword);
  return inTransaction(deps.db, async (tx) => {
    if (await users.byUsername(tx.trx, data.username))
      throw Errors.conflict('用户名已存在', [{ field: 'username', message: '用户名已存在' }]);
    if (data.orgId && !(await orgs.byId(tx.trx, data.orgId)))
      throw Errors.validation(undefined, [{ field: 'orgId', message: '所属单位不存在' }]);
    const now = deps.clock.now().toISOString();
    const row: UserRow = {
      id: randomUUID(),
      username: data.username,
      display_name: data.displayName,
      org_id: data.orgId ?? null,
      password_hash: hashed,
      password_changed_at: now,
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
      disabled: 0,
      last_login_at: null,
      last_login_ip: null,
      created_at: now,
      updated_at: now,
    };
    await users.insert(tx.trx, row);
    await passwordHistory.add(tx.trx, { id: randomUUID(), user_id: row.id, password_hash: hashed, created_at: now });
    await recordAudit(tx, deps.clock, actor, {
      action: 'accounts.user.create',
      targetType: 'user',
      targetId: row.id,
      details: { username: row.username, orgId: row.org_id },
    });
    return { user: presentUser(row, [], deps.clock.now()), oneTimePassword };
  });
}

/** Sets a new one-time password; the user must change it at next login; open sessions end. */
export async function resetPassword(deps: Deps, actor: Actor, userId: string): Promise<{ oneTimePassword: string }> {
  requirePermission(actor, 'users.manage');
  const oneTimePassword = generateOneTimePassword();
  const hashed = await hashPassword(oneTimePassword);
  return inTransaction(deps.db, async (tx) => {
    const u = await users.byId(tx.trx, userId);
    if (!u) throw Errors.notFound('用户不存在');
    const now = deps.clock.now().toISOString();
    await users.update(tx.trx, userId, {
      password_hash: hashed,
      password_changed_at: now,
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now,
    });
    await sessions.endAllOfUser(tx.trx, userId, now, 'password_reset');
    await recordAudit(tx, deps.clock, actor, { action: 'accounts.user.resetPassword', targetType: 'user', targetId: userId });
    return { oneTimePassword };
  });
}

/** Disables or re-enables an account; disabling ends its sessions. */
export async function setUserDisabled(deps: Deps, actor: Actor, userId: string, disabled: boolean): Promise<UserSummary> {
  requirePermission(actor, 'users.manage');
  if (actor.id === userId && disabled) throw Errors.conflict('不能停用自己的账号');
  return inTransaction(deps.db, async (tx) => {
    const u = await users.byId(tx.trx, userId);
    if (!u) throw Errors.notFound('用户不存在');
    const now = deps.clock.now().toISOString();
    await users.update(tx.trx, userId, { disabled: disabled ? 1 : 0, updated_at: now });
    if (disabled) await sessions.endAllOfUser(tx.trx, userId, now, 'disabled');
    await recordAudit(tx, deps.clock, actor, {
      action: disabled ? 'accounts.user.disable' : 'accounts.user.enable',
      targetType: 'user',
      targetId: userId,
    });
    return presentUser({ ...u, disabled: disabled ? 1 : 0 }, await grants.ofUser(tx.trx, userId), deps.clock.now());
  });
}

/** Lifts a lockout before it expires (security administrator). */
export async function unlockUser(deps: Deps, actor: Actor, userId: string): Promise<UserSummary> {
  requirePermission(actor, 'users.unlock');
  return inTransaction(deps.db, async (tx) => {
    const u = await users.byId(tx.trx, userId);
    if (!u) throw Errors.notFound('用户不存在');
    const now = deps.clock.now().toISOString();
    await users.update(tx.trx, userId, { locked_until: null, failed_attempts: 0, updated_at: now });
    await recordAudit(tx, deps.clock, actor, { action: 'accounts.user.unlock', targetType: 'user', targetId: userId });
    return presentUser({ ...u, locked_until: null, failed_attempts: 0 }, await grants.ofUser(tx.trx, userId), deps.clock.now());
  });
}

/** True before the first account exists (a fresh installation). */
export async function platformIsEmpty(deps: Deps): Promise<boolean> {
  return (await users.count(deps.db.kysely)) === 0;
}

/** The id of the user with this user name, or null (operators name users, not ids). */
export async function findUserIdByUsername(deps: Deps, username: string): Promise<string | null> {
  return (await users.byUsername(deps.db.kysely, username))?.id ?? null;
}

/** Users with their grants and lockout state. */
export async function listUsers(deps: Deps, actor: Actor, f: { orgId?: string; q?: string } = {}): Promise<UserSummary[]> {
  requirePermission(actor, 'users.read');
  const rows = await users.list(deps.db.kysely, f);
  const g = await grants.ofUsers(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  return rows.map((r) => presentUser(r, g, now));
}

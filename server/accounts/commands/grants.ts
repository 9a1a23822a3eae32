/** Granting and revoking roles (security administrator), with the 三员分立 rules. */
import { randomUUID } from 'node:crypto';
import { GrantRoleSchema, type UserGrant } from '../../../common/schemas/accounts.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { grants, sessions, users } from '../accounts.repository.ts';
import { requirePermission } from '../../platform/access.ts';
import { grantProblems } from '../rules/separation.ts';

/** Grants a role to a user, platform-wide or on one site. */
export async function grantRole(deps: Deps, actor: Actor, userId: string, input: unknown): Promise<UserGrant> {
  requirePermission(actor, 'roles.grant');
  const data = parseInput(GrantRoleSchema, input);
  const scope = data.siteId ?? '*';
  return inTransaction(deps.db, async (tx) => {
    if (!(await users.byId(tx.trx, userId))) throw Errors.notFound('用户不存在');
    if (scope !== '*' && !(await grants.siteExists(tx.trx, scope)))
      throw Errors.validation(undefined, [{ field: 'siteId', message: '网站不存在' }]);
    const existing = await grants.ofUser(tx.trx, userId);
    const problems = grantProblems(existing, data.role, scope);
    if (problems.length > 0)
      throw Errors.separationOfDuties(
        problems.join('；'),
        problems.map((m) => ({ field: 'role', message: m })),
      );
    const row = {
      id: randomUUID(),
      user_id: userId,
      role: data.role,
      scope,
      granted_by: actor.id,
      granted_at: deps.clock.now().toISOString(),
    };
    await grants.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'accounts.role.grant',
      targetType: 'user',
      targetId: userId,
      siteId: scope === '*' ? null : scope,
      details: { role: data.role, scope },
    });
    return { id: row.id, role: row.role, scope: row.scope };
  });
}

/** Revokes a grant; the user's open sessions end so the change takes effect at once. */
export async function revokeRole(deps: Deps, actor: Actor, grantId: string): Promise<void> {
  requirePermission(actor, 'roles.grant');
  await inTransaction(deps.db, async (tx) => {
    const g = await grants.byId(tx.trx, grantId);
    if (!g) throw Errors.notFound('授权不存在');
    await grants.remove(tx.trx, grantId);
    await sessions.endAllOfUser(tx.trx, g.user_id, deps.clock.now().toISOString(), 'role_revoked');
    await recordAudit(tx, deps.clock, actor, {
      action: 'accounts.role.revoke',
      targetType: 'user',
      targetId: g.user_id,
      siteId: g.scope === '*' ? null : g.scope,
      details: { role: g.role, scope: g.scope },
    });
  });
}

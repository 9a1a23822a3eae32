/** Reading and changing the security policy (security administrator only). */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Database } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInput } from '../../platform/validation.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';
import { requirePermission } from '../../platform/access.ts';
import { DEFAULT_SECURITY_POLICY, SecurityPolicySchema, type SecurityPolicy } from '../rules/security-policy.ts';

const KEY = 'accounts.securityPolicy';

/** The policy in force: stored values over the defaults. */
export async function loadSecurityPolicy(db: Kysely<Database>): Promise<SecurityPolicy> {
  const raw = await readSetting(db, KEY);
  if (!raw) return DEFAULT_SECURITY_POLICY;
  const parsed = SecurityPolicySchema.safeParse({ ...DEFAULT_SECURITY_POLICY, ...(JSON.parse(raw) as object) });
  return parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY;
}

/** The policy, for the security administrator's screen. */
export async function getSecurityPolicy(deps: Deps, actor: Actor): Promise<SecurityPolicy> {
  requirePermission(actor, 'security.policy');
  return loadSecurityPolicy(deps.db.kysely);
}

/** Replaces the security policy; every value is checked against its allowed range. */
export async function updateSecurityPolicy(deps: Deps, actor: Actor, input: unknown): Promise<SecurityPolicy> {
  requirePermission(actor, 'security.policy');
  const policy = parseInput(SecurityPolicySchema, input);
  return inTransaction(deps.db, async (tx) => {
    const before = await loadSecurityPolicy(tx.trx);
    await writeSetting(tx.trx, KEY, JSON.stringify(policy), deps.clock.now().toISOString(), actor.id);
    await recordAudit(tx, deps.clock, actor, {
      action: 'accounts.securityPolicy.update',
      targetType: 'setting',
      targetId: KEY,
      details: { before, after: policy },
    });
    return policy;
  });
}

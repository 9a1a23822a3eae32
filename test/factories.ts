/**
 * Factories: build orgs, users, sites and columns through the real commands (so test data
 * obeys the same rules as real data), acting as a system actor.
 */
import { randomBytes } from 'node:crypto';
import type { CreateOrgInput, CreateUserInput } from '#common/schemas/accounts.ts';
import type { CreateColumnInput, CreateSiteInput } from '#common/schemas/sites.ts';
import type { RoleCode } from '#common/roles.ts';
import { createOrg, createUser, grantRole } from '#server/accounts/index.ts';
import { systemActor } from '#server/platform/actor.ts';
import type { Deps } from '#server/platform/deps.ts';
import { createColumn, createSite } from '#server/sites/index.ts';

export const factoryActor = systemActor('test-factory');
const uniq = () => randomBytes(4).toString('hex');

export const TEST_PASSWORD = 'Zhengwu#2026';

export function buildOrg(deps: Deps, over: Partial<CreateOrgInput> = {}) {
  return createOrg(deps, factoryActor, { name: `测试单位${uniq()}`, level: 'city', ...over });
}

/** A user whose password is TEST_PASSWORD and already current (no forced change), with the given grants. */
export async function buildUser(
  deps: Deps,
  opts: Partial<CreateUserInput> & { grants?: { role: RoleCode; siteId?: string | null }[]; mustChangePassword?: boolean } = {},
) {
  const { grants = [], mustChangePassword = false, ...input } = opts;
  const { user } = await createUser(
    deps,
    factoryActor,
    { username: `u${uniq()}`, displayName: '测试用户', ...input },
    { password: TEST_PASSWORD },
  );
  if (!mustChangePassword) await deps.db.kysely.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
  for (const g of grants) await grantRole(deps, factoryActor, user.id, g);
  return user;
}

export async function buildSite(deps: Deps, over: Partial<CreateSiteInput> = {}) {
  const sponsorOrgId = over.sponsorOrgId ?? (await buildOrg(deps, { level: 'department' })).id;
  return createSite(deps, factoryActor, {
    name: `测试网站${uniq()}`,
    kind: 'department',
    hosting: 'hosted',
    status: 'planned',
    ...over,
    sponsorOrgId,
  });
}

export function buildColumn(deps: Deps, siteId: string, over: Partial<CreateColumnInput> = {}) {
  return createColumn(deps, factoryActor, siteId, { name: '工作动态', slug: `c${uniq()}`, freshnessClass: 'news', ...over });
}

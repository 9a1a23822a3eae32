/** Display texts for users and their role grants. Pure. */
import { isRoleCode, ROLE_CODES, ROLES } from '../../../../common/roles.ts';
import type { UserGrant } from '../../api/users.ts';
import type { UserStatusKind } from './userStatus.ts';

export function roleLabel(role: string): string {
  return isRoleCode(role) ? ROLES[role].label : role;
}

/** True for roles granted per site (the grant needs a site). */
export function isSiteRole(role: string): boolean {
  return isRoleCode(role) && ROLES[role].scope === 'site';
}

/** "信息员（市教育局网站）", or the bare role name for platform-wide grants. */
export function grantLabel(grant: Pick<UserGrant, 'role' | 'scope'>, siteNames: ReadonlyMap<string, string>): string {
  const role = roleLabel(grant.role);
  if (grant.scope === '*') return role;
  return `${role}（${siteNames.get(grant.scope) ?? '未知网站'}）`;
}

/** Role choices for the grant form, platform roles first, with how each is scoped. */
export const ROLE_OPTIONS = [...ROLE_CODES]
  .sort((a, b) => Number(ROLES[a].scope === 'site') - Number(ROLES[b].scope === 'site'))
  .map((r) => ({
    value: r,
    label: `${ROLES[r].label}（${ROLES[r].scope === 'site' ? '按网站授予' : '全平台'}${ROLES[r].triad ? '，三员之一' : ''}）`,
  }));

/** Tag colours chosen for WCAG AA text contrast (antd's green/orange/gold tags fall below 4.5:1). */
export const STATUS_TAG_COLORS: Record<UserStatusKind, string | undefined> = {
  normal: 'blue',
  disabled: undefined,
  locked: 'red',
  mustChangePassword: 'purple',
};

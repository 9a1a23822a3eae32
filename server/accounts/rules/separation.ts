/**
 * 三员分立 and role scoping rules for grants. Pure: takes the user's existing grants and the
 * proposed one, returns every reason it is refused.
 */
import { ROLES, type RoleCode } from '../../../common/roles.ts';

export function grantProblems(existing: readonly { role: string; scope: string }[], role: RoleCode, scope: string): string[] {
  const problems: string[] = [];
  const info = ROLES[role];
  if (info.scope === 'platform' && scope !== '*') problems.push(`${info.label}只能在平台范围授予`);
  if (info.scope === 'site' && scope === '*') problems.push(`${info.label}须指定网站`);
  if (existing.some((g) => g.role === role && g.scope === scope)) problems.push('该用户已拥有此角色');
  const others = existing.filter((g) => g.role !== role);
  if (info.triad && others.length > 0) {
    problems.push(`${info.label}属于三员之一，不能与其他角色兼任`);
  } else if (!info.triad && others.some((g) => ROLES[g.role as RoleCode]?.triad)) {
    problems.push('该用户是三员之一，不能再授予其他角色');
  }
  return problems;
}

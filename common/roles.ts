/**
 * Roles, their Chinese names and how they are scoped. Shared by server and admin so the
 * menu and the policies speak of the same roles.
 */

export const ROLE_CODES = [
  'platformAdmin',
  'securityAdmin',
  'auditor',
  'siteAdmin',
  'editor',
  'sectionReviewer',
  'leader',
  'supervisor',
  'letterHandler',
  'disclosureOfficer',
  'serviceOfficer',
] as const;

export type RoleCode = (typeof ROLE_CODES)[number];

export interface RoleInfo {
  label: string;
  /** `platform`: granted platform-wide only; `site`: granted per site. */
  scope: 'platform' | 'site';
  /** One of the three separated administrators (三员). */
  triad: boolean;
}

export const ROLES: Record<RoleCode, RoleInfo> = {
  platformAdmin: { label: '系统管理员', scope: 'platform', triad: true },
  securityAdmin: { label: '安全管理员', scope: 'platform', triad: true },
  auditor: { label: '审计管理员', scope: 'platform', triad: true },
  siteAdmin: { label: '网站管理员', scope: 'site', triad: false },
  editor: { label: '信息员', scope: 'site', triad: false },
  sectionReviewer: { label: '科室审核人', scope: 'site', triad: false },
  leader: { label: '分管领导', scope: 'site', triad: false },
  supervisor: { label: '监管人员', scope: 'platform', triad: false },
  letterHandler: { label: '信件办理人', scope: 'site', triad: false },
  disclosureOfficer: { label: '信息公开专员', scope: 'site', triad: false },
  serviceOfficer: { label: '办事服务专员', scope: 'site', triad: false },
};

export function isRoleCode(v: string): v is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(v);
}

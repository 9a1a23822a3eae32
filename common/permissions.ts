/**
 * The one table of what each role may do. Module policies ask `can(actor, permission, siteId)`;
 * the admin shows menus from the permissions the server reports. 三员分立: the three
 * administrators' sets do not overlap, and none of them holds a content permission.
 */
import type { RoleCode } from './roles.ts';

export const PERMISSIONS = [
  // system administrator (系统管理员)
  'orgs.manage',
  'users.manage',
  'sites.manage',
  'system.jobs',
  // security administrator (安全管理员)
  'security.policy',
  'roles.grant',
  'users.unlock',
  // auditor (审计管理员)
  'audit.read',
  'audit.export',
  // shared reads
  'users.read',
  'orgs.read',
  'sites.read',
  'columns.read',
  // site work
  'sites.edit',
  'columns.manage',
  'content.author',
  'content.firstReview',
  'content.sectionReview',
  'content.leaderApproval',
  'disclosure.handle',
  'interaction.handle',
  'interaction.approveReply',
  'guides.edit',
  'guides.publish',
  'monitoring.read',
  'evaluation.manage',
  'rectification.report',
  // site lifecycle (集约化): file a step for a site, approve or reject a filed request
  'sites.lifecycle.request',
  'sites.lifecycle.approve',
  'migration.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<RoleCode, readonly Permission[]> = {
  platformAdmin: [
    'orgs.manage',
    'users.manage',
    'sites.manage',
    'system.jobs',
    'users.read',
    'orgs.read',
    'sites.read',
    'columns.read',
    'columns.manage',
    'sites.edit',
    'sites.lifecycle.request',
    'sites.lifecycle.approve',
    'migration.manage',
  ],
  securityAdmin: ['security.policy', 'roles.grant', 'users.unlock', 'users.read', 'orgs.read', 'sites.read'],
  auditor: ['audit.read', 'audit.export', 'users.read', 'orgs.read', 'sites.read'],
  siteAdmin: [
    'sites.read',
    'sites.edit',
    'columns.read',
    'columns.manage',
    'orgs.read',
    'rectification.report',
    'sites.lifecycle.request',
    'migration.manage',
  ],
  editor: ['sites.read', 'columns.read', 'content.author', 'content.firstReview', 'orgs.read'],
  sectionReviewer: ['sites.read', 'columns.read', 'content.sectionReview', 'guides.publish', 'orgs.read'],
  leader: ['sites.read', 'columns.read', 'content.leaderApproval', 'interaction.approveReply', 'guides.publish', 'orgs.read'],
  supervisor: ['sites.read', 'columns.read', 'monitoring.read', 'evaluation.manage', 'orgs.read', 'sites.lifecycle.approve'],
  letterHandler: ['sites.read', 'columns.read', 'interaction.handle', 'orgs.read'],
  disclosureOfficer: ['sites.read', 'columns.read', 'disclosure.handle', 'orgs.read'],
  serviceOfficer: ['sites.read', 'columns.read', 'guides.edit', 'orgs.read'],
};

export interface ScopedGrant {
  role: string;
  scope: string;
}

const rolePerms = ROLE_PERMISSIONS as Record<string, readonly Permission[] | undefined>;

/**
 * True when one of the grants gives `permission` on `siteId`. Without a site id the question
 * is "anywhere at all" (platform roles are only ever granted platform-wide, so for their
 * permissions the two readings agree); a site-bound check must always pass the site.
 */
export function grantsAllow(grants: readonly ScopedGrant[], permission: Permission, siteId?: string): boolean {
  return grants.some(
    (g) => (rolePerms[g.role] ?? []).includes(permission) && (siteId === undefined || g.scope === '*' || g.scope === siteId),
  );
}

/** The sites on which the grants give `permission`: 'all', or the list of site ids. */
export function sitesAllowed(grants: readonly ScopedGrant[], permission: Permission): 'all' | string[] {
  const ids = new Set<string>();
  for (const g of grants) {
    if (!(rolePerms[g.role] ?? []).includes(permission)) continue;
    if (g.scope === '*') return 'all';
    ids.add(g.scope);
  }
  return [...ids];
}

/** Every permission the grants give anywhere (for the admin's menu). */
export function permissionsOf(grants: readonly ScopedGrant[]): Permission[] {
  const out = new Set<Permission>();
  for (const g of grants) for (const p of rolePerms[g.role] ?? []) out.add(p);
  return [...out].sort();
}

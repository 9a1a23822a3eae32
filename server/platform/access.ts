/** The access check every command uses; the role table is `common/permissions.ts`, pure and shared. */
import { grantsAllow, sitesAllowed, type Permission } from '../../common/permissions.ts';
import type { Actor } from './actor.ts';
import { Errors } from './errors.ts';

/** True when the actor may do `permission` (on `siteId`; without it: anywhere). System actors may do anything. */
export function can(actor: Actor, permission: Permission, siteId?: string): boolean {
  if (actor.type === 'system') return true;
  return grantsAllow(actor.grants, permission, siteId);
}

/** Throws GK_ERR_FORBIDDEN unless the actor may do `permission`. */
export function requirePermission(actor: Actor, permission: Permission, siteId?: string): void {
  if (!can(actor, permission, siteId)) throw Errors.forbidden();
}

/** The sites whose rows a list query may return for this actor. */
export function visibleSites(actor: Actor, permission: Permission): 'all' | string[] {
  if (actor.type === 'system') return 'all';
  return sitesAllowed(actor.grants, permission);
}

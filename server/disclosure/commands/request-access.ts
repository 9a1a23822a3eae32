/**
 * Who may handle a request: the disclosure officers of the site it was registered on, and, once
 * it was assigned (转办), those of the sites the responsible org sponsors. And the one refusal
 * every writer shares: an archived request is read-only.
 */
import { can } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Database, DisclosureRequestRow } from '../../platform/db/schema.ts';
import { AppError, Errors } from '../../platform/errors.ts';
import type { Kysely } from 'kysely';
import { handlingOrgs } from '../disclosure.repository.ts';

/** True when the actor holds `disclosure.handle` on the request's site or on a site of its responsible org. */
export async function mayHandle(
  db: Kysely<Database>,
  actor: Actor,
  row: Pick<DisclosureRequestRow, 'site_id' | 'org_id'>,
): Promise<boolean> {
  if (can(actor, 'disclosure.handle', row.site_id)) return true;
  return (await handlingOrgs.siteIds(db, row.org_id)).some((siteId) => can(actor, 'disclosure.handle', siteId));
}

/** Throws GK_ERR_FORBIDDEN unless the actor may handle the request. */
export async function requireHandler(
  db: Kysely<Database>,
  actor: Actor,
  row: Pick<DisclosureRequestRow, 'site_id' | 'org_id'>,
): Promise<void> {
  if (!(await mayHandle(db, actor, row))) throw Errors.forbidden();
}

/** GK_ERR_REQUEST_ARCHIVED (409): the file is closed; nothing more is recorded on it. */
export function archivedError(): AppError {
  return new AppError('GK_ERR_REQUEST_ARCHIVED', 409, '申请已归档，不能再记录办理环节');
}

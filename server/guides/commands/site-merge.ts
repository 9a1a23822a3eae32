/** A department site merged into its portal (docs/consolidation.md): its service items become the portal's. */
import type { Tx } from '../../platform/db/transaction.ts';
import { Errors } from '../../platform/errors.ts';
import { serviceItems } from '../guides.repository.ts';

/**
 * Hands the service items of `fromSiteId` to `toSiteId` in the caller's transaction (the sites
 * room's merger checks the permission). Refused when the portal already has an item under one
 * of the same codes (codes are unique per site). Returns how many items moved.
 */
export async function moveSiteServiceItems(tx: Tx, fromSiteId: string, toSiteId: string): Promise<number> {
  const shared = await serviceItems.sharedCodes(tx.trx, fromSiteId, toSiteId);
  if (shared.length)
    throw Errors.conflict(
      `门户网站已有相同编码的办事事项（${shared.slice(0, 5).join('、')}${shared.length > 5 ? ' 等' : ''}），请先处理后再批准整合`,
    );
  return serviceItems.moveSite(tx.trx, fromSiteId, toSiteId);
}

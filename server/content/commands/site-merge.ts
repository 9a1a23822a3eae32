/** A department site merged into its portal (docs/consolidation.md): its articles become the portal's. */
import type { Tx } from '../../platform/db/transaction.ts';
import { articles } from '../content.repository.ts';

/**
 * Hands every article of `fromSiteId` to `toSiteId` in the caller's transaction (the sites room's
 * merger, which has checked the permission and moved the columns first). Ids, columns,
 * revisions, events and 索引号 stay as they are. Returns how many articles moved.
 */
export function moveSiteArticles(tx: Tx, fromSiteId: string, toSiteId: string): Promise<number> {
  return articles.moveSite(tx.trx, fromSiteId, toSiteId);
}

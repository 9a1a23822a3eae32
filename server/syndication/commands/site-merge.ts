/** A department site merged into its portal (docs/consolidation.md): its subscriptions and shared entries follow its columns. */
import type { Tx } from '../../platform/db/transaction.ts';
import { siteMove } from '../syndication.repository.ts';

/**
 * In the caller's transaction (the sites room's merger, after moving the columns): the
 * subscriptions and entries whose receiving or source site is `fromSiteId` name `toSiteId`.
 * Returns how many rows changed on either side.
 */
export function moveSiteSyndication(tx: Tx, fromSiteId: string, toSiteId: string): Promise<{ subscriptions: number; entries: number }> {
  return siteMove.apply(tx.trx, fromSiteId, toSiteId);
}

/** A department site merged into its portal (docs/consolidation.md): its channels and letters become the portal's. */
import type { Tx } from '../../platform/db/transaction.ts';
import { channels } from '../interaction.repository.ts';

/**
 * Hands the channels of `fromSiteId`, with their letters, to `toSiteId` in the caller's
 * transaction (the sites room's merger checks the permission). Tracking numbers, handling orgs
 * and clocks stay as they are.
 */
export function moveSiteChannels(
  tx: Tx,
  fromSiteId: string,
  toSiteId: string,
  now: string,
): Promise<{ channels: number; letters: number }> {
  return channels.moveSite(tx.trx, fromSiteId, toSiteId, now);
}

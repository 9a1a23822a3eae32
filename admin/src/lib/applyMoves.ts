/** Sends a move plan's updates one after another; stops at the first failure. */
import type { OrderUpdate } from './treeMove.ts';

export type MoveResult = { ok: true } | { ok: false; error: unknown; done: number };

export async function applyMovePlan(updates: readonly OrderUpdate[], send: (update: OrderUpdate) => Promise<unknown>): Promise<MoveResult> {
  let done = 0;
  // Sequential on purpose: the moved item goes first, so a refused move changes nothing else.
  for (const update of updates) {
    try {
      await send(update);
    } catch (error) {
      return { ok: false, error, done };
    }
    done += 1;
  }
  return { ok: true };
}

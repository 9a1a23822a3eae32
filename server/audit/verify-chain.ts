/**
 * Walks the whole audit chain in sequence order and reports the first event that does not
 * link: edited, deleted, inserted or reordered rows all break a link.
 */
import type { Db } from '../platform/db/database.ts';
import { GENESIS_HASH } from '../platform/db/migrations/index.ts';
import { pageBySeq, readHead } from './audit.repository.ts';
import { checkLink, type ChainBreak } from './chain.ts';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBad: ChainBreak | null;
}

/** Verifies the chain; `onProgress` is told how many events have been checked. */
export async function verifyAuditChain(
  db: Db,
  opts: { batchSize?: number; onProgress?: (checked: number, total: number) => void } = {},
): Promise<VerifyResult> {
  const batch = opts.batchSize ?? 5000;
  const head = await readHead(db.kysely);
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await pageBySeq(db.kysely, prev.seq, batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      const bad = checkLink(prev, row);
      if (bad) return { ok: false, checked, headSeq: head.seq, firstBad: bad };
      prev = { seq: row.seq, hash: row.hash };
      checked++;
    }
    opts.onProgress?.(checked, head.seq);
  }
  // Rows removed from the end of the chain show as a head that points past the last row.
  if (prev.seq !== head.seq || prev.hash !== head.hash) {
    return { ok: false, checked, headSeq: head.seq, firstBad: { kind: 'head_mismatch', seq: prev.seq + 1 } };
  }
  return { ok: true, checked, headSeq: head.seq, firstBad: null };
}

/**
 * The document key: an integer that sorts like the publication time. The full-text indexes
 * (FTS5's rowid, PostgreSQL's btree next to the GIN index) read newest first in key order and
 * stop after a page, and a date range is a key range.
 *
 * key = publication second × 2^20 + 20 bits of the article id's hash. Two articles published in
 * the same second get different keys unless their hashes collide (then the writer probes the
 * next free key). Seconds up to 2106 fit: 2^32 × 2^20 = 2^52 < 2^53.
 */
import { fnv1a } from '../../../common/prng.ts';

const SLOTS = 2 ** 20;
const SHANGHAI = '+08:00';

/** The preferred key of an article published at `publishedAt` (ISO timestamp). */
export function docKey(publishedAt: string, articleId: string): number {
  const ms = Date.parse(publishedAt);
  if (!Number.isFinite(ms)) throw new Error(`not an ISO timestamp: ${publishedAt}`);
  return Math.floor(ms / 1000) * SLOTS + (fnv1a(articleId) % SLOTS);
}

/** Keys of articles published on the calendar days from…to (Asia/Shanghai), both inclusive. */
export function keyRange(from: string | undefined, to: string | undefined): { min?: number; max?: number } {
  const second = (date: string) => Date.parse(`${date}T00:00:00${SHANGHAI}`) / 1000;
  return {
    ...(from ? { min: second(from) * SLOTS } : {}),
    ...(to ? { max: (second(to) + 86_400) * SLOTS - 1 } : {}),
  };
}

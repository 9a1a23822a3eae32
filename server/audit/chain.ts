/**
 * Pure rules of the audit chain: canonical content of an event and its SM3 hash.
 * hash(n) = SM3(hash(n-1) ‖ "\n" ‖ canonical(n)); the first event links to the genesis hash.
 */
import { createHash } from 'node:crypto';

export interface ChainedFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  site_id: string | null;
  result: string;
  request_id: string | null;
  ip: string | null;
  details: string;
}

/** A fixed-order JSON array: the same event always gives the same bytes. */
export function canonicalEvent(e: ChainedFields): string {
  return JSON.stringify([
    e.seq,
    e.at,
    e.actor_id,
    e.actor_name,
    e.action,
    e.target_type,
    e.target_id,
    e.site_id,
    e.result,
    e.request_id,
    e.ip,
    e.details,
  ]);
}

export function chainHash(prevHash: string, e: ChainedFields): string {
  return createHash('sm3').update(prevHash).update('\n').update(canonicalEvent(e)).digest('hex');
}

export type ChainBreak =
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'prev_mismatch'; seq: number }
  | { kind: 'hash_mismatch'; seq: number }
  | { kind: 'head_mismatch'; seq: number };

/**
 * Checks one event against the one before it. Returns the first problem, or null.
 * A deleted row shows as a gap; a reordered or re-inserted row as a broken link;
 * an edited row as a hash that no longer matches its content.
 */
export function checkLink(prev: { seq: number; hash: string }, e: ChainedFields & { prev_hash: string; hash: string }): ChainBreak | null {
  if (e.seq !== prev.seq + 1) return { kind: 'gap', seq: e.seq, expectedSeq: prev.seq + 1 };
  if (e.prev_hash !== prev.hash) return { kind: 'prev_mismatch', seq: e.seq };
  if (chainHash(e.prev_hash, e) !== e.hash) return { kind: 'hash_mismatch', seq: e.seq };
  return null;
}

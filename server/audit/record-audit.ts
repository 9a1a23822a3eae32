/**
 * Appends one event to the audit chain inside the caller's transaction, so the event
 * exists exactly when the change it describes does.
 */
import type { Actor } from '../platform/actor.ts';
import type { Clock } from '../platform/clock.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { insertEvent } from './audit.repository.ts';
import { chainHash } from './chain.ts';

export interface AuditEntry {
  /** Namespaced action, e.g. `sites.column.create`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  siteId?: string | null;
  result?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
}

/** Writes the event and moves the chain head; takes the head lock for the rest of the transaction. */
export async function recordAudit(tx: Tx, clock: Clock, actor: Actor, entry: AuditEntry): Promise<number> {
  const head = await tx.dialect.lockAuditHead(tx.trx);
  const fields = {
    seq: head.seq + 1,
    at: clock.now().toISOString(),
    actor_id: actor.id,
    actor_name: actor.name,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    site_id: entry.siteId ?? null,
    result: entry.result ?? 'success',
    request_id: actor.origin.requestId,
    ip: actor.origin.ip,
    details: JSON.stringify(entry.details ?? {}),
  };
  const hash = chainHash(head.hash, fields);
  await insertEvent(tx.trx, { ...fields, prev_hash: head.hash, hash });
  return fields.seq;
}

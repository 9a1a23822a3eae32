/** SQL of the audit room. */
import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '../platform/db/schema.ts';

export async function insertEvent(trx: Kysely<Database>, row: AuditEventRow): Promise<void> {
  await trx.insertInto('audit_events').values(row).execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash: row.hash }).where('id', '=', 1).execute();
}

/** One page of the chain in sequence order, after `afterSeq`. */
export async function pageBySeq(db: Kysely<Database>, afterSeq: number, limit: number): Promise<AuditEventRow[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function readHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const h = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  siteId?: string | undefined;
  result?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
}

export async function listEvents(db: Kysely<Database>, f: AuditFilter, limit: number): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_]/g, '')}%`);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  if (f.result) q = q.where('result', '=', f.result);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Reading the audit log: only the auditor may, and only read and export it. */
import { requirePermission } from '../platform/access.ts';
import type { Actor } from '../platform/actor.ts';
import type { AuditEventRow } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { listEvents, type AuditFilter } from './audit.repository.ts';
import { verifyAuditChain, type VerifyResult } from './verify-chain.ts';

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  siteId: string | null;
  result: string;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export function presentEvent(r: AuditEventRow): AuditEvent {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    siteId: r.site_id,
    result: r.result,
    requestId: r.request_id,
    ip: r.ip,
    details: JSON.parse(r.details) as Record<string, unknown>,
    hash: r.hash,
  };
}

/** A page of events, newest first. */
export async function searchAuditEvents(deps: Deps, actor: Actor, f: AuditFilter, limit = 100): Promise<AuditEvent[]> {
  requirePermission(actor, 'audit.read');
  return (await listEvents(deps.db.kysely, f, Math.min(limit, 1000))).map(presentEvent);
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // Leading = + - @ would be run as formulas by spreadsheet programs.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Exports matching events as CSV (UTF-8 with BOM so spreadsheet programs read Chinese). */
export async function* exportAuditCsv(deps: Deps, actor: Actor, f: AuditFilter): AsyncGenerator<string> {
  requirePermission(actor, 'audit.export');
  yield '\uFEFF序号,时间,操作人,操作,对象类型,对象,网站,结果,请求编号,IP,详情,哈希\r\n';
  let before: number | undefined = f.beforeSeq;
  for (;;) {
    const rows = await listEvents(deps.db.kysely, { ...f, beforeSeq: before }, 1000);
    if (rows.length === 0) return;
    for (const r of rows) {
      yield (
        [r.seq, r.at, r.actor_name, r.action, r.target_type, r.target_id, r.site_id, r.result, r.request_id, r.ip, r.details, r.hash]
          .map(csvCell)
          .join(',') + '\r\n'
      );
    }
    before = rows[rows.length - 1]?.seq;
  }
}

/** Verifies the chain on the auditor's request. */
export async function verifyAuditForAuditor(deps: Deps, actor: Actor): Promise<VerifyResult> {
  requirePermission(actor, 'audit.read');
  return verifyAuditChain(deps.db);
}

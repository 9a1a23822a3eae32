/** The audit room: the append-only, SM3-chained audit log. */
export { recordAudit, type AuditEntry } from './record-audit.ts';
export { verifyAuditChain, type VerifyResult } from './verify-chain.ts';
export { searchAuditEvents, exportAuditCsv, presentEvent, type AuditEvent } from './queries.ts';
export { chainHash, canonicalEvent } from './chain.ts';
export { auditRoutes } from './audit.routes.ts';

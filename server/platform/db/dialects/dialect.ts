/**
 * What differs between SQLite and PostgreSQL, in one interface. Nothing outside
 * `server/platform/db/dialects/` may branch on the dialect.
 */
import type { Kysely } from 'kysely';
import type { Database, JobRow } from '../schema.ts';
import type { ClaimArgs } from './claim-jobs.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectAdapter {
  readonly name: DialectName;
  /** The PostgreSQL schema everything lives in, when not the default search path. */
  readonly schema?: string | undefined;
  createKysely(): Kysely<Database>;
  /**
   * Takes the row lock that serialises writers of the audit chain for the rest of the
   * transaction (PostgreSQL: SELECT … FOR UPDATE; SQLite: writers are already serial).
   */
  lockAuditHead(trx: Kysely<Database>): Promise<{ seq: number; hash: string }>;
  /** Claims up to `limit` runnable jobs for `workerId` (PostgreSQL: FOR UPDATE SKIP LOCKED). */
  claimJobs(db: Kysely<Database>, args: ClaimArgs): Promise<JobRow[]>;
  /** DDL that makes audit events append-only and protects the last 180 days from deletion. */
  auditProtectionDdl(retentionDays: number): string[];
  /** DDL that removes that protection (used only by the migration's `down`). */
  dropAuditProtectionDdl(): string[];
  /** DDL that makes a table of records append-only (no UPDATE, no DELETE). */
  immutableTableDdl(table: string): string[];
  dropImmutableTableDdl(table: string): string[];
  /** DDL of the full-text index over search_documents' segmented text (ADR 0007). */
  searchIndexDdl(): string[];
  dropSearchIndexDdl(): string[];
}

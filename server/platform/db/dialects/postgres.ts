/** PostgreSQL through node-postgres: the production dialect. */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../schema.ts';
import { claimJobsWith } from './claim-jobs.ts';
import type { DialectAdapter } from './dialect.ts';

// int8 (bigint) and numeric come back as strings by default; our counts fit in 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface PostgresOptions {
  url: string;
  /** Runs every connection in this schema (tests use one schema per test file). */
  schema?: string;
  poolSize?: number;
}

export function postgresAdapter(opts: PostgresOptions): DialectAdapter {
  return {
    name: 'postgres',
    schema: opts.schema,
    createKysely() {
      const pool = new pg.Pool({
        connectionString: opts.url,
        max: opts.poolSize ?? 10,
        ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
      });
      return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    },
    async lockAuditHead(trx) {
      const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
      return { seq: Number(head.seq), hash: head.hash };
    },
    claimJobs(db, args) {
      return claimJobsWith(db, args, (q) => q.forUpdate().skipLocked());
    },
    auditProtectionDdl(retentionDays) {
      return [
        `CREATE OR REPLACE FUNCTION audit_events_guard() RETURNS trigger AS $$
         BEGIN
           IF TG_OP = 'UPDATE' THEN
             RAISE EXCEPTION 'audit events are append-only';
           END IF;
           IF OLD.at > to_char((now() AT TIME ZONE 'UTC') - interval '${retentionDays} days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') THEN
             RAISE EXCEPTION 'audit events younger than ${retentionDays} days may not be deleted';
           END IF;
           RETURN OLD;
         END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER audit_events_guard BEFORE UPDATE OR DELETE ON audit_events
         FOR EACH ROW EXECUTE FUNCTION audit_events_guard()`,
      ];
    },
    immutableTableDdl(table) {
      return [
        `CREATE OR REPLACE FUNCTION gk_immutable_row() RETURNS trigger AS $$
         BEGIN RAISE EXCEPTION '% rows are records and cannot be changed', TG_TABLE_NAME; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION gk_immutable_row()`,
      ];
    },
    dropImmutableTableDdl(table) {
      return [`DROP TRIGGER IF EXISTS ${table}_immutable ON ${table}`];
    },
    dropAuditProtectionDdl() {
      return ['DROP TRIGGER IF EXISTS audit_events_guard ON audit_events', 'DROP FUNCTION IF EXISTS audit_events_guard()'];
    },
    searchIndexDdl() {
      // to_tsvector('simple', …) over text already segmented: title terms weighted A, body D.
      return [
        `ALTER TABLE search_documents ADD COLUMN terms tsvector NOT NULL DEFAULT ''::tsvector`,
        'CREATE INDEX search_documents_terms_idx ON search_documents USING gin (terms)',
      ];
    },
    dropSearchIndexDdl() {
      return ['DROP INDEX IF EXISTS search_documents_terms_idx'];
    },
  };
}

/**
 * The database catalogue as backups see it: every table of the platform's schema (read from the
 * database, not from a list in code, so tables added by later migrations are included) and their
 * row counts. Kysely's introspection covers both dialects.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from './dialects/dialect.ts';
import type { Database } from './schema.ts';

/** The platform's tables, sorted by name (SQLite: also FTS5 tables and their shadow tables). */
export async function listTables(db: Kysely<Database>, dialect: Pick<DialectAdapter, 'name' | 'schema'>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const schema = dialect.schema ?? 'public';
  return (
    tables
      // SQLite tables have no schema; PostgreSQL's introspection lists every schema's tables.
      .filter((t) => !t.isView && (t.schema === undefined || t.schema === schema))
      .map((t) => t.name)
      .sort()
  );
}

/** How many rows a table holds. */
export async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Row counts of every table, by name. */
export async function tableRowCounts(
  db: Kysely<Database>,
  dialect: Pick<DialectAdapter, 'name' | 'schema'>,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(db, dialect)) out[t] = await countRows(db, t);
  return out;
}

/**
 * Runs `fn` on one PostgreSQL connection inside a REPEATABLE READ transaction whose snapshot is
 * exported, so `pg_dump --snapshot` sees exactly what `fn` counts while the platform keeps writing.
 */
export async function withExportedSnapshot<T>(
  db: Kysely<Database>,
  fn: (conn: Kysely<Database>, snapshot: string) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin transaction isolation level repeatable read, read only`.execute(conn);
    try {
      const r = await sql<{ s: string }>`select pg_export_snapshot() as s`.execute(conn);
      return await fn(conn, String(r.rows[0]?.s));
    } finally {
      await sql`commit`.execute(conn);
    }
  });
}

/** The server's version number (PostgreSQL: e.g. 150020 for 15.20). */
export async function postgresServerVersion(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db);
  return Number(r.rows[0]?.v);
}

/** Drops these tables (PostgreSQL, with what depends on them). */
export async function dropTablesCascade(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  for (const t of tables) await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
}

/** Names of the migrations applied to this database, in order; empty before the first one. */
export async function appliedMigrations(db: Kysely<Database>, dialect: Pick<DialectAdapter, 'name' | 'schema'>): Promise<string[]> {
  if (!(await listTables(db, dialect)).includes('kysely_migration')) return [];
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((row) => row.name);
}

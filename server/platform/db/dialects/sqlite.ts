/** SQLite (better-sqlite3): the embedded default. WAL, foreign keys on, BEGIN IMMEDIATE. */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection } from 'kysely';
import type { Database } from '../schema.ts';
import { claimJobsWith } from './claim-jobs.ts';
import type { DialectAdapter } from './dialect.ts';

/** Writers take the lock at BEGIN, so two processes never deadlock upgrading a read lock. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly cfg: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(cfg);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.cfg);
  }
}

/** Statements kept compiled per connection; the platform's distinct queries number in the hundreds. */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * The connection as Kysely sees it, with compiled statements reused: Kysely prepares every query
 * afresh, and compiling the SQL cost as much as running it on small reads (a tenth of a public
 * form post). SQLite recompiles a cached statement itself when the schema changes. Not for
 * `.stream()` (a statement being iterated cannot run a second query), which the platform does not use.
 */
function withStatementCache(db: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (sql: string): SqliteDatabase.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function sqliteAdapter(file: string): DialectAdapter {
  return {
    name: 'sqlite',
    createKysely() {
      if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
      const database = new SqliteDatabase(file);
      database.pragma('journal_mode = WAL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 10000');
      database.pragma('synchronous = NORMAL');
      return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) });
    },
    async lockAuditHead(trx) {
      const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { seq: Number(head.seq), hash: head.hash };
    },
    claimJobs(db, args) {
      return claimJobsWith(db, args, (q) => q);
    },
    auditProtectionDdl(retentionDays) {
      return [
        `CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
         BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END`,
        `CREATE TRIGGER audit_events_retention BEFORE DELETE ON audit_events
         WHEN old.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${retentionDays} days')
         BEGIN SELECT RAISE(ABORT, 'audit events younger than ${retentionDays} days may not be deleted'); END`,
      ];
    },
    immutableTableDdl(table) {
      return ['UPDATE', 'DELETE'].map(
        (op) =>
          `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} rows are records and cannot be changed'); END`,
      );
    },
    dropImmutableTableDdl(table) {
      return [`DROP TRIGGER IF EXISTS ${table}_no_update`, `DROP TRIGGER IF EXISTS ${table}_no_delete`];
    },
    dropAuditProtectionDdl() {
      return ['DROP TRIGGER IF EXISTS audit_events_no_update', 'DROP TRIGGER IF EXISTS audit_events_retention'];
    },
    searchIndexDdl() {
      // Contentless (the segmented text is not stored twice), rows deletable by rowid = doc_key.
      // detail=full: bm25 reads term frequencies from the position lists (it scores 0 with detail=column).
      return [
        `CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1,
         tokenize='unicode61 remove_diacritics 2')`,
      ];
    },
    dropSearchIndexDdl() {
      return ['DROP TABLE IF EXISTS search_fts'];
    },
  };
}

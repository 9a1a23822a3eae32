/**
 * The database part of a backup, per dialect: SQLite through better-sqlite3's online backup API
 * (a consistent copy while the platform keeps writing), PostgreSQL through `pg_dump
 * --format=custom` on a snapshot exported by a transaction that also counts the rows, and back
 * through `pg_restore`. The one place outside platform/db that knows which dialect it is on:
 * backup is about the database's own tools (ADR 0017).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Config } from '../config.ts';
import { appliedMigrations, postgresServerVersion, tableRowCounts, withExportedSnapshot } from '../db/catalogue.ts';
import type { Db } from '../db/database.ts';
import { sqliteAdapter } from '../db/dialects/sqlite.ts';
import type { Database } from '../db/schema.ts';
import { BACKUP_ERRORS, backupError } from './manifest.ts';

/** What a dump saw: the schema's migrations and each table's rows, in the same snapshot as the dump. */
export interface DumpFacts {
  migrations: string[];
  tables: Record<string, number>;
  serverVersion?: string;
  toolVersion?: string;
}

/** Runs `inspect` over a database handle of the snapshot (for the key usage counts). */
export type SnapshotInspector = (db: Db) => Promise<void>;

/** Copies the SQLite database into `file` online and reads its facts from the copy. */
export async function dumpSqlite(config: Config, file: string, inspect: SnapshotInspector): Promise<DumpFacts> {
  if (!fs.existsSync(config.databaseFile))
    throw backupError(BACKUP_ERRORS.noDatabase, 409, `数据库文件 ${config.databaseFile} 不存在，没有可备份的数据`);
  const source = new SqliteDatabase(config.databaseFile, { fileMustExist: true });
  try {
    // All pages in one step, under one read transaction: copied in small steps, the backup starts
    // over whenever another connection writes in between, and may never finish on a busy platform.
    await source.backup(file, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  // The copy keeps the source's WAL mode, and even a read-only connection to a WAL database leaves
  // -wal and -shm files beside it; a single file is what the archive holds (the platform sets WAL
  // again when it opens the restored database).
  const copy = new SqliteDatabase(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return withSqliteFile(file, async (db) => {
    const facts = { migrations: await appliedMigrations(db.kysely, db.dialect), tables: await tableRowCounts(db.kysely, db.dialect) };
    await inspect(db);
    return facts;
  });
}

/** Opens a SQLite file (a snapshot or a restored database) read-only as a Db for a moment. */
export async function withSqliteFile<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(file, { readonly: true, fileMustExist: true }) }),
  });
  // The adapter only names the dialect here; the connection is this read-only one.
  const db: Db = { kysely, dialect: sqliteAdapter(file), close: () => kysely.destroy() };
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

interface PgConnection {
  /** The connection URI without the password (it goes through PGPASSWORD, not the command line). */
  uri: string;
  env: NodeJS.ProcessEnv;
}

function pgConnection(url: string): PgConnection {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { uri: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a PostgreSQL client tool; a missing tool or a failure becomes a coded error with its message. */
function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT')
        reject(
          backupError(
            BACKUP_ERRORS.pgDumpMissing,
            500,
            `找不到 ${tool}：请安装 PostgreSQL 客户端（Debian 软件包 postgresql-client，版本不低于服务器）并确保它在 PATH 中`,
          ),
        );
      else reject(e);
    });
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else
        reject(
          backupError(BACKUP_ERRORS.pgToolFailed, 500, `${tool} 失败（退出码 ${code}）：${err.trim().split('\n').slice(-3).join(' ')}`),
        );
    });
  });
}

const majorOf = (versionNum: number) => Math.floor(versionNum / 10000);

/** The client tool's version, e.g. "15.20" from "pg_dump (PostgreSQL) 15.20 (Debian …)". */
async function pgToolVersion(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv): Promise<{ text: string; major: number }> {
  const out = await runPgTool(tool, ['--version'], env);
  const m = /(\d+)(?:\.(\d+))?/.exec(out.replace(/^[^)]*\)/, ''));
  return { text: m?.[0] ?? out.trim(), major: Number(m?.[1] ?? 0) };
}

/** Refuses a client tool older than the server (pg_dump would refuse too, with a less clear message). */
async function checkToolVersion(tool: 'pg_dump' | 'pg_restore', db: Db, env: NodeJS.ProcessEnv): Promise<{ server: string; tool: string }> {
  const serverNum = await postgresServerVersion(db.kysely);
  const client = await pgToolVersion(tool, env);
  const server = `${majorOf(serverNum)}.${serverNum % 10000}`;
  if (client.major < majorOf(serverNum))
    throw backupError(
      BACKUP_ERRORS.pgDumpTooOld,
      500,
      `数据库服务器版本为 PostgreSQL ${server}，而 ${tool} 版本为 ${client.text}：请安装与服务器主版本相同或更新的 PostgreSQL 客户端`,
    );
  return { server, tool: client.text };
}

/** Dumps the configured PostgreSQL database into `file` (custom format), counting rows in the same snapshot. */
export async function dumpPostgres(config: Config, db: Db, file: string, inspect: SnapshotInspector): Promise<DumpFacts> {
  const conn = pgConnection(config.databaseUrl as string);
  const versions = await checkToolVersion('pg_dump', db, conn.env);
  return withExportedSnapshot(db.kysely, async (snapshotConn, snapshot) => {
    const snapshotDb: Db = { kysely: snapshotConn, dialect: db.dialect, close: async () => undefined };
    const facts = {
      migrations: await appliedMigrations(snapshotConn, db.dialect),
      tables: await tableRowCounts(snapshotConn, db.dialect),
    };
    await inspect(snapshotDb);
    await runPgTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, '--file', file, '--dbname', conn.uri], conn.env);
    return { ...facts, serverVersion: versions.server, toolVersion: versions.tool };
  });
}

/**
 * Restores a custom-format dump into the configured database in one transaction (`--clean
 * --if-exists` replaces the dump's objects; `--no-owner` makes the configured user their owner).
 */
export async function restorePostgres(config: Config, db: Db, file: string): Promise<void> {
  const conn = pgConnection(config.databaseUrl as string);
  await checkToolVersion('pg_restore', db, conn.env);
  await runPgTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '--dbname', conn.uri, file],
    conn.env,
  );
}

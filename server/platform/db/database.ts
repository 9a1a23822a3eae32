/**
 * The database handle: Kysely plus the dialect adapter, created from the config.
 * SQLite in the data folder by default; PostgreSQL when DATABASE_URL is set.
 */
import type { Kysely } from 'kysely';
import type { DialectAdapter } from './dialects/dialect.ts';
import { postgresAdapter } from './dialects/postgres.ts';
import { sqliteAdapter } from './dialects/sqlite.ts';
import type { Database } from './schema.ts';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectAdapter;
  close(): Promise<void>;
}

export function openDb(adapter: DialectAdapter): Db {
  const kysely = adapter.createKysely();
  return { kysely, dialect: adapter, close: () => kysely.destroy() };
}

export function openDbFromConfig(cfg: { databaseUrl: string | undefined; databaseFile: string }): Db {
  return openDb(cfg.databaseUrl ? postgresAdapter({ url: cfg.databaseUrl }) : sqliteAdapter(cfg.databaseFile));
}

/** A trivial query that proves the database answers (for /healthz). */
export async function pingDb(db: Db): Promise<void> {
  await db.kysely.selectFrom('audit_head').select('seq').executeTakeFirst();
}

export type { Database };

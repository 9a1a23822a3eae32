/**
 * Test support: a fresh, migrated database per call — in-memory SQLite by default, a
 * private PostgreSQL schema when DATABASE_URL is set — and the Deps around it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fixedClock } from '#server/platform/clock.ts';
import { loadConfig, type Config } from '#server/platform/config.ts';
import { openDb, type Db } from '#server/platform/db/database.ts';
import { postgresAdapter } from '#server/platform/db/dialects/postgres.ts';
import { sqliteAdapter } from '#server/platform/db/dialects/sqlite.ts';
import { migrateToLatest } from '#server/platform/db/migrations/index.ts';
import type { Deps } from '#server/platform/deps.ts';
import { createLogger } from '#server/platform/logger.ts';

export const TEST_DATABASE_URL = process.env.DATABASE_URL || undefined;

const SCHEMA_LOCK = 7_413_001;

async function underSchemaLock<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await fn(c);
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => undefined);
    await c.end();
  }
}
export const dialectUnderTest = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** A new empty database with the schema at the latest migration. */
export async function createTestDb(opts: { migrate?: boolean } = {}): Promise<Db> {
  let db: Db;
  if (TEST_DATABASE_URL) {
    const url = TEST_DATABASE_URL;
    const schema = `gk_test_${randomBytes(6).toString('hex')}`;
    const inner = openDb(postgresAdapter({ url, schema, poolSize: 4 }));
    db = {
      ...inner,
      async close() {
        await inner.close();
        await underSchemaLock(url, (c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
      },
    };
    // Kysely's migrator introspects every schema; creating, migrating and dropping test schemas
    // one at a time keeps parallel test files from tripping over each other's half-made schemas.
    await underSchemaLock(url, async (c) => {
      await c.query(`CREATE SCHEMA ${schema}`);
      if (opts.migrate !== false) await migrateToLatest(db.kysely, db.dialect);
    });
    return db;
  }
  db = openDb(sqliteAdapter(':memory:'));
  if (opts.migrate !== false) await migrateToLatest(db.kysely, db.dialect);
  return db;
}

// Each test config gets its own data folder (published sites, files), removed when the process ends.
const DATA_ROOT = path.join(os.tmpdir(), `gongkai-test-${process.pid}`);
let dataDirs = 0;
process.once('exit', () => fs.rmSync(DATA_ROOT, { recursive: true, force: true }));

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    GONGKAI_DATA_DIR: path.join(DATA_ROOT, String(++dataDirs)),
    GONGKAI_RUN_JOBS: 'false',
    GONGKAI_LOG_LEVEL: 'silent',
    // The suite's in-memory databases cannot be opened by build threads.
    GONGKAI_PUBLISH_THREADS: '0',
    ...overrides,
  });
}

export interface TestDeps extends Deps {
  readonly clock: ReturnType<typeof fixedClock>;
}

/** Deps over a fresh database with a controllable clock starting at 2026-11-27 09:00 (Beijing). */
export async function createTestDeps(opts: { config?: Record<string, string>; now?: string } = {}): Promise<TestDeps> {
  const db = await createTestDb();
  return {
    config: testConfig(opts.config),
    db,
    clock: fixedClock(opts.now ?? '2026-11-27T01:00:00.000Z'),
    logger: createLogger('silent'),
  };
}

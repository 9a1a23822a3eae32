/**
 * The one list of migrations. Each runs unchanged on SQLite and PostgreSQL; where DDL must
 * differ, a migration asks the dialect adapter for it.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect.ts';
import type { Database } from '../schema.ts';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-calendar.ts';
import * as m0003 from './0003-content.ts';
import * as m0004 from './0004-queue-index.ts';
import * as m0005 from './0005-publishing.ts';
import * as m0006 from './0006-search.ts';
import * as m0007 from './0007-column-lists.ts';
import * as m0008 from './0008-index-numbers.ts';
import * as m0009 from './0009-disclosure-requests.ts';
import * as m0010 from './0010-request-outcomes.ts';
import * as m0011 from './0011-catalogue-and-reports.ts';
import * as m0012 from './0012-catalogue-entries.ts';
import * as m0013 from './0013-report-indexes.ts';
import * as m0014 from './0014-interaction.ts';
import * as m0015 from './0015-letter-attachments.ts';
import * as m0016 from './0016-service-items.ts';
import * as m0017 from './0017-monitoring.ts';
import * as m0018 from './0018-evaluation.ts';
import * as m0019 from './0019-rectification.ts';
import * as m0020 from './0020-site-external-services.ts';
import * as m0021 from './0021-local-indicator-systems.ts';
import * as m0022 from './0022-site-traffic.ts';
import * as m0023 from './0023-website-reports.ts';
import * as m0024 from './0024-site-lifecycle.ts';
import * as m0025 from './0025-legacy-import.ts';
import * as m0026 from './0026-site-redirects.ts';
import * as m0027 from './0027-syndication.ts';

export interface MigrationContext {
  dialect: DialectAdapter;
  genesisHash: string;
}

interface MigrationModule {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
  down(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

const MIGRATIONS: Record<string, MigrationModule> = {
  '0001-foundation': m0001,
  '0002-calendar': m0002,
  '0003-content': m0003,
  '0004-queue-index': m0004,
  '0005-publishing': m0005,
  '0006-search': m0006,
  '0007-column-lists': m0007,
  '0008-index-numbers': m0008,
  '0009-disclosure-requests': m0009,
  '0010-request-outcomes': m0010,
  '0011-catalogue-and-reports': m0011,
  '0012-catalogue-entries': m0012,
  '0013-report-indexes': m0013,
  '0014-interaction': m0014,
  '0015-letter-attachments': m0015,
  '0016-service-items': m0016,
  '0017-monitoring': m0017,
  '0018-evaluation': m0018,
  '0019-rectification': m0019,
  '0020-site-external-services': m0020,
  '0021-local-indicator-systems': m0021,
  '0022-site-traffic': m0022,
  '0023-website-reports': m0023,
  '0024-site-lifecycle': m0024,
  '0025-legacy-import': m0025,
  '0026-site-redirects': m0026,
  '0027-syndication': m0027,
};

export const GENESIS_HASH = '0'.repeat(64);

function migrator(db: Kysely<Database>, dialect: DialectAdapter): Migrator {
  const ctx: MigrationContext = { dialect, genesisHash: GENESIS_HASH };
  return new Migrator({
    db,
    // Without an explicit schema, Kysely's existence check sees migration tables of other schemas.
    ...(dialect.schema ? { migrationTableSchema: dialect.schema } : {}),
    provider: {
      async getMigrations() {
        return Object.fromEntries(
          Object.entries(MIGRATIONS).map(([name, mod]): [string, Migration] => [
            name,
            { up: (d) => mod.up(d as Kysely<unknown>, ctx), down: (d) => mod.down(d as Kysely<unknown>, ctx) },
          ]),
        );
      },
    },
  });
}

export class MigrationError extends Error {}

function check(set: MigrationResultSet): string[] {
  if (set.error) {
    const failed = set.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${String((set.error as Error).message ?? set.error)}`);
  }
  return (set.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema to the latest version; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<Database>, dialect: DialectAdapter): Promise<string[]> {
  return check(await migrator(db, dialect).migrateToLatest());
}

/** Undoes every migration (tests of the migrations themselves use this). */
export async function migrateDownAll(db: Kysely<Database>, dialect: DialectAdapter): Promise<string[]> {
  const m = migrator(db, dialect);
  const done: string[] = [];
  for (;;) {
    const set = await m.migrateDown();
    const names = check(set);
    if (names.length === 0) break;
    done.push(...names);
  }
  return done;
}

/** Names of migrations applied and pending. */
export async function migrationStatus(db: Kysely<Database>, dialect: DialectAdapter) {
  const list = await migrator(db, dialect).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt?.toISOString() ?? null }));
}

/** Names of the migrations this build knows, in order (a restore refuses a backup with others). */
export function knownMigrationNames(): string[] {
  return Object.keys(MIGRATIONS);
}

/** Undoes the latest applied migration (tests of restoring an older backup use this). */
export async function migrateDownLast(db: Kysely<Database>, dialect: DialectAdapter): Promise<string[]> {
  return check(await migrator(db, dialect).migrateDown());
}

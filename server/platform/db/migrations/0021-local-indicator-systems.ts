/**
 * `indicator_system_versions`: the local indicator systems a city keeps (its quarterly
 * performance evaluation with its own weights), one row per saved version, never updated: a
 * spot check freezes the version it was made with, and every earlier version stays readable.
 * `based_on` names the system it was copied from (`national-2019@1`).
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('indicator_system_versions')
    .addColumn('key', 'varchar(40)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('based_on', 'varchar(60)')
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('note', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_system_versions_pk', ['key', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('indicator_system_versions').execute();
}

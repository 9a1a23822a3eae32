/**
 * The site lifecycle (集约化, docs/consolidation.md). `site_lifecycle_events`: every step a site
 * took, append-only, numbered per site (the site's `lifecycle_seq` is the last number and the
 * version a step must name). On `sites`: the request waiting for approval (JSON), the successor
 * a closure notice names, the notice shown on the site, the portal it merged into, the
 * migrate/close-by deadline and when it closed.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const SITE_COLUMNS: [string, 'varchar(40)' | 'varchar(500)' | 'varchar(10)' | 'varchar(32)' | 'text'][] = [
  ['lifecycle_request', 'text'],
  ['successor_site_id', 'varchar(40)'],
  ['successor_url', 'varchar(500)'],
  ['notice_text', 'text'],
  ['notice_from', 'varchar(10)'],
  ['notice_until', 'varchar(10)'],
  ['merged_into_site_id', 'varchar(40)'],
  ['deadline', 'varchar(10)'],
  ['closed_at', 'varchar(32)'],
];

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('lifecycle_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // SQLite adds one column per ALTER TABLE.
  for (const [name, type] of SITE_COLUMNS) await db.schema.alterTable('sites').addColumn(name, type).execute();
  await db.schema
    .createTable('site_lifecycle_events')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('site_id', 'varchar(40)', (c) => c.notNull().references('sites.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(40)')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('approver_name', 'varchar(100)')
    .addColumn('text', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('site_lifecycle_events_seq', ['site_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('site_lifecycle_events').execute();
  for (const [name] of [...SITE_COLUMNS].reverse()) await db.schema.alterTable('sites').dropColumn(name).execute();
  await db.schema.alterTable('sites').dropColumn('lifecycle_seq').execute();
}

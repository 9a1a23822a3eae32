/**
 * The traffic room: visits and unique visitors of every hosted site, from the access logs.
 *
 * `site_traffic_daily`: page views of a site on a day (Beijing), added to by each ingestion.
 * `site_traffic_visitors`: the distinct visitors of a site in a year, each a keyed hash of the
 * year, client address and user agent (never the address itself).
 * `traffic_log_offsets`: how far each log file has been read, with the file's identity (device,
 * inode, first line) so a rotated or truncated file is read again from the start.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const id = 'varchar(40)';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('site_traffic_daily')
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('page_views', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_traffic_daily_pk', ['site_id', 'day'])
    .execute();

  await db.schema
    .createTable('site_traffic_visitors')
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('visitor', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_traffic_visitors_pk', ['site_id', 'year', 'visitor'])
    .execute();

  await db.schema
    .createTable('traffic_log_offsets')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('dev', 'varchar(40)', (c) => c.notNull())
    .addColumn('ino', 'varchar(40)', (c) => c.notNull())
    .addColumn('head_hash', 'varchar(64)')
    .addColumn('read_to', 'bigint', (c) => c.notNull())
    .addColumn('size_seen', 'bigint', (c) => c.notNull())
    .addColumn('lines', 'bigint', (c) => c.notNull())
    .addColumn('bad_lines', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('traffic_log_offsets').execute();
  await db.schema.dropTable('site_traffic_visitors').execute();
  await db.schema.dropTable('site_traffic_daily').execute();
}

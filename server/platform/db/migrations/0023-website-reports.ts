/**
 * The 政府网站工作年度报表 of each site and year. `website_reports`: the hand-entered fields
 * (JSON) under a version for optimistic saves, and the article that publishes the report
 * through the site's review. `website_report_reminders`: one row per site, year and day the
 * January reminder found the report still unpublished, read by the site's people.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('website_reports')
    .addColumn('site_id', 'varchar(40)', (c) => c.notNull().references('sites.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('manual', 'text', (c) => c.notNull())
    .addColumn('article_id', 'varchar(40)')
    .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('website_reports_pk', ['site_id', 'year'])
    .execute();
  await db.schema
    .createTable('website_report_reminders')
    .addColumn('site_id', 'varchar(40)', (c) => c.notNull().references('sites.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reminded_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('days_left', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('website_report_reminders_pk', ['site_id', 'year', 'reminded_on'])
    .execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('website_report_reminders').execute();
  await db.schema.dropTable('website_reports').execute();
}

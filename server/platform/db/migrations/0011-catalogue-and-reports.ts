/**
 * The 政府信息公开目录 and the annual report's own rows, and the request lifecycle after the reply:
 *
 * - a column may be mapped onto one category of the standard catalogue (common/catalogue.ts);
 *   several columns may feed one category;
 * - each org keeps its 政府信息公开指南 contact fields and texts (条例 12);
 * - each org's annual report for a year keeps what is entered by hand (section 二's counts,
 *   section 四's 15 cells, the narrative sections) and the article it was published as;
 * - a request carries the day it was archived (the file closed after delivery).
 */
import type { Kysely } from 'kysely';

const id = 'varchar(40)';
const ts = 'varchar(32)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('site_columns').addColumn('catalogue_category', 'varchar(40)').execute();
  await db.schema
    .createTable('disclosure_guides')
    .addColumn('org_id', id, (c) => c.primaryKey().references('orgs.id'))
    .addColumn('office_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('address', 'varchar(300)', (c) => c.notNull())
    .addColumn('postal_code', 'varchar(6)')
    .addColumn('office_hours', 'varchar(200)', (c) => c.notNull())
    .addColumn('phone', 'varchar(64)', (c) => c.notNull())
    .addColumn('fax', 'varchar(64)', (c) => c.notNull())
    .addColumn('web_contact', 'varchar(300)', (c) => c.notNull())
    .addColumn('arrangement', 'text', (c) => c.notNull())
    .addColumn('obtaining', 'text', (c) => c.notNull())
    .addColumn('updated_by', id, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('entered', 'text', (c) => c.notNull())
    .addColumn('narratives', 'text', (c) => c.notNull())
    .addColumn('article_id', id, (c) => c.references('articles.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', id, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('annual_reports_org_year', ['org_id', 'year'])
    .execute();
  await db.schema.alterTable('disclosure_requests').addColumn('archived_at', ts).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('disclosure_requests').dropColumn('archived_at').execute();
  await db.schema.dropTable('annual_reports').execute();
  await db.schema.dropTable('disclosure_guides').execute();
  await db.schema.alterTable('site_columns').dropColumn('catalogue_category').execute();
}

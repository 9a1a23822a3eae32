/**
 * The 政府信息公开目录's items: one row per public article in a column mapped onto a catalogue
 * category, with the fields the catalogue shows and filters on (条例 12: 索引, 名称, 内容概述,
 * 生成日期; 文号, 主题分类, 发布机构 and year to browse and search). Written by the publisher
 * beside the search index, so the catalogue lists exactly what the site shows.
 */
import type { Kysely } from 'kysely';

const id = 'varchar(40)';
const ts = 'varchar(32)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalogue_entries')
    .addColumn('article_id', id, (c) => c.primaryKey().references('articles.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('column_id', id, (c) => c.notNull())
    .addColumn('org_id', id, (c) => c.notNull())
    .addColumn('category', 'varchar(40)', (c) => c.notNull())
    .addColumn('index_no', 'varchar(100)')
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('summary', 'varchar(500)', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(100)')
    .addColumn('topic', 'varchar(100)')
    .addColumn('issuing_org', 'varchar(200)')
    .addColumn('validity', 'varchar(20)')
    .addColumn('generated_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('published_at', ts, (c) => c.notNull())
    .addColumn('url', 'varchar(500)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalogue_entries_site_idx')
    .on('catalogue_entries')
    .columns(['site_id', 'category', 'published_at'])
    .execute();
  await db.schema.createIndex('catalogue_entries_year_idx').on('catalogue_entries').columns(['site_id', 'year']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalogue_entries').execute();
}

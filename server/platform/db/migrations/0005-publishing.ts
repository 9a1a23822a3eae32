/**
 * Publishing: each site's public look (theme, 党政机关网站标识) and the record of which article
 * pages are on disk, so a retraction or a move removes exactly the files that show the article,
 * and the marker of each site's latest full build.
 */
import type { Kysely } from 'kysely';

const ts = 'varchar(32)';
const id = 'varchar(40)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('theme', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('sites').addColumn('conac_id', 'varchar(64)').execute();
  // The home page's newest articles of a type, and the sitemap's articles by month of first publication.
  await db.schema.createIndex('articles_site_type_idx').on('articles').columns(['site_id', 'type', 'published_at']).execute();
  await db.schema.createIndex('articles_site_first_idx').on('articles').columns(['site_id', 'first_published_at']).execute();

  await db.schema
    .createTable('published_articles')
    .addColumn('article_id', id, (c) => c.primaryKey().references('articles.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('column_id', id, (c) => c.notNull())
    .addColumn('revision_id', id, (c) => c.notNull())
    .addColumn('path', 'varchar(300)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('written_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('published_articles_site_idx').on('published_articles').columns(['site_id', 'month']).execute();

  // Which articles each published page refers to (body links, the replacing document), so a change
  // to the target re-renders the pages that link to it.
  await db.schema
    .createTable('published_refs')
    .addColumn('article_id', id, (c) => c.notNull())
    .addColumn('target_id', id, (c) => c.notNull())
    .addPrimaryKeyConstraint('published_refs_pk', ['article_id', 'target_id'])
    .execute();
  await db.schema.createIndex('published_refs_target_idx').on('published_refs').columns(['target_id']).execute();

  await db.schema
    .createTable('site_builds')
    .addColumn('site_id', id, (c) => c.primaryKey().references('sites.id'))
    .addColumn('build_id', id, (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('heartbeat_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('site_builds').execute();
  await db.schema.dropTable('published_refs').execute();
  await db.schema.dropTable('published_articles').execute();
  await db.schema.dropIndex('articles_site_first_idx').execute();
  await db.schema.dropIndex('articles_site_type_idx').execute();
  await db.schema.alterTable('sites').dropColumn('conac_id').execute();
  await db.schema.alterTable('sites').dropColumn('theme').execute();
}

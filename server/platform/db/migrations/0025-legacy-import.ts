/**
 * The legacy import (room migration). `legacy_imports`: one import of an old site into a hosted
 * site, its options, status, counts, the legacy columns with their suggested targets and the
 * confirmed mapping (optimistic version). `legacy_import_pages`: every page the import crawled,
 * what it is, what was extracted, and what became of it (outcome and reason). `article_legacy_urls`:
 * each old URL and the article it became, per source site — the redirect map. `articles.migrated_from`
 * marks an article that came from a legacy site (its old URL).
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('legacy_imports')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('source_site_id', 'varchar(40)', (c) => c.notNull().references('sites.id'))
    .addColumn('start_url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('target_site_id', 'varchar(40)', (c) => c.notNull().references('sites.id'))
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(30)', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('pages_seen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('articles_found', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text')
    .addColumn('confirmed_by', 'varchar(100)')
    .addColumn('confirmed_at', 'varchar(32)')
    .addColumn('error', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('legacy_imports_target_idx').on('legacy_imports').columns(['target_site_id', 'created_at']).execute();
  await db.schema
    .createTable('legacy_import_pages')
    .addColumn('import_id', 'varchar(40)', (c) => c.notNull().references('legacy_imports.id'))
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('column_key', 'varchar(100)')
    .addColumn('fields', 'text')
    .addColumn('content_hash', 'varchar(64)')
    .addColumn('duplicate_of', 'varchar(2000)')
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('article_id', 'varchar(40)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('legacy_import_pages_pk', ['import_id', 'url'])
    .execute();
  await db.schema.createIndex('legacy_import_pages_outcome_idx').on('legacy_import_pages').columns(['import_id', 'outcome']).execute();
  await db.schema
    .createTable('article_legacy_urls')
    .addColumn('source_site_id', 'varchar(40)', (c) => c.notNull().references('sites.id'))
    .addColumn('old_url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('old_path', 'varchar(2000)', (c) => c.notNull())
    .addColumn('article_id', 'varchar(40)', (c) => c.notNull().references('articles.id'))
    .addColumn('target_site_id', 'varchar(40)', (c) => c.notNull().references('sites.id'))
    .addColumn('content_hash', 'varchar(64)')
    .addColumn('import_id', 'varchar(40)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_legacy_urls_pk', ['source_site_id', 'old_url'])
    .execute();
  await db.schema.createIndex('article_legacy_urls_article_idx').on('article_legacy_urls').column('article_id').execute();
  await db.schema.alterTable('articles').addColumn('migrated_from', 'varchar(2000)').execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('migrated_from').execute();
  await db.schema.dropTable('article_legacy_urls').execute();
  await db.schema.dropTable('legacy_import_pages').execute();
  await db.schema.dropTable('legacy_imports').execute();
}

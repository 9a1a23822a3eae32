/**
 * Search: one row per published article with what a result shows (title, plain body for the
 * snippet, url, column name) and its document key (publication order). The full-text index over
 * the segmented text is dialect DDL: an FTS5 table on SQLite, a tsvector column with a GIN index
 * on PostgreSQL (ADR 0007).
 */
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const id = 'varchar(40)';

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('article_id', id, (c) => c.primaryKey())
    .addColumn('doc_key', 'bigint', (c) => c.notNull().unique())
    .addColumn('site_id', id, (c) => c.notNull())
    .addColumn('column_id', id, (c) => c.notNull())
    .addColumn('column_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'varchar(300)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // Filters read newest first within a site, column or type.
  for (const col of ['site_id', 'column_id', 'type'] as const)
    await db.schema
      .createIndex(`search_documents_${col.replace('_id', '')}_idx`)
      .on('search_documents')
      .columns([col, 'doc_key'])
      .execute();
  for (const statement of ctx.dialect.searchIndexDdl()) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  for (const statement of ctx.dialect.dropSearchIndexDdl()) await sql.raw(statement).execute(db);
  await db.schema.dropTable('search_documents').execute();
}

/** Content: articles with immutable revisions, workflow events, check results, links, files, dictionaries. */
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const ts = 'varchar(32)';
const id = 'varchar(40)';

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('site_columns').addColumn('accepts', 'text').execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('column_id', id, (c) => c.notNull().references('site_columns.id'))
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('stage_index', 'integer')
    .addColumn('current_revision_id', id, (c) => c.notNull())
    .addColumn('live_revision_id', id)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('submitted_at', ts)
    .addColumn('first_published_at', ts)
    .addColumn('published_at', ts)
    .addColumn('scheduled_at', ts)
    .addColumn('due_at', ts)
    .addColumn('due_rule', 'varchar(200)')
    .addColumn('late_minutes', 'integer')
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('emergency_reason', 'text')
    .addColumn('emergency_due_at', ts)
    .addColumn('retracted_at', ts)
    .addColumn('retract_reason', 'text')
    .execute();
  await db.schema.createIndex('articles_queue_idx').on('articles').columns(['status', 'site_id', 'stage_index', 'due_at']).execute();
  await db.schema.createIndex('articles_column_idx').on('articles').columns(['column_id', 'published_at']).execute();
  await db.schema.createIndex('articles_site_idx').on('articles').columns(['site_id', 'updated_at']).execute();
  await db.schema.createIndex('articles_due_idx').on('articles').columns(['due_at']).execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('article_id', id, (c) => c.notNull().references('articles.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('source', 'varchar(200)')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('article_revisions_number_unique', ['article_id', 'number'])
    .execute();

  await db.schema
    .createTable('article_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('article_id', id, (c) => c.notNull().references('articles.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('revision_id', id, (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('stage', 'varchar(40)')
    .addColumn('actor_id', id)
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('opinion', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('article_events_seq_unique', ['article_id', 'seq'])
    .execute();

  await db.schema
    .createTable('article_checks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('article_id', id, (c) => c.notNull().references('articles.id'))
    .addColumn('revision_id', id, (c) => c.notNull())
    .addColumn('context', 'varchar(40)', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'integer', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_checks_revision_idx').on('article_checks').columns(['revision_id', 'created_at']).execute();

  await db.schema
    .createTable('article_links')
    .addColumn('policy_id', id, (c) => c.notNull().references('articles.id'))
    .addColumn('interpretation_id', id, (c) => c.notNull().references('articles.id'))
    .addPrimaryKeyConstraint('article_links_pk', ['policy_id', 'interpretation_id'])
    .execute();
  await db.schema.createIndex('article_links_interp_idx').on('article_links').column('interpretation_id').execute();

  await db.schema
    .createTable('files')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('ext', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dictionary_entries')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('scope', id, (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('word', 'varchar(100)', (c) => c.notNull())
    .addColumn('extra', 'text', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('dictionary_entries_unique', ['scope', 'kind', 'word'])
    .execute();

  // Revisions, workflow events and check results are records: never changed, never deleted.
  for (const stmt of ctx.dialect.immutableTableDdl('article_revisions')) await sql.raw(stmt).execute(db);
  for (const stmt of ctx.dialect.immutableTableDdl('article_events')) await sql.raw(stmt).execute(db);
}

export async function down(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  for (const t of ['article_events', 'article_revisions'])
    for (const stmt of ctx.dialect.dropImmutableTableDdl(t)) await sql.raw(stmt).execute(db);
  for (const t of ['dictionary_entries', 'files', 'article_links', 'article_checks', 'article_events', 'article_revisions', 'articles']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('site_columns').dropColumn('accepts').execute();
}

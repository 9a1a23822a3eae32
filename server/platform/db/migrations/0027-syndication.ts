/**
 * The unified resource library (统一信息资源库, room syndication): a receiving column's
 * subscriptions to source columns of other sites, and each article shown in a column of
 * another site (offered, taken, declined or withdrawn). The article itself is never copied.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const id = 'varchar(40)';
const ts = 'varchar(32)';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('column_subscriptions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('column_id', id, (c) => c.notNull().references('site_columns.id'))
    .addColumn('source_site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('source_column_id', id, (c) => c.notNull().references('site_columns.id'))
    .addColumn('auto', 'integer', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('column_subscriptions_pair', ['column_id', 'source_column_id'])
    .execute();
  await db.schema.createIndex('column_subscriptions_source').on('column_subscriptions').column('source_column_id').execute();
  await db.schema
    .createTable('syndications')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('article_id', id, (c) => c.notNull().references('articles.id'))
    .addColumn('source_site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('column_id', id, (c) => c.notNull().references('site_columns.id'))
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('origin', 'varchar(20)', (c) => c.notNull())
    .addColumn('subscription_id', id)
    .addColumn('offered_by', id)
    .addColumn('offered_at', ts, (c) => c.notNull())
    .addColumn('decided_by', id)
    .addColumn('decided_at', ts)
    .addColumn('listed_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('syndications_article_column', ['article_id', 'column_id'])
    .execute();
  await db.schema.createIndex('syndications_column_list').on('syndications').columns(['column_id', 'state', 'listed_at']).execute();
  await db.schema.createIndex('syndications_site_state').on('syndications').columns(['site_id', 'state']).execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('syndications').execute();
  await db.schema.dropTable('column_subscriptions').execute();
}

/**
 * 索引号: one per published article, allocated in the transaction of its first publication
 * from a per-scope counter (the scope is what the template's numbering restarts within, e.g.
 * one org's year), never reused and never changed. An org may override the platform's template.
 */
import type { Kysely } from 'kysely';

const id = 'varchar(40)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').addColumn('index_template', 'varchar(64)').execute();
  await db.schema
    .createTable('index_sequences')
    .addColumn('scope', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('index_numbers')
    .addColumn('article_id', id, (c) => c.primaryKey().references('articles.id'))
    .addColumn('index_no', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('template', 'varchar(64)', (c) => c.notNull())
    .addColumn('scope', 'varchar(200)', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('allocated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('index_numbers').execute();
  await db.schema.dropTable('index_sequences').execute();
  await db.schema.alterTable('orgs').dropColumn('index_template').execute();
}

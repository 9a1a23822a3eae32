/**
 * Column lists kept current page by page: each article page's record keeps the instant it is
 * listed under (its place in its column's newest-first list), so a retraction or a move knows
 * which list page showed it; and each column carries a token while the list pages after a
 * change still show the old order (the follow-up job clears it once they are rewritten).
 */
import type { Kysely } from 'kysely';

const id = 'varchar(40)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('published_articles').addColumn('listed_at', 'varchar(32)').execute();
  await db.schema
    .createTable('column_lists')
    .addColumn('column_id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull())
    .addColumn('stale_token', id)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('column_lists').execute();
  await db.schema.alterTable('published_articles').dropColumn('listed_at').execute();
}

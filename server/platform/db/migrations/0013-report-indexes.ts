/**
 * Indexes for the annual report's section 二, which reads the publication history of every
 * policy document of a government: the policy articles by type, and the events that change what
 * the public site shows (publish, correct, emergency, retract) per article, in order. The second
 * is partial: the review events, far more numerous, stay out of it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('articles_type_published_idx').on('articles').columns(['type', 'first_published_at']).execute();
  await db.schema
    .createIndex('article_events_live_idx')
    .on('article_events')
    .columns(['article_id', 'seq'])
    .where(sql.ref('kind'), 'in', ['publish', 'correct', 'emergency', 'retract'])
    .execute();
  await db.schema.createIndex('index_numbers_org_idx').on('index_numbers').columns(['org_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('index_numbers_org_idx').execute();
  await db.schema.dropIndex('article_events_live_idx').execute();
  await db.schema.dropIndex('articles_type_published_idx').execute();
}

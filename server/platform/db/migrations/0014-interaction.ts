/**
 * Interaction (政民互动): each site's channels (领导信箱, 部门信箱, 咨询, 投诉, 建议, 找错), the
 * letters written to them with their append-only events, the offices' reply templates, each
 * site's redaction words for published letters, and surveys (征集调查) with their opinions.
 *
 * A letter keeps the writer's name, phone and e-mail as SM4 tokens (plus a blind index of the
 * phone); what the public list shows is the redacted copy made when the reply is published, so
 * public pages never open a token. State, due date and handling org are a cache of the events.
 */
import type { Kysely } from 'kysely';

const id = 'varchar(40)';
const ts = 'varchar(32)';
const day = 'varchar(10)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('interaction_channels')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('handling_org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('reply_days', 'integer', (c) => c.notNull())
    .addColumn('publish_replies', 'integer', (c) => c.notNull())
    .addColumn('review_replies', 'integer', (c) => c.notNull())
    .addColumn('reopen_on_unsatisfied', 'integer', (c) => c.notNull())
    .addColumn('intro', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interaction_channels_site_idx').on('interaction_channels').columns(['site_id', 'sort_order']).execute();
  await db.schema
    .createTable('letters')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('tracking_no', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('channel_id', id, (c) => c.notNull().references('interaction_channels.id'))
    .addColumn('handling_org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('pending_org_id', id, (c) => c.references('orgs.id'))
    .addColumn('state', 'varchar(30)', (c) => c.notNull())
    .addColumn('category', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('writer_name', 'text', (c) => c.notNull())
    .addColumn('writer_phone', 'text', (c) => c.notNull())
    .addColumn('writer_phone_blind', 'varchar(80)', (c) => c.notNull())
    .addColumn('writer_email', 'text')
    .addColumn('consent_publish', 'integer', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('received_on', day, (c) => c.notNull())
    .addColumn('due_on', day, (c) => c.notNull())
    .addColumn('reply_days', 'integer', (c) => c.notNull())
    .addColumn('duplicate_of', id)
    .addColumn('reply', 'text')
    .addColumn('reply_org_id', id, (c) => c.references('orgs.id'))
    .addColumn('replied_on', day)
    .addColumn('published_at', ts)
    .addColumn('public_title', 'text')
    .addColumn('public_content', 'text')
    .addColumn('public_reply', 'text')
    .addColumn('rating', 'varchar(20)')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', ts)
    .addColumn('closed_on', day)
    .addColumn('warned_level', 'varchar(20)')
    .addColumn('idempotency_key', 'varchar(80)', (c) => c.unique())
    .addColumn('submitted_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('letters_site_idx').on('letters').columns(['site_id', 'state', 'due_on']).execute();
  await db.schema.createIndex('letters_org_idx').on('letters').columns(['handling_org_id', 'state', 'due_on']).execute();
  await db.schema.createIndex('letters_channel_idx').on('letters').columns(['channel_id', 'received_on']).execute();
  await db.schema.createIndex('letters_public_idx').on('letters').columns(['site_id', 'published_at']).execute();
  await db.schema.createIndex('letters_phone_idx').on('letters').columns(['writer_phone_blind']).execute();
  await db.schema
    .createTable('letter_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('letter_id', id, (c) => c.notNull().references('letters.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'varchar(30)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', id, (c) => c.notNull())
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addUniqueConstraint('letter_events_seq', ['letter_id', 'seq'])
    .execute();
  await db.schema
    .createTable('reply_templates')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', id, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('interaction_settings')
    .addColumn('site_id', id, (c) => c.primaryKey().references('sites.id'))
    .addColumn('redact_words', 'text', (c) => c.notNull())
    .addColumn('updated_by', id, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('surveys')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('starts_on', day, (c) => c.notNull())
    .addColumn('ends_on', day, (c) => c.notNull())
    .addColumn('opened_at', ts)
    .addColumn('result', 'text')
    .addColumn('result_published_at', ts)
    .addColumn('created_by', id, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_site_idx').on('surveys').columns(['site_id', 'starts_on']).execute();
  await db.schema
    .createTable('survey_opinions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('survey_id', id, (c) => c.notNull().references('surveys.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('writer_name', 'text')
    .addColumn('writer_phone', 'text')
    .addColumn('idempotency_key', 'varchar(80)', (c) => c.unique())
    .addColumn('submitted_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_opinions_survey_idx').on('survey_opinions').columns(['survey_id', 'submitted_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('survey_opinions').execute();
  await db.schema.dropTable('surveys').execute();
  await db.schema.dropTable('interaction_settings').execute();
  await db.schema.dropTable('reply_templates').execute();
  await db.schema.dropTable('letter_events').execute();
  await db.schema.dropTable('letters').execute();
  await db.schema.dropTable('interaction_channels').execute();
}

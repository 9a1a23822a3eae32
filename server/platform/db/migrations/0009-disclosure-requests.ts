/**
 * 依申请公开 requests: the application as received (personal data encrypted: SM4 tokens, plus
 * a keyed blind index of the ID number to find repeat applicants), and its clock events,
 * append-only. The state and due date columns are a cache of the events' replay for lists.
 */
import type { Kysely } from 'kysely';

const id = 'varchar(40)';
const ts = 'varchar(32)';
const day = 'varchar(10)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('disclosure_requests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('tracking_no', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('applicant_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('id_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('id_blind', 'varchar(80)', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('email', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('forms', 'text', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('received_on', day, (c) => c.notNull())
    .addColumn('state', 'varchar(30)', (c) => c.notNull())
    .addColumn('due_on', day)
    .addColumn('idempotency_key', 'varchar(80)', (c) => c.unique())
    .addColumn('created_by', id, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_requests_site_idx').on('disclosure_requests').columns(['site_id', 'state', 'due_on']).execute();
  await db.schema.createIndex('disclosure_requests_blind_idx').on('disclosure_requests').columns(['id_blind']).execute();
  await db.schema
    .createTable('disclosure_request_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('request_id', id, (c) => c.notNull().references('disclosure_requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'varchar(30)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', id, (c) => c.notNull())
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addUniqueConstraint('disclosure_request_events_seq', ['request_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('disclosure_request_events').execute();
  await db.schema.dropTable('disclosure_requests').execute();
}

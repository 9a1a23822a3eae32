/**
 * What the annual report counts, kept on the request row as its events are recorded: the
 * applicant's column (自然人 or the kind of legal person), the day the request closed (answered
 * or treated as abandoned) and the report row of how it closed.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('disclosure_requests')
    .addColumn('applicant_category', 'varchar(30)', (c) => c.notNull().defaultTo('natural'))
    .execute();
  await db.schema.alterTable('disclosure_requests').addColumn('closed_on', 'varchar(10)').execute();
  await db.schema.alterTable('disclosure_requests').addColumn('outcome', 'varchar(40)').execute();
  await db.schema.createIndex('disclosure_requests_org_idx').on('disclosure_requests').columns(['org_id', 'received_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('disclosure_requests_org_idx').execute();
  for (const c of ['outcome', 'closed_on', 'applicant_category']) await db.schema.alterTable('disclosure_requests').dropColumn(c).execute();
}

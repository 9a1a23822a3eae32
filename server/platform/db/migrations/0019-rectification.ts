/**
 * Rectification (整改) and accountability interviews (约谈问责), in the evaluation room.
 * `rectification_tasks`: one per lost item of a site in a spot check, for the site's owner org,
 * with a deadline; it closes only when a re-check no longer finds the problem (or a dismissal is
 * approved). `rectification_events`: each task's history, append only (the dialect's record guard). `evaluation_dismissals`:
 * findings whose dismissal was approved, with the reason; later scoring leaves them out, the
 * batch that charged them keeps its score. `evaluation_interviews`: the record of an interview
 * of a repeat offender.
 */
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const id = 'varchar(40)';
const ts = 'varchar(32)';

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('rectification_tasks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('batch_id', id, (c) => c.notNull().references('evaluation_batches.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('item_code', 'varchar(60)', (c) => c.notNull())
    .addColumn('indicator', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('points_cents', 'integer')
    .addColumn('finding_ids', 'text', (c) => c.notNull())
    .addColumn('finding_count', 'integer', (c) => c.notNull())
    .addColumn('recheck', 'varchar(8)', (c) => c.notNull())
    .addColumn('state', 'varchar(24)', (c) => c.notNull())
    .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('escalated_at', ts)
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('closed_at', ts)
    .addUniqueConstraint('rectification_tasks_item_uq', ['batch_id', 'site_id', 'item_code'])
    .execute();
  await db.schema.createIndex('rectification_tasks_site_idx').on('rectification_tasks').columns(['site_id', 'state']).execute();
  await db.schema.createIndex('rectification_tasks_state_idx').on('rectification_tasks').columns(['state', 'deadline']).execute();

  await db.schema
    .createTable('rectification_events')
    .addColumn('task_id', id, (c) => c.notNull().references('rectification_tasks.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor', 'varchar(100)', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('event', 'varchar(24)', (c) => c.notNull())
    .addColumn('note', 'varchar(4000)')
    .addPrimaryKeyConstraint('rectification_events_pk', ['task_id', 'seq'])
    .execute();
  for (const stmt of ctx.dialect.immutableTableDdl('rectification_events')) await sql.raw(stmt).execute(db);

  await db.schema
    .createTable('evaluation_dismissals')
    .addColumn('finding_id', id, (c) => c.notNull().references('monitoring_findings.id'))
    .addColumn('item_code', 'varchar(60)', (c) => c.notNull())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('task_id', id, (c) => c.notNull().references('rectification_tasks.id'))
    .addColumn('reason', 'varchar(2000)', (c) => c.notNull())
    .addColumn('approved_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('approved_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_dismissals_pk', ['finding_id', 'item_code'])
    .execute();
  await db.schema.createIndex('evaluation_dismissals_site_idx').on('evaluation_dismissals').column('site_id').execute();
  for (const stmt of ctx.dialect.immutableTableDdl('evaluation_dismissals')) await sql.raw(stmt).execute(db);

  await db.schema
    .createTable('evaluation_interviews')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('batch_id', id, (c) => c.references('evaluation_batches.id'))
    .addColumn('reason', 'varchar(24)', (c) => c.notNull())
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('attendees', 'varchar(500)', (c) => c.notNull())
    .addColumn('summary', 'varchar(4000)', (c) => c.notNull())
    .addColumn('commitments', 'varchar(2000)')
    .addColumn('recorded_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_interviews_site_idx').on('evaluation_interviews').columns(['site_id', 'held_on']).execute();
}

export async function down(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('evaluation_interviews').execute();
  for (const stmt of ctx.dialect.dropImmutableTableDdl('evaluation_dismissals')) await sql.raw(stmt).execute(db);
  await db.schema.dropTable('evaluation_dismissals').execute();
  for (const stmt of ctx.dialect.dropImmutableTableDdl('rectification_events')) await sql.raw(stmt).execute(db);
  await db.schema.dropTable('rectification_events').execute();
  await db.schema.dropTable('rectification_tasks').execute();
}

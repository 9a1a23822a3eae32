/**
 * The evaluation room's tables. `evaluation_batches`: a spot check (抽查) of a period over all
 * open sites or a reproducible random sample (seed kept), scored against a frozen copy of an
 * indicator system. `evaluation_results`: one row per site of a batch, pending until scored
 * (the primary key lets no site be scored twice; an interrupted batch resumes with the pending
 * ones); points in hundredths; the vetoes and deductions name the findings behind them.
 * `evaluation_manual_results`: a checker's recorded result for an item scored by hand, with
 * the sample.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const id = 'varchar(40)';
const ts = 'varchar(32)';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('evaluation_batches')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
    .addColumn('system_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('system_version', 'integer', (c) => c.notNull())
    .addColumn('system_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('system_json', 'text', (c) => c.notNull())
    .addColumn('scope', 'varchar(10)', (c) => c.notNull())
    .addColumn('sample_size', 'integer')
    .addColumn('seed', 'varchar(40)')
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('sites', 'integer', (c) => c.notNull())
    .addColumn('scored', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('started_at', ts)
    .addColumn('finished_at', ts)
    .execute();
  await db.schema.createIndex('evaluation_batches_period_idx').on('evaluation_batches').columns(['period', 'created_at']).execute();

  await db.schema
    .createTable('evaluation_results')
    .addColumn('batch_id', id, (c) => c.notNull().references('evaluation_batches.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('verdict', 'varchar(8)')
    .addColumn('score_cents', 'integer')
    .addColumn('deduction_cents', 'integer')
    .addColumn('bonus_cents', 'integer')
    .addColumn('vetoes', 'text')
    .addColumn('deductions', 'text')
    .addColumn('bonuses', 'text')
    .addColumn('not_assessed', 'text')
    .addColumn('findings', 'integer')
    .addColumn('scored_at', ts)
    .addPrimaryKeyConstraint('evaluation_results_pk', ['batch_id', 'site_id'])
    .execute();
  await db.schema.createIndex('evaluation_results_state_idx').on('evaluation_results').columns(['batch_id', 'state']).execute();

  await db.schema
    .createTable('evaluation_manual_results')
    .addColumn('batch_id', id, (c) => c.notNull().references('evaluation_batches.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('item_code', 'varchar(60)', (c) => c.notNull())
    .addColumn('points_cents', 'integer')
    .addColumn('veto', 'integer')
    .addColumn('sample', 'text', (c) => c.notNull())
    .addColumn('note', 'varchar(1000)')
    .addColumn('recorded_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_manual_results_pk', ['batch_id', 'site_id', 'item_code'])
    .execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('evaluation_manual_results').execute();
  await db.schema.dropTable('evaluation_results').execute();
  await db.schema.dropTable('evaluation_batches').execute();
}

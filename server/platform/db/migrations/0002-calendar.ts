/**
 * Working-day calendar: the administrators' day table (manual overrides and imported State
 * Council notices) over the built-in holiday data, and the years whose notice was imported.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const ts = 'varchar(32)';
const id = 'varchar(40)';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'varchar(10)', (c) => c.primaryKey())
    // 'holiday' | 'workday' (a 调休 working day)
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    // 'override' (entered by hand) | 'import' (from an imported notice)
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('official', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('calendar_years').execute();
  await db.schema.dropTable('calendar_days').execute();
}

/**
 * Redirects of retired sites (room publishing): every old URL of a migrated, merged or closed
 * site and where it leads now, rebuilt whole for a site whenever its imports, status or
 * successor change. `path` is the old URL's path and query as a browser sends them.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const id = 'varchar(40)';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('site_redirects')
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('path', 'varchar(2000)', (c) => c.notNull())
    .addColumn('target', 'varchar(2000)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('article_id', id)
    .addColumn('built_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_redirects_pk', ['site_id', 'path'])
    .execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('site_redirects').execute();
}

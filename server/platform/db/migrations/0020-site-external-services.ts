/**
 * `sites.external_services`: whether the site's organ provides services to the public (1, the
 * default) or not (0). A department without external services is not checked on 办事服务 and
 * is scored out of 75, scaled by 4/3 (indicators.md §1.2).
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('external_services', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('external_services').execute();
}

/**
 * Service items (办事事项) and their guides, owned by the guides room.
 *
 * `guide` holds the editor's current guide as JSON (the elements of common/service-items.ts);
 * `published_guide` the guide as it was published, which is what the public pages show until
 * the next publication, so saving a change never alters a live page. `code` (the item's 实施编码)
 * identifies the item on its site: imports update by it, and the public page is named after it.
 * `service_link_checks` keeps the latest result of each link an item's page offers (the online
 * handling address and the form and sample downloads).
 */
import type { Kysely } from 'kysely';

const id = 'varchar(40)';
const ts = 'varchar(32)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_items')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('guide', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('published_guide', 'text')
    .addColumn('published_at', ts)
    .addColumn('published_by', 'varchar(100)')
    .addColumn('reviewed_on', 'varchar(10)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by_id', id)
    .addColumn('updated_by', 'varchar(100)')
    .addUniqueConstraint('service_items_code', ['site_id', 'code'])
    .execute();
  await db.schema.createIndex('service_items_site_idx').on('service_items').columns(['site_id', 'state', 'name']).execute();
  await db.schema.createIndex('service_items_org_idx').on('service_items').columns(['org_id', 'state']).execute();
  await db.schema
    .createTable('service_link_checks')
    .addColumn('item_id', id, (c) => c.notNull().references('service_items.id'))
    .addColumn('url', 'varchar(600)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error', 'varchar(300)')
    .addColumn('checked_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('service_link_checks_pk', ['item_id', 'url'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('service_link_checks').execute();
  await db.schema.dropTable('service_items').execute();
}

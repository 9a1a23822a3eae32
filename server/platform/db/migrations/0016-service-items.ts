/**
 * Service items (办事事项) and their guides, owned by the guides room.
 *
 * `guide` holds the editor's current guide as JSON (the elements of common/service-items.ts);
 * `published_guide` the guide as it was published, which is what the public pages show until
 * the next publication, so saving a change never alters a live page. `code` (the item's 实施编码)
 * identifies the item on its site: imports update by it, and the public page is named after it.
 * `service_link_checks` keeps the latest result of each link an item's page offers (the online
 * handling address and the form and sample downloads).
 *
 * The sites' 办事服务 pages live under `/bsfw/`, so a top-level column with that slug (sites
 * made before, like the demo's 办事服务 columns) moves to the first free of `bsfw-lm`,
 * `bsfw-lm2`, …; its pages follow at the site's next full build.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

const id = 'varchar(40)';
const ts = 'varchar(32)';

/** Moves top-level columns with the slug `bsfw` out of the services path; returns how many moved. */
export async function reserveServicesPath(db: Kysely<unknown>): Promise<number> {
  const q = db as Kysely<Database>;
  const taken = await q.selectFrom('site_columns').select(['id', 'site_id', 'slug', 'parent_id']).where('slug', 'like', 'bsfw%').execute();
  let moved = 0;
  for (const c of taken.filter((t) => t.slug === 'bsfw' && t.parent_id === null)) {
    const used = new Set(taken.filter((t) => t.site_id === c.site_id).map((t) => t.slug));
    let slug = 'bsfw-lm';
    for (let n = 2; used.has(slug); n++) slug = `bsfw-lm${n}`;
    await q.updateTable('site_columns').set({ slug }).where('id', '=', c.id).execute();
    moved++;
  }
  return moved;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await reserveServicesPath(db);
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

/** SQL of the guides room: service items, their link checks, and the sites and orgs they name. */
import type { Kysely } from 'kysely';
import type { Database, ServiceItemTable, ServiceLinkCheckTable } from '../platform/db/schema.ts';

type Q = Kysely<Database>;

export const serviceItems = {
  /** The codes two sites both use (a merger would clash on them). */
  sharedCodes: async (db: Q, siteId: string, otherSiteId: string): Promise<string[]> =>
    (
      await db
        .selectFrom('service_items as a')
        .innerJoin('service_items as b', 'b.code', 'a.code')
        .select('a.code')
        .where('a.site_id', '=', siteId)
        .where('b.site_id', '=', otherSiteId)
        .orderBy('a.code')
        .execute()
    ).map((r) => r.code),
  /** Hands a site's items to another site (a merger); returns how many. */
  moveSite: async (db: Q, fromSiteId: string, toSiteId: string): Promise<number> =>
    Number(
      (await db.updateTable('service_items').set({ site_id: toSiteId }).where('site_id', '=', fromSiteId).executeTakeFirst())
        .numUpdatedRows,
    ),
  byId: (db: Q, id: string) => db.selectFrom('service_items').selectAll().where('id', '=', id).executeTakeFirst(),
  byIds: (db: Q, ids: readonly string[]) =>
    ids.length
      ? db
          .selectFrom('service_items')
          .selectAll()
          .where('id', 'in', [...ids])
          .execute()
      : Promise.resolve([]),
  byCode: (db: Q, siteId: string, code: string) =>
    db.selectFrom('service_items').selectAll().where('site_id', '=', siteId).where('code', '=', code).executeTakeFirst(),
  byCodes: (db: Q, siteId: string, codes: readonly string[]) =>
    codes.length
      ? db
          .selectFrom('service_items')
          .selectAll()
          .where('site_id', '=', siteId)
          .where('code', 'in', [...codes])
          .execute()
      : Promise.resolve([]),
  /** Every item of a site (a site holds hundreds, a portal a few thousand), by name. */
  ofSite: (db: Q, siteId: string) =>
    db.selectFrom('service_items').selectAll().where('site_id', '=', siteId).orderBy('name').orderBy('code').execute(),
  /** Every item of several sites (the supervision view, the link check). */
  ofSites: (db: Q, siteIds: readonly string[] | 'all') => {
    let q = db.selectFrom('service_items').selectAll();
    if (siteIds !== 'all') q = q.where('site_id', 'in', siteIds.length ? [...siteIds] : ['']);
    return q.execute();
  },
  /** What the public pages show: published items of a site with their published guides. */
  publishedOfSite: (db: Q, siteId: string) =>
    db
      .selectFrom('service_items')
      .select(['id', 'org_id', 'code', 'name', 'published_guide', 'published_at', 'reviewed_on'])
      .where('site_id', '=', siteId)
      .where('state', '=', 'published')
      .orderBy('name')
      .orderBy('code')
      .execute(),
  /** Published items across the platform, in pages (the link check). */
  publishedPage: (db: Q, afterId: string, limit: number) =>
    db
      .selectFrom('service_items')
      .select(['id', 'site_id', 'published_guide'])
      .where('state', '=', 'published')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute(),
  insert: (db: Q, row: ServiceItemTable) => db.insertInto('service_items').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<ServiceItemTable>) =>
    db.updateTable('service_items').set(patch).where('id', '=', id).execute(),
  /** Updates only when the row still has `version` (optimistic locking); true when it did. */
  updateAt: async (db: Q, id: string, version: number, patch: Partial<ServiceItemTable>): Promise<boolean> => {
    const r = await db.updateTable('service_items').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  remove: async (db: Q, id: string): Promise<void> => {
    await db.deleteFrom('service_link_checks').where('item_id', '=', id).execute();
    await db.deleteFrom('service_items').where('id', '=', id).execute();
  },
};

export const linkChecks = {
  ofItems: (db: Q, itemIds: readonly string[]) =>
    itemIds.length
      ? db
          .selectFrom('service_link_checks')
          .selectAll()
          .where('item_id', 'in', [...itemIds])
          .execute()
      : Promise.resolve([]),
  /** Replaces an item's results with those of its latest check. */
  replace: async (db: Q, itemId: string, rows: readonly ServiceLinkCheckTable[]): Promise<void> => {
    await db.deleteFrom('service_link_checks').where('item_id', '=', itemId).execute();
    if (rows.length)
      await db
        .insertInto('service_link_checks')
        .values([...rows])
        .execute();
  },
  brokenCounts: async (db: Q, itemIds: readonly string[]): Promise<Map<string, number>> => {
    if (!itemIds.length) return new Map();
    const rows = await db
      .selectFrom('service_link_checks')
      .select(['item_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('item_id', 'in', [...itemIds])
      .where('ok', '=', 0)
      .groupBy('item_id')
      .execute();
    return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
  },
};

export const guideRefs = {
  site: (db: Q, siteId: string) =>
    db
      .selectFrom('sites')
      .select(['id', 'name', 'code', 'status', 'hosting', 'sponsor_org_id'])
      .where('id', '=', siteId)
      .executeTakeFirst(),
  sites: (db: Q, siteIds: readonly string[] | 'all') => {
    let q = db.selectFrom('sites').select(['id', 'name', 'code', 'status', 'hosting', 'sponsor_org_id']).where('status', '!=', 'closed');
    if (siteIds !== 'all') q = q.where('id', 'in', siteIds.length ? [...siteIds] : ['']);
    return q.orderBy('name').execute();
  },
  org: (db: Q, orgId: string) => db.selectFrom('orgs').select(['id', 'name']).where('id', '=', orgId).executeTakeFirst(),
  orgNames: async (db: Q, ids: readonly string[]): Promise<Map<string, string>> => {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
  /** Orgs by exact name (imports name the department). */
  orgsByName: (db: Q, names: readonly string[]) =>
    names.length
      ? db
          .selectFrom('orgs')
          .select(['id', 'name'])
          .where('name', 'in', [...names])
          .execute()
      : Promise.resolve([]),
  files: (db: Q, ids: readonly string[]) =>
    ids.length
      ? db
          .selectFrom('files')
          .select(['id', 'sha256', 'size', 'mime', 'ext'])
          .where('id', 'in', [...ids])
          .execute()
      : Promise.resolve([]),
};

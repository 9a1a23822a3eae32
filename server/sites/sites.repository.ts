/** SQL of the sites room: sites and their columns. */
import type { Kysely } from 'kysely';
import type { ColumnRow, Database, SiteRow } from '../platform/db/schema.ts';
import type { OrgNode } from './rules/site-rules.ts';

type Q = Kysely<Database>;

export const sites = {
  byId: (db: Q, id: string): Promise<SiteRow | undefined> => db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst(),
  byCode: (db: Q, code: string): Promise<SiteRow | undefined> =>
    db.selectFrom('sites').selectAll().where('code', '=', code).executeTakeFirst(),
  liveOfOrg: (db: Q, orgId: string, statuses: readonly string[]): Promise<{ id: string; name: string }[]> =>
    db
      .selectFrom('sites')
      .select(['id', 'name'])
      .where('sponsor_org_id', '=', orgId)
      .where('hosting', '=', 'hosted')
      .where('status', 'in', [...statuses])
      .execute(),
  list: (
    db: Q,
    f: {
      ids: 'all' | string[];
      status?: string | undefined;
      kind?: string | undefined;
      hosting?: string | undefined;
      sponsorOrgIds?: string[] | undefined;
      q?: string | undefined;
    },
  ): Promise<SiteRow[]> => {
    if (f.ids !== 'all' && f.ids.length === 0) return Promise.resolve([]);
    let q = db.selectFrom('sites').selectAll();
    if (f.ids !== 'all') q = q.where('id', 'in', f.ids);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.hosting) q = q.where('hosting', '=', f.hosting);
    if (f.sponsorOrgIds) q = f.sponsorOrgIds.length ? q.where('sponsor_org_id', 'in', f.sponsorOrgIds) : q.where('id', '=', '');
    if (f.q) {
      const like = `%${f.q.replace(/[%_]/g, '')}%`;
      q = q.where((w) => w.or([w('name', 'like', like), w('code', 'like', like)]));
    }
    return q.orderBy('kind', 'desc').orderBy('name').limit(2000).execute();
  },
  insert: (db: Q, row: SiteRow) => db.insertInto('sites').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<SiteRow>) => db.updateTable('sites').set(patch).where('id', '=', id).execute(),
  orgExists: async (db: Q, id: string): Promise<boolean> =>
    (await db.selectFrom('orgs').select('id').where('id', '=', id).executeTakeFirst()) !== undefined,
  orgNodes: async (db: Q): Promise<Map<string, OrgNode>> => {
    const rows = await db.selectFrom('orgs').select(['id', 'name', 'level', 'parent_id']).execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, level: r.level, parentId: r.parent_id }]));
  },
};

export const columns = {
  byId: (db: Q, id: string): Promise<ColumnRow | undefined> =>
    db.selectFrom('site_columns').selectAll().where('id', '=', id).executeTakeFirst(),
  ofSite: (db: Q, siteId: string): Promise<ColumnRow[]> =>
    db.selectFrom('site_columns').selectAll().where('site_id', '=', siteId).orderBy('sort_order').orderBy('created_at').execute(),
  bySlug: (db: Q, siteId: string, slug: string): Promise<ColumnRow | undefined> =>
    db.selectFrom('site_columns').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst(),
  insert: (db: Q, row: ColumnRow) => db.insertInto('site_columns').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<ColumnRow>) => db.updateTable('site_columns').set(patch).where('id', '=', id).execute(),
};

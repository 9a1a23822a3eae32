/** SQL of the sites room: sites and their columns. */
import type { Kysely } from 'kysely';
import type { ColumnRow, Database, SiteLifecycleEventRow, SiteRow } from '../platform/db/schema.ts';
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

export const lifecycle = {
  events: (db: Q, siteId: string): Promise<SiteLifecycleEventRow[]> =>
    db.selectFrom('site_lifecycle_events').selectAll().where('site_id', '=', siteId).orderBy('seq').execute(),
  insertEvent: (db: Q, row: SiteLifecycleEventRow) => db.insertInto('site_lifecycle_events').values(row).execute(),
  /** Moves the site on only if nobody moved it since `seq` was read; false when somebody did. */
  advance: async (db: Q, id: string, seq: number, patch: Partial<SiteRow>): Promise<boolean> => {
    const r = await db.updateTable('sites').set(patch).where('id', '=', id).where('lifecycle_seq', '=', seq).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** When a site of the org last closed (ISO instant), or null. */
  lastClosedOfOrg: async (db: Q, orgId: string): Promise<{ name: string; closed_at: string } | null> => {
    const r = await db
      .selectFrom('sites')
      .select(['name', 'closed_at'])
      .where('sponsor_org_id', '=', orgId)
      .where('status', '=', 'closed')
      .where('closed_at', 'is not', null)
      .orderBy('closed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.closed_at ? { name: r.name, closed_at: r.closed_at } : null;
  },
  all: (db: Q): Promise<SiteRow[]> => db.selectFrom('sites').selectAll().orderBy('kind', 'desc').orderBy('name').execute(),
  /** Closing sites whose notice period ended on or before `today`. */
  dueClosures: (db: Q, today: string): Promise<{ id: string; lifecycle_seq: number }[]> =>
    db
      .selectFrom('sites')
      .select(['id', 'lifecycle_seq'])
      .where('status', '=', 'closing')
      .where('notice_until', '<=', today)
      .orderBy('notice_until')
      .execute(),
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

/** SQL of the accounts room: orgs, users, grants, sessions, settings. */
import type { Kysely } from 'kysely';
import type { Database, OrgRow, RoleGrantRow, SessionRow, UserRow } from '../platform/db/schema.ts';

type Q = Kysely<Database>;

export const orgs = {
  byId: (db: Q, id: string): Promise<OrgRow | undefined> => db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst(),
  byCreditCode: (db: Q, code: string): Promise<OrgRow | undefined> =>
    db.selectFrom('orgs').selectAll().where('credit_code', '=', code).executeTakeFirst(),
  all: (db: Q): Promise<OrgRow[]> => db.selectFrom('orgs').selectAll().orderBy('sort_order').orderBy('name').execute(),
  insert: (db: Q, row: OrgRow) => db.insertInto('orgs').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<OrgRow>) => db.updateTable('orgs').set(patch).where('id', '=', id).execute(),
};

export const users = {
  byId: (db: Q, id: string): Promise<UserRow | undefined> => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  byUsername: (db: Q, username: string): Promise<UserRow | undefined> =>
    db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
  list: (db: Q, f: { orgId?: string | undefined; q?: string | undefined }): Promise<UserRow[]> => {
    let q = db.selectFrom('users').selectAll();
    if (f.orgId) q = q.where('org_id', '=', f.orgId);
    if (f.q) {
      const like = `%${f.q.replace(/[%_]/g, '')}%`;
      q = q.where((w) => w.or([w('username', 'like', like), w('display_name', 'like', like)]));
    }
    return q.orderBy('username').limit(1000).execute();
  },
  insert: (db: Q, row: UserRow) => db.insertInto('users').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<UserRow>) => db.updateTable('users').set(patch).where('id', '=', id).execute(),
  count: async (db: Q): Promise<number> => {
    const r = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};

export const passwordHistory = {
  recent: (db: Q, userId: string, n: number): Promise<string[]> =>
    n <= 0
      ? Promise.resolve([])
      : db
          .selectFrom('password_history')
          .select('password_hash')
          .where('user_id', '=', userId)
          .orderBy('created_at', 'desc')
          .limit(n)
          .execute()
          .then((rows) => rows.map((r) => r.password_hash)),
  add: (db: Q, row: { id: string; user_id: string; password_hash: string; created_at: string }) =>
    db.insertInto('password_history').values(row).execute(),
};

export const grants = {
  ofUser: (db: Q, userId: string): Promise<RoleGrantRow[]> =>
    db.selectFrom('role_grants').selectAll().where('user_id', '=', userId).orderBy('granted_at').execute(),
  ofUsers: (db: Q, userIds: string[]): Promise<RoleGrantRow[]> =>
    userIds.length === 0 ? Promise.resolve([]) : db.selectFrom('role_grants').selectAll().where('user_id', 'in', userIds).execute(),
  byId: (db: Q, id: string): Promise<RoleGrantRow | undefined> =>
    db.selectFrom('role_grants').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (db: Q, row: RoleGrantRow) => db.insertInto('role_grants').values(row).execute(),
  remove: (db: Q, id: string) => db.deleteFrom('role_grants').where('id', '=', id).execute(),
  siteExists: async (db: Q, siteId: string): Promise<boolean> =>
    (await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst()) !== undefined,
  siteNames: async (db: Q, ids: string[]): Promise<Map<string, string>> => {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('sites').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};

export const sessions = {
  byId: (db: Q, id: string): Promise<SessionRow | undefined> =>
    db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (db: Q, row: SessionRow) => db.insertInto('sessions').values(row).execute(),
  touch: (db: Q, id: string, at: string) => db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute(),
  end: (db: Q, id: string, at: string, reason: string) =>
    db.updateTable('sessions').set({ ended_at: at, end_reason: reason }).where('id', '=', id).where('ended_at', 'is', null).execute(),
  /** Ends the user's open sessions, except `keepId` when given. */
  endAllOfUser: (db: Q, userId: string, at: string, reason: string, keepId?: string) => {
    let q = db
      .updateTable('sessions')
      .set({ ended_at: at, end_reason: reason })
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null);
    if (keepId) q = q.where('id', '!=', keepId);
    return q.execute();
  },
  open: (db: Q): Promise<SessionRow[]> => db.selectFrom('sessions').selectAll().where('ended_at', 'is', null).execute(),
};

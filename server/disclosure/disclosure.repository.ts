/** SQL of the disclosure room: 索引号 counters and allocations, and the org an article's number belongs to. */
import { sql, type Kysely } from 'kysely';
import type { Database, DisclosureRequestEventTable, DisclosureRequestTable, IndexNumberTable } from '../platform/db/schema.ts';

type Q = Kysely<Database>;

export const indexNumbers = {
  byArticle: (db: Q, articleId: string) =>
    db.selectFrom('index_numbers').selectAll().where('article_id', '=', articleId).executeTakeFirst(),
  byArticles: (db: Q, articleIds: readonly string[]) =>
    articleIds.length
      ? db
          .selectFrom('index_numbers')
          .select(['article_id', 'index_no'])
          .where('article_id', 'in', [...articleIds])
          .execute()
      : Promise.resolve([]),
  taken: async (db: Q, indexNo: string): Promise<boolean> =>
    !!(await db.selectFrom('index_numbers').select('article_id').where('index_no', '=', indexNo).executeTakeFirst()),
  insert: (db: Q, row: IndexNumberTable) => db.insertInto('index_numbers').values(row).execute(),
  /**
   * The next sequence of a scope, in one statement: the insert-or-increment takes the counter's
   * row lock on PostgreSQL (SQLite writes one transaction at a time), so concurrent publications
   * never get the same value, and a value once given is never given again.
   */
  nextSequence: async (db: Q, scope: string): Promise<number> => {
    const row = await db
      .insertInto('index_sequences')
      .values({ scope, last_value: 1 })
      .onConflict((oc) => oc.column('scope').doUpdateSet({ last_value: sql<number>`index_sequences.last_value + 1` }))
      .returning('last_value')
      .executeTakeFirstOrThrow();
    return Number(row.last_value);
  },
};

export const numberingOrgs = {
  /** The site's sponsor org (主办单位): the org whose catalogue the site's articles belong to. */
  ofSite: (db: Q, siteId: string) =>
    db
      .selectFrom('sites as s')
      .innerJoin('orgs as o', 'o.id', 's.sponsor_org_id')
      .select(['o.id', 'o.name', 'o.credit_code', 'o.division_code', 'o.index_template'])
      .where('s.id', '=', siteId)
      .executeTakeFirst(),
  columnSlug: async (db: Q, columnId: string): Promise<string | null> =>
    (await db.selectFrom('site_columns').select('slug').where('id', '=', columnId).executeTakeFirst())?.slug ?? null,
};

export const requests = {
  byId: (db: Q, id: string) => db.selectFrom('disclosure_requests').selectAll().where('id', '=', id).executeTakeFirst(),
  byIdempotencyKey: (db: Q, key: string) =>
    db.selectFrom('disclosure_requests').selectAll().where('idempotency_key', '=', key).executeTakeFirst(),
  trackingTaken: async (db: Q, trackingNo: string): Promise<boolean> =>
    !!(await db.selectFrom('disclosure_requests').select('id').where('tracking_no', '=', trackingNo).executeTakeFirst()),
  insert: (db: Q, row: DisclosureRequestTable) => db.insertInto('disclosure_requests').values(row).execute(),
  setClock: (
    db: Q,
    id: string,
    patch: { state: string; due_on: string | null; updated_at: string; closed_on?: string; outcome?: string },
  ) => db.updateTable('disclosure_requests').set(patch).where('id', '=', id).execute(),
  /** A site's requests, soonest due first (closed ones last), one page. */
  ofSite: (db: Q, siteId: string, limit: number, offset: number) =>
    db
      .selectFrom('disclosure_requests')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy(sql`case when due_on is null then 1 else 0 end`)
      .orderBy('due_on')
      .orderBy('created_at')
      .limit(limit)
      .offset(offset)
      .execute(),
  /** How many requests carry this applicant's ID number (blind index). */
  countByApplicant: async (db: Q, idBlind: string): Promise<number> =>
    Number(
      (
        await db
          .selectFrom('disclosure_requests')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('id_blind', '=', idBlind)
          .executeTakeFirst()
      )?.n ?? 0,
    ),
};

export const requestEvents = {
  of: (db: Q, requestId: string) =>
    db.selectFrom('disclosure_request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute(),
  insert: (db: Q, row: DisclosureRequestEventTable) => db.insertInto('disclosure_request_events').values(row).execute(),
};

export const requestLookup = {
  byTrackingNo: (db: Q, trackingNo: string) =>
    db.selectFrom('disclosure_requests').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst(),
};

export const reportRows = {
  /** The requests of these orgs that a report for [start, end] counts: received by its end and not closed before its start. */
  forYear: (db: Q, orgIds: readonly string[], start: string, end: string) =>
    orgIds.length
      ? db
          .selectFrom('disclosure_requests')
          .select(['applicant_category', 'received_on', 'closed_on', 'outcome'])
          .where('org_id', 'in', [...orgIds])
          .where('received_on', '<=', end)
          .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', start)]))
          .execute()
      : Promise.resolve([]),
};

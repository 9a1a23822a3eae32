/** SQL of the disclosure room: 索引号 counters and allocations, and the org an article's number belongs to. */
import { sql, type Kysely } from 'kysely';
import type { Database, DisclosureRequestEventTable, DisclosureRequestTable, IndexNumberTable } from '../platform/db/schema.ts';
import { RECORD_EVENT_TYPES } from './rules/request-record.ts';

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
  /** The column's folder name and the catalogue category it feeds. */
  column: (db: Q, columnId: string) =>
    db.selectFrom('site_columns').select(['slug', 'catalogue_category']).where('id', '=', columnId).executeTakeFirst(),
};

export const requests = {
  byId: (db: Q, id: string) => db.selectFrom('disclosure_requests').selectAll().where('id', '=', id).executeTakeFirst(),
  /**
   * The request for a command that writes to it: the first statement of the transaction touches
   * the row, which holds its lock until commit on PostgreSQL (SQLite has one writer), so two
   * writers to one request take turns and the second reads what the first committed (its
   * events, the archive mark) instead of racing for the next sequence number.
   */
  forWrite: async (db: Q, id: string, now: string) => {
    await db.updateTable('disclosure_requests').set({ updated_at: now }).where('id', '=', id).execute();
    return db.selectFrom('disclosure_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },
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
  /** The responsible org after an assignment (转办). */
  setOrg: (db: Q, id: string, orgId: string, updatedAt: string) =>
    db.updateTable('disclosure_requests').set({ org_id: orgId, updated_at: updatedAt }).where('id', '=', id).execute(),
  /** Archives a request once; false when it already was. */
  archive: async (db: Q, id: string, archivedAt: string): Promise<boolean> =>
    Number(
      (
        await db
          .updateTable('disclosure_requests')
          .set({ archived_at: archivedAt, updated_at: archivedAt })
          .where('id', '=', id)
          .where('archived_at', 'is', null)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,
  /** A site's requests and those assigned to its sponsor org, soonest due first (closed ones last), one page. */
  listFor: (db: Q, f: { siteId: string; orgId: string | null; archived?: boolean | undefined; limit: number; offset: number }) => {
    let q = db
      .selectFrom('disclosure_requests')
      .selectAll()
      .where((eb) => (f.orgId ? eb.or([eb('site_id', '=', f.siteId), eb('org_id', '=', f.orgId)]) : eb('site_id', '=', f.siteId)));
    if (f.archived !== undefined) q = q.where('archived_at', f.archived ? 'is not' : 'is', null);
    return q
      .orderBy(sql`case when due_on is null then 1 else 0 end`)
      .orderBy('due_on')
      .orderBy('created_at')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
  },
  /** Open, unarchived requests due on or before `dueBy`, with their org and site (the overdue list's candidates). */
  openDueBy: (db: Q, states: readonly string[], dueBy: string, siteIds: 'all' | readonly string[]) => {
    if (siteIds !== 'all' && siteIds.length === 0) return Promise.resolve([]);
    let q = db
      .selectFrom('disclosure_requests as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .innerJoin('sites as s', 's.id', 'r.site_id')
      .select([
        'r.id',
        'r.tracking_no',
        'r.site_id',
        's.name as site_name',
        'r.org_id',
        'o.name as org_name',
        'r.received_on',
        'r.state',
        'r.due_on',
      ])
      .where('r.state', 'in', [...states])
      .where('r.archived_at', 'is', null)
      .where('r.due_on', 'is not', null)
      .where('r.due_on', '<=', dueBy);
    if (siteIds !== 'all') q = q.where('r.site_id', 'in', [...siteIds]);
    return q.orderBy('r.due_on').orderBy('r.tracking_no').execute();
  },
  /** An org's requests received on or after `since`, newest first (条例 44: the same information asked for again). */
  ofOrgSince: (db: Q, orgId: string, since: string, limit: number) =>
    db
      .selectFrom('disclosure_requests')
      .select(['id', 'tracking_no', 'id_blind', 'received_on', 'description', 'outcome'])
      .where('org_id', '=', orgId)
      .where('received_on', '>=', since)
      .orderBy('received_on', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute(),
  /** The applicant's other requests received earlier in the same calendar month (the fee's count, 109号). */
  earlierInMonth: async (db: Q, r: { id: string; idBlind: string; receivedOn: string; createdAt: string }): Promise<number> =>
    Number(
      (
        await db
          .selectFrom('disclosure_requests')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('id_blind', '=', r.idBlind)
          .where('id', '!=', r.id)
          .where('received_on', '>=', `${r.receivedOn.slice(0, 7)}-01`)
          .where((eb) =>
            eb.or([
              eb('received_on', '<', r.receivedOn),
              eb.and([eb('received_on', '=', r.receivedOn), eb('created_at', '<', r.createdAt)]),
            ]),
          )
          .executeTakeFirst()
      )?.n ?? 0,
    ),
};

export const handlingOrgs = {
  byId: (db: Q, orgId: string) => db.selectFrom('orgs').select(['id', 'name']).where('id', '=', orgId).executeTakeFirst(),
  /** The sites an org sponsors: their disclosure officers handle the requests assigned to it. */
  siteIds: async (db: Q, orgId: string): Promise<string[]> =>
    (await db.selectFrom('sites').select('id').where('sponsor_org_id', '=', orgId).execute()).map((r) => r.id),
};

export const requestEvents = {
  /** The clock events of a request in order (the record events — assignment, delivery, archive — left out). */
  of: (db: Q, requestId: string) =>
    db
      .selectFrom('disclosure_request_events')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('type', 'not in', [...RECORD_EVENT_TYPES])
      .orderBy('seq')
      .execute(),
  /** Every event of a request in order, clock and record events alike: its history. */
  history: (db: Q, requestId: string) =>
    db.selectFrom('disclosure_request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute(),
  /** The clock events of several requests, in order per request. */
  ofMany: (db: Q, requestIds: readonly string[]) =>
    requestIds.length
      ? db
          .selectFrom('disclosure_request_events')
          .selectAll()
          .where('request_id', 'in', [...requestIds])
          .where('type', 'not in', [...RECORD_EVENT_TYPES])
          .orderBy('request_id')
          .orderBy('seq')
          .execute()
      : Promise.resolve([]),
  nextSeq: async (db: Q, requestId: string): Promise<number> =>
    Number(
      (
        await db
          .selectFrom('disclosure_request_events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .where('request_id', '=', requestId)
          .executeTakeFirst()
      )?.m ?? 0,
    ) + 1,
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

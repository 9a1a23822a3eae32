/** SQL of the interaction room's letters, channels, templates and settings. No rules here. */
import type { Kysely, Transaction } from 'kysely';
import type { Database, InteractionChannelTable, LetterRow, LetterTable } from '../platform/db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const count = (v: number | string | bigint | null | undefined) => Number(v ?? 0);

export const channels = {
  ofSite: (db: Q, siteId: string) =>
    db.selectFrom('interaction_channels').selectAll().where('site_id', '=', siteId).orderBy('sort_order').orderBy('created_at').execute(),
  byId: (db: Q, id: string) => db.selectFrom('interaction_channels').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (db: Q, row: InteractionChannelTable) => db.insertInto('interaction_channels').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<InteractionChannelTable>) =>
    db.updateTable('interaction_channels').set(patch).where('id', '=', id).execute(),
  /** Hands a site's channels and their letters to another site (a merger); returns the counts. */
  moveSite: async (db: Q, fromSiteId: string, toSiteId: string, now: string): Promise<{ channels: number; letters: number }> => {
    const c = await db
      .updateTable('interaction_channels')
      .set({ site_id: toSiteId, updated_at: now })
      .where('site_id', '=', fromSiteId)
      .executeTakeFirst();
    const l = await db.updateTable('letters').set({ site_id: toSiteId }).where('site_id', '=', fromSiteId).executeTakeFirst();
    return { channels: Number(c.numUpdatedRows), letters: Number(l.numUpdatedRows) };
  },
};

interface OfficeFilter {
  siteIds: readonly string[];
  orgIds: readonly string[];
  states?: readonly string[];
}

function officeQuery(db: Q, f: OfficeFilter) {
  let q = db.selectFrom('letters').where((eb) => {
    const any = [];
    if (f.siteIds.length) any.push(eb('site_id', 'in', [...f.siteIds]));
    if (f.orgIds.length) {
      any.push(eb('handling_org_id', 'in', [...f.orgIds]));
      any.push(eb('pending_org_id', 'in', [...f.orgIds]));
    }
    return any.length ? eb.or(any) : eb.val(false);
  });
  if (f.states?.length) q = q.where('state', 'in', [...f.states]);
  return q;
}

export const letters = {
  byId: (db: Q, id: string) => db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst(),
  /** Takes the row lock (PostgreSQL) or the write lock (SQLite) before reading, so writers queue. */
  forWrite: async (db: Q, id: string, now: string): Promise<LetterRow | undefined> => {
    await db.updateTable('letters').set({ updated_at: now }).where('id', '=', id).execute();
    return db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst();
  },
  byTrackingNo: (db: Q, trackingNo: string) =>
    db.selectFrom('letters').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst(),
  byIdempotencyKey: (db: Q, key: string) =>
    db
      .selectFrom('letters')
      .select(['id', 'tracking_no', 'site_id', 'received_on', 'due_on'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst(),
  trackingTaken: async (db: Q, trackingNo: string): Promise<boolean> =>
    !!(await db.selectFrom('letters').select('id').where('tracking_no', '=', trackingNo).executeTakeFirst()),
  insert: (db: Q, row: LetterTable) => db.insertInto('letters').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<LetterTable>) => db.updateTable('letters').set(patch).where('id', '=', id).execute(),
  /** Letters of a site received since a day, for near-duplicate detection (newest first, bounded). */
  recentOfSite: (db: Q, siteId: string, since: string, limit: number) =>
    db
      .selectFrom('letters')
      .select(['id', 'tracking_no', 'title', 'content', 'state'])
      .where('site_id', '=', siteId)
      .where('received_on', '>=', since)
      .orderBy('submitted_at', 'desc')
      .limit(limit)
      .execute(),
  /** The office's list: letters of the given sites or handled (or offered) to the given orgs. */
  list: (db: Q, f: OfficeFilter & { limit: number; offset: number }) =>
    officeQuery(db, f).selectAll().orderBy('due_on').orderBy('submitted_at').limit(f.limit).offset(f.offset).execute(),
  listCount: async (db: Q, f: OfficeFilter): Promise<number> =>
    count(
      (
        await officeQuery(db, f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n,
    ),
  /** Every letter in the given states (the warning job and the supervision view read these). */
  inStates: (db: Q, states: readonly string[]) =>
    db
      .selectFrom('letters')
      .selectAll()
      .where('state', 'in', [...states])
      .execute(),
  /** The public list of a site: published Q&As, newest reply first. */
  published: (db: Q, siteId: string, limit: number, offset: number) =>
    publishedQuery(db, siteId).orderBy('letters.published_at', 'desc').limit(limit).offset(offset).execute(),
  publishedOne: (db: Q, siteId: string, id: string) => publishedQuery(db, siteId).where('letters.id', '=', id).executeTakeFirst(),
  /** The published letters of a site with what their public copy is made from (to mask them again). */
  publishedSources: (db: Q, siteId: string) =>
    db
      .selectFrom('letters')
      .select(['id', 'title', 'content', 'reply', 'writer_name'])
      .where('site_id', '=', siteId)
      .where('published_at', 'is not', null)
      .execute(),
  publishedCount: async (db: Q, siteId: string): Promise<number> =>
    count(
      (
        await db
          .selectFrom('letters')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('site_id', '=', siteId)
          .where('published_at', 'is not', null)
          .executeTakeFirst()
      )?.n,
    ),
  /** Letters received per site between two days (inclusive). */
  receivedBySite: (db: Q, siteIds: readonly string[], from: string, to: string) =>
    db
      .selectFrom('letters')
      .select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', 'in', siteIds.length ? [...siteIds] : [''])
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .groupBy('site_id')
      .execute(),
  /** Per channel of a site, letters received since a day: state, receipt and reply days (for the statistics). */
  forStatistics: (db: Q, siteIds: readonly string[], from: string, to: string) =>
    db
      .selectFrom('letters')
      .select(['channel_id', 'state', 'received_on', 'replied_on', 'published_at', 'rating'])
      .where('site_id', 'in', [...siteIds])
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .execute(),
};

function publishedQuery(db: Q, siteId: string) {
  return db
    .selectFrom('letters')
    .innerJoin('interaction_channels as c', 'c.id', 'letters.channel_id')
    .innerJoin('orgs as o', 'o.id', 'letters.reply_org_id')
    .select([
      'letters.id',
      'letters.tracking_no',
      'letters.category',
      'letters.public_title',
      'letters.public_content',
      'letters.public_reply',
      'letters.received_on',
      'letters.replied_on',
      'letters.published_at',
      'c.name as channel_name',
      'o.name as reply_org_name',
    ])
    .where('letters.site_id', '=', siteId)
    .where('letters.published_at', 'is not', null);
}

export const letterEvents = {
  /** Every rating given to letters of the sites received between two days (a reopened letter keeps its earlier rating here). */
  ratings: (db: Q, siteIds: readonly string[], from: string, to: string) =>
    db
      .selectFrom('letter_events as e')
      .innerJoin('letters as l', 'l.id', 'e.letter_id')
      .select(['l.channel_id', 'e.data'])
      .where('e.type', '=', 'rated')
      .where('l.site_id', 'in', [...siteIds])
      .where('l.received_on', '>=', from)
      .where('l.received_on', '<=', to)
      .execute(),
  history: (db: Q, letterId: string) =>
    db
      .selectFrom('letter_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.seq', 'e.type', 'e.data', 'e.note', 'e.actor_id', 'e.recorded_at', 'u.display_name'])
      .where('e.letter_id', '=', letterId)
      .orderBy('e.seq')
      .execute(),
  nextSeq: async (db: Q, letterId: string): Promise<number> => {
    const r = await db
      .selectFrom('letter_events')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('letter_id', '=', letterId)
      .executeTakeFirst();
    return count(r?.m as number | null) + 1;
  },
  insert: (db: Q, row: Database['letter_events']) => db.insertInto('letter_events').values(row).execute(),
};

export const letterAttachments = {
  /** A letter's attachments without their bytes (the name is still a token), in the writer's order. */
  ofLetter: (db: Q, letterId: string) =>
    db
      .selectFrom('letter_attachments')
      .select(['id', 'seq', 'name', 'mime', 'size'])
      .where('letter_id', '=', letterId)
      .orderBy('seq')
      .execute(),
  /** One attachment with its bytes' token, only when it belongs to that letter. */
  ofLetterById: (db: Q, letterId: string, id: string) =>
    db.selectFrom('letter_attachments').selectAll().where('letter_id', '=', letterId).where('id', '=', id).executeTakeFirst(),
  insert: async (db: Q, rows: readonly Database['letter_attachments'][]): Promise<void> => {
    if (rows.length)
      await db
        .insertInto('letter_attachments')
        .values([...rows])
        .execute();
  },
};

export const replyTemplates = {
  ofSite: (db: Q, siteId: string) => db.selectFrom('reply_templates').selectAll().where('site_id', '=', siteId).orderBy('title').execute(),
  byId: (db: Q, id: string) => db.selectFrom('reply_templates').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (db: Q, row: Database['reply_templates']) => db.insertInto('reply_templates').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<Database['reply_templates']>) =>
    db.updateTable('reply_templates').set(patch).where('id', '=', id).execute(),
  remove: (db: Q, id: string) => db.deleteFrom('reply_templates').where('id', '=', id).execute(),
};

export const interactionSettings = {
  redactWords: async (db: Q, siteId: string): Promise<string[]> => {
    const r = await db.selectFrom('interaction_settings').select('redact_words').where('site_id', '=', siteId).executeTakeFirst();
    return r ? (JSON.parse(r.redact_words) as string[]) : [];
  },
  save: async (db: Q, row: Database['interaction_settings']) => {
    const exists = await db.selectFrom('interaction_settings').select('site_id').where('site_id', '=', row.site_id).executeTakeFirst();
    if (exists) await db.updateTable('interaction_settings').set(row).where('site_id', '=', row.site_id).execute();
    else await db.insertInto('interaction_settings').values(row).execute();
  },
};

/** Orgs and the hosted sites they sponsor (routing needs an org with a site whose handlers can act). */
export const routing = {
  siteIdsOfOrgs: async (db: Q, orgIds: readonly string[]): Promise<Map<string, string[]>> => {
    if (!orgIds.length) return new Map();
    const rows = await db
      .selectFrom('sites')
      .select(['id', 'sponsor_org_id as org_id'])
      .where('sponsor_org_id', 'in', [...orgIds])
      .execute();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.org_id, [...(out.get(r.org_id) ?? []), r.id]);
    return out;
  },
  orgIdsOfSites: async (db: Q, siteIds: readonly string[]): Promise<string[]> =>
    siteIds.length
      ? (
          await db
            .selectFrom('sites')
            .select('sponsor_org_id')
            .where('id', 'in', [...siteIds])
            .execute()
        ).map((r) => r.sponsor_org_id)
      : [],
  orgNames: async (db: Q, ids: readonly string[]): Promise<Map<string, string>> => {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
  siteExists: async (db: Q, siteId: string): Promise<boolean> =>
    !!(await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst()),
  /** Orgs whose parent is one of the given orgs (those they supervise). */
  childOrgIds: async (db: Q, parentIds: readonly string[]): Promise<string[]> =>
    parentIds.length
      ? (
          await db
            .selectFrom('orgs')
            .select('id')
            .where('parent_id', 'in', [...parentIds])
            .execute()
        ).map((r) => r.id)
      : [],
  org: (db: Q, id: string) => db.selectFrom('orgs').select(['id', 'name', 'parent_id']).where('id', '=', id).executeTakeFirst(),
};

/** Letters written to one site, for the monitoring room's checks of hosted sites. */
export const siteLetters = {
  /** Letters of the site in `states` that had arrived by `receivedBy` (YYYY-MM-DD), oldest first. */
  inStatesReceivedBy: (db: Q, siteId: string, states: readonly string[], receivedBy: string) =>
    db
      .selectFrom('letters')
      .select(['id', 'tracking_no', 'channel_id', 'state', 'received_on', 'due_on', 'reply_days'])
      .where('site_id', '=', siteId)
      .where('state', 'in', [...states])
      .where('received_on', '<=', receivedBy)
      .orderBy('received_on')
      .orderBy('tracking_no')
      .execute(),
};

/** SQL of the content room: articles, revisions, workflow events, checks, links, dictionaries. */
import type { Kysely } from 'kysely';
import type {
  ArticleCheckTable,
  ArticleEventRow,
  ArticleRevisionRow,
  ArticleRow,
  Database,
  DictionaryEntryRow,
  FileRow,
} from '../platform/db/schema.ts';

type Q = Kysely<Database>;

export const articles = {
  byId: (db: Q, id: string): Promise<ArticleRow | undefined> =>
    db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (db: Q, row: ArticleRow) => db.insertInto('articles').values(row).execute(),
  /** Updates only when the version matches (optimistic locking); returns whether it did. */
  updateVersioned: async (db: Q, id: string, version: number, patch: Partial<ArticleRow>): Promise<boolean> => {
    const r = await db.updateTable('articles').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  byIds: (db: Q, ids: string[]): Promise<ArticleRow[]> =>
    ids.length === 0 ? Promise.resolve([]) : db.selectFrom('articles').selectAll().where('id', 'in', ids).execute(),
  list: (
    db: Q,
    f: {
      siteIds: 'all' | string[];
      siteId?: string | undefined;
      columnId?: string | undefined;
      status?: string | undefined;
      type?: string | undefined;
      q?: string | undefined;
      limit: number;
      offset: number;
    },
  ) => {
    if (f.siteIds !== 'all' && f.siteIds.length === 0) return Promise.resolve([] as ArticleRow[]);
    let q = db.selectFrom('articles').selectAll();
    if (f.siteIds !== 'all') q = q.where('site_id', 'in', f.siteIds);
    if (f.siteId) q = q.where('site_id', '=', f.siteId);
    if (f.columnId) q = q.where('column_id', '=', f.columnId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.type) q = q.where('type', '=', f.type);
    if (f.q) q = q.where('title', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
    return q.orderBy('updated_at', 'desc').limit(f.limit).offset(f.offset).execute();
  },
  /**
   * Articles waiting at the given (site, stage) pairs, soonest due first (no due time last).
   * Two steps: the ids come from the covering queue index alone, then only those rows are read.
   */
  queue: (
    db: Q,
    f: {
      groups: { siteIds: string[]; stageIndexes: number[] }[];
      type?: string | undefined;
      dueBefore?: string | undefined;
      limit: number;
    },
  ): Promise<ArticleRow[]> => {
    const groups = f.groups.filter((g) => g.siteIds.length && g.stageIndexes.length);
    if (groups.length === 0) return Promise.resolve([]);
    let ids = db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'in_review')
      .where((w) => w.or(groups.map((g) => w.and([w('site_id', 'in', g.siteIds), w('stage_index', 'in', g.stageIndexes)]))));
    if (f.type) ids = ids.where('type', '=', f.type);
    if (f.dueBefore) ids = ids.where('due_at', '<=', f.dueBefore);
    const page = ids
      .orderBy('due_at', (o) => o.asc().nullsLast())
      .orderBy('submitted_at')
      .orderBy('id')
      .limit(f.limit);
    return db
      .selectFrom('articles')
      .selectAll()
      .where('id', 'in', page)
      .orderBy('due_at', (o) => o.asc().nullsLast())
      .orderBy('submitted_at')
      .orderBy('id')
      .execute();
  },
  /** Unpublished articles with a deadline, and published ones that were late, for the deadline board. */
  deadlines: (db: Q, f: { siteIds: 'all' | string[]; dueBefore: string; publishedSince: string; limit: number }) => {
    if (f.siteIds !== 'all' && f.siteIds.length === 0) return Promise.resolve([] as ArticleRow[]);
    let q = db
      .selectFrom('articles')
      .selectAll()
      .where((w) =>
        w.or([
          w.and([w('first_published_at', 'is', null), w('due_at', '<=', f.dueBefore), w('status', '!=', 'retracted')]),
          w.and([w('late_minutes', '>', 0), w('first_published_at', '>=', f.publishedSince)]),
        ]),
      );
    if (f.siteIds !== 'all') q = q.where('site_id', 'in', f.siteIds);
    return q.orderBy('due_at').limit(f.limit).execute();
  },
  /** Articles a leader published in an emergency whose retrospective review is not complete. */
  emergencyOpen: (db: Q, siteIds: 'all' | string[]) => {
    if (siteIds !== 'all' && siteIds.length === 0) return Promise.resolve([]);
    let q = db
      .selectFrom('articles')
      .select(['id', 'site_id', 'title', 'emergency_due_at'])
      .where('emergency', '=', 1)
      .where('status', '!=', 'retracted');
    if (siteIds !== 'all') q = q.where('site_id', 'in', siteIds);
    return q.orderBy('emergency_due_at').execute();
  },
  scheduledDue: (db: Q, now: string): Promise<ArticleRow[]> =>
    db.selectFrom('articles').selectAll().where('status', '=', 'scheduled').where('scheduled_at', '<=', now).execute(),
  /** Hands every article of a site to another site (a merger); returns how many. Revisions and events are keyed by article. */
  moveSite: async (db: Q, fromSiteId: string, toSiteId: string): Promise<number> => {
    const r = await db.updateTable('articles').set({ site_id: toSiteId }).where('site_id', '=', fromSiteId).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};

export const revisions = {
  byId: (db: Q, id: string): Promise<ArticleRevisionRow | undefined> =>
    db.selectFrom('article_revisions').selectAll().where('id', '=', id).executeTakeFirst(),
  ofArticle: (db: Q, articleId: string): Promise<ArticleRevisionRow[]> =>
    db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).orderBy('number').execute(),
  insert: (db: Q, row: ArticleRevisionRow) => db.insertInto('article_revisions').values(row).execute(),
  /** Which of these articles the user wrote a revision of. */
  authoredBy: async (db: Q, userId: string, articleIds: string[]): Promise<Set<string>> => {
    if (articleIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('article_revisions')
      .select('article_id')
      .distinct()
      .where('created_by', '=', userId)
      .where('article_id', 'in', articleIds)
      .execute();
    return new Set(rows.map((r) => r.article_id));
  },
  authorsOf: async (db: Q, articleId: string): Promise<string[]> =>
    (await db.selectFrom('article_revisions').select('created_by').distinct().where('article_id', '=', articleId).execute()).map(
      (r) => r.created_by,
    ),
};

export const events = {
  ofArticle: (db: Q, articleId: string): Promise<ArticleEventRow[]> =>
    db.selectFrom('article_events').selectAll().where('article_id', '=', articleId).orderBy('seq').execute(),
  /** Appends an event as the article's next in sequence. */
  append: async (db: Q, row: Omit<ArticleEventRow, 'seq'>) => {
    const last = await db
      .selectFrom('article_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('article_id', '=', row.article_id)
      .executeTakeFirst();
    await db
      .insertInto('article_events')
      .values({ ...row, seq: Number(last?.seq ?? 0) + 1 })
      .execute();
  },
  /** The stages at which the user approved or rejected each of these articles. */
  decisionsBy: async (db: Q, userId: string, articleIds: string[]): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>();
    if (articleIds.length === 0) return out;
    const rows = await db
      .selectFrom('article_events')
      .select(['article_id', 'stage'])
      .where('actor_id', '=', userId)
      .where('kind', 'in', ['approve', 'reject'])
      .where('article_id', 'in', articleIds)
      .execute();
    for (const r of rows) out.set(r.article_id, [...(out.get(r.article_id) ?? []), r.stage ?? '']);
    return out;
  },
};

export const checks = {
  insert: (db: Q, row: ArticleCheckTable) => db.insertInto('article_checks').values(row).execute(),
  latestOf: (db: Q, revisionId: string) =>
    db
      .selectFrom('article_checks')
      .selectAll()
      .where('revision_id', '=', revisionId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
};

export const links = {
  setPoliciesOf: async (db: Q, interpretationId: string, policyIds: string[]) => {
    await db.deleteFrom('article_links').where('interpretation_id', '=', interpretationId).execute();
    if (policyIds.length)
      await db
        .insertInto('article_links')
        .values(policyIds.map((p) => ({ policy_id: p, interpretation_id: interpretationId })))
        .execute();
  },
  interpretationsOf: async (db: Q, policyId: string): Promise<string[]> =>
    (await db.selectFrom('article_links').select('interpretation_id').where('policy_id', '=', policyId).execute()).map(
      (r) => r.interpretation_id,
    ),
  policiesOf: async (db: Q, interpretationId: string): Promise<string[]> =>
    (await db.selectFrom('article_links').select('policy_id').where('interpretation_id', '=', interpretationId).execute()).map(
      (r) => r.policy_id,
    ),
};

export const dictionaries = {
  forSite: (db: Q, siteId: string): Promise<DictionaryEntryRow[]> =>
    db.selectFrom('dictionary_entries').selectAll().where('scope', 'in', ['*', siteId]).execute(),
  list: (db: Q, scope: string, kind?: string): Promise<DictionaryEntryRow[]> => {
    let q = db.selectFrom('dictionary_entries').selectAll().where('scope', '=', scope);
    if (kind) q = q.where('kind', '=', kind);
    return q.orderBy('kind').orderBy('word').execute();
  },
  insert: (db: Q, row: DictionaryEntryRow) => db.insertInto('dictionary_entries').values(row).execute(),
  byId: (db: Q, id: string) => db.selectFrom('dictionary_entries').selectAll().where('id', '=', id).executeTakeFirst(),
  remove: (db: Q, id: string) => db.deleteFrom('dictionary_entries').where('id', '=', id).execute(),
  exists: async (db: Q, scope: string, kind: string, word: string) =>
    (await db
      .selectFrom('dictionary_entries')
      .select('id')
      .where('scope', '=', scope)
      .where('kind', '=', kind)
      .where('word', '=', word)
      .executeTakeFirst()) !== undefined,
};

export const files = {
  /** True when every id names a stored file. */
  allExist: async (db: Q, ids: string[]): Promise<boolean> => {
    if (ids.length === 0) return true;
    const unique = [...new Set(ids)];
    const rows = await db.selectFrom('files').select('id').where('id', 'in', unique).execute();
    return rows.length === unique.length;
  },
  bySha: (db: Q, sha256: string) => db.selectFrom('files').selectAll().where('sha256', '=', sha256).executeTakeFirst(),
  byId: (db: Q, id: string) => db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (db: Q, row: FileRow) => db.insertInto('files').values(row).execute(),
};

/**
 * What was public on a site at an instant, per column: articles with a live revision, first
 * published by then and not retracted by then (the publishing room's rule for a public article,
 * read as of a past instant). For the monitoring room's exact checks.
 */
export const liveArticles = {
  byColumn: (db: Q, siteId: string, until: string) =>
    db
      .selectFrom('articles')
      .select((eb) => [
        'column_id',
        eb.fn.countAll<number | string>().as('live'),
        // A correction moves published_at; one made after `until` leaves only the first publication to go by.
        eb.fn.max<string | null>(eb.case().when('published_at', '<=', until).then(eb.ref('published_at')).end()).as('newest_published'),
        eb.fn.max<string | null>('first_published_at').as('newest_first'),
      ])
      .where('site_id', '=', siteId)
      .where('live_revision_id', 'is not', null)
      .where('first_published_at', '<=', until)
      .where((eb) => eb.or([eb('retracted_at', 'is', null), eb('retracted_at', '>', until)]))
      .groupBy('column_id')
      .execute(),
};

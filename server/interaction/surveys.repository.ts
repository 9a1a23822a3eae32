/** SQL of the interaction room's surveys (征集调查) and their opinions. No rules here. */
import type { Kysely, Transaction } from 'kysely';
import type { Database, SurveyOpinionTable, SurveyRow, SurveyTable } from '../platform/db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const count = (v: number | string | bigint | null | undefined) => Number(v ?? 0);

/** A site lists at most this many surveys (a city runs a few dozen a year). */
const LIST_LIMIT = 500;

export const surveys = {
  byId: (db: Q, id: string) => db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst(),
  /** Takes the row lock (PostgreSQL) or the write lock (SQLite) before reading, so office writers queue. */
  forWrite: async (db: Q, id: string, now: string): Promise<SurveyRow | undefined> => {
    await db.updateTable('surveys').set({ updated_at: now }).where('id', '=', id).execute();
    return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /**
   * Locks the survey for a citizen's opinion and reads it: the row lock (PostgreSQL) or the write
   * lock (SQLite) is taken by an update that changes nothing, so an office step that holds it
   * (ending the survey) commits first and the opinion reads its result.
   */
  forOpinion: async (db: Q, id: string): Promise<SurveyRow | undefined> => {
    await db
      .updateTable('surveys')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', id)
      .execute();
    return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
  },
  insert: (db: Q, row: SurveyTable) => db.insertInto('surveys').values(row).execute(),
  update: (db: Q, id: string, patch: Partial<SurveyTable>) => db.updateTable('surveys').set(patch).where('id', '=', id).execute(),
  /** Every survey of a site, drafts included, newest first. */
  ofSite: (db: Q, siteId: string) =>
    db
      .selectFrom('surveys')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('starts_on', 'desc')
      .orderBy('created_at', 'desc')
      .limit(LIST_LIMIT)
      .execute(),
  /** The surveys of a site the public may see (opened), newest first. */
  openedOfSite: (db: Q, siteId: string) =>
    db
      .selectFrom('surveys')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('opened_at', 'is not', null)
      .orderBy('starts_on', 'desc')
      .orderBy('opened_at', 'desc')
      .limit(LIST_LIMIT)
      .execute(),
  /** Opened surveys of the sites whose first day lies in [from, to] (calendar dates). */
  heldBetween: (db: Q, siteIds: readonly string[], from: string, to: string) =>
    db
      .selectFrom('surveys')
      .select(['id', 'result_published_at'])
      .where('site_id', 'in', [...siteIds])
      .where('opened_at', 'is not', null)
      .where('starts_on', '>=', from)
      .where('starts_on', '<=', to)
      .execute(),
};

export const surveyOpinions = {
  /** Opinions per survey, for the given surveys (absent: none). */
  countsOf: async (db: Q, surveyIds: readonly string[]): Promise<Map<string, number>> => {
    if (!surveyIds.length) return new Map();
    const rows = await db
      .selectFrom('survey_opinions')
      .select((eb) => ['survey_id', eb.fn.countAll<number>().as('n')])
      .where('survey_id', 'in', [...surveyIds])
      .groupBy('survey_id')
      .execute();
    return new Map(rows.map((r) => [r.survey_id, count(r.n)]));
  },
  byIdempotencyKey: (db: Q, key: string) =>
    db.selectFrom('survey_opinions').select(['id', 'survey_id', 'submitted_at']).where('idempotency_key', '=', key).executeTakeFirst(),
  insert: (db: Q, row: SurveyOpinionTable) => db.insertInto('survey_opinions').values(row).execute(),
  /** One page of a survey's opinions, oldest first (the order they came in). */
  page: (db: Q, surveyId: string, limit: number, offset: number) =>
    db
      .selectFrom('survey_opinions')
      .select(['id', 'content', 'writer_name', 'writer_phone', 'submitted_at'])
      .where('survey_id', '=', surveyId)
      .orderBy('submitted_at')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
  /** Every opinion of the given surveys, whenever submitted. */
  totalOf: async (db: Q, surveyIds: readonly string[]): Promise<number> => {
    if (!surveyIds.length) return 0;
    const r = await db
      .selectFrom('survey_opinions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', 'in', [...surveyIds])
      .executeTakeFirst();
    return count(r?.n);
  },
};

/** The sites table, read only to refuse surveys of a site that does not exist. */
export const surveySites = {
  exists: async (db: Q, siteId: string): Promise<boolean> =>
    !!(await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst()),
};

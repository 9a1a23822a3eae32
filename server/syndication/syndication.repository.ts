/**
 * SQL of the syndication room: subscriptions of receiving columns to source columns, and the
 * syndicated entries; plus the few facts it reads of columns, sites and articles.
 */
import type { Kysely } from 'kysely';
import type { ColumnSubscriptionTable, Database, SyndicationRow, SyndicationTable } from '../platform/db/schema.ts';

type Q = Kysely<Database>;

export const columnsOfSites = {
  /** An active column with its site's name and hosting. */
  byId: (db: Q, id: string) =>
    db
      .selectFrom('site_columns as c')
      .innerJoin('sites as s', 's.id', 'c.site_id')
      .select(['c.id', 'c.site_id', 'c.name', 'c.status', 's.name as site_name', 's.hosting', 's.status as site_status'])
      .where('c.id', '=', id)
      .executeTakeFirst(),
  /** Active columns of hosted sites that are not closed, for choosing a source or a target. */
  hosted: (db: Q) =>
    db
      .selectFrom('site_columns as c')
      .innerJoin('sites as s', 's.id', 'c.site_id')
      .select(['c.id', 'c.name', 'c.parent_id', 's.id as site_id', 's.name as site_name'])
      .where('c.status', '=', 'active')
      .where('s.hosting', '=', 'hosted')
      .where('s.status', '!=', 'closed')
      .orderBy('s.name')
      .orderBy('c.sort_order')
      .orderBy('c.name')
      .execute(),
};

export const sourceArticles = {
  /** An article's place and whether it is public now (live, not retracted). */
  byId: (db: Q, id: string) =>
    db
      .selectFrom('articles as a')
      .select(['a.id', 'a.site_id', 'a.column_id', 'a.live_revision_id', 'a.retracted_at', 'a.first_published_at'])
      .where('a.id', '=', id)
      .executeTakeFirst(),
};

export function isPublic(a: { live_revision_id: string | null; retracted_at: string | null; first_published_at: string | null }): boolean {
  return a.live_revision_id !== null && a.retracted_at === null && a.first_published_at !== null;
}

export const subscriptions = {
  byId: (db: Q, id: string) => db.selectFrom('column_subscriptions').selectAll().where('id', '=', id).executeTakeFirst(),
  byPair: (db: Q, columnId: string, sourceColumnId: string) =>
    db
      .selectFrom('column_subscriptions')
      .select('id')
      .where('column_id', '=', columnId)
      .where('source_column_id', '=', sourceColumnId)
      .executeTakeFirst(),
  ofSource: (db: Q, sourceColumnId: string) =>
    db.selectFrom('column_subscriptions').selectAll().where('source_column_id', '=', sourceColumnId).orderBy('created_at').execute(),
  insert: (db: Q, row: ColumnSubscriptionTable) => db.insertInto('column_subscriptions').values(row).execute(),
  remove: (db: Q, id: string) => db.deleteFrom('column_subscriptions').where('id', '=', id).execute(),
  /** A receiving site's subscriptions with the names of both columns and the source site. */
  ofSite: (db: Q, siteId: string) =>
    db
      .selectFrom('column_subscriptions as cs')
      .innerJoin('site_columns as c', 'c.id', 'cs.column_id')
      .innerJoin('site_columns as sc', 'sc.id', 'cs.source_column_id')
      .innerJoin('sites as ss', 'ss.id', 'cs.source_site_id')
      .select([
        'cs.id',
        'cs.site_id',
        'cs.column_id',
        'c.name as column_name',
        'cs.source_site_id',
        'ss.name as source_site_name',
        'cs.source_column_id',
        'sc.name as source_column_name',
        'cs.auto',
        'cs.created_at',
      ])
      .where('cs.site_id', '=', siteId)
      .orderBy('c.name')
      .orderBy('cs.created_at')
      .execute(),
};

export const entries = {
  byId: (db: Q, id: string): Promise<SyndicationRow | undefined> =>
    db.selectFrom('syndications').selectAll().where('id', '=', id).executeTakeFirst(),
  byPair: (db: Q, articleId: string, columnId: string) =>
    db.selectFrom('syndications').select('id').where('article_id', '=', articleId).where('column_id', '=', columnId).executeTakeFirst(),
  insert: (db: Q, row: SyndicationTable) => db.insertInto('syndications').values(row).execute(),
  /** Applies a decision if the entry is still at `version`; returns whether it was. */
  decide: async (db: Q, id: string, version: number, patch: Partial<SyndicationTable>): Promise<boolean> =>
    Number(
      (
        await db
          .updateTable('syndications')
          .set({ ...patch, version: version + 1 })
          .where('id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,
  /** Entries with the names and titles a list shows: of a receiving site, or of one article. */
  listed: (db: Q, where: { siteId?: string; articleId?: string; state?: string }) => {
    let q = db
      .selectFrom('syndications as e')
      .innerJoin('articles as a', 'a.id', 'e.article_id')
      .innerJoin('article_revisions as r', 'r.id', 'a.current_revision_id')
      .innerJoin('sites as ss', 'ss.id', 'e.source_site_id')
      .innerJoin('orgs as so', 'so.id', 'ss.sponsor_org_id')
      .innerJoin('sites as s', 's.id', 'e.site_id')
      .innerJoin('site_columns as c', 'c.id', 'e.column_id')
      .leftJoin('users as u', 'u.id', 'e.decided_by')
      .leftJoin('article_revisions as lr', 'lr.id', 'a.live_revision_id')
      .select([
        'e.id',
        'e.article_id',
        'e.source_site_id',
        'ss.name as source_site_name',
        'so.name as source_org_name',
        'e.site_id',
        's.name as site_name',
        'e.column_id',
        'c.name as column_name',
        'e.state',
        'e.origin',
        'e.offered_at',
        'e.decided_at',
        'e.listed_at',
        'e.version',
        'u.display_name as decided_by_name',
        'r.title as current_title',
        'lr.title as live_title',
        'a.live_revision_id',
        'a.retracted_at',
        'a.first_published_at',
      ])
      .orderBy('e.offered_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(500);
    if (where.siteId) q = q.where('e.site_id', '=', where.siteId);
    if (where.articleId) q = q.where('e.article_id', '=', where.articleId);
    if (where.state) q = q.where('e.state', '=', where.state);
    return q.execute();
  },
};

/** A merger hands a site's columns to another site: subscriptions and entries follow on both sides. */
export const siteMove = {
  apply: async (db: Q, fromSiteId: string, toSiteId: string): Promise<{ subscriptions: number; entries: number }> => {
    let subscriptions = 0;
    let entries = 0;
    for (const column of ['site_id', 'source_site_id'] as const) {
      subscriptions += Number(
        (
          await db
            .updateTable('column_subscriptions')
            .set({ [column]: toSiteId })
            .where(column, '=', fromSiteId)
            .executeTakeFirst()
        ).numUpdatedRows,
      );
      entries += Number(
        (
          await db
            .updateTable('syndications')
            .set({ [column]: toSiteId })
            .where(column, '=', fromSiteId)
            .executeTakeFirst()
        ).numUpdatedRows,
      );
    }
    return { subscriptions, entries };
  },
};

/** SQL of the disclosure room: 索引号 counters and allocations, and the org an article's number belongs to. */
import { sql, type Kysely } from 'kysely';
import type { Database, IndexNumberTable } from '../platform/db/schema.ts';

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

/**
 * SQL of the annual disclosure report: its own row (what is entered by hand, the article it was
 * submitted as), and the read-only sources it is computed from (policy documents' publication
 * histories, the org's sites and their 年报 columns).
 */
import type { Kysely } from 'kysely';
import type { AnnualReportTable, Database } from '../platform/db/schema.ts';

type Q = Kysely<Database>;

/** Workflow events that change what the public site shows: a revision made live, or the article taken down. */
export const LIVE_EVENT_KINDS = ['publish', 'correct', 'emergency', 'retract'] as const;

export const annualReports = {
  byOrgYear: (db: Q, orgId: string, year: number) =>
    db.selectFrom('annual_reports').selectAll().where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst(),
  insert: (db: Q, row: AnnualReportTable) => db.insertInto('annual_reports').values(row).execute(),
  /** Updates only when the version matches (optimistic locking); returns whether it did. */
  updateVersioned: async (
    db: Q,
    id: string,
    version: number,
    patch: Partial<Pick<AnnualReportTable, 'entered' | 'narratives' | 'article_id' | 'version' | 'updated_by' | 'updated_at'>>,
  ): Promise<boolean> => {
    const r = await db.updateTable('annual_reports').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};

export const reportSources = {
  org: (db: Q, orgId: string) => db.selectFrom('orgs').select(['id', 'name', 'level']).where('id', '=', orgId).executeTakeFirst(),
  /** The sites whose sponsor (主办单位) is the org. */
  sitesOf: (db: Q, orgId: string) =>
    db.selectFrom('sites').select(['id', 'name', 'status']).where('sponsor_org_id', '=', orgId).orderBy('created_at').execute(),
  /** Active columns mapped onto the catalogue's 年报 category, on the org's sites. */
  reportColumns: (db: Q, orgId: string) =>
    db
      .selectFrom('site_columns as c')
      .innerJoin('sites as s', 's.id', 'c.site_id')
      .select(['c.id', 'c.site_id'])
      .where('s.sponsor_org_id', '=', orgId)
      .where('c.catalogue_category', '=', 'annualReport')
      .where('c.status', '=', 'active')
      .orderBy('s.created_at')
      .orderBy('c.sort_order')
      .execute(),
  /**
   * Every live-changing event of the policy documents that belong to these orgs, with the
   * metadata of the revision concerned, oldest first per article. An article belongs to the org
   * its 索引号 was allocated for at first publication, or else to its site's sponsor.
   */
  policySteps: (db: Q, orgIds: readonly string[]) =>
    orgIds.length
      ? db
          .selectFrom('article_events as e')
          .innerJoin('article_revisions as r', 'r.id', 'e.revision_id')
          .select(['e.article_id', 'e.kind', 'e.created_at', 'r.metadata'])
          // The orgs' published policy documents first (by type), then their live events by the
          // partial index (migration 0013), rather than every event of the platform.
          .where('e.article_id', 'in', (eb) =>
            eb
              .selectFrom('articles as a')
              .innerJoin('sites as s', 's.id', 'a.site_id')
              .leftJoin('index_numbers as i', 'i.article_id', 'a.id')
              .select('a.id')
              .where('a.type', '=', 'policy')
              .where('a.first_published_at', 'is not', null)
              .where((w) => w(w.fn.coalesce('i.org_id', 's.sponsor_org_id'), 'in', [...orgIds])),
          )
          .where('e.kind', 'in', [...LIVE_EVENT_KINDS])
          .orderBy('e.article_id')
          .orderBy('e.seq')
          .execute()
      : Promise.resolve([]),
  articleState: (db: Q, articleId: string) =>
    db.selectFrom('articles').select(['id', 'status', 'version', 'site_id']).where('id', '=', articleId).executeTakeFirst(),
};

/** SQL of the migration room: imports, the pages each crawled, and the old URLs of imported articles. */
import type { Kysely } from 'kysely';
import type { ArticleLegacyUrlTable, Database, LegacyImportPageRow, LegacyImportRow } from '../platform/db/schema.ts';

type Q = Kysely<Database>;

export const imports = {
  insert: (db: Q, row: LegacyImportRow) => db.insertInto('legacy_imports').values(row).execute(),
  byId: (db: Q, id: string): Promise<LegacyImportRow | undefined> =>
    db.selectFrom('legacy_imports').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (db: Q, siteIds: 'all' | string[], limit: number): Promise<LegacyImportRow[]> => {
    let q = db.selectFrom('legacy_imports').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit);
    if (siteIds !== 'all') {
      if (siteIds.length === 0) return Promise.resolve([]);
      q = q.where('target_site_id', 'in', siteIds);
    }
    return q.execute();
  },
  /** Updates the row when it is still at `version`; false when someone else changed it first. */
  updateVersioned: async (db: Q, id: string, version: number, patch: Partial<LegacyImportRow>): Promise<boolean> => {
    const r = await db
      .updateTable('legacy_imports')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Progress and counts, written by the jobs without a version bump (the admin's version stays valid). */
  update: (db: Q, id: string, patch: Partial<LegacyImportRow>) =>
    db.updateTable('legacy_imports').set(patch).where('id', '=', id).execute(),
  /** An earlier import of the same source into the same target that got as far as importing (for re-runs). */
  previousMapping: (db: Q, sourceSiteId: string, targetSiteId: string, exceptId: string) =>
    db
      .selectFrom('legacy_imports')
      .select(['mapping'])
      .where('source_site_id', '=', sourceSiteId)
      .where('target_site_id', '=', targetSiteId)
      .where('id', '!=', exceptId)
      .where('mapping', 'is not', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
};

export const pages = {
  /** Records a crawled page; a page crawled again (a resumed crawl) replaces its first reading. */
  upsert: (db: Q, row: LegacyImportPageRow) =>
    db
      .insertInto('legacy_import_pages')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['import_id', 'url']).doUpdateSet({
          kind: row.kind,
          column_key: row.column_key,
          fields: row.fields,
          content_hash: row.content_hash,
          outcome: row.outcome,
          reason: row.reason,
          updated_at: row.updated_at,
        }),
      )
      .execute(),
  all: (db: Q, importId: string): Promise<LegacyImportPageRow[]> =>
    db.selectFrom('legacy_import_pages').selectAll().where('import_id', '=', importId).orderBy('url').execute(),
  get: (db: Q, importId: string, url: string): Promise<LegacyImportPageRow | undefined> =>
    db.selectFrom('legacy_import_pages').selectAll().where('import_id', '=', importId).where('url', '=', url).executeTakeFirst(),
  update: (db: Q, importId: string, url: string, patch: Partial<LegacyImportPageRow>) =>
    db.updateTable('legacy_import_pages').set(patch).where('import_id', '=', importId).where('url', '=', url).execute(),
  /** The next pages to import: article pages still pending that are not another page's duplicate. */
  pendingArticles: (db: Q, importId: string, limit: number): Promise<LegacyImportPageRow[]> =>
    db
      .selectFrom('legacy_import_pages')
      .selectAll()
      .where('import_id', '=', importId)
      .where('outcome', '=', 'pending')
      .where('kind', '=', 'article')
      .where('duplicate_of', 'is', null)
      .orderBy('url')
      .limit(limit)
      .execute(),
  duplicatesOf: (db: Q, importId: string, url: string): Promise<LegacyImportPageRow[]> =>
    db.selectFrom('legacy_import_pages').selectAll().where('import_id', '=', importId).where('duplicate_of', '=', url).execute(),
  countsByOutcome: async (db: Q, importId: string): Promise<Record<string, number>> => {
    const rows = await db
      .selectFrom('legacy_import_pages')
      .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .where('import_id', '=', importId)
      .groupBy('outcome')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
  },
  countsByKind: async (db: Q, importId: string): Promise<Record<string, number>> => {
    const rows = await db
      .selectFrom('legacy_import_pages')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('import_id', '=', importId)
      .groupBy('kind')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  },
  byColumnAndOutcome: async (db: Q, importId: string) =>
    (
      await db
        .selectFrom('legacy_import_pages')
        .select(['column_key', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
        .where('import_id', '=', importId)
        .where('kind', '=', 'article')
        .groupBy(['column_key', 'outcome'])
        .execute()
    ).map((r) => ({ columnKey: r.column_key, outcome: r.outcome, n: Number(r.n) })),
  list: async (
    db: Q,
    importId: string,
    f: { outcome?: string | undefined; kind?: string | undefined; columnKey?: string | undefined; limit: number; offset: number },
  ): Promise<{ total: number; rows: LegacyImportPageRow[] }> => {
    let q = db.selectFrom('legacy_import_pages').where('import_id', '=', importId);
    if (f.outcome) q = q.where('outcome', '=', f.outcome);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.columnKey) q = q.where('column_key', '=', f.columnKey);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll().orderBy('url').limit(f.limit).offset(f.offset).execute();
    return { total, rows };
  },
};

export const legacyUrls = {
  of: (db: Q, sourceSiteId: string, oldUrl: string): Promise<ArticleLegacyUrlTable | undefined> =>
    db
      .selectFrom('article_legacy_urls')
      .selectAll()
      .where('source_site_id', '=', sourceSiteId)
      .where('old_url', '=', oldUrl)
      .executeTakeFirst(),
  ofMany: (db: Q, sourceSiteId: string, oldUrls: readonly string[]): Promise<ArticleLegacyUrlTable[]> =>
    oldUrls.length
      ? db
          .selectFrom('article_legacy_urls')
          .selectAll()
          .where('source_site_id', '=', sourceSiteId)
          .where('old_url', 'in', [...oldUrls])
          .execute()
      : Promise.resolve([]),
  /** Points an old URL at an article (a re-run may move it to the article the page now is). */
  put: (db: Q, row: ArticleLegacyUrlTable) =>
    db
      .insertInto('article_legacy_urls')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['source_site_id', 'old_url']).doUpdateSet({
          article_id: row.article_id,
          target_site_id: row.target_site_id,
          content_hash: row.content_hash,
          import_id: row.import_id,
          updated_at: row.updated_at,
        }),
      )
      .execute(),
  ofSource: (db: Q, sourceSiteId: string, after: string | null, limit: number): Promise<ArticleLegacyUrlTable[]> => {
    let q = db.selectFrom('article_legacy_urls').selectAll().where('source_site_id', '=', sourceSiteId);
    if (after !== null) q = q.where('old_url', '>', after);
    return q.orderBy('old_url').limit(limit).execute();
  },
};

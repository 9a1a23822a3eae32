/** SQL of the 政府信息公开目录: its items (written by the publisher), queries and facets, the 指南 fields. */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { CatalogueEntryTable, Database, DisclosureGuideTable } from '../platform/db/schema.ts';
import { titleWords, type CatalogueEntry, type CatalogueQuery } from './rules/catalogue.ts';

type Q = Kysely<Database>;

/** `%text%` for LIKE with `\` escaping the wildcards. */
const contains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const startsWith = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function row(e: CatalogueEntry): CatalogueEntryTable {
  return {
    article_id: e.articleId,
    site_id: e.siteId,
    column_id: e.columnId,
    org_id: e.orgId,
    category: e.category,
    index_no: e.indexNo,
    title: e.title,
    summary: e.summary,
    doc_number: e.docNumber,
    topic: e.topic,
    issuing_org: e.issuingOrg,
    validity: e.validity,
    generated_on: e.generatedOn,
    year: e.year,
    published_at: e.publishedAt,
    url: e.url,
  };
}

export const catalogueEntries = {
  /** The 索引号 and its org of these articles. */
  numbering: (db: Q, articleIds: readonly string[]) =>
    articleIds.length
      ? db
          .selectFrom('index_numbers')
          .select(['article_id', 'index_no', 'org_id'])
          .where('article_id', 'in', [...articleIds])
          .execute()
      : Promise.resolve([]),
  sponsorOf: async (db: Q, siteId: string): Promise<string | null> =>
    (await db.selectFrom('sites').select('sponsor_org_id').where('id', '=', siteId).executeTakeFirst())?.sponsor_org_id ?? null,
  upsert: async (db: Q, entries: readonly CatalogueEntry[]): Promise<void> => {
    if (!entries.length) return;
    await db
      .insertInto('catalogue_entries')
      .values(entries.map(row))
      .onConflict((oc) =>
        oc.column('article_id').doUpdateSet((eb) => ({
          site_id: eb.ref('excluded.site_id'),
          column_id: eb.ref('excluded.column_id'),
          org_id: eb.ref('excluded.org_id'),
          category: eb.ref('excluded.category'),
          index_no: eb.ref('excluded.index_no'),
          title: eb.ref('excluded.title'),
          summary: eb.ref('excluded.summary'),
          doc_number: eb.ref('excluded.doc_number'),
          topic: eb.ref('excluded.topic'),
          issuing_org: eb.ref('excluded.issuing_org'),
          validity: eb.ref('excluded.validity'),
          generated_on: eb.ref('excluded.generated_on'),
          year: eb.ref('excluded.year'),
          published_at: eb.ref('excluded.published_at'),
          url: eb.ref('excluded.url'),
        })),
      )
      .execute();
  },
  remove: async (db: Q, articleIds: readonly string[]): Promise<void> => {
    if (articleIds.length)
      await db
        .deleteFrom('catalogue_entries')
        .where('article_id', 'in', [...articleIds])
        .execute();
  },
  /** Removes the site's items that are not among `keep` (after a full build: retracted, unmapped or closed). */
  removeOthers: async (db: Q, siteId: string, keep: ReadonlySet<string>): Promise<number> => {
    const held = await db.selectFrom('catalogue_entries').select('article_id').where('site_id', '=', siteId).execute();
    const gone = held.map((r) => r.article_id).filter((id) => !keep.has(id));
    for (let i = 0; i < gone.length; i += 500) await catalogueEntries.remove(db, gone.slice(i, i + 500));
    return gone.length;
  },

  /** One page of the site's items matching the query, newest first, and the total. */
  query: async (db: Q, siteId: string, q: CatalogueQuery, perPage: number) => {
    let base = db.selectFrom('catalogue_entries').where('site_id', '=', siteId);
    if (q.category) base = base.where('category', '=', q.category);
    if (q.topic) base = base.where('topic', '=', q.topic);
    if (q.orgId) base = base.where('org_id', '=', q.orgId);
    if (q.year) base = base.where('year', '=', q.year);
    if (q.from) base = base.where('generated_on', '>=', q.from);
    if (q.to) base = base.where('generated_on', '<=', q.to);
    if (q.docNumber) base = base.where(likeEscaped('doc_number', contains(q.docNumber)));
    if (q.indexNo) base = base.where(likeEscaped('index_no', startsWith(q.indexNo)));
    for (const w of titleWords(q.title)) base = base.where(likeEscaped('title', contains(w)));
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const items = await base
      .selectAll()
      .orderBy('published_at', 'desc')
      .orderBy('article_id')
      .limit(perPage)
      .offset((q.page - 1) * perPage)
      .execute();
    return { total, items };
  },
  /** Items per category of the site, with the newest publication instant. */
  countsByCategory: (db: Q, siteId: string) =>
    db
      .selectFrom('catalogue_entries')
      .select((eb) => ['category', eb.fn.countAll<number>().as('n'), eb.fn.max('published_at').as('newest')])
      .where('site_id', '=', siteId)
      .groupBy('category')
      .execute(),
  /** The values visitors browse by: topics, orgs and years present in the site's catalogue. */
  facets: async (db: Q, siteId: string) => {
    const topics = await db
      .selectFrom('catalogue_entries')
      .select('topic')
      .distinct()
      .where('site_id', '=', siteId)
      .where('topic', 'is not', null)
      .orderBy('topic')
      .limit(200)
      .execute();
    const orgs = await db
      .selectFrom('catalogue_entries as e')
      .innerJoin('orgs as o', 'o.id', 'e.org_id')
      .select(['o.id', 'o.name', 'o.sort_order'])
      .distinct()
      .where('e.site_id', '=', siteId)
      .orderBy('o.sort_order')
      .orderBy('o.name')
      .limit(200)
      .execute();
    const years = await db
      .selectFrom('catalogue_entries')
      .select('year')
      .distinct()
      .where('site_id', '=', siteId)
      .orderBy('year', 'desc')
      .limit(100)
      .execute();
    return {
      topics: topics.map((r) => r.topic!).filter(Boolean),
      orgs: orgs.map((r) => ({ id: r.id, name: r.name })),
      years: years.map((r) => Number(r.year)),
    };
  },
  yearsInCategory: async (db: Q, siteId: string, category: string): Promise<number[]> =>
    (
      await db
        .selectFrom('catalogue_entries')
        .select('year')
        .distinct()
        .where('site_id', '=', siteId)
        .where('category', '=', category)
        .execute()
    ).map((r) => Number(r.year)),
};

/** LIKE with `\` escaping, case-blind on both databases (SQLite's LIKE ignores ASCII case, PostgreSQL's does not). */
function likeEscaped(column: 'doc_number' | 'index_no' | 'title', pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`upper(${sql.ref(column)}) like upper(${pattern}) escape '\\'`;
}

export const catalogueSites = {
  /** The site's sponsor org and its level, for the categories it shows. */
  sponsor: (db: Q, siteId: string) =>
    db
      .selectFrom('sites as s')
      .innerJoin('orgs as o', 'o.id', 's.sponsor_org_id')
      .select(['s.id as site_id', 's.name as site_name', 'o.id as org_id', 'o.name as org_name', 'o.level'])
      .where('s.id', '=', siteId)
      .executeTakeFirst(),
  /** Hosted sites with a code (their catalogues are public), with their sponsors. */
  hosted: (db: Q) =>
    db
      .selectFrom('sites as s')
      .innerJoin('orgs as o', 'o.id', 's.sponsor_org_id')
      .select(['s.id as site_id', 's.name as site_name', 'o.id as org_id', 'o.name as org_name', 'o.level'])
      .where('s.hosting', '=', 'hosted')
      .where('s.code', 'is not', null)
      .where('s.status', '!=', 'closed')
      .orderBy('s.name')
      .execute(),
  mappedColumns: (db: Q, siteId: string) =>
    db
      .selectFrom('site_columns')
      .select(['id', 'name', 'catalogue_category', 'status'])
      .where('site_id', '=', siteId)
      .where('status', '=', 'active')
      .orderBy('sort_order')
      .execute(),
};

export const guides = {
  byOrg: (db: Q, orgId: string) => db.selectFrom('disclosure_guides').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
  save: async (db: Q, row: DisclosureGuideTable): Promise<void> => {
    const { org_id: _org, ...rest } = row;
    await db
      .insertInto('disclosure_guides')
      .values(row)
      .onConflict((oc) => oc.column('org_id').doUpdateSet(rest))
      .execute();
  },
};

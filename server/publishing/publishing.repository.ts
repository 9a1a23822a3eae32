/**
 * SQL of the publishing room: the read model of what is public (sites, columns, live
 * revisions, files, policy ↔ interpretation links), the record of article pages on disk, and
 * the per-site build marker. An article is public while it has a live revision and is not
 * retracted (an edit under review leaves the live revision public).
 */
import type { Kysely } from 'kysely';
import type { Database, PublishedArticleTable, SiteBuildRow, SiteRedirectTable } from '../platform/db/schema.ts';

type Q = Kysely<Database>;

/** The fields of a public article and its live revision. */
export interface PublicArticleRow {
  id: string;
  revision_id: string;
  site_id: string;
  column_id: string;
  type: string;
  published_at: string;
  first_published_at: string;
  title: string;
  summary: string | null;
  source: string | null;
  body_html: string;
  metadata: string;
}

/** A public article as lists show it. */
export interface ListedArticleRow {
  id: string;
  revision_id: string;
  column_id: string;
  title: string;
  published_at: string;
  first_published_at: string;
}

function publicArticles(db: Q) {
  return db
    .selectFrom('articles as a')
    .innerJoin('article_revisions as r', 'r.id', 'a.live_revision_id')
    .where('a.retracted_at', 'is', null)
    .where('a.first_published_at', 'is not', null);
}

/** The same articles without their revision, for counts and ranges (a live revision id always names a revision). */
function publicArticleRows(db: Q) {
  return db
    .selectFrom('articles as a')
    .where('a.live_revision_id', 'is not', null)
    .where('a.retracted_at', 'is', null)
    .where('a.first_published_at', 'is not', null);
}

/** Public articles have both dates (first publication sets them). */
interface Dates {
  revision_id: string;
  published_at: string;
  first_published_at: string;
}

/** Public articles of a column in list order (newest first), one slice. */
function newestInColumn(db: Q, columnId: string, offset: number, limit: number) {
  return publicArticles(db)
    .where('a.column_id', '=', columnId)
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset);
}

const LISTED = ['a.id', 'a.column_id', 'a.live_revision_id as revision_id', 'r.title', 'a.published_at', 'a.first_published_at'] as const;
const FULL = [
  'a.id',
  'a.live_revision_id as revision_id',
  'a.site_id',
  'a.column_id',
  'a.type',
  'a.published_at',
  'a.first_published_at',
  'r.title',
  'r.summary',
  'r.source',
  'r.body_html',
  'r.metadata',
] as const;

export const publicSites = {
  byId: (db: Q, id: string) =>
    db
      .selectFrom('sites as s')
      .innerJoin('orgs as o', 'o.id', 's.sponsor_org_id')
      .select([
        's.id',
        's.code',
        's.name',
        's.hosting',
        's.domains',
        's.icp_number',
        's.psb_number',
        's.contact',
        's.status',
        's.theme',
        's.conac_id',
        's.notice_text',
        's.notice_until',
        's.successor_site_id',
        's.successor_url',
      ])
      .select('o.name as sponsor_name')
      .where('s.id', '=', id)
      .executeTakeFirst(),
  /** A site whose public pages the application serves: hosted here and not closed. */
  idByCode: async (db: Q, code: string): Promise<string | undefined> =>
    (
      await db
        .selectFrom('sites')
        .select('id')
        .where('code', '=', code)
        .where('hosting', '=', 'hosted')
        .where('status', '!=', 'closed')
        .executeTakeFirst()
    )?.id,
  /** Sites that can be published: hosted here, with a 网站标识码. */
  publishable: (db: Q) =>
    db
      .selectFrom('sites')
      .select(['id', 'code'])
      .where('code', 'is not', null)
      .where('hosting', '=', 'hosted')
      .where('status', 'in', ['active', 'migrating', 'closing', 'offline'])
      .orderBy('code')
      .execute(),
  /** The site a closing site's notice names: its name and where the public finds it. */
  successor: (db: Q, id: string) =>
    db.selectFrom('sites').select(['name', 'code', 'domains', 'base_url', 'hosting']).where('id', '=', id).executeTakeFirst(),
  /** The latest update instant of the site row and its columns. */
  lastChange: async (db: Q, siteId: string): Promise<string | null> => {
    const site = await db.selectFrom('sites').select('updated_at').where('id', '=', siteId).executeTakeFirst();
    const col = await db
      .selectFrom('site_columns')
      .select((eb) => eb.fn.max<string>('updated_at').as('at'))
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    const all = [site?.updated_at, col?.at].filter((x): x is string => !!x).sort();
    return all.at(-1) ?? null;
  },
  columns: (db: Q, siteId: string) =>
    db
      .selectFrom('site_columns')
      .select(['id', 'parent_id', 'name', 'slug', 'sort_order', 'freshness_class', 'accepts', 'catalogue_category'])
      .where('site_id', '=', siteId)
      .where('status', '=', 'active')
      .orderBy('sort_order')
      .orderBy('name')
      .execute(),
};

export const publicArticleQueries = {
  countsByColumn: async (db: Q, siteId: string): Promise<Map<string, number>> => {
    const rows = await publicArticleRows(db)
      .select(['a.column_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('a.site_id', '=', siteId)
      .groupBy('a.column_id')
      .execute();
    return new Map(rows.map((r) => [r.column_id, Number(r.n)]));
  },
  countInColumn: async (db: Q, columnId: string): Promise<number> =>
    Number(
      (
        await publicArticleRows(db)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('a.column_id', '=', columnId)
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /**
   * How many public articles of a column come before the place (published_at, id) in its
   * newest-first list, the article `id` itself not counted: its 0-based rank there.
   */
  rankInColumn: async (db: Q, columnId: string, publishedAt: string, id: string): Promise<number> =>
    Number(
      (
        await publicArticleRows(db)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('a.column_id', '=', columnId)
          .where('a.published_at', '>=', publishedAt)
          .where((eb) => eb.or([eb('a.published_at', '>', publishedAt), eb('a.id', '>', id)]))
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /** A slice of a column list, newest first. */
  columnSlice: (db: Q, columnId: string, offset: number, limit: number): Promise<PublicArticleRow[]> =>
    newestInColumn(db, columnId, offset, limit).select(FULL).$narrowType<Dates>().execute(),
  /** Items of a column list, newest first (titles only). */
  columnList: (db: Q, columnId: string, offset: number, limit: number): Promise<ListedArticleRow[]> =>
    newestInColumn(db, columnId, offset, limit).select(LISTED).$narrowType<Dates>().execute(),
  byIds: (db: Q, ids: readonly string[]): Promise<PublicArticleRow[]> =>
    ids.length
      ? publicArticles(db)
          .select(FULL)
          .$narrowType<Dates>()
          .where('a.id', 'in', [...ids])
          .execute()
      : Promise.resolve([]),
  listedByIds: (db: Q, ids: readonly string[]): Promise<ListedArticleRow[]> =>
    ids.length
      ? publicArticles(db)
          .select(LISTED)
          .$narrowType<Dates>()
          .where('a.id', 'in', [...ids])
          .execute()
      : Promise.resolve([]),
  /** The newest public articles of some types in a site (home page blocks). */
  latestOfType: (db: Q, siteId: string, type: string, limit: number): Promise<ListedArticleRow[]> =>
    publicArticles(db)
      .select(LISTED)
      .$narrowType<Dates>()
      .where('a.site_id', '=', siteId)
      .where('a.type', '=', type)
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute(),
  /** The newest public article publishing the site's 政府网站工作年度报表 (evaluation room's website_reports), if any. */
  latestWebsiteReport: (db: Q, siteId: string): Promise<ListedArticleRow | undefined> =>
    publicArticles(db)
      .select(LISTED)
      .$narrowType<Dates>()
      .innerJoin('website_reports as wr', 'wr.article_id', 'a.id')
      .where('wr.site_id', '=', siteId)
      .orderBy('wr.year', 'desc')
      .limit(1)
      .executeTakeFirst(),
  /** Public articles first published in [from, to), for a sitemap chunk; keyset-paged by id. */
  firstPublishedBetween: (db: Q, siteId: string, from: string, to: string, afterId: string, limit: number) =>
    publicArticles(db)
      .select(LISTED)
      .$narrowType<Dates>()
      .where('a.site_id', '=', siteId)
      .where('a.first_published_at', '>=', from)
      .where('a.first_published_at', '<', to)
      .where('a.id', '>', afterId)
      .orderBy('a.id')
      .limit(limit)
      .execute(),
  /**
   * The first and last first-publication instants of a site's public articles (to enumerate
   * sitemap months): two index walks that stop at the first public row, not a scan of the site.
   */
  firstPublishedRange: async (db: Q, siteId: string): Promise<{ first: string; last: string } | null> => {
    const end = (dir: 'asc' | 'desc') =>
      publicArticleRows(db)
        .select('a.first_published_at')
        .$narrowType<{ first_published_at: string }>()
        .where('a.site_id', '=', siteId)
        .orderBy('a.first_published_at', dir)
        .limit(1)
        .executeTakeFirst();
    const [first, last] = [await end('asc'), await end('desc')];
    return first && last ? { first: first.first_published_at, last: last.first_published_at } : null;
  },
  /** An article's state as publishing needs it, public or not (whether its page should exist, and where). */
  state: (db: Q, id: string) =>
    db
      .selectFrom('articles')
      .select(['id', 'site_id', 'column_id', 'live_revision_id', 'retracted_at', 'first_published_at'])
      .where('id', '=', id)
      .executeTakeFirst(),
  /** Policy ↔ interpretation links touching these articles. */
  links: (db: Q, ids: readonly string[]) =>
    ids.length
      ? db
          .selectFrom('article_links')
          .selectAll()
          .where((eb) => eb.or([eb('policy_id', 'in', [...ids]), eb('interpretation_id', 'in', [...ids])]))
          .execute()
      : Promise.resolve([]),
  files: (db: Q, ids: readonly string[]) =>
    ids.length
      ? db
          .selectFrom('files')
          .select(['id', 'sha256', 'ext', 'size'])
          .where('id', 'in', [...ids])
          .execute()
      : Promise.resolve([]),
};

export const publishedPages = {
  /** The article pages recorded for a site, with their paths. */
  ofSite: (db: Q, siteId: string) =>
    db.selectFrom('published_articles').select(['article_id', 'path']).where('site_id', '=', siteId).orderBy('path').execute(),
  byArticle: (db: Q, articleId: string) =>
    db.selectFrom('published_articles').selectAll().where('article_id', '=', articleId).executeTakeFirst(),
  upsert: async (db: Q, row: PublishedArticleTable) => {
    await db.deleteFrom('published_articles').where('article_id', '=', row.article_id).execute();
    await db.insertInto('published_articles').values(row).execute();
  },
  remove: (db: Q, articleId: string) => db.deleteFrom('published_articles').where('article_id', '=', articleId).execute(),
  articleIdsOfSite: async (db: Q, siteId: string): Promise<string[]> =>
    (await db.selectFrom('published_articles').select('article_id').where('site_id', '=', siteId).execute()).map((r) => r.article_id),
  clearSite: (db: Q, siteId: string) => db.deleteFrom('published_articles').where('site_id', '=', siteId).execute(),
  insertMany: (db: Q, rows: PublishedArticleTable[]) =>
    rows.length ? db.insertInto('published_articles').values(rows).execute() : Promise.resolve([]),
};

export const publishedRefs = {
  /**
   * Replaces the references recorded for these articles' pages. Only articles whose references
   * changed are written: a rebuild of an unchanged site reads and writes nothing else.
   */
  replace: async (db: Q, articleIds: readonly string[], refs: readonly { article_id: string; target_id: string }[]) => {
    if (!articleIds.length) return;
    const key = (r: { article_id: string; target_id: string }) => `${r.article_id} ${r.target_id}`;
    const held = await db
      .selectFrom('published_refs')
      .select(['article_id', 'target_id'])
      .where('article_id', 'in', [...articleIds])
      .execute();
    const before = new Map<string, Set<string>>();
    for (const r of held) before.set(r.article_id, (before.get(r.article_id) ?? new Set()).add(key(r)));
    const after = new Map<string, Set<string>>();
    for (const r of refs) after.set(r.article_id, (after.get(r.article_id) ?? new Set()).add(key(r)));
    const same = (a: Set<string> | undefined, b: Set<string> | undefined) =>
      (a?.size ?? 0) === (b?.size ?? 0) && [...(a ?? [])].every((k) => b?.has(k));
    const changed = new Set(articleIds.filter((id) => !same(before.get(id), after.get(id))));
    if (!changed.size) return;
    if ([...changed].some((id) => before.has(id)))
      await db
        .deleteFrom('published_refs')
        .where(
          'article_id',
          'in',
          [...changed].filter((id) => before.has(id)),
        )
        .execute();
    const rows = refs.filter((r) => changed.has(r.article_id));
    if (rows.length) await db.insertInto('published_refs').values(rows).execute();
  },
  /** Articles whose pages refer to `targetId`. */
  referrers: async (db: Q, targetId: string): Promise<string[]> =>
    (await db.selectFrom('published_refs').select('article_id').where('target_id', '=', targetId).execute()).map((r) => r.article_id),
};

export const columnLists = {
  /** Hands a site's stale-list markers to another site (a merger moved the columns). */
  moveSite: (db: Q, fromSiteId: string, toSiteId: string) =>
    db.updateTable('column_lists').set({ site_id: toSiteId }).where('site_id', '=', fromSiteId).execute(),
  /** Marks a column's list pages as showing an old order, with a new token. */
  markStale: async (db: Q, siteId: string, columnId: string, token: string) => {
    await db
      .insertInto('column_lists')
      .values({ column_id: columnId, site_id: siteId, stale_token: token })
      .onConflict((oc) => oc.column('column_id').doUpdateSet({ stale_token: token }))
      .execute();
  },
  staleToken: async (db: Q, columnId: string): Promise<string | null> =>
    (await db.selectFrom('column_lists').select('stale_token').where('column_id', '=', columnId).executeTakeFirst())?.stale_token ?? null,
  /** Clears the mark if no change came after `token`; returns whether it was cleared. */
  clear: async (db: Q, columnId: string, token: string): Promise<boolean> =>
    Number(
      (
        await db
          .updateTable('column_lists')
          .set({ stale_token: null })
          .where('column_id', '=', columnId)
          .where('stale_token', '=', token)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,
};

export const siteBuilds = {
  /** True when a full build job for the site waits in the queue. */
  queued: async (db: Q, dedupeKey: string): Promise<boolean> =>
    !!(await db.selectFrom('jobs').select('id').where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').executeTakeFirst()),
  get: (db: Q, siteId: string) => db.selectFrom('site_builds').selectAll().where('site_id', '=', siteId).executeTakeFirst(),
  /** Marks a build as running unless another one is running and alive; returns whether this one may go. */
  start: async (db: Q, row: SiteBuildRow, staleBefore: string): Promise<boolean> => {
    const current = await db.selectFrom('site_builds').selectAll().where('site_id', '=', row.site_id).executeTakeFirst();
    if (!current) {
      await db.insertInto('site_builds').values(row).execute();
      return true;
    }
    const r = await db
      .updateTable('site_builds')
      .set(row)
      .where('site_id', '=', row.site_id)
      .where((eb) => eb.or([eb('status', '<>', 'running'), eb('heartbeat_at', '<', staleBefore)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  update: (db: Q, siteId: string, buildId: string, patch: Partial<SiteBuildRow>) =>
    db.updateTable('site_builds').set(patch).where('site_id', '=', siteId).where('build_id', '=', buildId).execute(),
};

/** A retired site as its redirects need it (the lifecycle's successor and notice). */
export interface RetiredSiteRow {
  id: string;
  name: string;
  status: string;
  domains: string;
  base_url: string | null;
  successor_site_id: string | null;
  successor_url: string | null;
  merged_into_site_id: string | null;
  notice_text: string | null;
  notice_until: string | null;
}

const RETIRED_FIELDS = [
  'id',
  'name',
  'status',
  'domains',
  'base_url',
  'successor_site_id',
  'successor_url',
  'merged_into_site_id',
  'notice_text',
  'notice_until',
] as const;

/** Redirects of retired sites: the sites, the import's old URLs and mapped column pages, the stored map. */
export const redirectQueries = {
  retiredSites: (db: Q, statuses: readonly string[]): Promise<RetiredSiteRow[]> =>
    db
      .selectFrom('sites')
      .select(RETIRED_FIELDS)
      .where('status', 'in', [...statuses])
      .orderBy('id')
      .execute(),
  /** The site when it has moved on (migrating, closing or closed). */
  retiredSite: (db: Q, id: string): Promise<RetiredSiteRow | undefined> =>
    db
      .selectFrom('sites')
      .select(RETIRED_FIELDS)
      .where('id', '=', id)
      .where('status', 'in', ['migrating', 'closing', 'closed'])
      .executeTakeFirst(),
  siteAddress: (db: Q, id: string) =>
    db.selectFrom('sites').select(['name', 'code', 'domains']).where('id', '=', id).where('status', '!=', 'closed').executeTakeFirst(),
  /** Retired sites with old URLs that lead to articles of `targetSiteId` (their maps follow its pages). */
  retiredSourcesOf: async (db: Q, targetSiteId: string): Promise<string[]> =>
    (
      await db
        .selectFrom('article_legacy_urls as u')
        .innerJoin('sites as s', 's.id', 'u.source_site_id')
        .select('u.source_site_id')
        .distinct()
        .where('u.target_site_id', '=', targetSiteId)
        .where('s.status', 'in', ['migrating', 'closing', 'closed'])
        .execute()
    ).map((r) => r.source_site_id),
  /** Old URLs of the site that became articles, with the public page of each (articles not public are left out). */
  legacyArticles: (db: Q, sourceSiteId: string) =>
    db
      .selectFrom('article_legacy_urls as u')
      .innerJoin('published_articles as p', 'p.article_id', 'u.article_id')
      .innerJoin('sites as s', 's.id', 'p.site_id')
      .select(['u.old_path', 'u.article_id', 'p.path', 's.code', 's.domains'])
      .where('u.source_site_id', '=', sourceSiteId)
      .execute(),
  /** List pages of the site's finished imports, with the target column their legacy column was mapped to. */
  legacyColumnPages: async (db: Q, sourceSiteId: string) => {
    const imports = await db
      .selectFrom('legacy_imports as li')
      .innerJoin('sites as s', 's.id', 'li.target_site_id')
      .select(['li.id', 'li.target_site_id', 'li.mapping', 's.code', 's.domains'])
      .where('li.source_site_id', '=', sourceSiteId)
      .where('li.dry_run', '=', 0)
      .where('li.mapping', 'is not', null)
      .orderBy('li.created_at')
      .execute();
    const out: { url: string; column_id: string; target_site_id: string; code: string | null; domains: string }[] = [];
    for (const li of imports) {
      const mapping = JSON.parse(li.mapping!) as Record<string, string | null>;
      const pages = await db
        .selectFrom('legacy_import_pages')
        .select(['url', 'column_key'])
        .where('import_id', '=', li.id)
        .where('kind', '=', 'list')
        .where('column_key', 'is not', null)
        .execute();
      for (const p of pages) {
        const column = mapping[p.column_key!];
        if (column) out.push({ url: p.url, column_id: column, target_site_id: li.target_site_id, code: li.code, domains: li.domains });
      }
    }
    return out;
  },
  /** The column's slugs from the root, or null when it or a parent is not active. */
  columnSlugs: async (db: Q, columnId: string): Promise<string[] | null> => {
    const slugs: string[] = [];
    for (let id: string | null = columnId, n = 0; id && n < 20; n++) {
      const c = await db.selectFrom('site_columns').select(['slug', 'parent_id', 'status']).where('id', '=', id).executeTakeFirst();
      if (!c || c.status !== 'active') return null;
      slugs.unshift(c.slug);
      id = c.parent_id;
    }
    return slugs;
  },
  /** Count and latest build time of a site's redirects: they changed when this did. */
  signature: async (db: Q, siteId: string): Promise<string> => {
    const r = await db
      .selectFrom('site_redirects')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max<string>('built_at').as('at')])
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    return `${Number(r?.n ?? 0)}:${r?.at ?? ''}`;
  },
  entries: (db: Q, siteId: string) =>
    db.selectFrom('site_redirects').select(['path', 'target', 'kind']).where('site_id', '=', siteId).orderBy('path').execute(),
  replace: async (db: Q, siteId: string, rows: SiteRedirectTable[]) => {
    await db.deleteFrom('site_redirects').where('site_id', '=', siteId).execute();
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('site_redirects')
        .values(rows.slice(i, i + 500))
        .execute();
  },
};

// ---------------------------------------------------------------- syndicated entries

/**
 * Public articles of other sites a column shows (the syndication room's `syndications` rows in
 * state taken): never copied, listed at the instant they were taken. A column without any
 * takes the plain query paths above (its own articles only), so large columns keep their indexes.
 */
function takenArticles(db: Q, columnId: string) {
  return publicArticles(db)
    .innerJoin('syndications as s', 's.article_id', 'a.id')
    .where('s.column_id', '=', columnId)
    .where('s.state', '=', 'taken');
}

/** A column list with its taken entries, newest first by the instant each item is listed under. */
function listedInColumn(db: Q, columnId: string, offset: number, limit: number) {
  const own = publicArticles(db)
    .where('a.column_id', '=', columnId)
    .select([...FULL, 'a.published_at as listed_at']);
  const taken = takenArticles(db, columnId).select([...FULL, (eb) => eb.ref('s.listed_at').$castTo<string>().as('listed_at')]);
  return db
    .selectFrom(own.unionAll(taken).as('u'))
    .selectAll()
    .orderBy('u.listed_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .offset(offset);
}

export const syndicatedLists = {
  /** True when the column shows any taken article of another site (public or not). */
  hasTaken: async (db: Q, columnId: string): Promise<boolean> =>
    !!(await db
      .selectFrom('syndications')
      .select('id')
      .where('column_id', '=', columnId)
      .where('state', '=', 'taken')
      .limit(1)
      .executeTakeFirst()),
  /** Public taken entries per receiving column of a site. */
  countsByColumn: async (db: Q, siteId: string): Promise<Map<string, number>> => {
    const rows = await publicArticleRows(db)
      .innerJoin('syndications as s', 's.article_id', 'a.id')
      .select(['s.column_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('s.site_id', '=', siteId)
      .where('s.state', '=', 'taken')
      .groupBy('s.column_id')
      .execute();
    return new Map(rows.map((r) => [r.column_id, Number(r.n)]));
  },
  countInColumn: async (db: Q, columnId: string): Promise<number> =>
    Number(
      (
        await publicArticleRows(db)
          .innerJoin('syndications as s', 's.article_id', 'a.id')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('s.column_id', '=', columnId)
          .where('s.state', '=', 'taken')
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /** Taken entries listed before the place (listedAt, id) in the column's newest-first list. */
  rankInColumn: async (db: Q, columnId: string, listedAt: string, id: string): Promise<number> =>
    Number(
      (
        await publicArticleRows(db)
          .innerJoin('syndications as s', 's.article_id', 'a.id')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('s.column_id', '=', columnId)
          .where('s.state', '=', 'taken')
          .where('s.listed_at', '>=', listedAt)
          .where((eb) => eb.or([eb('s.listed_at', '>', listedAt), eb('a.id', '>', id)]))
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /** A slice of a column list with its taken entries, newest first. */
  columnSlice: (db: Q, columnId: string, offset: number, limit: number): Promise<(PublicArticleRow & { listed_at: string })[]> =>
    listedInColumn(db, columnId, offset, limit).$narrowType<Dates & { listed_at: string }>().execute(),
  /** The newest public articles of a type a site shows: its own and those it took (home page blocks). */
  latestOfType: (db: Q, siteId: string, type: string, limit: number): Promise<(ListedArticleRow & { site_id: string })[]> => {
    const own = publicArticles(db)
      .select([...LISTED, 'a.site_id', 'a.published_at as listed_at'])
      .where('a.site_id', '=', siteId)
      .where('a.type', '=', type);
    const taken = publicArticles(db)
      .innerJoin('syndications as s', 's.article_id', 'a.id')
      .select([...LISTED, 'a.site_id', (eb) => eb.ref('s.listed_at').$castTo<string>().as('listed_at')])
      .where('s.site_id', '=', siteId)
      .where('s.state', '=', 'taken')
      .where('a.type', '=', type);
    return db
      .selectFrom(own.unionAll(taken).as('u'))
      .selectAll()
      .orderBy('u.listed_at', 'desc')
      .orderBy('u.id', 'desc')
      .limit(limit)
      .$narrowType<Dates & { listed_at: string }>()
      .execute();
  },
  /** True when the site took any article of another site. */
  siteHasTaken: async (db: Q, siteId: string): Promise<boolean> =>
    !!(await db
      .selectFrom('syndications')
      .select('id')
      .where('site_id', '=', siteId)
      .where('state', '=', 'taken')
      .limit(1)
      .executeTakeFirst()),
  /** Receiving columns that show or showed an article (every entry ever taken), with their sites. */
  receiversOf: (db: Q, articleId: string) =>
    db
      .selectFrom('syndications')
      .select(['site_id', 'column_id'])
      .where('article_id', '=', articleId)
      .where('listed_at', 'is not', null)
      .execute(),
  /** Where source sites' article pages live: code, domains and status, by id. */
  sourceSites: (db: Q, ids: readonly string[]) =>
    ids.length
      ? db
          .selectFrom('sites as s')
          .innerJoin('orgs as o', 'o.id', 's.sponsor_org_id')
          .select(['s.id', 's.code', 's.domains', 's.hosting', 's.status', 'o.name as sponsor_name'])
          .where('s.id', 'in', [...ids])
          .execute()
      : Promise.resolve([]),
};

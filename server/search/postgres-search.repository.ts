/**
 * PostgreSQL adapter of the search index: search_documents.terms is a tsvector ('simple'
 * configuration, so no stemming or stop words) over the segmented text, title terms weighted A
 * and body terms D, with a GIN index.
 */
import { sql } from 'kysely';
import { SEARCH_MAX_MATCHES, SEARCH_PAGE_SIZE } from '../../common/schemas/search.ts';
import type { Match, MatchQuery, SearchStore } from './store.ts';

// One array per column through unnest(): one statement per batch, whatever its size.
const ROWS_PER_INSERT = 1000;
/** Newest matches relevance ranks on PostgreSQL (each costs a tsvector read: see ADR 0007). */
const RANKED_WINDOW = 200;
/** Newest rows tested one by one before the GIN index takes over (≈ 5 ms). */
const WALK = 500;

export const postgresSearch: SearchStore = {
  async replace(db, rows) {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const col = <T>(f: (r: (typeof chunk)[number]) => T) => chunk.map(f);
      await sql`
        INSERT INTO search_documents (article_id, doc_key, site_id, column_id, column_name, type, title, body, url, published_at, terms)
        SELECT a, k, s, c, cn, ty, ti, b, u, p, setweight(to_tsvector('simple', tt), 'A') || to_tsvector('simple', bt)
        FROM unnest(${col((r) => r.articleId)}::text[], ${col((r) => r.docKey)}::bigint[], ${col((r) => r.siteId)}::text[],
                    ${col((r) => r.columnId)}::text[], ${col((r) => r.columnName)}::text[], ${col((r) => r.type)}::text[],
                    ${col((r) => r.title)}::text[], ${col((r) => r.body)}::text[], ${col((r) => r.url)}::text[],
                    ${col((r) => r.publishedAt)}::text[], ${col((r) => r.titleTerms)}::text[], ${col((r) => r.bodyTerms)}::text[])
             AS u(a, k, s, c, cn, ty, ti, b, u, p, tt, bt)
        ON CONFLICT (article_id) DO UPDATE SET
          doc_key = excluded.doc_key, site_id = excluded.site_id, column_id = excluded.column_id,
          column_name = excluded.column_name, type = excluded.type, title = excluded.title, body = excluded.body,
          url = excluded.url, published_at = excluded.published_at, terms = excluded.terms`.execute(db);
    }
  },

  async remove(db, articleIds) {
    if (articleIds.length > 0) await db.deleteFrom('search_documents').where('article_id', 'in', articleIds).execute();
  },

  async removeSite(db, siteId) {
    const r = await db.deleteFrom('search_documents').where('site_id', '=', siteId).executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  // GIN posting lists are in heap order, not publication order, so nothing there stops early:
  // newest-first reads need a walk down doc_key that tests each row's tsvector. Reading only to
  // the page asked for (plus one, to know another page exists) keeps that walk short.
  matchWindow: (page, sort) =>
    Math.min(SEARCH_MAX_MATCHES, Math.max(page * SEARCH_PAGE_SIZE, sort === 'relevance' ? RANKED_WINDOW : 0)) + 1,

  async matches(db, q: MatchQuery): Promise<Match[]> {
    // plainto_tsquery ANDs the terms and reads no operators, so no user text is ever syntax.
    const query = sql`plainto_tsquery('simple', ${q.terms.join(' ')})`;
    const filters = sql.join(
      [
        q.minKey !== undefined ? sql`AND doc_key >= ${q.minKey}` : sql``,
        q.maxKey !== undefined ? sql`AND doc_key <= ${q.maxKey}` : sql``,
        q.siteId ? sql`AND site_id = ${q.siteId}` : sql``,
        q.columnId ? sql`AND column_id = ${q.columnId}` : sql``,
        q.type ? sql`AND type = ${q.type}` : sql``,
      ],
      sql` `,
    );
    const score = q.ranked ? sql`ts_rank(terms, query)` : sql`0`;
    const toMatches = (rows: { doc_key: number; score: number }[]) =>
      rows.map((r) => ({ docKey: Number(r.doc_key), score: Number(r.score) }));

    // 1. Common words: the newest WALK rows, each tested (a tsvector read per row, ≈ 10 µs).
    const walked = toMatches(
      (
        await sql<{ doc_key: number; score: number }>`
          SELECT doc_key, ${score} AS score
          FROM (SELECT doc_key, terms FROM search_documents WHERE true ${filters} ORDER BY doc_key DESC LIMIT ${WALK}) AS w,
               ${query} AS query
          WHERE terms @@ query
          ORDER BY doc_key DESC
          LIMIT ${q.limit}`.execute(db)
      ).rows,
    );
    if (walked.length >= q.limit) return walked;
    const edge = (
      await sql<{ doc_key: number }>`
        SELECT doc_key FROM search_documents WHERE true ${filters} ORDER BY doc_key DESC OFFSET ${WALK - 1} LIMIT 1`.execute(db)
    ).rows[0];
    if (!edge) return walked;

    // 2. Rarer words: every older match through the GIN index (a materialised CTE, so the planner
    // cannot turn it back into a walk), then the newest of them.
    const older = await sql<{ doc_key: number; score: number }>`
      WITH hits AS MATERIALIZED (
        SELECT doc_key FROM search_documents, ${query} AS query
        WHERE terms @@ query AND doc_key < ${Number(edge.doc_key)} ${filters}
      ), newest AS (SELECT doc_key FROM hits ORDER BY doc_key DESC LIMIT ${q.limit - walked.length})
      SELECT d.doc_key, ${score} AS score
      FROM search_documents d, ${query} AS query
      WHERE d.doc_key IN (SELECT doc_key FROM newest)
      ORDER BY d.doc_key DESC`.execute(db);
    return [...walked, ...toMatches(older.rows)];
  },
};

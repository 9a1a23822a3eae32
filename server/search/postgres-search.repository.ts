/**
 * PostgreSQL adapter of the search index: search_documents.terms is a tsvector ('simple'
 * configuration, so no stemming or stop words) over the segmented text, title terms weighted A
 * and body terms D, with a GIN index.
 */
import { sql } from 'kysely';
import type { Match, MatchQuery, SearchStore } from './store.ts';

// One array per column through unnest(): one statement per batch, whatever its size.
const ROWS_PER_INSERT = 1000;

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

  async matches(db, q: MatchQuery): Promise<Match[]> {
    // plainto_tsquery ANDs the terms and reads no operators, so no user text is ever syntax.
    const filters = [
      q.minKey !== undefined ? sql`AND doc_key >= ${q.minKey}` : sql``,
      q.maxKey !== undefined ? sql`AND doc_key <= ${q.maxKey}` : sql``,
      q.siteId ? sql`AND site_id = ${q.siteId}` : sql``,
      q.columnId ? sql`AND column_id = ${q.columnId}` : sql``,
      q.type ? sql`AND type = ${q.type}` : sql``,
    ];
    const score = q.ranked ? sql`ts_rank(terms, query)` : sql`0`;
    const { rows } = await sql<{ doc_key: number; score: number }>`
      SELECT doc_key, ${score} AS score
      FROM search_documents, plainto_tsquery('simple', ${q.terms.join(' ')}) AS query
      WHERE terms @@ query ${sql.join(filters, sql` `)}
      ORDER BY doc_key DESC
      LIMIT ${q.limit}`.execute(db);
    return rows.map((r) => ({ docKey: Number(r.doc_key), score: Number(r.score) }));
  },
};

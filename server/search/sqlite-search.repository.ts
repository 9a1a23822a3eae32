/**
 * SQLite adapter of the search index: search_documents plus the contentless FTS5 table
 * search_fts (rowid = doc_key, columns title and body holding space-joined terms).
 */
import { sql } from 'kysely';
import type { IndexRow, Match, MatchQuery, Q, SearchStore } from './store.ts';

// Multi-row inserts under SQLite's 32,766 bound-parameter limit.
const ROWS_PER_INSERT = 1000;
/** FTS5 column weights for bm25: a title hit counts ten body hits. */
const TITLE_WEIGHT = 10;

/** `"a" AND "b"`: terms are letters and digits only, and quoted besides, so no FTS5 syntax. */
const matchExpression = (terms: readonly string[]) => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');

async function removeFromIndex(db: Q, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length === 0) return;
  const ids = sql.join(articleIds.map((id) => sql`${id}`));
  await sql`DELETE FROM search_fts WHERE rowid IN (SELECT doc_key FROM search_documents WHERE article_id IN (${ids}))`.execute(db);
  await db.deleteFrom('search_documents').where('article_id', 'in', articleIds).execute();
}

export const sqliteSearch: SearchStore = {
  async replace(db, rows) {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      await removeFromIndex(
        db,
        chunk.map((r) => r.articleId),
      );
      await db
        .insertInto('search_documents')
        .values(
          chunk.map((r: IndexRow) => ({
            article_id: r.articleId,
            doc_key: r.docKey,
            site_id: r.siteId,
            column_id: r.columnId,
            column_name: r.columnName,
            type: r.type,
            title: r.title,
            body: r.body,
            url: r.url,
            published_at: r.publishedAt,
          })),
        )
        .execute();
      const values = sql.join(chunk.map((r) => sql`(${r.docKey}, ${r.titleTerms}, ${r.bodyTerms})`));
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES ${values}`.execute(db);
    }
  },

  remove: removeFromIndex,

  async removeSite(db, siteId) {
    await sql`DELETE FROM search_fts WHERE rowid IN (SELECT doc_key FROM search_documents WHERE site_id = ${siteId})`.execute(db);
    const r = await db.deleteFrom('search_documents').where('site_id', '=', siteId).executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  async matches(db, q: MatchQuery): Promise<Match[]> {
    // FTS5 walks its doclists in rowid (= publication) order and stops at the limit; filters on
    // display fields are checked per candidate through the doc_key index.
    const filters = [
      q.minKey !== undefined ? sql`AND search_fts.rowid >= ${q.minKey}` : sql``,
      q.maxKey !== undefined ? sql`AND search_fts.rowid <= ${q.maxKey}` : sql``,
      q.siteId ? sql`AND d.site_id = ${q.siteId}` : sql``,
      q.columnId ? sql`AND d.column_id = ${q.columnId}` : sql``,
      q.type ? sql`AND d.type = ${q.type}` : sql``,
    ];
    const joined = q.siteId || q.columnId || q.type;
    const score = q.ranked ? sql`-bm25(search_fts, ${TITLE_WEIGHT}, 1)` : sql`0`;
    const { rows } = await sql<{ doc_key: number; score: number }>`
      SELECT search_fts.rowid AS doc_key, ${score} AS score
      FROM search_fts ${joined ? sql`JOIN search_documents d ON d.doc_key = search_fts.rowid` : sql``}
      WHERE search_fts MATCH ${matchExpression(q.terms)} ${sql.join(filters, sql` `)}
      ORDER BY search_fts.rowid DESC
      LIMIT ${q.limit}`.execute(db);
    return rows.map((r) => ({ docKey: Number(r.doc_key), score: Number(r.score) }));
  },
};

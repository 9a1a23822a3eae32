/** Temporary lab: builds a persistent PostgreSQL search dataset (DISTINCT via write path, then SQL copies). */
import { sql } from 'kysely';
import { openDb } from '../server/platform/db/database.ts';
import { postgresAdapter } from '../server/platform/db/dialects/postgres.ts';
import { migrateToLatest } from '../server/platform/db/migrations/index.ts';
import { inTransaction } from '../server/platform/db/transaction.ts';
import { prepareSearchDocuments, writeSearchRows, type SearchDocument } from '../server/search/indexing.ts';
import { COLUMN_NAMES, syntheticArticles } from './support/corpus.ts';
import { pgAdmin } from './support/pg-admin.ts';

const url = process.env.DATABASE_URL!;
const schema = process.argv[2] ?? 'gk_search_lab';
const DISTINCT = Number(process.argv[3] ?? 20000);
const COPIES = Number(process.argv[4] ?? 15);
await pgAdmin(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
await pgAdmin(url, `CREATE SCHEMA ${schema}`);
const db = openDb(postgresAdapter({ url, schema }));
await migrateToLatest(db.kysely, db.dialect);
await sql`DROP INDEX search_documents_terms_idx`.execute(db.kysely);
let batch: SearchDocument[] = [];
const flush = async () => {
  const rows = prepareSearchDocuments(batch);
  await inTransaction(db, async (tx) => {
    await sql`SET LOCAL synchronous_commit = off`.execute(tx.trx);
    await writeSearchRows(tx, rows);
  });
  batch = [];
};
let t0 = Date.now();
for (const a of syntheticArticles(DISTINCT, 42)) {
  const id = `a${String(a.index).padStart(8, '0')}`;
  const site = `site-${a.index % 10}`;
  batch.push({
    articleId: id,
    siteId: site,
    columnId: `${site}-col${a.column}`,
    columnName: COLUMN_NAMES[a.column]!,
    type: a.column === 1 ? 'notice' : a.column === 2 ? 'policy' : 'news',
    title: a.title,
    bodyText: a.bodyText,
    publishedAt: a.publishedAt,
    url: `/col${a.column}/${a.publishedAt.slice(0, 7).replace('-', '')}/${id}.html`,
  });
  if (batch.length === 2000) await flush();
}
if (batch.length) await flush();
console.log(`base ${DISTINCT} in ${(Date.now() - t0) / 1000}s`);
t0 = Date.now();
for (let k = 1; k < COPIES; k++) {
  await sql`INSERT INTO search_documents (article_id, doc_key, site_id, column_id, column_name, type, title, body, url, published_at, terms)
    SELECT article_id || '-' || ${k}::text, (doc_key & ~1048575::bigint) | ((doc_key + ${k * 7919}::bigint) & 1048575),
      site_id, column_id, column_name, type, title, body, url, published_at, terms
    FROM search_documents WHERE article_id NOT LIKE '%-%' ON CONFLICT DO NOTHING`.execute(db.kysely);
  console.log(`copy ${k} ${(Date.now() - t0) / 1000}s`);
}
await sql`CREATE INDEX search_documents_terms_idx ON search_documents USING gin (terms)`.execute(db.kysely);
console.log(`gin ${(Date.now() - t0) / 1000}s`);
await sql`VACUUM ANALYZE search_documents`.execute(db.kysely);
console.log(`done ${(Date.now() - t0) / 1000}s`);
await db.close();

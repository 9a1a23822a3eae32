/**
 * Writing the search index. Publishing calls these inside its own transaction (pass `tx`) or on
 * their own (pass `deps.db`: the writes then run in one transaction). Upserting is idempotent:
 * a document replaces any earlier one of the same article.
 */
import { inTransaction, type Tx } from '../platform/db/transaction.ts';
import type { Db } from '../platform/db/database.ts';
import { docKey } from './rules/doc-key.ts';
import { searchDocuments } from './search.repository.ts';
import { segmentForIndex } from './segmenter.ts';
import { searchStore, type IndexRow, type Q } from './store.ts';

/** A published article as the index needs it. */
export interface SearchDocument {
  articleId: string;
  siteId: string;
  columnId: string;
  columnName: string;
  type: string;
  title: string;
  /** Plain text of the body (no HTML). */
  bodyText: string;
  /** ISO timestamp of publication: sets the order of results. */
  publishedAt: string;
  /** Site-relative path of the article page, e.g. `/xwdt/zwyw/202511/<id>.html`. */
  url: string;
}

/** Where to write: a command's transaction, or the database (then the call makes its own). */
export type SearchWriter = Db | Tx;

async function write(target: SearchWriter, fn: (db: Q) => Promise<void>): Promise<void> {
  if ('trx' in target) await fn(target.trx);
  else await inTransaction(target, (tx) => fn(tx.trx));
}

/** Segments the documents (CPU work, done before any transaction opens when possible); the last of an article wins. */
export function prepareSearchDocuments(docs: readonly SearchDocument[]): IndexRow[] {
  const latest = new Map(docs.map((d) => [d.articleId, d]));
  return [...latest.values()].map((d) => ({
    articleId: d.articleId,
    docKey: docKey(d.publishedAt, d.articleId),
    siteId: d.siteId,
    columnId: d.columnId,
    columnName: d.columnName,
    type: d.type,
    title: d.title,
    body: d.bodyText,
    url: d.url,
    publishedAt: d.publishedAt,
    titleTerms: segmentForIndex(d.title),
    bodyTerms: segmentForIndex(d.bodyText),
  }));
}

/**
 * Moves a row off a key another article holds (same second, same 20-bit hash: rare) to the next
 * free one, and keeps the batch's own keys distinct.
 */
async function freeKeys(db: Q, rows: IndexRow[]): Promise<void> {
  for (;;) {
    const holders = new Map(
      (
        await searchDocuments.holders(
          db,
          rows.map((r) => r.docKey),
        )
      ).map((h) => [h.doc_key, h.article_id]),
    );
    const used = new Set<number>();
    let moved = false;
    for (const r of rows) {
      const holder = holders.get(r.docKey);
      if ((holder !== undefined && holder !== r.articleId) || used.has(r.docKey)) {
        r.docKey++;
        moved = true;
      }
      used.add(r.docKey);
    }
    if (!moved) return;
  }
}

/** Stores prepared rows (see prepareSearchDocuments). */
export async function writeSearchRows(target: SearchWriter, rows: IndexRow[]): Promise<void> {
  if (rows.length === 0) return;
  const store = searchStore(target.dialect.name);
  await write(target, async (db) => {
    await freeKeys(db, rows);
    await store.replace(db, rows);
  });
}

/** Adds or replaces the documents of published articles. */
export async function upsertSearchDocuments(target: SearchWriter, docs: readonly SearchDocument[]): Promise<void> {
  await writeSearchRows(target, prepareSearchDocuments(docs));
}

/** Removes articles from the index (retracted, unpublished, deleted); unknown ids are ignored. */
export async function removeSearchDocuments(target: SearchWriter, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length === 0) return;
  const store = searchStore(target.dialect.name);
  await write(target, (db) => store.remove(db, [...new Set(articleIds)]));
}

/** Removes every document of a site (a closed site, or before rebuilding its index); returns how many. */
export async function removeSiteDocuments(target: SearchWriter, siteId: string): Promise<number> {
  const store = searchStore(target.dialect.name);
  let removed = 0;
  await write(target, async (db) => {
    removed = await store.removeSite(db, siteId);
  });
  return removed;
}

/** What the index holds of an article: enough for a writer to tell whether its document changed. */
export interface IndexedDocument {
  articleId: string;
  url: string;
  publishedAt: string;
  title: string;
  columnName: string;
}

/** The documents the index holds of these articles (unknown ids are left out). */
export async function indexedDocuments(db: Db, articleIds: readonly string[]): Promise<IndexedDocument[]> {
  return (await searchDocuments.held(db.kysely, articleIds)).map((d) => ({
    articleId: d.article_id,
    url: d.url,
    publishedAt: d.published_at,
    title: d.title,
    columnName: d.column_name,
  }));
}

/** The documents of a site the index holds (only those of one type when `type` is given). */
export function indexedArticleIds(db: Db, siteId: string, type?: string): Promise<string[]> {
  return searchDocuments.articleIdsOfSite(db.kysely, siteId, type);
}

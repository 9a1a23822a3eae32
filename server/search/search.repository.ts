/** SQL of the search room both dialects share: the documents' display fields and their keys. */
import type { Q } from './store.ts';
import type { SearchDocumentRow } from '../platform/db/schema.ts';

export const searchDocuments = {
  byKeys: (db: Q, keys: readonly number[]): Promise<SearchDocumentRow[]> =>
    keys.length === 0 ? Promise.resolve([]) : db.selectFrom('search_documents').selectAll().where('doc_key', 'in', keys).execute(),
  /** Which of `keys` are held, and by which article. */
  holders: (db: Q, keys: readonly number[]): Promise<{ doc_key: number; article_id: string }[]> =>
    keys.length === 0
      ? Promise.resolve([])
      : db.selectFrom('search_documents').select(['doc_key', 'article_id']).where('doc_key', 'in', keys).execute(),
  /** What the index holds of these articles: enough to tell whether a document changed. */
  held: (db: Q, articleIds: readonly string[]) =>
    articleIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('search_documents')
          .select(['article_id', 'url', 'published_at', 'title', 'column_name'])
          .where('article_id', 'in', [...articleIds])
          .execute(),
  articleIdsOfSite: async (db: Q, siteId: string, type?: string): Promise<string[]> => {
    let q = db.selectFrom('search_documents').select('article_id').where('site_id', '=', siteId);
    if (type !== undefined) q = q.where('type', '=', type);
    return (await q.execute()).map((r) => r.article_id);
  },
  count: async (db: Q, siteId?: string): Promise<number> => {
    let q = db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n'));
    if (siteId) q = q.where('site_id', '=', siteId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  },
};

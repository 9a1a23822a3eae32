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
  count: async (db: Q, siteId?: string): Promise<number> => {
    let q = db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n'));
    if (siteId) q = q.where('site_id', '=', siteId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  },
};

/**
 * The search room: full-text search of published articles (站内搜索), one site or all, with
 * jieba segmentation and a dictionary of government terms; FTS5 on SQLite, tsvector + GIN on
 * PostgreSQL (ADR 0007). Other public pages are documents too, keyed by their own id (publishing
 * indexes the published service items as type `serviceItem`). Publishing keeps the index current:
 *   await upsertSearchDocuments(tx, [{ articleId, siteId, columnId, columnName, type, title, bodyText, publishedAt, url }]);
 *   await removeSearchDocuments(tx, [articleId]);
 *   const result = await searchArticles(deps, { q: '社保 医保', siteId, page: 1 });
 */
export {
  indexedArticleIds,
  indexedDocuments,
  removeSearchDocuments,
  removeSiteDocuments,
  upsertSearchDocuments,
  type IndexedDocument,
  type SearchDocument,
  type SearchWriter,
} from './indexing.ts';
export { searchArticles } from './queries.ts';
export { governmentTerms, segmentForIndex, segmentQuery } from './segmenter.ts';
export { highlightParts, snippetParts } from './rules/highlight.ts';

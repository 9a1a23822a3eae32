/** The redirect map for the integrator: each old URL of a source site and the article it became. */
import type { Db } from '../../platform/db/database.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { legacyUrls } from '../migration.repository.ts';

export interface LegacyRedirect {
  /** The normalised old URL (no fragment, sorted query). */
  oldUrl: string;
  /** Its path and query, as a request for it arrives. */
  oldPathAndQuery: string;
  articleId: string;
  targetSiteId: string;
}

/** Every old URL of `sourceSiteId` that an import made into an article, in URL order, read in pages of 1,000. */
export async function* legacyRedirects(db: Db, sourceSiteId: string): AsyncGenerator<LegacyRedirect> {
  let after: string | null = null;
  for (;;) {
    const rows = await legacyUrls.ofSource(db.kysely, sourceSiteId, after, 1_000);
    for (const r of rows) yield { oldUrl: r.old_url, oldPathAndQuery: r.old_path, articleId: r.article_id, targetSiteId: r.target_site_id };
    if (rows.length < 1_000) return;
    after = rows[rows.length - 1]!.old_url;
  }
}

/**
 * Records, in the caller's transaction, the pages a merged site showed as its old URLs leading to
 * the same articles now on `targetSiteId` (the sites room's merger; docs/consolidation.md), so
 * the redirects of the retired site send each old page to the article's new one.
 */
export async function recordMovedArticleUrls(
  tx: Tx,
  now: string,
  move: { sourceSiteId: string; targetSiteId: string; pages: readonly { articleId: string; url: string; path: string }[] },
): Promise<number> {
  for (const p of move.pages)
    await legacyUrls.put(tx.trx, {
      source_site_id: move.sourceSiteId,
      old_url: p.url,
      old_path: p.path,
      article_id: p.articleId,
      target_site_id: move.targetSiteId,
      content_hash: null,
      import_id: null,
      created_at: now,
      updated_at: now,
    });
  return move.pages.length;
}

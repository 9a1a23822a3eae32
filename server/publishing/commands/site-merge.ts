/** A department site merged into its portal (docs/consolidation.md): what publishing hands over. */
import type { Tx } from '../../platform/db/transaction.ts';
import { columnLists, publishedPages } from '../publishing.repository.ts';
import { sitePageUrl } from '../rules/redirects.ts';

/** An article page the merged site showed: its absolute address (or preview address) and its path. */
export interface FormerArticlePage {
  articleId: string;
  url: string;
  path: string;
}

/**
 * In the caller's transaction, before the site's articles move: returns the article pages the
 * site shows now (on its first domain, else its preview), then forgets them (the portal's next
 * build records the articles' new pages) and hands the columns' list markers to the portal.
 */
export async function handOverSitePages(
  tx: Tx,
  from: { id: string; code: string | null; domains: readonly string[] },
  toSiteId: string,
): Promise<FormerArticlePage[]> {
  const pages: FormerArticlePage[] = [];
  for (const p of await publishedPages.ofSite(tx.trx, from.id)) {
    const url = sitePageUrl({ code: from.code, domains: from.domains }, p.path);
    if (url) pages.push({ articleId: p.article_id, url, path: p.path });
  }
  await publishedPages.clearSite(tx.trx, from.id);
  await columnLists.moveSite(tx.trx, from.id, toSiteId);
  return pages;
}

/**
 * The jobs that bring public sites up to date, enqueued by the rooms whose data the sites show
 * (content, sites) in the transaction of the change, so they run only once it commits. The
 * publishing room defines them; their names live here so that no room reaches into another.
 */
import type { Clock } from '../clock.ts';
import type { Tx } from '../db/transaction.ts';
import { enqueueJob } from './queue.ts';

export const PUBLISH_ARTICLE_JOB = 'publishing.article';
export const PUBLISH_SITE_JOB = 'publishing.site';

/** An article went live, was corrected or was retracted: re-render the pages that show it. */
export function enqueueArticlePublish(tx: Tx, clock: Clock, articleId: string, runAt?: Date): Promise<string> {
  return enqueueJob(tx, clock, PUBLISH_ARTICLE_JOB, { articleId }, { priority: 10, ...(runAt ? { runAt } : {}) });
}

/** The queue key of a site's full build: one unfinished build job per site. */
export function sitePublishKey(siteId: string): string {
  return `${PUBLISH_SITE_JOB}:${siteId}`;
}

/** Something every page shows changed (site identity, theme, columns): rebuild the whole site. */
export function enqueueSitePublish(tx: Tx, clock: Clock, siteId: string): Promise<string> {
  // A pending build covers every change made before it starts; the build itself re-checks for
  // changes made while it ran.
  return enqueueJob(tx, clock, PUBLISH_SITE_JOB, { siteId }, { dedupeKey: sitePublishKey(siteId) });
}

export const PUBLISH_COLUMN_LISTS_JOB = 'publishing.columnLists';

/**
 * A change shifted a column's list (the pages that show the article are written already): the
 * pages after them follow. One unfinished job per column; the job repeats while changes arrive.
 */
export function enqueueColumnListsRefresh(tx: Tx, clock: Clock, siteId: string, columnId: string): Promise<string> {
  return enqueueJob(
    tx,
    clock,
    PUBLISH_COLUMN_LISTS_JOB,
    { siteId, columnId },
    { priority: 5, dedupeKey: `${PUBLISH_COLUMN_LISTS_JOB}:${columnId}` },
  );
}

export const PUBLISH_SERVICES_JOB = 'publishing.services';

/**
 * A service item was published, changed or withdrawn: rewrite the site's 办事服务 pages (the
 * catalogue, its browse pages and the item pages). One unfinished job per site: while it runs,
 * a new enqueue returns it, so the job itself repeats its pass while the published catalogue
 * changed during the previous one.
 */
export function enqueueServicesPublish(tx: Tx, clock: Clock, siteId: string): Promise<string> {
  return enqueueJob(tx, clock, PUBLISH_SERVICES_JOB, { siteId }, { priority: 8, dedupeKey: `${PUBLISH_SERVICES_JOB}:${siteId}` });
}

export const PUBLISH_REDIRECTS_JOB = 'publishing.redirects';

/**
 * A retired site's old URLs lead somewhere new (an import finished, the site was closed or
 * merged, its successor changed): rebuild its redirects. One unfinished job per site.
 */
export function enqueueRedirectsRebuild(tx: Tx, clock: Clock, siteId: string): Promise<string> {
  return enqueueJob(tx, clock, PUBLISH_REDIRECTS_JOB, { siteId }, { priority: 6, dedupeKey: `${PUBLISH_REDIRECTS_JOB}:${siteId}` });
}

/** The monitoring's check of a retired site's old URLs (defined by the monitoring room), after its redirects were rebuilt. */
export const CHECK_REDIRECTS_JOB = 'monitoring.checkRedirects';

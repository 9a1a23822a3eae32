/**
 * Publishing commands. A full publish builds a site into a new folder and swaps it in; an
 * incremental publish re-renders only the pages that show one article. Both run as system
 * jobs after the change that caused them has committed, and from `gongkai publish`.
 */
import { randomBytes } from 'node:crypto';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { pruneCatalogue, removeCatalogueEntries } from '../../disclosure/index.ts';
import { indexedArticleIds, removeSearchDocuments } from '../../search/index.ts';
import { columnTasks, runTasks } from '../build-tasks.ts';
import { enqueueColumnListsRefresh } from '../../platform/jobs/index.ts';
import {
  indexArticles,
  writeArticlePages,
  writeColumnLists,
  writeColumnPages,
  writeHome,
  writeSiteFrame,
  writeSitemaps,
} from '../pages.ts';
import { publicFiles } from '../public-files.ts';
import { indexServiceItems, servicesUnchangedSince, writeServicePages } from '../services.ts';
import {
  columnLists,
  publicArticleQueries,
  publicSites,
  publishedPages,
  publishedRefs,
  siteBuilds,
  syndicatedLists,
} from '../publishing.repository.ts';
import { PAGE_SIZE } from '../render/index.ts';
import { SERVICES_INDEX_PATH, beijingMonth } from '../rules/paths.ts';
import { currentBuild, newBuildFolder, removeOldBuilds, swapIn } from '../site-folders.ts';
import { articlePagePath, loadSiteModel, type SiteModel } from '../site-model.ts';
import { notifyPublicFilesChanged } from '../public-events.ts';

/** Sites with fewer public articles are built in the calling thread. */
export const THREADS_FROM_ARTICLES = 2000;

/** A build whose marker has not moved for this long is taken as dead. */
export const BUILD_STALE_MS = 10 * 60_000;

export interface SitePublishResult {
  siteId: string;
  code: string;
  pages: number;
  articles: number;
  ms: number;
}

/** Another build of the site is running (one at a time per site). */
export class BuildInProgressError extends AppError {
  constructor(code: string) {
    super('publish.buildInProgress', 409, `网站 ${code} 正在发布中，请稍后再试`);
  }
}

export interface PublishSiteOptions {
  /** Worker threads (default from the configuration); 0 builds in this thread. */
  workers?: number;
}

/** Builds a whole site into a fresh folder and makes it live. */
export async function publishSite(deps: Deps, siteId: string, opts: PublishSiteOptions = {}): Promise<SitePublishResult> {
  const started = performance.now();
  const db = deps.db.kysely;
  const model = await loadSiteModel(deps, siteId);
  const now = deps.clock.now().toISOString();
  const buildId = randomBytes(6).toString('hex');
  const staleBefore = new Date(Date.parse(now) - BUILD_STALE_MS).toISOString();
  const marker = {
    site_id: siteId,
    build_id: buildId,
    status: 'running',
    started_at: now,
    heartbeat_at: now,
    finished_at: null,
    pages: 0,
    error: null,
  };
  if (!(await siteBuilds.start(db, marker, staleBefore))) throw new BuildInProgressError(model.code);
  const dir = newBuildFolder(deps.config.dataDir, model.code, buildId);
  try {
    const counts = await publicArticleQueries.countsByColumn(db, siteId);
    const articles = [...counts.values()].reduce((a, b) => a + b, 0);
    const out = publicFiles(dir, { atomic: false });
    let pages = writeSiteFrame(model, out, now);
    await writeHome(deps, model, out, now);
    // Before the sitemaps: the index lists the services chunk when it is there.
    const services = await writeServicePages(deps, model, out, now);
    await indexServiceItems(deps, model, services.items);
    await writeSitemaps(deps, model, out, now);
    pages += 1 + services.pages;
    let lastBeat = Date.now();
    const taken = await syndicatedLists.countsByColumn(db, siteId);
    pages += await runTasks(columnTasks(model, counts, taken), {
      deps,
      model,
      dir,
      now,
      // Threads pay off from a few thousand pages; below that, starting them costs more than they save.
      workers: opts.workers ?? (articles >= THREADS_FROM_ARTICLES ? deps.config.publishThreads : 0),
      onProgress: async () => {
        if (Date.now() - lastBeat < 10_000) return;
        lastBeat = Date.now();
        await siteBuilds.update(db, siteId, buildId, { heartbeat_at: deps.clock.now().toISOString() });
      },
    });
    await recordPublishedArticles(deps, model);
    swapIn(deps.config.dataDir, model.code, dir);
    // Documents of articles that have no page now (retracted, or their column closed) leave the
    // index; so do those of service items no longer published (the items' documents are theirs).
    const published = new Set(await publishedPages.articleIdsOfSite(db, siteId));
    const listed = new Set([...published, ...services.items.map((i) => i.id)]);
    await removeSearchDocuments(
      deps.db,
      (await indexedArticleIds(deps.db, siteId)).filter((id) => !listed.has(id)),
    );
    await pruneCatalogue(deps, siteId, published);
    await siteBuilds.update(db, siteId, buildId, { status: 'done', finished_at: deps.clock.now().toISOString(), pages });
    notifyPublicFilesChanged(model.code);
    const ms = performance.now() - started;
    // The previous build goes once the new one is live and marked done (incremental publishing resumes meanwhile).
    await removeOldBuilds(deps.config.dataDir, model.code, dir);
    return { siteId, code: model.code, pages, articles, ms };
  } catch (e) {
    await removeOldBuilds(deps.config.dataDir, model.code, currentBuild(deps.config.dataDir, model.code));
    await siteBuilds.update(db, siteId, buildId, {
      status: 'failed',
      finished_at: deps.clock.now().toISOString(),
      error: String(e).slice(0, 2000),
    });
    throw e;
  }
}

/** Re-records which article pages the new build holds (one transaction: the record matches one build). */
async function recordPublishedArticles(deps: Deps, model: SiteModel): Promise<void> {
  const writtenAt = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    await publishedPages.clearSite(tx.trx, model.siteId);
    for (const column of model.columns) {
      for (let offset = 0; ; offset += 1000) {
        const rows = await publicArticleQueries.columnList(tx.trx, column.id, offset, 1000);
        await publishedPages.insertMany(
          tx.trx,
          rows.map((a) => ({
            article_id: a.id,
            site_id: model.siteId,
            column_id: a.column_id,
            revision_id: a.revision_id,
            path: articlePagePath(model, a)!,
            month: beijingMonth(a.first_published_at),
            written_at: writtenAt,
            listed_at: a.published_at,
          })),
        );
        if (rows.length < 1000) break;
      }
    }
  });
}

export type ArticlePublishOutcome = 'written' | 'removed' | 'unchanged' | 'built' | 'deferred' | 'skipped';

/**
 * Brings the pages that show one article up to date: its own page (written, moved or removed),
 * every list page and the feed of its old and new column, the home page, the sitemap chunks of
 * its month and the pages of the policies/interpretations linked with it. A site never built
 * gets a full build; while a full build runs, the caller retries later ('deferred').
 */
export async function publishArticleChange(deps: Deps, articleId: string): Promise<ArticlePublishOutcome> {
  const db = deps.db.kysely;
  const state = await publicArticleQueries.state(db, articleId);
  if (!state) return 'skipped';
  const site = await publicSites.byId(db, state.site_id);
  if (!site?.code || site.status === 'planned' || site.status === 'closed') return 'skipped';
  const build = await siteBuilds.get(db, state.site_id);
  const staleBefore = new Date(deps.clock.now().getTime() - BUILD_STALE_MS).toISOString();
  if (build?.status === 'running' && build.heartbeat_at >= staleBefore) return 'deferred';
  const dir = currentBuild(deps.config.dataDir, site.code);
  if (!dir) {
    await publishSite(deps, state.site_id);
    await refreshReceivers(deps, articleId);
    return 'built';
  }
  const model = await loadSiteModel(deps, state.site_id);
  const out = publicFiles(dir);
  const now = deps.clock.now().toISOString();
  const before = await publishedPages.byArticle(db, articleId);
  const [row] = await publicArticleQueries.byIds(db, [articleId]);
  const path = row ? articlePagePath(model, row) : null;

  if (before && before.path !== path) out.remove(before.path);
  if (row && path) {
    await writeArticlePages(deps, model, out, [row], now);
    await indexArticles(deps, model, [row]);
  } else {
    await removeSearchDocuments(deps.db, [articleId]);
    await removeCatalogueEntries(deps, [articleId]);
  }

  // The list pages it joined and left now; the pages after them shift by one and follow in a job.
  const listPages = new Map<string, Set<number>>();
  const onPage = async (columnId: string, listedAt: string) => {
    const rank =
      (await publicArticleQueries.rankInColumn(db, columnId, listedAt, articleId)) +
      ((await syndicatedLists.hasTaken(db, columnId)) ? await syndicatedLists.rankInColumn(db, columnId, listedAt, articleId) : 0);
    listPages.set(columnId, (listPages.get(columnId) ?? new Set()).add(Math.floor(rank / PAGE_SIZE) + 1));
  };
  if (row && path) await onPage(row.column_id, row.published_at);
  if (before?.listed_at) await onPage(before.column_id, before.listed_at);
  const moved = !before || !row || !path || before.column_id !== row.column_id || before.listed_at !== row.published_at;
  const shifted: string[] = [];
  for (const [id, pages] of listPages) {
    const column = model.columnById.get(id);
    if (column && !(await writeColumnPages(deps, model, out, column, now, pages)) && moved) shifted.push(id);
  }
  // A record from before list places were kept: that whole list, now.
  const unknownColumn = before && !before.listed_at ? model.columnById.get(before.column_id) : undefined;
  if (unknownColumn) await writeColumnLists(deps, model, out, unknownColumn, now);
  await writeHome(deps, model, out, now);
  const months = new Set([before?.month, row ? beijingMonth(row.first_published_at) : undefined].filter((x): x is string => !!x));
  await writeSitemaps(deps, model, out, now, [...months]);

  // Linked policies and interpretations list this article, and pages that link to it show its
  // title or link: they change with it (a link to a retracted article is dropped).
  const partners = (await publicArticleQueries.links(db, [articleId])).map((l) =>
    l.policy_id === articleId ? l.interpretation_id : l.policy_id,
  );
  const referrers = await publishedRefs.referrers(db, articleId);
  const others = (await publicArticleQueries.byIds(db, [...new Set([...partners, ...referrers])])).filter(
    (a) => a.site_id === model.siteId,
  );
  await writeArticlePages(deps, model, out, others, now);

  await inTransaction(deps.db, async (tx) => {
    if (row && path) {
      await publishedPages.upsert(tx.trx, {
        article_id: articleId,
        site_id: model.siteId,
        column_id: row.column_id,
        revision_id: row.revision_id,
        path,
        month: beijingMonth(row.first_published_at),
        written_at: now,
        listed_at: row.published_at,
      });
    } else if (before) await publishedPages.remove(tx.trx, articleId);
    for (const columnId of shifted) {
      await columnLists.markStale(tx.trx, model.siteId, columnId, randomBytes(12).toString('hex'));
      await enqueueColumnListsRefresh(tx, deps.clock, model.siteId, columnId);
    }
  });
  notifyPublicFilesChanged(model.code);
  await refreshReceivers(deps, articleId);
  return row && path ? 'written' : before ? 'removed' : 'unchanged';
}

/**
 * The columns of other sites that took the article (syndicated entries, ever taken) show its
 * title and link: their whole lists and feeds are rewritten by their list job (its place there
 * is the instant it was taken, and it may have just joined or left), and their sites' home
 * pages now. A site not built gets them from its next full build.
 */
async function refreshReceivers(deps: Deps, articleId: string): Promise<void> {
  const db = deps.db.kysely;
  const receivers = await syndicatedLists.receiversOf(db, articleId);
  if (!receivers.length) return;
  await inTransaction(deps.db, async (tx) => {
    for (const r of receivers) {
      await columnLists.markStale(tx.trx, r.site_id, r.column_id, randomBytes(12).toString('hex'));
      await enqueueColumnListsRefresh(tx, deps.clock, r.site_id, r.column_id);
    }
  });
  for (const siteId of new Set(receivers.map((r) => r.site_id))) {
    const site = await publicSites.byId(db, siteId);
    if (!site?.code || site.status === 'planned' || site.status === 'closed') continue;
    const dir = currentBuild(deps.config.dataDir, site.code);
    if (!dir) continue;
    const model = await loadSiteModel(deps, siteId);
    await writeHome(deps, model, publicFiles(dir), deps.clock.now().toISOString());
    notifyPublicFilesChanged(model.code);
  }
}

export type ServicesPublishOutcome = 'written' | 'built' | 'deferred' | 'skipped';

/** Passes of the service pages one job makes while items keep being published or withdrawn. */
const SERVICE_PASSES = 5;

/**
 * Brings a site's 办事服务 pages, their sitemap chunk and the items' search documents up to what
 * is published now (after items were published or withdrawn). A site never built, or built
 * before it had service pages (its navigation lacks them), gets a full build; while a full build
 * runs, the caller retries later ('deferred'). A change that commits while a pass runs is caught
 * by the next pass (the queue keeps one job per site, so it would not start another).
 */
export async function publishServiceChanges(deps: Deps, siteId: string): Promise<ServicesPublishOutcome> {
  const db = deps.db.kysely;
  const site = await publicSites.byId(db, siteId);
  if (!site?.code || site.status === 'planned' || site.status === 'closed') return 'skipped';
  const build = await siteBuilds.get(db, siteId);
  const staleBefore = new Date(deps.clock.now().getTime() - BUILD_STALE_MS).toISOString();
  if (build?.status === 'running' && build.heartbeat_at >= staleBefore) return 'deferred';
  const dir = currentBuild(deps.config.dataDir, site.code);
  if (!dir || !publicFiles(dir).exists(SERVICES_INDEX_PATH)) {
    await publishSite(deps, siteId);
    return 'built';
  }
  const model = await loadSiteModel(deps, siteId);
  const out = publicFiles(dir);
  for (let pass = 0; pass < SERVICE_PASSES; pass++) {
    const now = deps.clock.now().toISOString();
    const result = await writeServicePages(deps, model, out, now);
    // The index lists the services chunk (a site built before it had one learns of it here).
    await writeSitemaps(deps, model, out, now, []);
    await indexServiceItems(deps, model, result.items);
    notifyPublicFilesChanged(model.code);
    if (await servicesUnchangedSince(deps, siteId, result.signature)) return 'written';
  }
  return 'deferred';
}

/**
 * Rewrites every list page of a column whose pages after a change still show the old order
 * (the follow-up of `publishArticleChange`). Repeats while changes arrive during a pass, so the
 * last pass read the list after the last change; returns the passes made.
 */
export async function refreshColumnLists(deps: Deps, siteId: string, columnId: string): Promise<number> {
  const db = deps.db.kysely;
  for (let pass = 0; pass < 10; pass++) {
    const token = await columnLists.staleToken(db, columnId);
    if (!token) return pass;
    const site = await publicSites.byId(db, siteId);
    const dir = site?.code ? currentBuild(deps.config.dataDir, site.code) : null;
    // A site not on disk (or no longer published) gets its lists from its next full build.
    if (site?.code && dir) {
      const model = await loadSiteModel(deps, siteId);
      const column = model.columnById.get(columnId);
      if (column) await writeColumnLists(deps, model, publicFiles(dir), column, deps.clock.now().toISOString());
      notifyPublicFilesChanged(model.code);
    }
    if (await columnLists.clear(db, columnId, token)) return pass + 1;
  }
  return 10;
}

/** Every site that can be published. */
export async function publishableSites(deps: Deps): Promise<{ id: string; code: string }[]> {
  return (await publicSites.publishable(deps.db.kysely)).map((s) => ({ id: s.id, code: s.code! }));
}

/** True when the site's identity or columns changed after `since` (a build started then may have missed it). */
export async function siteChangedSince(deps: Deps, siteId: string, since: string): Promise<boolean> {
  const last = await publicSites.lastChange(deps.db.kysely, siteId);
  return last !== null && last > since;
}

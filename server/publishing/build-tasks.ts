/**
 * A full build is cut into tasks of consecutive list pages of one column: each task writes those
 * list pages and the pages of the articles on them, reading only its own slice. Tasks run in
 * this thread or in worker threads (one per core), each with its own database connection, so
 * memory stays flat whatever the site's size.
 */
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { Config } from '../platform/config.ts';
import type { Deps } from '../platform/deps.ts';
import { indexArticles, writeArticlePages, writeColumnPage, writeRss } from './pages.ts';
import { publicFiles } from './public-files.ts';
import { publicArticleQueries, syndicatedLists } from './publishing.repository.ts';
import { EMPTY_REMOTE, loadRemoteRefs } from './site-model.ts';
import { PAGE_SIZE, pageCount } from './render/index.ts';
import type { SiteModel } from './site-model.ts';

export interface ColumnTask {
  columnId: string;
  /** First and last list page of the task (1-based, inclusive). */
  fromPage: number;
  toPage: number;
  /** Public articles in the column. */
  total: number;
  /** Whether the column shows taken articles of other sites (syndicated entries). */
  took?: boolean;
}

/** List pages per task: 25 pages are 500 articles. */
export const TASK_PAGES = 25;
/** Article pages rendered per batch of reference lookups. */
const ARTICLE_BATCH = 100;

export function columnTasks(
  model: SiteModel,
  counts: ReadonlyMap<string, number>,
  taken: ReadonlyMap<string, number> = new Map(),
): ColumnTask[] {
  const tasks: ColumnTask[] = [];
  for (const c of model.columns) {
    const took = taken.get(c.id) ?? 0;
    const total = (counts.get(c.id) ?? 0) + took;
    const pages = pageCount(total);
    for (let from = 1; from <= pages; from += TASK_PAGES)
      tasks.push({
        columnId: c.id,
        fromPage: from,
        toPage: Math.min(pages, from + TASK_PAGES - 1),
        total,
        ...(took ? { took: true } : {}),
      });
  }
  // Largest first balances the threads; a column's pages stay in order within a task.
  return tasks.sort((a, b) => b.toPage - b.fromPage - (a.toPage - a.fromPage));
}

/** Runs one task into the build folder `dir`; returns the number of pages written. */
export async function runColumnTask(deps: Deps, model: SiteModel, dir: string, task: ColumnTask, now: string): Promise<number> {
  const column = model.columnById.get(task.columnId);
  if (!column) return 0;
  const out = publicFiles(dir, { atomic: false });
  const offset = (task.fromPage - 1) * PAGE_SIZE;
  const limit = (task.toPage - task.fromPage + 1) * PAGE_SIZE;
  const rows = !task.total
    ? []
    : task.took
      ? await syndicatedLists.columnSlice(deps.db.kysely, column.id, offset, limit)
      : await publicArticleQueries.columnSlice(deps.db.kysely, column.id, offset, limit);
  // Taken articles of other sites are listed, linking to their one page on the source site; never copied.
  const remote = task.took ? await loadRemoteRefs(deps, model, rows) : EMPTY_REMOTE;
  const own = task.took ? rows.filter((r) => r.site_id === model.siteId) : rows;
  let pages = 0;
  for (let i = 0; i < own.length; i += ARTICLE_BATCH) {
    const batch = own.slice(i, i + ARTICLE_BATCH);
    pages += await writeArticlePages(deps, model, out, batch, now);
    await indexArticles(deps, model, batch, true);
  }
  for (let p = task.fromPage; p <= task.toPage; p++) {
    const start = (p - task.fromPage) * PAGE_SIZE;
    writeColumnPage(model, out, column, p, task.total, rows.slice(start, start + PAGE_SIZE), now, remote);
    pages++;
  }
  if (task.fromPage === 1) writeRss(model, out, column, rows, now, remote);
  return pages;
}

export interface TaskRunOptions {
  deps: Deps;
  model: SiteModel;
  dir: string;
  now: string;
  /** Worker threads to use; 0 runs the tasks in this thread. */
  workers: number;
  /** Called after each task (e.g. to keep the build marker alive). */
  onProgress?: (pages: number) => Promise<void>;
}

/** Runs all tasks; returns the pages written. */
export async function runTasks(tasks: ColumnTask[], o: TaskRunOptions): Promise<number> {
  let pages = 0;
  if (o.workers <= 0 || tasks.length < 2) {
    for (const t of tasks) {
      pages += await runColumnTask(o.deps, o.model, o.dir, t, o.now);
      await o.onProgress?.(pages);
    }
    return pages;
  }
  const queue = [...tasks];
  const threads = Array.from({ length: Math.min(o.workers, tasks.length) }, () => startWorker(o.deps.config, o.model.siteId, o.dir, o.now));
  try {
    await Promise.all(
      threads.map(async (w) => {
        for (let t = queue.shift(); t; t = queue.shift()) {
          // Not `pages += await …`: that reads `pages` before the await and would drop the
          // other threads' pages counted meanwhile.
          const written = await w.run(t);
          pages += written;
          await o.onProgress?.(pages);
        }
      }),
    );
  } finally {
    await Promise.all(threads.map((w) => w.stop()));
  }
  return pages;
}

interface BuildWorker {
  run(task: ColumnTask): Promise<number>;
  stop(): Promise<void>;
}

// Worker threads do not inherit the TypeScript loader: the bootstrap registers it first.
const BOOT = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(new URL('./build-worker.ts', import.meta.url).pathname).href)}); });`;

function startWorker(config: Config, siteId: string, dir: string, now: string): BuildWorker {
  const worker = new Worker(BOOT, { eval: true, workerData: { config, siteId, dir, now } });
  let pending: { resolve: (n: number) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure = e;
    pending?.reject(e);
    pending = null;
  };
  worker.on('message', (m: { pages?: number; error?: string }) => {
    if (m.error !== undefined) fail(new Error(m.error));
    else pending?.resolve(m.pages ?? 0);
    pending = null;
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`build worker exited with code ${code}`));
  });
  return {
    run: (task) =>
      new Promise<number>((resolve, reject) => {
        if (failure) return reject(failure);
        pending = { resolve, reject };
        worker.postMessage(task);
      }),
    stop: async () => {
      worker.postMessage(null);
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        setTimeout(() => void worker.terminate().then(() => resolve()), 10_000).unref();
      });
    },
  };
}

/**
 * A crawl in a process of its own. Crawling strangers' sites is the riskiest thing the platform
 * does: a hostile page may be huge, nest without end or make the parser work hard. In its own
 * process the crawl has a hard heap limit (`CRAWL_HEAP_MB`), cannot stall the web server's or
 * the job worker's event loop, and can be killed without harm: the journal on disk lets the next
 * crawl resume where this one stopped.
 *
 * `crawlInProcess` has the same shape as `crawlSite`: the handlers run here, in the caller's
 * process, fed over the IPC channel (pages one at a time, each waiting for its handler, so a
 * slow caller slows the crawl rather than piling pages up; links in batches, in order).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CrawlHandlers, CrawlOptions, CrawledPage, CrawlProgress, CrawlSummary, LinkCheck } from './crawl.ts';

/** The crawl process's V8 heap limit: its live data is a few tens of MB however large the site (the frontier is on disk). */
export const CRAWL_HEAP_MB = 96;
/** V8 options of the crawl process. */
export const CRAWL_PROCESS_FLAGS: readonly string[] = [`--max-old-space-size=${CRAWL_HEAP_MB}`];
/** How long an aborted crawl may take to stop before its process is killed. */
const ABORT_GRACE_MS = 30_000;

const CHILD = fileURLToPath(new URL('./crawl-child.ts', import.meta.url));
/** The TypeScript loader, by its address: `--import tsx` would be looked up from the working directory. */
const TSX_LOADER = import.meta.resolve('tsx');

/** Messages from the caller to the crawl process. */
export type ToCrawl =
  | { type: 'start'; options: Omit<CrawlOptions, 'signal'>; want: { page: boolean; link: boolean; progress: boolean } }
  | { type: 'ack'; id: number }
  | { type: 'abort'; reason: string };

/** Messages from the crawl process to the caller. */
export type FromCrawl =
  | { type: 'page'; id: number; page: CrawledPage }
  | { type: 'links'; links: LinkCheck[] }
  | { type: 'progress'; progress: CrawlProgress }
  | { type: 'done'; summary: CrawlSummary; peakRssMb: number; crawlMs: number; cpuMs: { user: number; system: number } }
  | { type: 'error'; message: string; stack?: string };

export interface ProcessCrawlSummary extends CrawlSummary {
  /** The crawl process's peak resident memory, in MB. */
  peakRssMb: number;
  /** The crawl's own time in its process, from its start to its summary (the process's start-up not included). */
  crawlMs: number;
  /** CPU time the crawl process spent over `crawlMs`. */
  cpuMs: { user: number; system: number };
}

/** Crawls like `crawlSite`, in a child process with a bounded heap; rejects if that process fails or dies. */
export function crawlInProcess(options: CrawlOptions, handlers: CrawlHandlers = {}): Promise<ProcessCrawlSummary> {
  const { signal, ...rest } = options;
  return new Promise<ProcessCrawlSummary>((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: ['--import', TSX_LOADER, ...CRAWL_PROCESS_FLAGS],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (err: Error | null, summary?: ProcessCrawlSummary) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (err) reject(err);
      else resolve(summary!);
    };
    const send = (m: ToCrawl) => {
      if (child.connected) child.send(m);
    };
    const onAbort = () => {
      send({ type: 'abort', reason: String(signal?.reason ?? 'aborted') });
      killTimer = setTimeout(() => finish(new Error('crawl process did not stop after abort')), ABORT_GRACE_MS);
      killTimer.unref();
    };
    child.on('message', (raw) => {
      const m = raw as FromCrawl;
      switch (m.type) {
        case 'page':
          (async () => handlers.onPage?.(m.page))().then(
            () => send({ type: 'ack', id: m.id }),
            (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))),
          );
          return;
        case 'links':
          for (const l of m.links) handlers.onLink?.(l);
          return;
        case 'progress':
          handlers.onProgress?.(m.progress);
          return;
        case 'done':
          finish(null, { ...m.summary, peakRssMb: m.peakRssMb, crawlMs: m.crawlMs, cpuMs: m.cpuMs });
          return;
        case 'error': {
          const err = new Error(m.message);
          if (m.stack) err.stack = m.stack;
          finish(err);
          return;
        }
      }
    });
    child.once('error', (err) => finish(err));
    // 'close' comes after the last message, so a crawl that reported its end is never taken for a failed one.
    child.once('close', (code, sig) =>
      finish(
        new Error(
          `crawl process exited before finishing (${sig ? `signal ${sig}` : `code ${code}`}${code === 134 || sig === 'SIGABRT' ? ', out of memory?' : ''})`,
        ),
      ),
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    send({
      type: 'start',
      options: rest,
      want: { page: Boolean(handlers.onPage), link: Boolean(handlers.onLink), progress: Boolean(handlers.onProgress) },
    });
  });
}

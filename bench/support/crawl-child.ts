/**
 * Child process of the link-checking benchmark (bench/links.bench.ts): runs one crawl of the
 * site at `startUrl`. `linkinator` (its library API, recursive) runs alone in this process, so
 * the peak RSS (`resourceUsage().maxRSS`) is that crawl's. `ours` is `crawlInProcess` of
 * server/monitoring, as the platform runs it: in a crawl process of its own, which reports its
 * own time, CPU and peak RSS; this process's wall time and peak are reported alongside. Writes the broken URLs (url TAB status TAB parent TAB error) to `brokenFile` after
 * the crawl and prints one JSON line on stdout.
 *
 * The concurrency budget is the number of HTTP requests in flight. Ours takes it as `concurrency`.
 * linkinator 7.6.1 starts the check of every newly found URL at once, outside its queue (its
 * `concurrency` only bounds the queue's tasks), so on its own it opens thousands of connections
 * and, at 20,000 pages, fails with EMFILE or nginx's "worker_connections are not enough". Its
 * requests go through the process's global fetch dispatcher (it uses the built-in fetch), so the
 * budget is enforced there: an undici Agent with `connections: <concurrency>` per origin.
 * Requests wait in that agent's queue, so linkinator runs without a request timeout (its
 * default): a timeout would count the wait. Its own queue width is `linkinatorQueue`
 * (a number, or 0 for unbounded: the queue then only holds its duplicate-link bookkeeping,
 * which with a bounded width shifts a long array, quadratic in the site's size).
 *
 *   node --import tsx bench/support/crawl-child.ts <ours|linkinator> <startUrl> <concurrency> <brokenFile> [linkinatorQueue]
 */
import fs from 'node:fs';

const [tool, startUrl, concurrencyArg, brokenFile, queueArg] = process.argv.slice(2);
if ((tool !== 'ours' && tool !== 'linkinator') || !startUrl || !concurrencyArg || !brokenFile)
  throw new Error('usage: crawl-child.ts <ours|linkinator> <startUrl> <concurrency> <brokenFile> [linkinatorQueue]');
const concurrency = Number(concurrencyArg);

export interface CrawlChildResult {
  tool: string;
  pages: number;
  /** Unique URLs checked (pages and other links). */
  urlsChecked: number;
  /** What the tool itself reports as checked URLs (ours: summary.urlsChecked), when it does. */
  reportedUrlsChecked: number | null;
  linkOccurrences: number | null;
  brokenUrls: number;
  seconds: number;
  userSeconds: number;
  systemSeconds: number;
  startRssMb: number;
  /** RSS once the tool's modules are loaded, before the crawl. */
  loadedRssMb: number;
  maxRssMb: number;
  aborted: string | null;
  /** Ours: the calling process's wall time (the crawl process's start-up included) and peak RSS. */
  caller?: { seconds: number; maxRssMb: number };
}

const broken: string[] = [];
/** Ours: the figures of the crawl process, which stand for the crawl's. */
let crawlProcess: { seconds: number; userSeconds: number; systemSeconds: number; maxRssMb: number; callerSeconds: number } | null = null;
const clean = (s: unknown) => String(s ?? '').replace(/[\t\n\r]+/g, ' ');
const startRssMb = process.memoryUsage().rss / 2 ** 20;
let result: Omit<CrawlChildResult, 'seconds' | 'userSeconds' | 'systemSeconds' | 'startRssMb' | 'loadedRssMb' | 'maxRssMb'>;
let loadedRssMb = 0;
let cpu0 = process.cpuUsage();
let t0 = performance.now();
let seconds = 0;
let cpu = process.cpuUsage();
/** The crawl's end: wall time and CPU before the result is tallied. */
const done = () => {
  seconds = (performance.now() - t0) / 1000;
  cpu = process.cpuUsage(cpu0);
};
const loaded = () => {
  loadedRssMb = process.memoryUsage().rss / 2 ** 20;
  cpu0 = process.cpuUsage();
  t0 = performance.now();
};
if (tool === 'ours') {
  // The crawler as the platform runs it: in a process of its own, with that process's heap limit
  // (server/monitoring/crawler/crawl-process.ts). Its time, CPU and peak memory are the crawl
  // process's own, measured there from the crawl's start, as linkinator's are here after its modules load.
  const { crawlInProcess } = await import('../../server/monitoring/crawler/crawl-process.ts');
  loaded();
  let checked = 0;
  const summary = await crawlInProcess(
    {
      startUrl,
      maxPages: 25_000,
      maxDepth: 50,
      concurrency,
      intervalMs: 0,
      timeoutMs: 15_000,
      checkExternal: true,
      respectRobots: true,
    },
    {
      onLink: (c) => {
        checked++;
        if (!c.ok) broken.push(`${c.url}\t${clean(c.status)}\t${clean(c.parent)}\t${clean(c.error)}`);
      },
    },
  );
  done();
  crawlProcess = {
    seconds: summary.crawlMs / 1000,
    userSeconds: summary.cpuMs.user / 1000,
    systemSeconds: summary.cpuMs.system / 1000,
    maxRssMb: summary.peakRssMb,
    callerSeconds: seconds,
  };
  result = {
    tool,
    pages: summary.pages,
    urlsChecked: checked,
    reportedUrlsChecked: summary.urlsChecked,
    linkOccurrences: summary.linkOccurrences,
    brokenUrls: broken.length,
    aborted: summary.aborted ?? null,
  };
} else {
  const { LinkChecker, LinkState } = await import('linkinator');
  const { Agent, setGlobalDispatcher } = await import('undici');
  setGlobalDispatcher(new Agent({ connections: concurrency }));
  loaded();
  const queue = Number(queueArg ?? concurrency);
  const checker = new LinkChecker();
  const parsed = new Set<string>();
  checker.on('pagestart', (url) => parsed.add(String(url)));
  const { links } = await checker.check({
    path: startUrl,
    recurse: true,
    concurrency: queue > 0 ? queue : Number.MAX_SAFE_INTEGER,
  });
  done();
  // Broken results are repeated once per further parent: count each URL once.
  const seen = new Set<string>();
  let pages = 0;
  for (const l of links) {
    if (seen.has(l.url)) continue;
    seen.add(l.url);
    // linkinator parses every HTML response, 404 pages too: count the pages that exist.
    if (l.state === LinkState.OK && parsed.has(l.url)) pages++;
    if (l.state === LinkState.BROKEN) {
      const detail = l.failureDetails?.find((d) => d instanceof Error);
      const cause = detail?.cause as { code?: string; message?: string } | undefined;
      broken.push(
        `${l.url}\t${clean(l.status)}\t${clean(l.parent)}\t${clean(detail?.message)}${cause ? ` (${clean(cause.code ?? cause.message)})` : ''}`,
      );
    }
  }
  result = {
    tool,
    pages,
    urlsChecked: seen.size,
    reportedUrlsChecked: null,
    linkOccurrences: null,
    brokenUrls: broken.length,
    aborted: null,
  };
}
const maxRssMb = process.resourceUsage().maxRSS / 1024;
fs.writeFileSync(brokenFile, broken.length ? `${broken.join('\n')}\n` : '');
const out: CrawlChildResult = crawlProcess
  ? {
      ...result,
      seconds: crawlProcess.seconds,
      userSeconds: crawlProcess.userSeconds,
      systemSeconds: crawlProcess.systemSeconds,
      startRssMb,
      loadedRssMb,
      maxRssMb: crawlProcess.maxRssMb,
      caller: { seconds: crawlProcess.callerSeconds, maxRssMb },
    }
  : {
      ...result,
      seconds,
      userSeconds: cpu.user / 1e6,
      systemSeconds: cpu.system / 1e6,
      startRssMb,
      loadedRssMb,
      maxRssMb,
    };
process.stdout.write(`${JSON.stringify(out)}\n`);
// linkinator leaves an interval and pooled sockets behind.
process.exit(0);

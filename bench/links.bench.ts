/**
 * Link-checking benchmark: links checked per second of our site crawler (`crawlInProcess`,
 * server/monitoring: the crawl in a process of its own, as the platform runs it) against linkinator's library API (recursive), on the same local site in
 * the same run, with the same concurrency; both must find exactly the planted broken links.
 *
 * The site (bench/support/link-site.ts): N articles from the benchmark corpus as static HTML
 * (`/colXX/aNNNNNNN/`, column lists `/colXX/` and `/colXX/page/N/` with 20 items a page and a
 * pager, home `/`; a 20-link nav on every page; 3–10 links from each article to others; CSS, JS,
 * images and a favicon), with 1–2 unique broken links planted in each article
 * (`/colXX/aNNNNNNN-oldK/`, `/uploads/YYYY/aNNNNNNN-fjK.html`) recorded as ground truth. It is
 * written to a temp folder (tmpfs /dev/shm when present) and served by Debian's nginx
 * (/usr/sbin/nginx in the foreground: master + 1 worker, access log off) on 127.0.0.1.
 *
 * Each crawl runs in a child process (bench/support/crawl-child.ts, node + tsx), which reports
 * the crawl's wall time, the unique URLs it checked, and its peak RSS (`resourceUsage().maxRSS`:
 * the whole process, Node and the tsx loader included). linkinator crawls in that process, timed
 * from after its modules load. Ours starts its crawl process from there; the figures are that
 * process's (wall time from the crawl's start, so its module loading is left out as
 * linkinator's is; its heap limit applies), and the caller's wall time with the crawl process's
 * start-up is printed alongside. The parent compares the broken URLs with the ground truth:
 * found/planted, false positives. Links/s = unique URLs checked (pages and other links) / wall
 * time of the whole crawl.
 *
 * Sizes: 2,000 then 20,000 articles (BENCH_LINKS_SIZES=2000 or `-- 2000` for one quick run).
 * Concurrency: BENCH_LINKS_CONCURRENCY (default 64) HTTP requests in flight, the same for both
 * tools: ours takes it as `concurrency`; for linkinator, whose `concurrency` option does not
 * bound its requests, it caps the connections of the process's fetch dispatcher (see
 * bench/support/crawl-child.ts). linkinator's queue width: BENCH_LINKS_LINKINATOR_QUEUE
 * (default 0, unbounded: its fastest setting; 64 is about 3× slower at 20,000 pages). Targets
 * (printed, not asserted): ratio ≥ 2 at both sizes, peak RSS ≤ 200 MB at 20,000. Exit code 1 when a crawl fails or a
 * tool does not find exactly the planted links. `--keep` keeps the temp folder. The last line:
 *   links pages=20000 links_per_s=… linkinator_links_per_s=… ratio=… found=…/… false=… peak_rss_mb=…
 *
 *   npm run bench:links
 *   BENCH_LINKS_SIZES=2000 npm run bench:links
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CrawlChildResult } from './support/crawl-child.ts';
import { nginxMissingReason } from '../test/serve/nginx-runner.ts';
import { CRAWL_HEAP_MB } from '../server/monitoring/crawler/crawl-process.ts';
import { generateLinkSite, serveWithNginx, type LinkSite, type SiteServer } from './support/link-site.ts';

const argv = process.argv.slice(2);
const KEEP = argv.includes('--keep');
const sizeArgs = argv.filter((a) => /^\d[\d,_]*$/.test(a)).join(',');
const SIZES = (sizeArgs || process.env.BENCH_LINKS_SIZES || '2000,20000')
  .split(',')
  .map((s) => Number(s.replace(/_/g, '').trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const CONCURRENCY = Number(process.env.BENCH_LINKS_CONCURRENCY ?? 64);
/** linkinator's own queue width; 0 = unbounded (its fastest: see bench/support/crawl-child.ts). */
const LINKINATOR_QUEUE = Number(process.env.BENCH_LINKS_LINKINATOR_QUEUE ?? 0);
const CHILD_TIMEOUT_S = Number(process.env.BENCH_LINKS_TIMEOUT_S ?? 1800);
const SEED = 42;
const TARGET_RATIO = 2;
const TARGET_RSS_MB = 200;

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(here, 'support', 'crawl-child.ts');
const OURS_MODULE = path.join(here, '..', 'server', 'monitoring', 'crawler', 'crawl.ts');
const f = (n: number, d = 0) => n.toFixed(d);

const missing = nginxMissingReason();
if (missing) {
  console.error(`links benchmark needs nginx to serve the site: ${missing}`);
  process.exit(2);
}
if (SIZES.length === 0) {
  console.error('links benchmark: no site size (BENCH_LINKS_SIZES=2000,20000 or `-- 2000`)');
  process.exit(2);
}

const tmpBase = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').isDirectory() ? '/dev/shm' : os.tmpdir();
const tmp = fs.mkdtempSync(path.join(tmpBase, 'gongkai-links-bench-'));
const servers = new Set<SiteServer>();
const children = new Set<number>();
const killAll = () => {
  for (const pid of children)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  for (const s of servers) s.killNow();
};
process.once('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    killAll();
    if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });

interface ChildRun extends CrawlChildResult {
  brokenSet: Map<string, string>;
}

/** Runs one crawl in a child process; resolves with its result and broken URLs (as paths, with the tool's detail). */
function runCrawl(tool: 'ours' | 'linkinator', origin: string, dir: string): Promise<ChildRun> {
  const brokenFile = path.join(dir, `broken-${tool}.tsv`);
  return new Promise((resolve, reject) => {
    const args = [CHILD, tool, `${origin}/`, String(CONCURRENCY), brokenFile, String(LINKINATOR_QUEUE)];
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child.pid as number);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_S * 1000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child.pid as number);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{'))
        return reject(
          new Error(
            `${tool} crawl failed (exit ${code ?? signal}${signal === 'SIGKILL' ? `, timeout ${CHILD_TIMEOUT_S} s?` : ''}):\n${stderr.slice(-4000)}${stdout.slice(-2000)}`,
          ),
        );
      const result = JSON.parse(line) as CrawlChildResult;
      const brokenSet = new Map<string, string>();
      for (const row of fs.readFileSync(brokenFile, 'utf8').split('\n')) {
        if (!row) continue;
        const [url, ...detail] = row.split('\t');
        brokenSet.set(toPath(url!, origin), detail.join(' | '));
      }
      resolve({ ...result, brokenSet });
    });
  });
}

function toPath(url: string, origin: string): string {
  return url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
}

interface Verdict {
  found: number;
  planted: number;
  falsePositives: string[];
  missed: string[];
}

function judge(run: ChildRun, truth: Set<string>): Verdict {
  let found = 0;
  const falsePositives: string[] = [];
  for (const [p, detail] of run.brokenSet)
    if (truth.has(p)) found++;
    else falsePositives.push(`${p} (${detail})`);
  const missed = [...truth].filter((p) => !run.brokenSet.has(p));
  return { found, planted: truth.size, falsePositives, missed };
}

function report(label: string, site: LinkSite, run: ChildRun, v: Verdict): void {
  const lps = run.urlsChecked / run.seconds;
  console.log(
    `  ${label.padEnd(10)} ${run.urlsChecked} URLs (expected ${site.expectedUrls}${run.reportedUrlsChecked !== null && run.reportedUrlsChecked !== run.urlsChecked ? `; summary.urlsChecked ${run.reportedUrlsChecked}` : ''}), ` +
      `${run.pages} pages${run.linkOccurrences !== null ? `, ${run.linkOccurrences} link occurrences` : ''} in ${f(run.seconds, 2)} s = ${f(lps)} links/s; ` +
      `CPU user ${f(run.userSeconds, 1)} s + sys ${f(run.systemSeconds, 1)} s (${f(((run.userSeconds + run.systemSeconds) * 1e6) / run.urlsChecked)} µs/URL); ` +
      (run.caller
        ? `crawl process peak RSS ${f(run.maxRssMb)} MB (heap limit ${CRAWL_HEAP_MB} MB); the caller: ${f(run.caller.seconds, 2)} s with the crawl process's start, peak RSS ${f(run.caller.maxRssMb)} MB`
        : `peak RSS ${f(run.maxRssMb)} MB (at start ${f(run.startRssMb)} MB, ${f(run.loadedRssMb)} MB with the tool's modules loaded)`) +
      (run.aborted ? `; ABORTED: ${run.aborted}` : ''),
  );
  console.log(
    `  ${''.padEnd(10)} broken: found ${v.found}/${v.planted}, false positives ${v.falsePositives.length}, missed ${v.missed.length}`,
  );
  for (const p of v.missed.slice(0, 5)) console.log(`  ${''.padEnd(10)}   missed: ${p}`);
  for (const p of v.falsePositives.slice(0, 5)) console.log(`  ${''.padEnd(10)}   false positive: ${p}`);
}

// ---------------------------------------------------------------------------------------------

const summaries: string[] = [];
let failed = false;
try {
  console.log(
    `links bench: ${os.cpus().length} cores, ${f(os.totalmem() / 2 ** 30)} GB RAM, node ${process.version}, load ${f(os.loadavg()[0] ?? 0, 1)}, ` +
      `concurrency ${CONCURRENCY} requests in flight (both tools), temp ${tmp} (${fs.statfsSync(tmp).type === 0x01021994 ? 'tmpfs' : 'disk'}), sizes ${SIZES.join(', ')}`,
  );
  console.log(
    `  ours: crawlInProcess (heap limit ${CRAWL_HEAP_MB} MB), concurrency ${CONCURRENCY}, timeout 15 s; linkinator 7.6.1: check({ recurse: true, concurrency: ${LINKINATOR_QUEUE > 0 ? LINKINATOR_QUEUE : 'unbounded'} }), ` +
      `HTTP requests capped at ${CONCURRENCY} connections (undici Agent as the global dispatcher), no request timeout`,
  );
  const oursPresent = fs.existsSync(OURS_MODULE);
  if (!oursPresent) console.log('our crawler: server/monitoring/crawler/crawl.ts does not exist; only linkinator runs');

  for (const n of SIZES) {
    const dir = path.join(tmp, `n${n}`);
    const t0 = performance.now();
    const site = generateLinkSite(path.join(dir, 'site'), n, SEED);
    const truth = new Set(site.broken);
    console.log(
      `site: ${n} articles → ${site.pages} HTML pages (${site.listPages} list pages, home), ${site.broken.length} planted broken links, ` +
        `${site.expectedUrls} unique URLs; ${f(site.bytes / 2 ** 20)} MB written in ${f((performance.now() - t0) / 1000, 1)} s`,
    );
    const server = await serveWithNginx(path.join(dir, 'site'), path.join(dir, 'nginx'));
    servers.add(server);
    try {
      const home = await fetch(`${server.origin}/`);
      if (home.status !== 200) throw new Error(`nginx answered ${home.status} for /`);
      await home.arrayBuffer();

      let o: ChildRun | null = null;
      let ov: Verdict | null = null;
      if (oursPresent) {
        o = await runCrawl('ours', server.origin, dir);
        ov = judge(o, truth);
        report('ours', site, o, ov);
      }
      const l = await runCrawl('linkinator', server.origin, dir);
      const lv = judge(l, truth);
      report('linkinator', site, l, lv);

      const lps = o ? o.urlsChecked / o.seconds : 0;
      const llps = l.urlsChecked / l.seconds;
      const ratio = lps / llps;
      if (o && ov) {
        console.log(
          `  ratio ours/linkinator ${f(ratio, 2)} (target ≥ ${TARGET_RATIO}); ` +
            `our peak RSS ${f(o.maxRssMb)} MB (target ≤ ${TARGET_RSS_MB} MB${n === 20_000 ? '' : ', at 20,000'}): ` +
            `${ratio >= TARGET_RATIO && (n !== 20_000 || o.maxRssMb <= TARGET_RSS_MB) ? 'met' : 'NOT met'}`,
        );
        if (ov.found !== ov.planted || ov.falsePositives.length || o.aborted) failed = true;
      } else failed = true;
      if (lv.found !== lv.planted || lv.falsePositives.length) {
        console.log('  linkinator did not find exactly the planted links: the site or the comparison is wrong');
        failed = true;
      }
      summaries.push(
        `links pages=${n} links_per_s=${f(lps)} linkinator_links_per_s=${f(llps)} ratio=${f(ratio, 1)} ` +
          `found=${ov?.found ?? 0}/${truth.size} false=${ov?.falsePositives.length ?? 0} peak_rss_mb=${f(o?.maxRssMb ?? 0)}`,
      );
    } finally {
      await server.stop();
      servers.delete(server);
      if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  killAll();
  if (KEEP) console.log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
for (const s of summaries) console.log(s);
process.exitCode = failed ? 1 : 0;

/**
 * Publishing benchmark. A synthetic site of N articles (20 columns, ~1,500-character Chinese
 * articles with links to other articles; bench/support/publish-site.ts) in a SQLite file database.
 *
 * 1. Full publish of the N-article site (`--articles N`, default 20,000): `publishSite` with the
 *    configured threads (one per core), in a child process so its peak RSS is the build's alone
 *    (main thread and worker threads share the process: `resourceUsage().maxRSS` is their high-water
 *    mark; an RSS sample every 50 ms is printed beside it). Pages/s = the result's pages / wall time.
 * 2. Baseline in the same run: Hugo (`hugo` on PATH, Debian's package) on the same corpus exported
 *    to a minimal Hugo site (bench/support/hugo-site.ts), output on the same disk as ours; pages =
 *    .html files written, peak RSS from /usr/bin/time. Without hugo the baseline is reported as 0.
 * 3. One article into a site of `--one-article-site N` articles (default 100,000): after a full
 *    publish of that site, new articles go through the real review path (create, submit, three
 *    approvals, the last one publishing), one per column in turn; `publishArticleChange` (all its
 *    pages written, search index updated) is timed until it returns. `--one-article-runs` (default 24).
 *    The follow-up job that rewrites the list pages shifted by one is timed apart and printed.
 *
 * Targets (2-core machine): pages/s ≥ Hugo's at 20k; peak RSS ≤ 1/10 of Hugo's; one article
 * ≤ 100 ms p50. `--quick`: N=2,000, one-article site 10,000. `--runs R` repeats both full builds
 * (alternating ours and Hugo's, each into a new folder) and reports medians. `--keep` keeps the
 * temp folder. The last line is
 *   publish pages_per_s=… hugo_pages_per_s=… ratio=… peak_rss_mb=… one_article_ms=…
 *
 *   npm run bench:publish
 *   npm run bench:publish -- --quick
 *   npm run bench:publish -- --articles 100000 --one-article-site 0
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOrg, createUser, grantRole } from '../server/accounts/index.ts';
import { createDeps } from '../server/composition.ts';
import { approveArticle, createArticle, getArticle, submitArticle } from '../server/content/index.ts';
import type { Actor } from '../server/platform/actor.ts';
import { loadConfig } from '../server/platform/config.ts';
import type { Deps } from '../server/platform/deps.ts';
import { publishArticleChange, refreshColumnLists, siteFolder } from '../server/publishing/index.ts';
import { exportHugoSite, hugoVersion, runHugo, type HugoRun } from './support/hugo-site.ts';
import {
  BENCH_ACTOR,
  bodyHtmlOf,
  corpusArticles,
  createBenchSite,
  insertPublishedArticles,
  typeOfColumn,
  type BenchSite,
} from './support/publish-site.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = argv.includes('--quick');
const KEEP = argv.includes('--keep');
const ARTICLES = Number(arg('--articles') ?? (QUICK ? 2_000 : 20_000));
const ONE_SITE = Number(arg('--one-article-site') ?? (QUICK ? 10_000 : 100_000));
const ONE_RUNS = Math.max(1, Number(arg('--one-article-runs') ?? 24));
const RUNS = Math.max(1, Number(arg('--runs') ?? 1));
const WORKERS = arg('--workers') ?? 'default';
const SEED = 42;

const TARGET_ONE_MS = 100;
const TARGET_RSS_FRACTION = 0.1;

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(here, 'support', 'publish-child.ts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-publish-bench-'));
const f = (n: number, d = 0) => n.toFixed(d);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
const progress = (label: string) => (done: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${label} ${done}`);
};
const endProgress = () => {
  if (process.stderr.isTTY) process.stderr.write('\n');
};

function configFor(dataDir: string) {
  return loadConfig({
    NODE_ENV: 'production',
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_LOG_LEVEL: 'silent',
    GONGKAI_PUBLISH_THREADS: process.env.GONGKAI_PUBLISH_THREADS,
  });
}

/** A data folder with the synthetic site of `n` articles; returns its deps (open) and site. */
async function buildDataDir(name: string, n: number): Promise<{ dataDir: string; deps: Deps; site: BenchSite; ms: number }> {
  const dataDir = path.join(tmp, name);
  fs.mkdirSync(dataDir, { recursive: true });
  const t0 = performance.now();
  const deps = await createDeps(configFor(dataDir));
  const site = await createBenchSite(deps);
  await insertPublishedArticles(deps, site, n, { seed: SEED, onProgress: progress(`inserting ${name}:`) });
  endProgress();
  return { dataDir, deps, site, ms: performance.now() - t0 };
}

interface OurRun {
  pages: number;
  articles: number;
  wallMs: number;
  userMs: number;
  systemMs: number;
  startRssMb: number;
  sampledMaxRssMb: number;
  maxRssMb: number;
  threads: number;
}

/**
 * One full publish in a child process (node + tsx loader, like `gongkai publish`). The previous
 * build is removed first, untimed: a publish deletes the build it replaces, which on this disk
 * can take as long as writing the new one, and Hugo too writes into an empty folder.
 */
function runOurs(dataDir: string, siteId: string): OurRun {
  fs.rmSync(path.join(dataDir, 'public'), { recursive: true, force: true });
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dataDir, siteId, WORKERS], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`publish child failed (${r.status}): ${r.stderr.slice(-4000)}`);
  const line = r.stdout.trim().split('\n').at(-1)!;
  return JSON.parse(line) as OurRun;
}

function countFiles(dir: string): { html: number; all: number; bytes: number } {
  let html = 0;
  let all = 0;
  let bytes = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    all++;
    if (e.name.endsWith('.html')) html++;
    bytes += fs.statSync(path.join(e.parentPath, e.name)).size;
  }
  return { html, all, bytes };
}

// ---------------------------------------------------------------------------------------------

let summary: string;
let pass = true;
try {
  console.log(
    `publish bench: ${os.cpus().length} cores, ${f(os.totalmem() / 2 ** 30)} GB RAM, node ${process.version}, temp ${tmp} (${fs.statfsSync(tmp).type === 0x01021994 ? 'tmpfs' : 'disk'})`,
  );

  // 1. Full publish of N articles, ours and Hugo's, alternating.
  const main = await buildDataDir('site', ARTICLES);
  console.log(
    `data: ${ARTICLES} articles, 20 columns, inserted in ${f(main.ms / 1000, 1)} s (${f(fs.statSync(path.join(main.dataDir, 'gongkai.db')).size / 2 ** 20)} MB database)`,
  );
  await main.deps.db.close();

  const hugo = hugoVersion();
  let hugoSite: string | null = null;
  if (hugo) {
    hugoSite = path.join(tmp, 'hugo-site');
    const t0 = performance.now();
    const bytes = exportHugoSite(hugoSite, ARTICLES, SEED);
    console.log(`hugo: ${hugo}; site exported in ${f((performance.now() - t0) / 1000, 1)} s (${f(bytes / 2 ** 20)} MB of Markdown)`);
  } else console.log('hugo: not installed (apt-get install hugo); baseline reported as 0');

  const ours: OurRun[] = [];
  const theirs: HugoRun[] = [];
  for (let run = 0; run < RUNS; run++) {
    const o = runOurs(main.dataDir, main.site.siteId);
    ours.push(o);
    console.log(
      `  ours  run ${run + 1}: ${o.pages} pages in ${f(o.wallMs / 1000, 2)} s = ${f(o.pages / (o.wallMs / 1000))} pages/s; CPU user ${f(o.userMs / 1000, 1)} s + sys ${f(o.systemMs / 1000, 1)} s; ` +
        `peak RSS ${f(o.maxRssMb)} MB (sampled max ${f(o.sampledMaxRssMb)} MB, at start ${f(o.startRssMb)} MB); ${o.threads} threads`,
    );
    if (hugoSite) {
      const h = runHugo(hugoSite, path.join(tmp, `hugo-out-${run}`));
      theirs.push(h);
      console.log(
        `  hugo  run ${run + 1}: ${h.htmlFiles} pages in ${f(h.wallMs / 1000, 2)} s = ${f(h.htmlFiles / (h.wallMs / 1000))} pages/s; ` +
          `CPU user ${h.userMs === null ? '?' : f(h.userMs / 1000, 1)} s + sys ${h.systemMs === null ? '?' : f(h.systemMs / 1000, 1)} s; peak RSS ${h.maxRssMb === null ? '?' : f(h.maxRssMb)} MB`,
      );
    }
  }
  const live = siteFolder(main.dataDir, main.site.code);
  const files = countFiles(fs.realpathSync(live));
  const ourWall = median(ours.map((o) => o.wallMs));
  const ourPages = ours[0]!.pages;
  const ourPps = ourPages / (ourWall / 1000);
  const ourRss = Math.max(...ours.map((o) => o.maxRssMb));
  const hugoWall = theirs.length ? median(theirs.map((h) => h.wallMs)) : 0;
  const hugoPages = theirs[0]?.htmlFiles ?? 0;
  const hugoPps = theirs.length ? hugoPages / (hugoWall / 1000) : 0;
  const hugoRss = theirs.length ? Math.max(...theirs.map((h) => h.maxRssMb ?? 0)) : 0;
  console.log(
    `full publish, ${ARTICLES} articles: ours ${ourPages} pages (${files.html} .html on disk; ${files.all} files with .gz/.br and feeds, ${f(files.bytes / 2 ** 20)} MB) ` +
      `in ${f(ourWall / 1000, 2)} s = ${f(ourPps)} pages/s; peak RSS ${f(ourRss)} MB`,
  );
  if (theirs.length) {
    console.log(
      `full publish, ${ARTICLES} articles: hugo ${hugoPages} pages in ${f(hugoWall / 1000, 2)} s = ${f(hugoPps)} pages/s; peak RSS ${f(hugoRss)} MB`,
    );
    console.log(
      `ratios: pages/s ours/hugo = ${f(ourPps / hugoPps, 2)} (target ≥ 1); peak RSS ours/hugo = ${f(ourRss / hugoRss, 3)} (target ≤ ${TARGET_RSS_FRACTION})`,
    );
    if (ourPps < hugoPps || ourRss > hugoRss * TARGET_RSS_FRACTION) pass = false;
  }
  // 3. One article into a large site.
  let oneP50 = 0;
  if (ONE_SITE > 0) {
    const big = await buildDataDir('big', ONE_SITE);
    console.log(`data: ${ONE_SITE} articles inserted in ${f(big.ms / 1000, 1)} s`);
    const full = runOurs(big.dataDir, big.site.siteId);
    console.log(
      `full publish, ${ONE_SITE} articles: ${full.pages} pages in ${f(full.wallMs / 1000, 1)} s = ${f(full.pages / (full.wallMs / 1000))} pages/s; peak RSS ${f(full.maxRssMb)} MB`,
    );
    const { own, followUp } = await oneArticleRuns(big.deps, big.site);
    await big.deps.db.close();
    const sorted = [...own].sort((a, b) => a - b);
    const after = [...followUp].sort((a, b) => a - b);
    oneP50 = percentile(sorted, 50);
    console.log(
      `one article into ${ONE_SITE}: ${own.length} runs (one per column in turn, real review path); publishArticleChange ` +
        `p50 ${f(oneP50, 1)} ms, p90 ${f(percentile(sorted, 90), 1)} ms, max ${f(sorted.at(-1)!, 1)} ms (target p50 ≤ ${TARGET_ONE_MS} ms)`,
    );
    console.log(
      `  then the follow-up job rewriting the column's shifted list pages (${f(ONE_SITE / 20 / 20)} pages a column): ` +
        `p50 ${f(percentile(after, 50), 1)} ms, p90 ${f(percentile(after, 90), 1)} ms`,
    );
    if (oneP50 > TARGET_ONE_MS) pass = false;
  }

  summary =
    `publish pages_per_s=${f(ourPps)} hugo_pages_per_s=${f(hugoPps)} ratio=${hugoPps ? f(ourPps / hugoPps, 2) : '0'} ` +
    `peak_rss_mb=${f(ourRss)} one_article_ms=${f(oneP50)}`;
  if (KEEP) console.log(`kept ${tmp}`);
  console.log(summary);
} finally {
  // After the summary: deleting a few hundred thousand files takes minutes on some disks.
  if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = pass ? 0 : 1;

/**
 * Staff for the review path, then one new article per column in turn; returns the times (ms) of
 * publishArticleChange (the article's pages) and of the follow-up rewriting the shifted list pages.
 */
async function oneArticleRuns(deps: Deps, site: BenchSite): Promise<{ own: number[]; followUp: number[] }> {
  const org = await createOrg(deps, BENCH_ACTOR, { name: '基准测试市政府办公室信息科', level: 'department' });
  const staff: Record<string, Actor> = {};
  for (const [key, role] of [
    ['author', 'editor'],
    ['first', 'editor'],
    ['section', 'sectionReviewer'],
    ['leader', 'leader'],
  ] as const) {
    const { user } = await createUser(deps, BENCH_ACTOR, { username: `bench-${key}`, displayName: `基准${key}`, orgId: org.id });
    const grant = await grantRole(deps, BENCH_ACTOR, user.id, { role, siteId: site.siteId });
    staff[key] = {
      type: 'user',
      id: user.id,
      name: user.username,
      displayName: user.displayName,
      grants: [{ role: String(grant.role), scope: String(grant.scope) }],
      origin: { requestId: null, ip: '127.0.0.1' },
    };
  }
  // New text (another seed) with links into the site (the links point at low indices, all present).
  const extra = [...corpusArticles(ONE_RUNS + 1, SEED + 1)].slice(1);
  const own: number[] = [];
  const followUp: number[] = [];
  for (let i = 0; i < ONE_RUNS; i++) {
    const src = extra[i]!;
    const column = src.column;
    const type = typeOfColumn(column);
    const a = await createArticle(deps, staff.author!, {
      siteId: site.siteId,
      columnId: site.columnIds[column]!,
      type,
      title: src.title,
      bodyHtml: bodyHtmlOf(src),
      source: '基准测试市人民政府办公室',
      ...(type === 'news' ? {} : { metadata: { ...src.metadata, writtenOn: new Date().toISOString().slice(0, 10) } }),
    });
    await submitArticle(deps, staff.author!, a.id);
    for (const who of ['first', 'section', 'leader'] as const) {
      const current = (await getArticle(deps, BENCH_ACTOR, a.id)).current?.id as string;
      await approveArticle(deps, staff[who]!, a.id, {
        revisionId: current,
        opinion: '同意',
        ...(who === 'leader' ? { publish: 'now' } : {}),
      });
    }
    const t0 = performance.now();
    const outcome = await publishArticleChange(deps, a.id);
    own.push(performance.now() - t0);
    if (outcome !== 'written') throw new Error(`publishArticleChange gave ${outcome}`);
    const t1 = performance.now();
    if ((await refreshColumnLists(deps, site.siteId, site.columnIds[column]!)) !== 1) throw new Error('no follow-up for a new article');
    followUp.push(performance.now() - t1);
  }
  return { own, followUp };
}

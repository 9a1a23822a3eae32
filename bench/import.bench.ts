/**
 * Legacy import benchmark: pages per second of a whole import of a legacy site — analyse
 * (crawl, read every page, columns, duplicates, suggestions), import (attachments downloaded,
 * each article its own transaction through content's `importArticle`) and publication of the
 * imported articles (the publish jobs the import queues) — against the crawl alone over the same
 * site with the same politeness settings, measured in the same run.
 *
 * The site is test/fixtures/legacy-site.ts (N pages, default 500: three templates, a third GBK,
 * dates in many formats, a frameset, duplicates under two URLs, PDF/DOCX attachments and some
 * 404s), served by node:http on 127.0.0.1. The platform runs on SQLite in a temp data folder.
 * Politeness: the import's defaults (IMPORT_DEFAULTS: 4 requests in flight, 10 ms between
 * request starts), so the crawl is bounded at 100 requests/s by design.
 * BENCH_IMPORT_INTERVAL_MS and BENCH_IMPORT_CONCURRENCY change the politeness of both runs.
 * Target (printed, not asserted): ≥ 50 pages/s for the whole import. Exit code 1 when the import
 * does not bring in exactly the fixture's articles. The last line:
 *   import pages=500 pages_per_s=… crawl_pages_per_s=… ratio=… articles=… target_pages_per_s=50
 *
 *   npm run bench:import
 *   npm run bench:import -- 2000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IMPORT_DEFAULTS } from '../common/schemas/migration.ts';
import { createDeps, jobRegistry } from '../server/composition.ts';
import { confirmMapping, createImport, getImport, startImport } from '../server/migration/index.ts';
import { crawlSite } from '../server/monitoring/index.ts';
import { publishSite } from '../server/publishing/index.ts';
import { systemActor } from '../server/platform/actor.ts';
import { loadConfig } from '../server/platform/config.ts';
import { drainJobs } from '../server/platform/jobs/index.ts';
import { activateSite, buildColumn, buildSite } from '../test/factories.ts';
import { serveLegacySite } from '../test/fixtures/legacy-site.ts';

const PAGES = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? process.env.BENCH_IMPORT_PAGES ?? 500);
const TARGET = 50;
/** Politeness: the import's defaults unless overridden (the same for the baseline crawl and the import). */
const CONCURRENCY = Number(process.env.BENCH_IMPORT_CONCURRENCY ?? IMPORT_DEFAULTS.concurrency);
const INTERVAL_MS = Number(process.env.BENCH_IMPORT_INTERVAL_MS ?? IMPORT_DEFAULTS.intervalMs);
const f1 = (n: number) => n.toFixed(1);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-import-bench-'));
const site = await serveLegacySite({ pages: PAGES });
const deps = await createDeps(
  loadConfig({ NODE_ENV: 'test', GONGKAI_LOG_LEVEL: 'silent', GONGKAI_DATA_DIR: tmp, GONGKAI_RUN_JOBS: 'false' }),
);
const admin = systemActor('bench');
let failed = false;
try {
  const source = await buildSite(deps, { name: '原网站', hosting: 'external', baseUrl: site.url('/') });
  const target = await buildSite(deps, { name: '示例市农业农村局' });
  await activateSite(deps, target.id, { code: '9901000555', domains: ['nyj.example-city.gov.cn'] });
  for (const [name, slug, freshnessClass, accepts] of [
    ['工作动态', 'gzdt', 'news', undefined],
    ['通知公告', 'tzgg', 'notice', undefined],
    ['文件资料', 'wjzl', 'policy', undefined],
    ['人事任免', 'rsrm', 'personnel', undefined],
    ['规划计划', 'ghjh', 'plan', undefined],
    ['统计信息', 'tjxx', 'notice', ['statistics']],
    ['领导讲话', 'ldjh', 'news', undefined],
  ] as const)
    await buildColumn(deps, target.id, { name, slug, freshnessClass, ...(accepts ? { accepts: [...accepts] } : {}) });
  await publishSite(deps, target.id);
  console.log(
    `import bench: ${site.truth.pages} pages (${site.truth.articles.length} articles), SQLite in ${tmp}, politeness ${CONCURRENCY} in flight / ${INTERVAL_MS} ms between request starts`,
  );

  // Baseline: the crawl alone, same site, same politeness, nothing stored.
  const c0 = performance.now();
  const crawl = await crawlSite({
    startUrl: site.url('/'),
    concurrency: CONCURRENCY,
    intervalMs: INTERVAL_MS,
    maxPages: IMPORT_DEFAULTS.maxPages,
    checkExternal: false,
  });
  const crawlS = (performance.now() - c0) / 1000;
  const crawlRate = crawl.pages / crawlS;
  console.log(`  crawl alone: ${crawl.pages} pages, ${crawl.urlsChecked} URLs in ${f1(crawlS)} s: ${f1(crawlRate)} pages/s`);

  const registry = jobRegistry();
  const t0 = performance.now();
  const made = await createImport(deps, admin, {
    sourceSiteId: source.id,
    targetSiteId: target.id,
    startUrl: site.url('/'),
    options: { concurrency: CONCURRENCY, intervalMs: INTERVAL_MS },
  });
  await drainJobs(deps, registry, { maxRounds: 100_000 });
  const analysed = await getImport(deps, admin, made.id);
  const analyseS = (performance.now() - t0) / 1000;
  const mapping = Object.fromEntries(analysed.columns.map((c) => [c.key, c.suggestion.columnId]));
  const confirmed = await confirmMapping(deps, admin, made.id, { version: analysed.version, mapping });
  await startImport(deps, admin, made.id, { version: confirmed.version });
  const t1 = performance.now();
  const wall1 = Date.now();
  await drainJobs(deps, registry, { maxRounds: 100_000 });
  const importS = (performance.now() - t1) / 1000;
  const totalS = (performance.now() - t0) / 1000;
  const done = await getImport(deps, admin, made.id);
  // The import job's own part: until the import was marked done (the site build follows).
  const importOnlyS = (Date.parse(done.finishedAt ?? new Date().toISOString()) - wall1) / 1000;
  const published = await deps.db.kysely.selectFrom('published_articles').select('article_id').where('site_id', '=', target.id).execute();
  const rate = done.counts.pagesSeen / totalS;
  console.log(
    `  import: ${done.counts.pagesSeen} pages analysed in ${f1(analyseS)} s; ${done.counts.imported} articles imported in ${f1(importOnlyS)} s, the site rebuilt with ${published.length} published in ${f1(importS - importOnlyS)} s ` +
      `(${done.counts.duplicates} duplicates, ${done.counts.skipped} pages not imported, ${done.counts.failed} failed); whole import ${f1(totalS)} s: ${f1(rate)} pages/s; ` +
      `target ≥ ${TARGET} pages/s: ${rate >= TARGET ? 'met' : 'NOT met'}`,
  );
  if (done.status !== 'done' || done.counts.imported !== site.truth.articles.length || published.length !== done.counts.imported) {
    console.error(`  the import did not bring in exactly the fixture's ${site.truth.articles.length} articles (status ${done.status})`);
    failed = true;
  }
  console.log(
    `import pages=${done.counts.pagesSeen} pages_per_s=${f1(rate)} crawl_pages_per_s=${f1(crawlRate)} ratio=${(rate / crawlRate).toFixed(2)} articles=${done.counts.imported} target_pages_per_s=${TARGET}`,
  );
} finally {
  await deps.db.close();
  await site.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

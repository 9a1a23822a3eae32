/**
 * Child process of the publishing benchmark: opens the data folder the parent built and runs
 * one full `publishSite`, alone in its process, so the peak RSS is the build's (main thread and
 * worker threads together: they share the process). Prints one JSON line on stdout.
 *
 *   node --import tsx bench/support/publish-child.ts <dataDir> <siteId> [workers|default]
 */
import { systemClock } from '../../server/platform/clock.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { openDbFromConfig } from '../../server/platform/db/database.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { publishSite } from '../../server/publishing/commands/publish.ts';

const [dataDir, siteId, workersArg] = process.argv.slice(2);
if (!dataDir || !siteId) throw new Error('usage: publish-child.ts <dataDir> <siteId> [workers]');

let sampledMax = process.memoryUsage().rss;
const sampler = setInterval(() => {
  sampledMax = Math.max(sampledMax, process.memoryUsage().rss);
}, 50);

// Only what a build loads (the database is migrated already): not the HTTP server's modules.
const config = loadConfig({
  NODE_ENV: 'production',
  GONGKAI_DATA_DIR: dataDir,
  GONGKAI_LOG_LEVEL: 'silent',
  GONGKAI_PUBLISH_THREADS: process.env.GONGKAI_PUBLISH_THREADS,
});
const deps = { config, db: openDbFromConfig(config), clock: systemClock, logger: createLogger(config.logLevel) };
const startRss = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await publishSite(deps, siteId, workersArg && workersArg !== 'default' ? { workers: Number(workersArg) } : {});
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
sampledMax = Math.max(sampledMax, process.memoryUsage().rss);
await deps.db.close();
process.stdout.write(
  `${JSON.stringify({
    pages: result.pages,
    articles: result.articles,
    wallMs,
    userMs: cpu.user / 1000,
    systemMs: cpu.system / 1000,
    startRssMb: startRss / 2 ** 20,
    sampledMaxRssMb: sampledMax / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    threads: deps.config.publishThreads,
  })}\n`,
);

/** A build worker thread: opens its own database connection and runs the column tasks it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { openDbFromConfig } from '../platform/db/database.ts';
import { createLogger } from '../platform/logger.ts';
import { runColumnTask, type ColumnTask } from './build-tasks.ts';
import { loadSiteModel } from './site-model.ts';

const { config, siteId, dir, now } = workerData as { config: Config; siteId: string; dir: string; now: string };
const db = openDbFromConfig(config);
const deps = { config, db, clock: systemClock, logger: createLogger(config.logLevel) };
const model = await loadSiteModel(deps, siteId);
const port = parentPort!;

port.on('message', (task: ColumnTask | null) => {
  if (task === null) {
    void db.close().then(() => port.close());
    return;
  }
  runColumnTask(deps, model, dir, task, now).then(
    (pages) => port.postMessage({ pages }),
    (e: unknown) => port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});

/**
 * What commands, routes, jobs and the CLI are handed: the platform's services. Built once
 * per process by the composition root (`server/platform/boot.ts`) or by tests.
 */
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { Logger } from './logger.ts';

export interface Deps {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
}

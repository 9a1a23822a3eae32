/**
 * Platform configuration: read once from the environment, validated, typed.
 * A bad setting stops start-up with one line that names it.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const boolFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  GONGKAI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave unset for the embedded SQLite database)')
    .optional(),
  GONGKAI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GONGKAI_TRUST_PROXY: boolFlag.default(false),
  GONGKAI_SECURE_COOKIES: boolFlag.optional(),
  GONGKAI_RUN_JOBS: boolFlag.default(true),
  GONGKAI_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** County-level departments and townships may not own a site (国办发〔2017〕47号). */
  GONGKAI_ALLOW_COUNTY_DEPARTMENT_SITES: boolFlag.default(false),
  /** Threads a full site publish uses (default: one per core; 0 builds in the calling thread). */
  GONGKAI_PUBLISH_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  /** Megabytes of published files the embedded server keeps in memory. */
  GONGKAI_PUBLIC_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(64),
  GONGKAI_CHROMIUM: z.string().min(1).default('/usr/bin/chromium'),
  /**
   * Keys of personal data at rest: `k2026:BASE64,k2025:BASE64,index:BASE64` (first = current;
   * see platform/personal-data.ts). Unset: a key file made once in the data folder.
   */
  GONGKAI_DATA_KEYS: z.string().optional(),
  /** The platform's 索引号 template (orgs may set their own); checked by the disclosure room. */
  GONGKAI_INDEX_TEMPLATE: z.string().max(64).default('{creditCode}/{YYYY}-{NNNNN}'),
  /** Days a closing site shows its closure notice before it may be closed (at least 30, §2.5). */
  GONGKAI_CLOSURE_NOTICE_DAYS: z.coerce.number().int().min(30).max(3650).default(30),
  /** Days after its site closed during which an org may not ask to open a site again. */
  GONGKAI_REOPEN_BAN_DAYS: z.coerce.number().int().min(0).max(3650).default(365),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  databaseUrl: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  secureCookies: boolean;
  runJobs: boolean;
  workerConcurrency: number;
  allowCountyDepartmentSites: boolean;
  publishThreads: number;
  publicCacheBytes: number;
  indexTemplate: string;
  /** Personal-data keys from the environment; undefined = the data folder's key file. */
  dataKeys: string | undefined;
  /** The Chromium the weekly accessibility sample runs axe in. */
  chromiumPath: string;
  /** Site lifecycle: the closure notice period and the reopening ban, in days. */
  closureNoticeDays: number;
  reopenBanDays: number;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`配置错误 ${setting}: ${detail}`);
  }
}

/** Parses the environment into a Config; throws ConfigError naming the first bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const setting = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(setting, `${issue?.message ?? 'invalid'} (got ${JSON.stringify(cleaned[setting] ?? null)})`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.GONGKAI_DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseFile: path.join(dataDir, 'gongkai.db'),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.GONGKAI_LOG_LEVEL,
    trustProxy: e.GONGKAI_TRUST_PROXY,
    secureCookies: e.GONGKAI_SECURE_COOKIES ?? e.NODE_ENV === 'production',
    runJobs: e.GONGKAI_RUN_JOBS,
    workerConcurrency: e.GONGKAI_WORKER_CONCURRENCY,
    allowCountyDepartmentSites: e.GONGKAI_ALLOW_COUNTY_DEPARTMENT_SITES,
    publishThreads: e.GONGKAI_PUBLISH_THREADS ?? Math.max(1, os.availableParallelism()),
    publicCacheBytes: e.GONGKAI_PUBLIC_CACHE_MB * 1024 * 1024,
    chromiumPath: e.GONGKAI_CHROMIUM,
    indexTemplate: e.GONGKAI_INDEX_TEMPLATE,
    dataKeys: e.GONGKAI_DATA_KEYS,
    closureNoticeDays: e.GONGKAI_CLOSURE_NOTICE_DAYS,
    reopenBanDays: e.GONGKAI_REOPEN_BAN_DAYS,
  };
}

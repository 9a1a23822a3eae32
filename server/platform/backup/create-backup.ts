/**
 * `createBackup`: one .tar.gz holding the database (a consistent snapshot), the data folder's
 * stored files and a manifest with row counts, file hashes and key metadata (ADR 0017). Written
 * as a stream under a temporary name and renamed when complete, so memory does not grow with
 * the data and a failed backup leaves no archive behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { systemClock, type Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { dataKeyring, dataKeySource } from '../data-keys.ts';
import { openDbFromConfig, type Db } from '../db/database.ts';
import { createLogger } from '../logger.ts';
import { personalDataUsage } from '../personal-data-store.ts';
import { dumpPostgres, dumpSqlite, type DumpFacts } from './database-dump.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, DATA_PREFIX, MANIFEST_ENTRY, type BackupManifest, type ManifestFile } from './manifest.ts';
import { padding, tarEnd, tarHeader } from './tar.ts';

export interface BackupOptions {
  config: Config;
  /** The archive to write (its folder must exist). */
  out: string;
  /** Also the published sites under data/public (regenerable by `gongkai publish --all`). */
  includePublic?: boolean;
  clock?: Clock;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/**
 * Top-level entries of the data folder a backup leaves out: the database (in the archive as a
 * snapshot), the personal-data keys (kept apart, ADR 0009), crawl journals (scratch), access logs
 * (read hourly into the database) and restore staging folders. Everything else is included, so
 * folders that later rooms add are backed up without a change here.
 */
const EXCLUDED_TOP = new Set(['gongkai.db', 'gongkai.db-wal', 'gongkai.db-shm', 'gongkai.db-journal', 'keys', 'crawls', 'logs']);
export const PUBLIC_FOLDER = 'public';
export const STAGING_PREFIX = '.restore-';

const PLATFORM_VERSION = (
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;

export function platformVersion(): string {
  return PLATFORM_VERSION;
}

interface DataEntry {
  /** Relative to the data folder, with forward slashes. */
  rel: string;
  abs: string;
  kind: 'file' | 'symlink';
}

/** The data folder's files to back up, sorted, skipping the exclusions and files being written (`*.tmp`). */
function dataEntries(dataDir: string, includePublic: boolean, skip: Set<string>): DataEntry[] {
  const out: DataEntry[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(dir, e.name);
      if (!rel && (EXCLUDED_TOP.has(e.name) || e.name.startsWith(STAGING_PREFIX) || (e.name === PUBLIC_FOLDER && !includePublic))) continue;
      if (skip.has(abs) || e.name.endsWith('.tmp')) continue;
      if (e.isDirectory()) walk(abs, childRel);
      else if (e.isFile()) out.push({ rel: childRel, abs, kind: 'file' });
      else if (e.isSymbolicLink()) out.push({ rel: childRel, abs, kind: 'symlink' });
    }
  };
  if (fs.existsSync(dataDir)) walk(dataDir, '');
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** Streams one file into the archive, hashing it; refuses a file whose size changed while being read. */
async function* fileEntry(archivePath: string, abs: string, mode: number, mtime: number, size: number, record: (sha: string) => void) {
  yield tarHeader({ path: archivePath, type: 'file', size, mode, mtime });
  const hash = createHash('sha256');
  let read = 0;
  if (size > 0) {
    for await (const chunk of fs.createReadStream(abs, { start: 0, end: size - 1 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      read += chunk.length;
      yield chunk;
    }
  }
  if (read !== size) throw new Error(`file changed while being backed up: ${abs}`);
  yield padding(size);
  record(hash.digest('hex'));
}

/** Makes a backup archive of the configured platform. */
export async function createBackup(opts: BackupOptions): Promise<BackupSummary> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const out = path.resolve(opts.out);
  const tmp = `${out}.${randomBytes(6).toString('hex')}.tmp`;
  const dumpFile = `${tmp}.db`;
  const dialect = config.databaseUrl ? 'postgres' : 'sqlite';
  const ring = dataKeyring(config);
  let usage: Awaited<ReturnType<typeof personalDataUsage>> = [];
  const inspect = async (db: Db) => {
    usage = await personalDataUsage({ config, db, clock, logger: createLogger('silent') }, ring);
  };
  try {
    // The database first: every file its rows name was stored before it (files are written before
    // their row commits and never removed), so the files copied next are all there.
    let facts: DumpFacts;
    if (config.databaseUrl) {
      const db = openDbFromConfig(config);
      try {
        facts = await dumpPostgres(config, db, dumpFile, inspect);
      } finally {
        await db.close();
      }
    } else facts = await dumpSqlite(config, dumpFile, inspect);

    const files: ManifestFile[] = [];
    // Filled while the archive streams: the dump's hash first, the manifest last.
    const state: { database?: BackupManifest['database']; manifest?: BackupManifest } = {};
    const databasePath = dialect === 'sqlite' ? 'database/gongkai.sqlite' : 'database/gongkai.pgdump';
    const entries = dataEntries(config.dataDir, opts.includePublic === true, new Set([out, tmp, dumpFile]));
    const createdAt = clock.now();
    const mtime = Math.floor(createdAt.getTime() / 1000);

    async function* archive() {
      const dumpSize = fs.statSync(dumpFile).size;
      yield* fileEntry(databasePath, dumpFile, 0o600, mtime, dumpSize, (sha256) => {
        state.database = {
          path: databasePath,
          size: dumpSize,
          sha256,
          ...(facts.serverVersion ? { serverVersion: facts.serverVersion } : {}),
          ...(facts.toolVersion ? { toolVersion: facts.toolVersion } : {}),
        };
      });
      for (const e of entries) {
        const archivePath = `${DATA_PREFIX}${e.rel}`;
        let st: fs.Stats;
        try {
          st = fs.lstatSync(e.abs);
        } catch (err) {
          // Removed since the listing (an old site build): not part of the snapshot any more.
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw err;
        }
        if (e.kind === 'symlink') {
          const target = fs.readlinkSync(e.abs);
          yield tarHeader({
            path: archivePath,
            type: 'symlink',
            size: 0,
            mode: 0o777,
            mtime: Math.floor(st.mtimeMs / 1000),
            linkTarget: target,
          });
          files.push({ type: 'symlink', path: archivePath, target });
          continue;
        }
        yield* fileEntry(archivePath, e.abs, st.mode, Math.floor(st.mtimeMs / 1000), st.size, (sha256) =>
          files.push({ type: 'file', path: archivePath, size: st.size, sha256 }),
        );
      }
      const manifest = buildManifest();
      const body = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      yield tarHeader({ path: MANIFEST_ENTRY, type: 'file', size: body.length, mode: 0o644, mtime });
      yield body;
      yield padding(body.length);
      yield tarEnd();
    }

    const source = dataKeySource(config);
    const buildManifest = (): BackupManifest => {
      if (!state.database) throw new Error('database entry missing');
      state.manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: createdAt.toISOString(),
        platformVersion: PLATFORM_VERSION,
        dialect,
        database: state.database,
        migrations: facts.migrations,
        tables: facts.tables,
        includesPublic: opts.includePublic === true,
        files,
        keys: {
          source: source.kind,
          currentKeyId: ring.currentKeyId,
          keyIds: [...ring.keyIds],
          hasIndexKey: ring.hasIndexKey,
          usage: usage.map((u) => ({ table: u.table, column: u.column, total: u.total, byKey: u.byKey, unknown: u.unknown })),
        },
      };
      return state.manifest;
    };

    const output = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    await pipeline(Readable.from(archive()), createGzip(), output);
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, out);
    if (!state.manifest) throw new Error('manifest not written');
    return { file: out, bytes: fs.statSync(out).size, manifest: state.manifest };
  } finally {
    fs.rmSync(tmp, { force: true });
    for (const f of [dumpFile, `${dumpFile}-wal`, `${dumpFile}-shm`, `${dumpFile}-journal`]) fs.rmSync(f, { force: true });
  }
}

/**
 * `restoreBackup`: unpacks an archive into a staging folder inside the data folder, checks the
 * manifest and every hash, the schema and the keys before changing anything, then puts the files
 * and the database in place, runs pending migrations and checks the row counts and the audit
 * chain (ADR 0017). The platform must be stopped while it runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { verifyAuditChain } from '../../audit/index.ts';
import type { Config } from '../config.ts';
import { dataKeyFile, dataKeyring } from '../data-keys.ts';
import { countRows, dropTablesCascade, listTables, tableRowCounts } from '../db/catalogue.ts';
import { openDbFromConfig, type Db } from '../db/database.ts';
import { knownMigrationNames, migrateToLatest } from '../db/migrations/index.ts';
import { withSqliteFile, restorePostgres } from './database-dump.ts';
import { PUBLIC_FOLDER, STAGING_PREFIX } from './create-backup.ts';
import {
  BACKUP_ERRORS,
  DATA_PREFIX,
  MANIFEST_ENTRY,
  backupError,
  parseManifest,
  safeArchivePath,
  type BackupManifest,
} from './manifest.ts';
import { readTar, TarFormatError, type TarEntrySink } from './tar.ts';

export interface RestoreOptions {
  config: Config;
  archive: string;
  /** Replace a database that already holds data. */
  force?: boolean;
}

export interface RestoreSummary {
  createdAt: string;
  platformVersion: string;
  dialect: 'sqlite' | 'postgres';
  tables: number;
  rows: number;
  files: number;
  includesPublic: boolean;
  /** Migrations run after the restore because the backup was older than this build. */
  migrationsRun: string[];
  audit: { checked: number; headSeq: number };
}

const MAX_MANIFEST_BYTES = 1 << 30;

interface StagedEntry {
  type: 'file' | 'symlink';
  size: number;
  sha256?: string;
  target?: string;
}

/** Unpacks the archive into `staging`, hashing every file; returns what it found and the manifest's text. */
async function unpack(archive: string, staging: string): Promise<{ staged: Map<string, StagedEntry>; manifestText: string }> {
  const staged = new Map<string, StagedEntry>();
  let manifestText: string | null = null;
  const damaged = (detail: string) => backupError(BACKUP_ERRORS.archiveDamaged, 422, `备份文件已损坏或不是平台的备份：${detail}`);
  const gunzip = createGunzip();
  const reading = readTar(gunzip, async (h): Promise<TarEntrySink | null> => {
    if (!safeArchivePath(h.path) || staged.has(h.path)) throw damaged(`不安全或重复的路径 ${h.path}`);
    if (h.path === MANIFEST_ENTRY) {
      if (h.type !== 'file' || h.size > MAX_MANIFEST_BYTES) throw damaged('备份清单异常');
      const chunks: Buffer[] = [];
      return {
        write: async (c) => void chunks.push(c),
        end: async () => void (manifestText = Buffer.concat(chunks).toString('utf8')),
      };
    }
    if (!h.path.startsWith('database/') && !h.path.startsWith(DATA_PREFIX)) throw damaged(`未知的内容 ${h.path}`);
    const dest = path.join(staging, h.path);
    if (h.type === 'directory') return null;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (h.type === 'symlink') {
      staged.set(h.path, { type: 'symlink', size: 0, target: h.linkTarget ?? '' });
      return null;
    }
    const hash = createHash('sha256');
    const fd = fs.openSync(dest, 'wx', 0o600);
    let size = 0;
    return {
      write: async (c) => {
        hash.update(c);
        size += c.length;
        fs.writeSync(fd, c);
      },
      end: async () => {
        fs.closeSync(fd);
        fs.chmodSync(dest, h.mode & 0o777 || 0o644);
        staged.set(h.path, { type: 'file', size, sha256: hash.digest('hex') });
      },
    };
  });
  try {
    await Promise.all([pipeline(fs.createReadStream(archive), gunzip), reading]);
  } catch (e) {
    if (e instanceof TarFormatError) throw damaged(e.message);
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') throw damaged((e as Error).message);
    throw e;
  }
  if (manifestText === null) throw damaged('缺少备份清单');
  return { staged, manifestText };
}

/** Checks that the staged files are exactly the manifest's, byte for byte (by SHA-256). */
function checkAgainstManifest(manifest: BackupManifest, staged: Map<string, StagedEntry>): void {
  const mismatch = (detail: string) =>
    backupError(BACKUP_ERRORS.archiveMismatch, 422, `备份文件与其清单不符（${detail}），未做任何恢复`, { path: detail });
  const db = staged.get(manifest.database.path);
  if (!db || db.sha256 !== manifest.database.sha256 || db.size !== manifest.database.size) throw mismatch(manifest.database.path);
  const listed = new Set([manifest.database.path]);
  for (const f of manifest.files) {
    if (!f.path.startsWith(DATA_PREFIX) || !safeArchivePath(f.path)) throw mismatch(f.path);
    listed.add(f.path);
    const s = staged.get(f.path);
    if (!s || s.type !== f.type) throw mismatch(f.path);
    if (f.type === 'file' && (s.sha256 !== f.sha256 || s.size !== f.size)) throw mismatch(f.path);
    if (f.type === 'symlink') {
      // A link may point only inside the data folder.
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(f.path), f.target));
      if (s.target !== f.target || path.posix.isAbsolute(f.target) || !resolved.startsWith(DATA_PREFIX)) throw mismatch(f.path);
    }
  }
  for (const p of staged.keys()) if (!listed.has(p)) throw mismatch(p);
}

/** Refuses a backup whose database uses keys the target's configuration lacks (the data would be unreadable). */
function checkKeys(config: Config, manifest: BackupManifest): void {
  const needed = new Set<string>();
  for (const u of manifest.keys.usage) for (const [id, n] of Object.entries(u.byKey)) if (n > 0) needed.add(id);
  if (needed.size === 0) return;
  const keyFile = dataKeyFile(config.dataDir);
  // Never let the check create a key file: a new key would not open the backup's data.
  const have = config.dataKeys || fs.existsSync(keyFile) ? new Set(dataKeyring(config).keyIds) : new Set<string>();
  const missing = [...needed].filter((id) => !have.has(id));
  if (missing.length > 0)
    throw backupError(
      BACKUP_ERRORS.keysMissing,
      409,
      `备份中的个人信息由密钥 ${missing.join('、')} 加密，当前配置中没有这些密钥。请先把另行保管的密钥文件放到 ${keyFile}（或设置 GONGKAI_DATA_KEYS），再恢复`,
      { missing },
    );
}

async function databaseHoldsData(db: Db): Promise<boolean> {
  // Every change on the platform writes an audit event: a database without any was never used.
  const tables = await listTables(db.kysely, db.dialect);
  return tables.includes('audit_events') && (await countRows(db.kysely, 'audit_events')) > 0;
}

function checkCounts(expected: Record<string, number>, actual: Record<string, number>): void {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const wrong = [...names].filter((t) => expected[t] !== actual[t]).sort();
  if (wrong.length > 0)
    throw backupError(BACKUP_ERRORS.countsMismatch, 500, `恢复后的表行数与备份清单不符：${wrong.join('、')}`, {
      tables: Object.fromEntries(wrong.map((t) => [t, { expected: expected[t] ?? null, actual: actual[t] ?? null }])),
    });
}

/** Moves the staged data files into the data folder; the published sites are replaced as a whole. */
function placeFiles(config: Config, manifest: BackupManifest, staging: string): void {
  const stagedData = path.join(staging, 'data');
  if (manifest.includesPublic) {
    const live = path.join(config.dataDir, PUBLIC_FOLDER);
    if (fs.existsSync(live)) fs.renameSync(live, path.join(staging, 'replaced-public'));
  }
  for (const f of manifest.files) {
    const rel = f.path.slice(DATA_PREFIX.length);
    const dest = path.join(config.dataDir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (f.type === 'symlink') {
      fs.rmSync(dest, { force: true });
      fs.symlinkSync(f.target, dest);
    } else fs.renameSync(path.join(stagedData, rel), dest);
  }
}

/** Restores a backup archive into the configured database and data folder. */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreSummary> {
  const { config } = opts;
  const archive = path.resolve(opts.archive);
  if (!fs.existsSync(archive)) throw backupError(BACKUP_ERRORS.archiveDamaged, 422, `找不到备份文件 ${archive}`);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const staging = path.join(config.dataDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
  fs.mkdirSync(staging, { mode: 0o700 });
  try {
    const { staged, manifestText } = await unpack(archive, staging);
    const manifest = parseManifest(manifestText);
    checkAgainstManifest(manifest, staged);

    const dialect = config.databaseUrl ? 'postgres' : 'sqlite';
    if (manifest.dialect !== dialect)
      throw backupError(
        BACKUP_ERRORS.dialectMismatch,
        409,
        `备份来自 ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} 数据库，不能恢复到当前配置的 ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} 数据库`,
      );
    const known = new Set(knownMigrationNames());
    const unknown = manifest.migrations.filter((m) => !known.has(m));
    if (unknown.length > 0)
      throw backupError(
        BACKUP_ERRORS.newerSchema,
        409,
        `备份由更新版本的平台（${manifest.platformVersion}）创建，包含本版本不认识的数据库结构：${unknown.join('、')}。请先升级平台再恢复`,
        { unknown },
      );
    checkKeys(config, manifest);

    const stagedDb = path.join(staging, manifest.database.path);
    if (dialect === 'sqlite') {
      if (fs.existsSync(config.databaseFile)) {
        const current = openDbFromConfig(config);
        try {
          if ((await databaseHoldsData(current)) && !opts.force)
            throw backupError(
              BACKUP_ERRORS.targetNotEmpty,
              409,
              `数据库 ${config.databaseFile} 中已有数据；确认要用备份替换时请加 --force`,
            );
        } finally {
          await current.close();
        }
      }
      checkCounts(manifest.tables, await withSqliteFile(stagedDb, (db) => tableRowCounts(db.kysely, db.dialect)));
      placeFiles(config, manifest, staging);
      // A stale write-ahead log would be replayed onto the restored file.
      for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${config.databaseFile}${suffix}`, { force: true });
      fs.renameSync(stagedDb, config.databaseFile);
    } else {
      const db = openDbFromConfig(config);
      try {
        if ((await databaseHoldsData(db)) && !opts.force)
          throw backupError(BACKUP_ERRORS.targetNotEmpty, 409, '数据库中已有数据；确认要用备份替换时请加 --force');
        placeFiles(config, manifest, staging);
        // pg_restore --clean replaces the backup's tables; tables the backup does not have
        // (from a newer schema) would otherwise stay behind and break the migrations after it.
        const extra = (await listTables(db.kysely, db.dialect)).filter((t) => !(t in manifest.tables));
        await dropTablesCascade(db.kysely, extra);
        await restorePostgres(config, db, stagedDb);
        checkCounts(manifest.tables, await tableRowCounts(db.kysely, db.dialect));
      } finally {
        await db.close();
      }
    }

    const db = openDbFromConfig(config);
    try {
      const migrationsRun = await migrateToLatest(db.kysely, db.dialect);
      const audit = await verifyAuditChain(db);
      if (!audit.ok)
        throw backupError(
          BACKUP_ERRORS.auditChainBroken,
          500,
          `恢复后的审计日志哈希链校验未通过：第一条异常记录序号 ${audit.firstBad?.seq}（${audit.firstBad?.kind}）`,
        );
      return {
        createdAt: manifest.createdAt,
        platformVersion: manifest.platformVersion,
        dialect,
        tables: Object.keys(manifest.tables).length,
        rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
        files: manifest.files.length,
        includesPublic: manifest.includesPublic,
        migrationsRun,
        audit: { checked: audit.checked, headSeq: audit.headSeq },
      };
    } finally {
      await db.close();
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Where the personal-data keyring comes from: `GONGKAI_DATA_KEYS`, or else a key file made once
 * in the data folder (`keys/personal-data.keys`, readable by the owner only). Back the file up
 * with the database, apart from it: without it no ID number or phone can be read again.
 *
 * The key file holds one `id:base64key` entry per line (older files: one comma-separated line),
 * `#` starts a comment; the first data key encrypts, as in the environment variable. Rotation
 * and retirement rewrite the file atomically (temp file, fsync, rename, mode 0600) under a lock
 * file, and every process re-reads the file when it changes, so a key rotated at the console
 * reaches running servers and workers at their next use (ADR 0009).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beijingDate } from '../../common/dates.ts';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import { generateDataKey, isDataKeyId, parseDataKeys, type DataKeyring } from './personal-data.ts';

type KeyConfig = Pick<Config, 'dataDir' | 'dataKeys'>;

const FILE_HEADER = [
  '# Gongkai personal-data keys (docs/adr/0009). One id:base64key per line. The first data key',
  '# encrypts, the others only decrypt; "index" keys the blind indexes and is never rotated.',
  '# Back this file up apart from the database. Change it with `gongkai keys rotate|retire`.',
];

/** Stable codes of the key commands' refusals (shown by the CLI with the message). */
export const DATA_KEY_ERRORS = {
  fromEnv: 'GK_ERR_DATA_KEYS_FROM_ENV',
  locked: 'GK_ERR_DATA_KEYS_LOCKED',
  unknown: 'GK_ERR_DATA_KEY_UNKNOWN',
  current: 'GK_ERR_DATA_KEY_CURRENT',
  index: 'GK_ERR_DATA_KEY_INDEX',
  inUse: 'GK_ERR_DATA_KEY_IN_USE',
  missing: 'GK_ERR_DATA_KEYS_MISSING',
} as const;

/** A refusal of a key command: an AppError whose message ends with its code, for operators to quote. */
export function dataKeyError(code: (typeof DATA_KEY_ERRORS)[keyof typeof DATA_KEY_ERRORS], status: number, message: string): AppError {
  return new AppError(code, status, `${message}（${code}）`);
}

interface CachedRing {
  /** The file's identity when read (inode, size, mtime); '' for the environment. */
  stamp: string;
  ring: DataKeyring;
}

const rings = new Map<string, CachedRing>();

/** The key file's path in a data folder. */
export function dataKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'personal-data.keys');
}

/** Where this configuration's keys live: the environment variable, or the data folder's key file. */
export function dataKeySource(config: KeyConfig): { kind: 'env'; file: null } | { kind: 'file'; file: string } {
  return config.dataKeys ? { kind: 'env', file: null } : { kind: 'file', file: dataKeyFile(config.dataDir) };
}

/**
 * The keyring of this configuration. The environment is parsed once per process; the key file
 * is re-read whenever it has changed (a `stat` per call), so rotation needs no restart.
 */
export function dataKeyring(config: KeyConfig): DataKeyring {
  if (config.dataKeys) {
    const key = `env:${config.dataKeys}`;
    let hit = rings.get(key);
    if (!hit) {
      hit = { stamp: '', ring: parseDataKeys(config.dataKeys) };
      rings.set(key, hit);
    }
    return hit.ring;
  }
  const file = dataKeyFile(config.dataDir);
  const hit = rings.get(`file:${file}`);
  if (!fs.existsSync(file)) {
    // A file this process has read is gone (moved or deleted while running): making a new one
    // would encrypt under keys nobody has backed up and lose every stored value. Fail closed.
    if (hit)
      throw dataKeyError(DATA_KEY_ERRORS.missing, 503, `个人信息密钥文件 ${file} 已不存在，请从备份恢复后再继续（不会自动生成新密钥）`);
    createKeyFile(file);
  }
  const stamp = stampOf(file);
  if (hit && hit.stamp === stamp) return hit.ring;
  const ring = parseDataKeys(keyFileEntries(fs.readFileSync(file, 'utf8')).join(','));
  rings.set(`file:${file}`, { stamp, ring });
  return ring;
}

function stampOf(file: string): string {
  const st = fs.statSync(file, { bigint: true });
  return `${st.ino}:${st.size}:${st.mtimeNs}`;
}

function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': two processes starting together cannot both write a key; the loser reads the winner's.
  try {
    fs.writeFileSync(file, [...FILE_HEADER, generateDataKey(), generateDataKey('index'), ''].join('\n'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/** The `id:key` entries of a key file's text, in order (comments and blank lines dropped). */
function keyFileEntries(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(','))
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

const entryId = (entry: string) => entry.slice(0, entry.indexOf(':')).trim();

/**
 * The file's lines with every entry on a line of its own (an old one-line file is split), so
 * that rotation and retirement can insert or drop one line and keep the operator's comments.
 */
function keyFileLines(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .flatMap((line) => (line.trimStart().startsWith('#') ? [line] : keyFileEntries(line)))
    .filter((line) => line.trim() !== '');
  return lines.some((l) => l.startsWith(FILE_HEADER[0]!)) ? lines : [...FILE_HEADER, ...lines];
}

/** Writes a file so that readers see the old or the new content, never a part: temp file, fsync, rename. */
export function writeFileAtomically(file: string, text: string, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.fchmodSync(fd, mode);
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  // The rename itself survives a crash only once the folder is on disk.
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  } finally {
    fs.closeSync(dir);
  }
}

/** Runs `fn` holding the key file's lock file, so two operators cannot rotate or retire at once. */
function withKeyFileLock<T>(file: string, fn: () => T): T {
  const lock = `${file}.lock`;
  let fd: number;
  try {
    fd = fs.openSync(lock, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    throw dataKeyError(DATA_KEY_ERRORS.locked, 409, `另一个密钥命令正在修改密钥文件；若确认没有，请删除锁文件 ${lock} 后重试`);
  }
  try {
    fs.writeSync(fd, `${process.pid}\n`);
    return fn();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

/** A key id for a key made today (`k20261128`, then `k20261128-2`…), not among `taken`. */
export function newKeyId(now: Date, taken: readonly string[]): string {
  const base = `k${beijingDate(now.toISOString()).replaceAll('-', '')}`;
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.includes(id) && isDataKeyId(id)) return id;
  }
}

export interface RotatedKey {
  keyId: string;
  previousKeyId: string;
  file: string;
  keyIds: string[];
}

/**
 * Generates a new data key and makes it current, keeping the old ones for decryption. With
 * keys in the environment nothing can be written: refuses with GK_ERR_DATA_KEYS_FROM_ENV and a
 * freshly generated entry for the operator to put first in the variable.
 */
export function rotateDataKey(config: KeyConfig, now: Date): RotatedKey {
  const ring = dataKeyring(config);
  const source = dataKeySource(config);
  if (source.kind === 'env') {
    const entry = generateDataKey(newKeyId(now, ring.keyIds));
    const rest = [...ring.keyIds, ...(ring.hasIndexKey ? ['index'] : [])].map((id) => `${id}:…`).join(',');
    throw dataKeyError(
      DATA_KEY_ERRORS.fromEnv,
      409,
      `密钥来自环境变量 GONGKAI_DATA_KEYS，平台不能改写。请把下面新生成的密钥放在该变量最前面（原有密钥保留在后面），` +
        `重启所有服务和任务进程后运行 gongkai keys reencrypt：\n  ${entry}\n  GONGKAI_DATA_KEYS=${entryId(entry)}:…,${rest}`,
    );
  }
  return withKeyFileLock(source.file, () => {
    const lines = keyFileLines(fs.readFileSync(source.file, 'utf8'));
    const current = parseDataKeys(keyFileEntries(lines.join('\n')).join(','));
    const entry = generateDataKey(newKeyId(now, current.keyIds));
    // The first data key is the current one: the new entry goes right before it.
    const at = lines.findIndex((l) => !l.trimStart().startsWith('#') && entryId(l) !== 'index');
    const next = [...lines];
    next.splice(at < 0 ? lines.length : at, 0, entry);
    const ringAfter = parseDataKeys(keyFileEntries(next.join('\n')).join(','));
    writeFileAtomically(source.file, `${next.join('\n')}\n`);
    return { keyId: ringAfter.currentKeyId, previousKeyId: current.currentKeyId, file: source.file, keyIds: [...ringAfter.keyIds] };
  });
}

/**
 * Removes an old data key from the key file. The caller checks first that no stored value uses
 * it; this refuses the current key, the index key, unknown ids and keys from the environment.
 */
export function removeDataKey(config: KeyConfig, keyId: string): { file: string; keyIds: string[] } {
  checkRetirable(dataKeyring(config), keyId);
  const source = dataKeySource(config);
  if (source.kind === 'env')
    throw dataKeyError(
      DATA_KEY_ERRORS.fromEnv,
      409,
      `密钥来自环境变量 GONGKAI_DATA_KEYS，平台不能改写。已无数据使用密钥 ${keyId}，可从该变量中删除 ${keyId}:… 一项后重启服务`,
    );
  return withKeyFileLock(source.file, () => {
    const lines = keyFileLines(fs.readFileSync(source.file, 'utf8'));
    const next = lines.filter((l) => l.trimStart().startsWith('#') || entryId(l) !== keyId);
    const ring = parseDataKeys(keyFileEntries(next.join('\n')).join(','));
    writeFileAtomically(source.file, `${next.join('\n')}\n`);
    return { file: source.file, keyIds: [...ring.keyIds] };
  });
}

/** Throws the refusal for a key that may never be retired (unknown, current, the index key). */
export function checkRetirable(ring: DataKeyring, keyId: string): void {
  if (keyId === 'index') throw dataKeyError(DATA_KEY_ERRORS.index, 409, '盲索引密钥不随数据密钥轮换，不能停用');
  if (!ring.keyIds.includes(keyId)) throw dataKeyError(DATA_KEY_ERRORS.unknown, 404, `密钥环中没有密钥 ${keyId}`);
  if (keyId === ring.currentKeyId) throw dataKeyError(DATA_KEY_ERRORS.current, 409, `密钥 ${keyId} 是当前加密密钥，不能停用`);
}

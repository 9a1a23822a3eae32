import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataKeyFile, dataKeyring, newKeyId, removeDataKey, rotateDataKey, writeFileAtomically } from './data-keys.ts';
import { isAppError } from './errors.ts';
import { decryptPersonal, encryptPersonal, generateDataKey } from './personal-data.ts';

let dataDir: string;
const config = () => ({ dataDir, dataKeys: undefined });
const file = () => dataKeyFile(dataDir);
const NOW = new Date('2026-11-28T02:00:00.000Z');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-keys-'));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the personal-data key file', () => {
  it('is made once, owner-only, with one entry per line', () => {
    const ring = dataKeyring(config());
    const text = fs.readFileSync(file(), 'utf8');
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    const entries = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(entries.map((e) => e.split(':')[0])).toEqual([ring.currentKeyId, 'index']);
  });

  it('is never made anew once this process has read it: a file gone while running is an error, not a new key', () => {
    const ring = dataKeyring(config());
    const token = encryptPersonal(ring, '11010519491231002X');
    const backup = fs.readFileSync(file(), 'utf8');
    fs.rmSync(file());
    expect(codeOf(() => dataKeyring(config()))).toBe('GK_ERR_DATA_KEYS_MISSING');
    expect(fs.existsSync(file())).toBe(false);
    // Restored from the backup, it works again.
    fs.writeFileSync(file(), backup, { mode: 0o600 });
    expect(decryptPersonal(dataKeyring(config()), token)).toBe('11010519491231002X');
  });

  it('is rewritten atomically with mode 0600 when a key is rotated: new key first, old keys kept', () => {
    const before = dataKeyring(config());
    const token = encryptPersonal(before, '13812345678');
    fs.chmodSync(file(), 0o644);
    const inode = fs.statSync(file()).ino;

    const rotated = rotateDataKey(config(), NOW);
    expect(rotated).toMatchObject({ keyId: 'k20261128', previousKeyId: before.currentKeyId, keyIds: ['k20261128', before.currentKeyId] });
    const st = fs.statSync(file());
    expect(st.mode & 0o777).toBe(0o600);
    expect(st.ino).not.toBe(inode); // a new file renamed over the old one, not written in place
    expect(fs.readdirSync(path.dirname(file()))).toEqual(['personal-data.keys']); // no temp or lock file left

    const after = dataKeyring(config());
    expect(after.currentKeyId).toBe('k20261128');
    expect(decryptPersonal(after, token)).toBe('13812345678');
    expect(encryptPersonal(after, 'x').split('.')[1]).toBe('k20261128');
  });

  it('gives a second key made the same day its own id', () => {
    dataKeyring(config());
    rotateDataKey(config(), NOW);
    expect(rotateDataKey(config(), NOW).keyId).toBe('k20261128-2');
    expect(newKeyId(NOW, ['k20261128', 'k20261128-2'])).toBe('k20261128-3');
  });

  it('reads an older one-line key file, and keeps its keys and the operator comments when rotating', () => {
    const old = generateDataKey('k2025');
    const index = generateDataKey('index');
    fs.mkdirSync(path.dirname(file()), { recursive: true });
    fs.writeFileSync(file(), `# kept by the operator\n${old},${index}\n`, { mode: 0o600 });
    expect(dataKeyring(config()).keyIds).toEqual(['k2025']);

    rotateDataKey(config(), NOW);
    const text = fs.readFileSync(file(), 'utf8');
    expect(text).toContain('# kept by the operator\n');
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual([expect.stringMatching(/^k20261128:/), old, index]);
  });

  it('removes a retired key and refuses the current key, the index key and unknown ids', () => {
    const first = dataKeyring(config()).currentKeyId;
    rotateDataKey(config(), NOW);
    expect(codeOf(() => removeDataKey(config(), 'k20261128'))).toBe('GK_ERR_DATA_KEY_CURRENT');
    expect(codeOf(() => removeDataKey(config(), 'index'))).toBe('GK_ERR_DATA_KEY_INDEX');
    expect(codeOf(() => removeDataKey(config(), 'k1999'))).toBe('GK_ERR_DATA_KEY_UNKNOWN');
    expect(removeDataKey(config(), first).keyIds).toEqual(['k20261128']);
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    expect(dataKeyring(config()).keyIds).toEqual(['k20261128']);
    expect(dataKeyring(config()).hasIndexKey).toBe(true);
  });

  it('refuses to change the file while another key command holds its lock', () => {
    dataKeyring(config());
    fs.writeFileSync(`${file()}.lock`, '1\n');
    expect(codeOf(() => rotateDataKey(config(), NOW))).toBe('GK_ERR_DATA_KEYS_LOCKED');
    fs.rmSync(`${file()}.lock`);
    expect(rotateDataKey(config(), NOW).keyId).toBe('k20261128');
  });

  it('leaves the old content and no temp file when the rename fails', () => {
    const target = path.join(dataDir, 'target');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'x');
    expect(() => writeFileAtomically(target, 'new')).toThrow();
    expect(fs.readdirSync(dataDir)).toEqual(['target']);
  });

  it('refuses to rotate keys held in the environment', () => {
    const env = { dataDir, dataKeys: `${generateDataKey('k2025')},${generateDataKey('index')}` };
    expect(codeOf(() => rotateDataKey(env, NOW))).toBe('GK_ERR_DATA_KEYS_FROM_ENV');
    expect(codeOf(() => removeDataKey(env, 'k2025'))).toBe('GK_ERR_DATA_KEY_CURRENT');
    expect(fs.existsSync(file())).toBe(false);
  });
});

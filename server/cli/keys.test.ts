import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataKeyring } from '#server/platform/data-keys.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/gongkai.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-cli-keys-'));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the real `gongkai` command on an SQLite database in a folder of its own. */
function gongkai(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !['DATABASE_URL', 'GONGKAI_DATA_KEYS', 'NODE_OPTIONS'].includes(k) && !k.startsWith('VITEST'),
    ),
  );
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...base, GONGKAI_DATA_DIR: path.join(dir, 'data'), GONGKAI_LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// One spawn only: the CLI takes several seconds to start; the commands' functions are tested in
// server/platform/personal-data-store.test.ts.
describe('the gongkai keys command', () => {
  it('rotates the key file from the real command line and answers in JSON', { timeout: 60_000 }, () => {
    const rotated = gongkai(['keys', 'rotate', '--json']);
    expect(rotated.err).toBe('');
    expect(rotated.code).toBe(0);
    const r = JSON.parse(rotated.out) as { keyId: string; previousKeyId: string; keyIds: string[]; jobId: string };
    expect(r.keyId).toMatch(/^k\d{8}$/);
    expect(r.keyIds).toEqual([r.keyId, r.previousKeyId]);
    expect(r.jobId).toBeTruthy();
    const file = path.join(dir, 'data/keys/personal-data.keys');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(dataKeyring({ dataDir: path.join(dir, 'data'), dataKeys: undefined }).currentKeyId).toBe(r.keyId);
  });
});

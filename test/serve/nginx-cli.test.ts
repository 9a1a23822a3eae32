/**
 * `gongkai nginx-config` as an operator runs it. The command's database access is the same
 * query the nginx integration test runs on both dialects, so this one always uses an embedded
 * database in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/gongkai.js');

describe('gongkai nginx-config', () => {
  let dir: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'nginx-config', ...args], {
      env: { ...process.env, GONGKAI_DATA_DIR: dir, DATABASE_URL: '', GONGKAI_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-nginx-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the configuration with the chosen listen address and application', () => {
    const r = run('--listen', '8080', '--app', 'http://127.0.0.1:3100');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('server 127.0.0.1:3100;');
    expect(r.stdout).toContain('listen 8080 default_server;');
  });

  it('writes the file given with --out', () => {
    const out = path.join(dir, 'gongkai.conf');
    const r = run('--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('upstream gongkai_app');
    expect(r.stdout).toBe('');
  });

  it('refuses a bad option with a usage error and a Chinese message', () => {
    const r = run('--listen', '80; include /etc/shadow');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('监听地址不正确');
    expect(r.stdout).toBe('');
  });
});

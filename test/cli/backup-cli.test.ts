import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '#test/support.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/gongkai.js');

async function adminQuery(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

/** A data folder and, on PostgreSQL, a database of its own (the CLI works in the default schema). */
interface Instance {
  dir: string;
  databaseUrl: string;
  dbName: string;
}

// Each command starts a real process (5–8 s each on a busy 2-core machine).
describe(`gongkai backup and restore (${TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, { timeout: 300_000 }, () => {
  const instances: Instance[] = [];
  let work: string;

  async function instance(): Promise<Instance> {
    const dir = fs.mkdtempSync(path.join(work, 'data-'));
    const dbName = `gk_cli_backup_${randomBytes(5).toString('hex')}`;
    let databaseUrl = '';
    if (TEST_DATABASE_URL) {
      await adminQuery(`CREATE DATABASE ${dbName}`);
      const u = new URL(TEST_DATABASE_URL);
      u.pathname = `/${dbName}`;
      databaseUrl = u.toString();
    }
    const i = { dir, databaseUrl, dbName };
    instances.push(i);
    return i;
  }
  const run = (i: Instance, ...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, GONGKAI_DATA_DIR: i.dir, DATABASE_URL: i.databaseUrl, GONGKAI_DATA_KEYS: '' },
      cwd: work,
      encoding: 'utf8',
    });

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-backup-cli-'));
  });
  afterAll(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    if (TEST_DATABASE_URL) for (const i of instances) await adminQuery(`DROP DATABASE IF EXISTS ${i.dbName} WITH (FORCE)`);
  });

  it('backs up a running city and restores it elsewhere, refusing a used database without --force', async () => {
    const source = await instance();
    expect(run(source, 'demo', '--json').status).toBe(0);
    const archive = path.join(work, 'city.tar.gz');
    const made = run(source, 'backup', '--out', archive, '--json');
    expect(made.status, made.stderr).toBe(0);
    const summary = JSON.parse(made.stdout) as {
      file: string;
      rows: number;
      files: number;
      includesPublic: boolean;
      keys: { included: boolean };
    };
    expect(summary).toMatchObject({ file: archive, includesPublic: false, keys: { included: false } });
    expect(summary.rows).toBeGreaterThan(0);

    // The operator keeps the key file apart from backups and puts it back first.
    const target = await instance();
    fs.mkdirSync(path.join(target.dir, 'keys'));
    fs.copyFileSync(path.join(source.dir, 'keys', 'personal-data.keys'), path.join(target.dir, 'keys', 'personal-data.keys'));
    const restored = run(target, 'restore', archive);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('各表行数与备份清单一致');
    expect(restored.stdout).toContain('gongkai publish --all');
    const verify = run(target, 'audit', 'verify', '--json');
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });

    const again = run(target, 'restore', archive);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('GK_ERR_BACKUP_TARGET_NOT_EMPTY');
    const forced = run(target, 'restore', archive, '--force', '--json');
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ rows: summary.rows, files: summary.files });
  });

  it('writes the default archive name in the working folder and refuses a damaged archive', async () => {
    const source = await instance();
    expect(run(source, 'users', 'create', 'opsuser', '--name', '运维人员').status).toBe(0);
    const made = run(source, 'backup');
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('个人信息加密密钥不在备份中');
    const name = fs.readdirSync(work).find((f) => /^gongkai-backup-\d{8}T\d{6}Z\.tar\.gz$/.test(f));
    expect(name).toBeDefined();

    const bytes = fs.readFileSync(path.join(work, name as string));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0xff;
    fs.writeFileSync(path.join(work, 'damaged.tar.gz'), bytes);
    const target = await instance();
    const r = run(target, 'restore', 'damaged.tar.gz');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/GK_ERR_BACKUP_ARCHIVE_(DAMAGED|MISMATCH)/);
  });
});

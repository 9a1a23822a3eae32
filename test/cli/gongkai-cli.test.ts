import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '#test/support.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/gongkai.js');

/** On PostgreSQL each run gets a database of its own, since the CLI works in the default schema. */
async function adminQuery(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

// Each case starts the real command several times (5–8 s each on a busy 2-core machine).
describe(`the gongkai command (${TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, { timeout: 120_000 }, () => {
  let dir: string;
  let databaseUrl = '';
  const dbName = `gk_cli_${randomBytes(5).toString('hex')}`;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, GONGKAI_DATA_DIR: dir, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-cli-'));
    if (TEST_DATABASE_URL) {
      await adminQuery(`CREATE DATABASE ${dbName}`);
      const u = new URL(TEST_DATABASE_URL);
      u.pathname = `/${dbName}`;
      databaseUrl = u.toString();
    }
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (TEST_DATABASE_URL) await adminQuery(`DROP DATABASE IF EXISTS ${dbName}`);
  });

  /** Edits one audit event behind the platform's back, as a database superuser could. */
  async function tamperWithEvent(seq: number): Promise<void> {
    if (databaseUrl) {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_guard');
      await c.query("UPDATE audit_events SET action = 'accounts.user.create.hidden' WHERE seq = $1", [seq]);
      await c.end();
      return;
    }
    const db = new Database(path.join(dir, 'gongkai.db'));
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare("UPDATE audit_events SET action = 'accounts.user.create.hidden' WHERE seq = ?").run(seq);
    db.close();
  }

  it('migrates, reports status as JSON, and is safe to run again', () => {
    expect(run('migrate').status).toBe(0);
    const r = run('migrate', '--status', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { dialect: string; migrations: { name: string; executedAt: string | null }[] };
    expect(out.dialect).toBe(databaseUrl ? 'postgres' : 'sqlite');
    expect(out.migrations.every((m) => m.executedAt)).toBe(true);
    if (!databaseUrl) expect(fs.existsSync(path.join(dir, 'gongkai.db'))).toBe(true);
  });

  it('creates a user, grants a role, resets the password, and refuses unknown roles with exit 2', () => {
    const created = run('users', 'create', 'opsuser', '--name', '运维人员', '--json');
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout).oneTimePassword).toMatch(/^\S{12}$/);
    expect(run('users', 'grant', 'opsuser', 'supervisor').status).toBe(0);
    expect(run('users', 'grant', 'opsuser', 'emperor').status).toBe(2);
    expect(run('users', 'grant', 'nobody', 'supervisor').status).toBe(1);
    const reset = run('users', 'reset-password', 'opsuser', '--json');
    expect(JSON.parse(reset.stdout).username).toBe('opsuser');
    expect(run('users', 'create', 'x', '--name', 'bad').status).toBe(2);
  });

  it('verifies the audit chain and exits non-zero naming the first bad event after tampering', async () => {
    expect(run('demo', '--json').status).toBe(0);
    const ok = run('audit', 'verify', '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);

    await tamperWithEvent(7);
    const bad = run('audit', 'verify');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('第一条异常记录序号 7');
  });

  it('refuses to start with a bad setting, naming it in one line', () => {
    const r = spawnSync(process.execPath, [BIN, 'migrate'], {
      env: { ...process.env, GONGKAI_DATA_DIR: dir, DATABASE_URL: 'mysql://nope' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(78);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('DATABASE_URL');
  });

  it('answers working-day questions on the official calendar', () => {
    const yes = run('calendar', 'is-workday', '2017-09-30');
    expect([yes.status, yes.stdout]).toEqual([0, 'true\n']);
    expect(run('calendar', 'is-workday', '2017-10-02').stdout).toBe('false\n');
    const add = run('calendar', 'add-workdays', '2017-09-29', '3');
    expect([add.status, add.stdout]).toEqual([0, '2017-10-10\n']);
    expect(run('calendar', 'is-workday', '2017-02-30').status).toBe(2);
    expect(run('calendar', 'add-workdays', '2017-09-29', '-1').status).toBe(2);
  });

  it('parses a 公文 file into the documented JSON fields', () => {
    const file = path.resolve(import.meta.dirname, '../fixtures/documents/notice-panbanhan-2017-122.txt');
    const r = run('document', 'parse', file, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['docNumber', 'title', 'issuingOrg', 'recipients', 'writtenOn', 'attachments', 'disclosure']);
    expect(out).toMatchObject({ docNumber: '攀办函〔2017〕122号', writtenOn: '2017-11-02', attachments: null, disclosure: null });
    expect(run('document', 'parse', '/no/such/file.docx').status).toBe(1);
  });

  it('prints help for every command', () => {
    for (const args of [['--help'], ['serve', '--help'], ['users', 'grant', '--help'], ['audit', 'verify', '--help']]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: gongkai');
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '#server/composition.ts';
import { createUser } from '#server/accounts/index.ts';
import { recordAudit, verifyAuditChain } from '#server/audit/index.ts';
import { seedDemo } from '#server/demo/index.ts';
import type { Config } from '#server/platform/config.ts';
import { dataKeyFile } from '#server/platform/data-keys.ts';
import { listTables } from '#server/platform/db/catalogue.ts';
import { openDbFromConfig } from '#server/platform/db/database.ts';
import { knownMigrationNames, migrateDownLast } from '#server/platform/db/migrations/index.ts';
import { inTransaction } from '#server/platform/db/transaction.ts';
import type { Deps } from '#server/platform/deps.ts';
import { factoryActor } from '#test/factories.ts';
import { TEST_DATABASE_URL, testConfig } from '#test/support.ts';
import { BACKUP_ERRORS, createBackup, restoreBackup, type BackupManifest } from './index.ts';
import { readTar, tarEnd, tarHeader, padding, type TarHeader } from './tar.ts';

/**
 * A platform of its own: a data folder and, on PostgreSQL, a database of its own (pg_dump and
 * pg_restore work on whole databases, not on the suite's per-test schemas).
 */
interface Platform {
  config: Config;
  drop(): Promise<void>;
}

async function adminQuery(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

const platforms: Platform[] = [];

async function freshPlatform(): Promise<Platform> {
  if (!TEST_DATABASE_URL) {
    const p = { config: testConfig(), drop: async () => undefined };
    platforms.push(p);
    return p;
  }
  const name = `gk_backup_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  const p = { config: testConfig({ DATABASE_URL: u.toString() }), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  platforms.push(p);
  return p;
}

/** Gives the target the key file the operator keeps apart from backups. */
function copyKeys(from: Config, to: Config): void {
  fs.mkdirSync(path.dirname(dataKeyFile(to.dataDir)), { recursive: true });
  fs.copyFileSync(dataKeyFile(from.dataDir), dataKeyFile(to.dataDir));
}

/** Every table's rows, sorted, by table name; the tables come from the database catalogue. */
async function allRows(config: Config): Promise<Record<string, string[]>> {
  const db = openDbFromConfig(config);
  try {
    const out: Record<string, string[]> = {};
    for (const t of await listTables(db.kysely, db.dialect)) {
      const r = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db.kysely);
      out[t] = r.rows.map((row) => JSON.stringify(row)).sort();
    }
    return out;
  } finally {
    await db.close();
  }
}

/** Every file and link under the data folder except the database and the keys, by relative path. */
function allFiles(dataDir: string): Map<string, Buffer | string> {
  const out = new Map<string, Buffer | string>();
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (!rel && (e.name.startsWith('gongkai.db') || e.name === 'keys')) continue;
      const abs = path.join(dir, e.name);
      if (e.isSymbolicLink()) out.set(r, `-> ${fs.readlinkSync(abs)}`);
      else if (e.isDirectory()) walk(abs, r);
      else out.set(r, fs.readFileSync(abs));
    }
  };
  if (fs.existsSync(dataDir)) walk(dataDir, '');
  return out;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'no refusal';
}

/** Rewrites an archive, letting `edit` change each entry's bytes. */
async function rewriteArchive(file: string, out: string, edit: (h: TarHeader, body: Buffer) => Buffer): Promise<void> {
  const parts: Buffer[] = [];
  await readTar(Readable.from([gunzipSync(fs.readFileSync(file))]), async (h) => {
    const chunks: Buffer[] = [];
    return {
      write: async (c) => void chunks.push(c),
      end: async () => {
        const body = edit(h, Buffer.concat(chunks));
        parts.push(tarHeader({ ...h, size: h.type === 'file' ? body.length : 0 }), body, padding(body.length));
      },
    };
  });
  parts.push(tarEnd());
  fs.writeFileSync(out, gzipSync(Buffer.concat(parts)));
}

describe(`backup and restore (${TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, { timeout: 180_000 }, () => {
  let source: Platform;
  let deps: Deps;
  let archive: string;
  let manifest: BackupManifest;
  let work: string;

  beforeAll(async () => {
    source = await freshPlatform();
    deps = await createDeps(source.config);
    await seedDemo(deps);
    await deps.db.close();
    work = fs.mkdtempSync(path.join(path.dirname(source.config.dataDir), 'backups-'));
    archive = path.join(work, 'city.tar.gz');
    manifest = (await createBackup({ config: source.config, out: archive, includePublic: true })).manifest;
    // Seeding the demo city takes a minute on PostgreSQL on a busy machine.
  }, 300_000);
  afterAll(async () => {
    for (const p of platforms) await p.drop();
  });

  it('restores into a fresh database and data folder with every table row and every file identical', async () => {
    expect(manifest.tables.audit_events).toBeGreaterThan(0);
    expect(manifest.files.some((f) => f.path.startsWith('data/files/'))).toBe(true);
    expect(manifest.files.some((f) => f.type === 'symlink')).toBe(true);
    // Key metadata only: the ids and what each encrypts, never the key file.
    expect(
      manifest.keys.usage.find((u) => u.table === 'letters' && u.column === 'writer_name')?.byKey[manifest.keys.currentKeyId],
    ).toBeGreaterThan(0);
    expect(manifest.files.some((f) => f.path.startsWith('data/keys/'))).toBe(false);
    expect(fs.readdirSync(work)).toEqual(['city.tar.gz']);

    const target = await freshPlatform();
    copyKeys(source.config, target.config);
    const summary = await restoreBackup({ config: target.config, archive });
    expect(summary.migrationsRun).toEqual([]);
    expect(summary.audit.checked).toBe(manifest.tables.audit_events);

    const [before, after] = [await allRows(source.config), await allRows(target.config)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);

    const [srcFiles, dstFiles] = [allFiles(source.config.dataDir), allFiles(target.config.dataDir)];
    expect([...dstFiles.keys()].sort()).toEqual([...srcFiles.keys()].sort());
    for (const [p, content] of srcFiles) expect(dstFiles.get(p), p).toEqual(content);

    const db = openDbFromConfig(target.config);
    try {
      expect((await verifyAuditChain(db)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('leaves the published sites out unless asked, and restores the stored files', async () => {
    const slim = path.join(work, 'slim.tar.gz');
    const m = (await createBackup({ config: source.config, out: slim })).manifest;
    expect(m.includesPublic).toBe(false);
    expect(m.files.every((f) => !f.path.startsWith('data/public/'))).toBe(true);
    const target = await freshPlatform();
    copyKeys(source.config, target.config);
    await restoreBackup({ config: target.config, archive: slim });
    expect(fs.existsSync(path.join(target.config.dataDir, 'public'))).toBe(false);
    for (const f of m.files) expect(fs.existsSync(path.join(target.config.dataDir, f.path.slice('data/'.length)))).toBe(true);
    fs.rmSync(slim);
  });

  /** Nothing of the target was written: no database rows, no files but the key file. */
  async function expectUntouched(target: Platform): Promise<void> {
    expect([...allFiles(target.config.dataDir).keys()]).toEqual([]);
    expect(fs.existsSync(target.config.databaseFile)).toBe(false);
    if (TEST_DATABASE_URL) {
      const db = openDbFromConfig(target.config);
      try {
        expect(await listTables(db.kysely, db.dialect)).toEqual([]);
      } finally {
        await db.close();
      }
    }
  }

  it('refuses an archive with one changed byte before writing anything', async () => {
    const bytes = fs.readFileSync(archive);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0x01;
    const damaged = path.join(work, 'damaged.tar.gz');
    fs.writeFileSync(damaged, bytes);
    const target = await freshPlatform();
    copyKeys(source.config, target.config);
    expect(await refusal(restoreBackup({ config: target.config, archive: damaged }))).toMatch(
      new RegExp(`${BACKUP_ERRORS.archiveDamaged}|${BACKUP_ERRORS.archiveMismatch}`),
    );
    await expectUntouched(target);
    fs.rmSync(damaged);
  });

  it('refuses a well-formed archive whose file differs from the manifest by one byte', async () => {
    const edited = path.join(work, 'edited.tar.gz');
    const victim = manifest.files.find((f) => f.type === 'file' && f.path.startsWith('data/files/'))?.path;
    await rewriteArchive(archive, edited, (h, body) => {
      if (h.path !== victim) return body;
      const copy = Buffer.from(body);
      copy[0] = (copy[0] as number) ^ 0x01;
      return copy;
    });
    const target = await freshPlatform();
    copyKeys(source.config, target.config);
    expect(await refusal(restoreBackup({ config: target.config, archive: edited }))).toBe(BACKUP_ERRORS.archiveMismatch);
    await expectUntouched(target);
    fs.rmSync(edited);
  });

  it('refuses a backup made by a newer schema than this build knows', async () => {
    const future = path.join(work, 'future.tar.gz');
    await rewriteArchive(archive, future, (h, body) => {
      if (h.path !== 'manifest.json') return body;
      const m = JSON.parse(body.toString('utf8')) as BackupManifest;
      return Buffer.from(JSON.stringify({ ...m, migrations: [...m.migrations, '9999-from-the-future'] }));
    });
    const target = await freshPlatform();
    copyKeys(source.config, target.config);
    expect(await refusal(restoreBackup({ config: target.config, archive: future }))).toBe(BACKUP_ERRORS.newerSchema);
    await expectUntouched(target);
    fs.rmSync(future);
  });

  it('refuses to restore without the keys that encrypted the personal data, and makes no key file', async () => {
    const target = await freshPlatform();
    expect(await refusal(restoreBackup({ config: target.config, archive }))).toBe(BACKUP_ERRORS.keysMissing);
    expect(fs.existsSync(dataKeyFile(target.config.dataDir))).toBe(false);
  });

  it('refuses to restore into a database that holds data unless forced', async () => {
    const target = await freshPlatform();
    copyKeys(source.config, target.config);
    const tdeps = await createDeps(target.config);
    await createUser(tdeps, factoryActor, { username: 'someone', displayName: '某人', orgId: null });
    await tdeps.db.close();
    expect(await refusal(restoreBackup({ config: target.config, archive }))).toBe(BACKUP_ERRORS.targetNotEmpty);
    const rows = await allRows(target.config);
    expect(rows.users).toHaveLength(1);

    await restoreBackup({ config: target.config, archive, force: true });
    const [before, after] = [await allRows(source.config), await allRows(target.config)];
    expect(after).toEqual(before);
  });

  it('takes a consistent snapshot while the platform keeps writing', async () => {
    const live = await freshPlatform();
    copyKeys(source.config, live.config);
    await restoreBackup({ config: live.config, archive });
    const ldeps = await createDeps(live.config);
    const out = path.join(work, 'live.tar.gz');
    let done = false;
    let written = 0;
    const writer = (async () => {
      while (!done) {
        await inTransaction(ldeps.db, (tx) =>
          recordAudit(tx, ldeps.clock, factoryActor, {
            action: 'test.backup.concurrentWrite',
            targetType: 'test',
            targetId: String(written),
          }),
        );
        written++;
        // Requests arrive as separate events; SQLite's synchronous driver would otherwise never let the backup run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let m: BackupManifest;
    try {
      m = (await createBackup({ config: live.config, out })).manifest;
    } finally {
      done = true;
      await writer;
      await ldeps.db.close();
    }
    expect(written).toBeGreaterThan(0);

    // The manifest's counts describe the snapshot the archive holds; restore checks them and the chain.
    const target = await freshPlatform();
    copyKeys(source.config, target.config);
    const summary = await restoreBackup({ config: target.config, archive: out });
    expect(summary.audit.checked).toBe(m.tables.audit_events);
    fs.rmSync(out);
  });

  it('runs the migrations a backup from an older build lacks', async () => {
    const old = await freshPlatform();
    copyKeys(source.config, old.config);
    await restoreBackup({ config: old.config, archive });
    const db = openDbFromConfig(old.config);
    try {
      expect(await migrateDownLast(db.kysely, db.dialect)).toEqual([knownMigrationNames().at(-1)]);
    } finally {
      await db.close();
    }
    const older = path.join(work, 'older.tar.gz');
    const m = (await createBackup({ config: old.config, out: older })).manifest;
    expect(m.migrations).toEqual(knownMigrationNames().slice(0, -1));

    const target = await freshPlatform();
    copyKeys(source.config, target.config);
    const summary = await restoreBackup({ config: target.config, archive: older });
    expect(summary.migrationsRun).toEqual([knownMigrationNames().at(-1)]);
    fs.rmSync(older);
  });
});

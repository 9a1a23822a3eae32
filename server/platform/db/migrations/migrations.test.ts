import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, dialectUnderTest } from '#test/support.ts';
import type { Db } from '../database.ts';
import { migrateDownAll, migrateToLatest, migrationStatus } from './index.ts';

describe(`migrations on ${dialectUnderTest}`, () => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('brings an empty database to the latest schema, then down and up again', async () => {
    db = await createTestDb({ migrate: false });
    const ran = await migrateToLatest(db.kysely, db.dialect);
    expect(ran).toContain('0001-foundation');
    const status = await migrationStatus(db.kysely, db.dialect);
    expect(status.every((m) => m.executedAt !== null)).toBe(true);
    const head = await db.kysely.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(Number(head.seq)).toBe(0);

    const undone = await migrateDownAll(db.kysely, db.dialect);
    expect(undone).toContain('0001-foundation');
    await expect(sql`select count(*) from orgs`.execute(db.kysely)).rejects.toThrow();

    expect(await migrateToLatest(db.kysely, db.dialect)).toContain('0001-foundation');
  });

  it('is a no-op when the schema is already current', async () => {
    db = await createTestDb();
    expect(await migrateToLatest(db.kysely, db.dialect)).toEqual([]);
  });
});

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSite } from '#test/factories.ts';
import { createTestDb, createTestDeps, dialectUnderTest } from '#test/support.ts';
import type { Db } from '../database.ts';
import { reserveServicesPath } from './0016-service-items.ts';
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

describe('0016: the services path', () => {
  it('moves top-level columns named bsfw out of the way, to a free slug, and leaves sub-columns alone', async () => {
    const deps = await createTestDeps();
    const site = await buildSite(deps);
    const now = new Date().toISOString();
    const column = (id: string, slug: string, parent: string | null = null) => ({
      id,
      site_id: site.id,
      parent_id: parent,
      name: '办事服务',
      slug,
      sort_order: 0,
      freshness_class: 'none',
      freshness_days: null,
      owner_org_id: null,
      status: 'active',
      created_at: now,
      updated_at: now,
      accepts: null,
      catalogue_category: null,
    });
    // Written past the validation that now refuses the slug, as a site made before would have it.
    await deps.db.kysely
      .insertInto('site_columns')
      .values([column('c1', 'bsfw'), column('c2', 'bsfw-lm'), column('c3', 'xwdt'), column('c4', 'bsfw-sub', 'c3')])
      .execute();
    expect(await reserveServicesPath(deps.db.kysely as never)).toBe(1);
    const slugs = await deps.db.kysely
      .selectFrom('site_columns')
      .select(['id', 'slug'])
      .where('site_id', '=', site.id)
      .orderBy('id')
      .execute();
    expect(slugs).toEqual([
      { id: 'c1', slug: 'bsfw-lm2' },
      { id: 'c2', slug: 'bsfw-lm' },
      { id: 'c3', slug: 'xwdt' },
      { id: 'c4', slug: 'bsfw-sub' },
    ]);
    expect(await reserveServicesPath(deps.db.kysely as never)).toBe(0);
    await deps.db.close();
  });
});

import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '#server/audit/index.ts';
import { systemActor } from '#server/platform/actor.ts';
import { inTransaction } from '#server/platform/db/transaction.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';

const actor = systemActor('audit-test');

async function appendEvents(deps: TestDeps, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await inTransaction(deps.db, (tx) => recordAudit(tx, deps.clock, actor, { action: 'test.event', targetId: `t${i}`, details: { i } }));
    deps.clock.advance(1000);
  }
}

/** Tampering needs the append-only guard lifted, as a database superuser could. */
async function tamper(deps: TestDeps, fn: () => Promise<unknown>): Promise<void> {
  for (const s of deps.db.dialect.dropAuditProtectionDdl()) await sql.raw(s).execute(deps.db.kysely);
  await fn();
  for (const s of deps.db.dialect.auditProtectionDdl(180)) await sql.raw(s).execute(deps.db.kysely);
}

describe('the audit chain', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
    await appendEvents(deps, 10);
  });
  afterEach(async () => deps.db.close());

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(deps.db, { batchSize: 3 })).toEqual({ ok: true, checked: 10, headSeq: 10, firstBad: null });
  });

  it('refuses to update or delete recent events', async () => {
    await expect(deps.db.kysely.updateTable('audit_events').set({ action: 'x' }).where('seq', '=', 3).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(deps.db.kysely.deleteFrom('audit_events').where('seq', '=', 3).execute()).rejects.toThrow(/180 days/);
  });

  it('catches an edited event', async () => {
    await tamper(deps, () => deps.db.kysely.updateTable('audit_events').set({ actor_name: 'someone-else' }).where('seq', '=', 4).execute());
    expect((await verifyAuditChain(deps.db, { batchSize: 3 })).firstBad).toEqual({ kind: 'hash_mismatch', seq: 4 });
  });

  it('catches a deleted event', async () => {
    await tamper(deps, () => deps.db.kysely.deleteFrom('audit_events').where('seq', '=', 6).execute());
    expect((await verifyAuditChain(deps.db)).firstBad).toEqual({ kind: 'gap', seq: 7, expectedSeq: 6 });
  });

  it('catches the last event deleted, through the chain head', async () => {
    await tamper(deps, () => deps.db.kysely.deleteFrom('audit_events').where('seq', '=', 10).execute());
    expect((await verifyAuditChain(deps.db)).firstBad).toEqual({ kind: 'head_mismatch', seq: 10 });
  });

  it('catches two events swapped in order', async () => {
    await tamper(deps, async () => {
      await deps.db.kysely.updateTable('audit_events').set({ seq: 1000 }).where('seq', '=', 3).execute();
      await deps.db.kysely.updateTable('audit_events').set({ seq: 3 }).where('seq', '=', 4).execute();
      await deps.db.kysely.updateTable('audit_events').set({ seq: 4 }).where('seq', '=', 1000).execute();
    });
    expect((await verifyAuditChain(deps.db)).firstBad).toEqual({ kind: 'prev_mismatch', seq: 3 });
  });

  it('catches an event inserted with a forged link', async () => {
    const last = await deps.db.kysely.selectFrom('audit_events').selectAll().where('seq', '=', 10).executeTakeFirstOrThrow();
    await deps.db.kysely
      .insertInto('audit_events')
      .values({ ...last, seq: 11, action: 'forged', prev_hash: '0'.repeat(64) })
      .execute();
    expect((await verifyAuditChain(deps.db)).firstBad).toEqual({ kind: 'prev_mismatch', seq: 11 });
  });

  it('keeps the chain linear when many commands write at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inTransaction(deps.db, (tx) => recordAudit(tx, deps.clock, actor, { action: 'test.parallel', details: { i } })),
      ),
    );
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true, checked: 30 });
  });

  it('leaves no event behind when the command fails after recording it', async () => {
    await expect(
      inTransaction(deps.db, async (tx) => {
        await recordAudit(tx, deps.clock, actor, { action: 'test.doomed' });
        throw new Error('command failed after its audit entry');
      }),
    ).rejects.toThrow();
    expect(await deps.db.kysely.selectFrom('audit_events').select('seq').where('action', '=', 'test.doomed').execute()).toEqual([]);
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true, checked: 10 });
  });
});

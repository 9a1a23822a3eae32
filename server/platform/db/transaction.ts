/**
 * The one way commands write: `inTransaction(db, async (tx) => …)`. Work registered with
 * `tx.afterCommit` runs only once the transaction has committed (and never if it rolls back).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { DialectAdapter } from './dialects/dialect.ts';
import type { Database } from './schema.ts';

export interface Tx {
  readonly trx: Transaction<Database> | Kysely<Database>;
  readonly dialect: DialectAdapter;
  afterCommit(fn: () => void | Promise<void>): void;
}

export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const hooks: Array<() => void | Promise<void>> = [];
  const result = await db.kysely.transaction().execute((trx) => fn({ trx, dialect: db.dialect, afterCommit: (h) => hooks.push(h) }));
  for (const hook of hooks) {
    try {
      await hook();
    } catch {
      // After-commit work is a nudge (wake a worker); the committed data is the truth.
    }
  }
  return result;
}

/** SQL of the evaluation room: spot-check batches, their per-site results, and the checkers' manual results. */
import type { Kysely, Transaction } from 'kysely';
import { chunks, fetchInChunks } from '../platform/db/chunks.ts';
import type { Database, EvaluationBatchTable, EvaluationManualResultTable, EvaluationResultTable } from '../platform/db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const INSERT_CHUNK = 500;
/** Ids per `IN (…)` list. */
const ID_CHUNK = 500;

/** What the room reads of other rooms' tables. */
export const evaluationRefs = {
  /** Every site that is not closed, with what scoring needs (the home page's address). */
  openSites: (db: Q) =>
    db.selectFrom('sites').select(['id', 'name', 'base_url', 'domains']).where('status', '!=', 'closed').orderBy('id').execute(),
  sitesByIds: (db: Q, ids: readonly string[]) =>
    fetchInChunks(ids, ID_CHUNK, (part) =>
      db.selectFrom('sites').select(['id', 'name', 'base_url', 'domains']).where('id', 'in', part).execute(),
    ),
};

export const batches = {
  insert: (db: Q, row: EvaluationBatchTable) => db.insertInto('evaluation_batches').values(row).execute(),
  get: (db: Q, id: string) => db.selectFrom('evaluation_batches').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (db: Q) => db.selectFrom('evaluation_batches').selectAll().orderBy('created_at', 'desc').orderBy('id').execute(),
  /** The latest finished batch of `period`. */
  lastDoneOf: (db: Q, period: string) =>
    db
      .selectFrom('evaluation_batches')
      .selectAll()
      .where('period', '=', period)
      .where('state', '=', 'done')
      .orderBy('finished_at', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
  update: (db: Q, id: string, set: Partial<Pick<EvaluationBatchTable, 'state' | 'scored' | 'started_at' | 'finished_at'>>) =>
    db.updateTable('evaluation_batches').set(set).where('id', '=', id).execute(),
};

export const results = {
  insertMany: async (db: Q, rows: readonly EvaluationResultTable[]) => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('evaluation_results').values(part).execute();
  },
  /** Up to `limit` sites of the batch still waiting to be scored. */
  pending: (db: Q, batchId: string, limit: number) =>
    db
      .selectFrom('evaluation_results')
      .select('site_id')
      .where('batch_id', '=', batchId)
      .where('state', '=', 'pending')
      .orderBy('site_id')
      .limit(limit)
      .execute(),
  /** Stores a site's score; only a pending row (or, with `rescore`, a scored one) changes. Returns whether it did. */
  saveScore: async (db: Q, row: EvaluationResultTable, rescore = false): Promise<boolean> => {
    const { batch_id, site_id, ...set } = row;
    let q = db.updateTable('evaluation_results').set(set).where('batch_id', '=', batch_id).where('site_id', '=', site_id);
    if (!rescore) q = q.where('state', '=', 'pending');
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  countScored: async (db: Q, batchId: string) =>
    Number(
      (
        await db
          .selectFrom('evaluation_results')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('batch_id', '=', batchId)
          .where('state', '=', 'scored')
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  ofBatch: (db: Q, batchId: string) => db.selectFrom('evaluation_results').selectAll().where('batch_id', '=', batchId).execute(),
  get: (db: Q, batchId: string, siteId: string) =>
    db.selectFrom('evaluation_results').selectAll().where('batch_id', '=', batchId).where('site_id', '=', siteId).executeTakeFirst(),
};

export const manualResults = {
  upsert: async (db: Q, row: EvaluationManualResultTable) => {
    await db
      .deleteFrom('evaluation_manual_results')
      .where('batch_id', '=', row.batch_id)
      .where('site_id', '=', row.site_id)
      .where('item_code', '=', row.item_code)
      .execute();
    await db.insertInto('evaluation_manual_results').values(row).execute();
  },
  /** The recorded results of the sites of a batch. */
  ofSites: (db: Q, batchId: string, siteIds: readonly string[]) =>
    fetchInChunks(siteIds, ID_CHUNK, (part) =>
      db.selectFrom('evaluation_manual_results').selectAll().where('batch_id', '=', batchId).where('site_id', 'in', part).execute(),
    ),
};

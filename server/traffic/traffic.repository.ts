/** SQL of the traffic room: daily page views, distinct visitors per year, and how far each log file was read. */
import type { Kysely } from 'kysely';
import { chunks } from '../platform/db/chunks.ts';
import type { Database, TrafficLogOffsetTable } from '../platform/db/schema.ts';

type Q = Kysely<Database>;

/** Rows per INSERT: three parameters each, well inside SQLite's and PostgreSQL's limits. */
const ROWS_PER_INSERT = 500;

export const logOffsets = {
  byPath: (db: Q, path: string) => db.selectFrom('traffic_log_offsets').selectAll().where('path', '=', path).executeTakeFirst(),
  /** Inserts the first record of a file; false when another run inserted it first. */
  insert: async (db: Q, row: TrafficLogOffsetTable): Promise<boolean> => {
    const r = await db
      .insertInto('traffic_log_offsets')
      .values(row)
      .onConflict((oc) => oc.column('path').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  /** Moves a file's record on, only if it is still where this run found it; false when another run moved it. */
  advance: async (
    db: Q,
    path: string,
    expected: Pick<TrafficLogOffsetTable, 'dev' | 'ino' | 'read_to'>,
    row: Omit<TrafficLogOffsetTable, 'path'>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('traffic_log_offsets')
      .set(row)
      .where('path', '=', path)
      .where('dev', '=', expected.dev)
      .where('ino', '=', expected.ino)
      .where('read_to', '=', expected.read_to)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};

export const traffic = {
  /** Adds page views to each (site, day). */
  addDaily: async (db: Q, rows: readonly { site_id: string; day: string; page_views: number }[]): Promise<void> => {
    for (const part of chunks(rows, ROWS_PER_INSERT)) {
      await db
        .insertInto('site_traffic_daily')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['site_id', 'day']).doUpdateSet((eb) => ({
            page_views: eb(eb.ref('site_traffic_daily.page_views'), '+', eb.ref('excluded.page_views')),
          })),
        )
        .execute();
    }
  },
  /** Records visitors; one already recorded for the site and year is left as it is. */
  addVisitors: async (db: Q, rows: readonly { site_id: string; year: number; visitor: string }[]): Promise<void> => {
    for (const part of chunks(rows, ROWS_PER_INSERT)) {
      await db
        .insertInto('site_traffic_visitors')
        .values(part)
        .onConflict((oc) => oc.columns(['site_id', 'year', 'visitor']).doNothing())
        .execute();
    }
  },
  /** A site's days with page views in `[from, to]` (dates `YYYY-MM-DD`), in order. */
  daily: (db: Q, siteId: string, from: string, to: string) =>
    db
      .selectFrom('site_traffic_daily')
      .select(['day', 'page_views'])
      .where('site_id', '=', siteId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute(),
  /** Page views, days with data and the first and last of them, of a site in `[from, to]`. */
  totals: (db: Q, siteId: string, from: string, to: string) =>
    db
      .selectFrom('site_traffic_daily')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('page_views'), eb.lit(0)).as('page_views'),
        eb.fn.countAll<number>().as('days'),
        eb.fn.min<string>('day').as('first_day'),
        eb.fn.max<string>('day').as('last_day'),
      ])
      .where('site_id', '=', siteId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .executeTakeFirstOrThrow(),
  visitors: async (db: Q, siteId: string, year: number): Promise<number> => {
    const r = await db
      .selectFrom('site_traffic_visitors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', siteId)
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};

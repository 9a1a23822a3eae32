/** SQL of the calendar room: the day table (overrides and imports) and the imported years. */
import type { Kysely } from 'kysely';
import type { CalendarDayTable, CalendarYearTable, Database } from '../platform/db/schema.ts';

export type { CalendarDayTable, CalendarYearTable } from '../platform/db/schema.ts';
export type CalendarDayRow = CalendarDayTable;
export type CalendarYearRow = CalendarYearTable;

type Q = Kysely<Database>;

const yearRange = (year: number): [string, string] => [`${year}-01-01`, `${year}-12-31`];

export const calendarDays = {
  all: (db: Q): Promise<CalendarDayRow[]> => db.selectFrom('calendar_days').selectAll().orderBy('date').execute(),
  ofYear: (db: Q, year: number): Promise<CalendarDayRow[]> => {
    const [from, to] = yearRange(year);
    return db.selectFrom('calendar_days').selectAll().where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();
  },
  byDate: (db: Q, date: string): Promise<CalendarDayRow | undefined> =>
    db.selectFrom('calendar_days').selectAll().where('date', '=', date).executeTakeFirst(),
  upsert: (db: Q, row: CalendarDayRow) =>
    db
      .insertInto('calendar_days')
      .values(row)
      .onConflict((oc) =>
        oc.column('date').doUpdateSet({
          kind: row.kind,
          name: row.name,
          source: row.source,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute(),
  remove: (db: Q, date: string) => db.deleteFrom('calendar_days').where('date', '=', date).execute(),
  removeImportedOfYear: (db: Q, year: number) => {
    const [from, to] = yearRange(year);
    return db.deleteFrom('calendar_days').where('source', '=', 'import').where('date', '>=', from).where('date', '<=', to).execute();
  },
};

export const calendarYears = {
  all: (db: Q): Promise<CalendarYearRow[]> => db.selectFrom('calendar_years').selectAll().orderBy('year').execute(),
  byYear: (db: Q, year: number): Promise<CalendarYearRow | undefined> =>
    db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst(),
  upsert: (db: Q, row: CalendarYearRow) =>
    db
      .insertInto('calendar_years')
      .values(row)
      .onConflict((oc) => oc.column('year').doUpdateSet({ official: row.official, note: row.note, updated_at: row.updated_at }))
      .execute(),
};

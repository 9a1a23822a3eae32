/**
 * Reading the calendar. The stored table is small (tens of rows a year), so every call reads it
 * afresh: always correct across processes (a CLI import is seen by the server at once), with no
 * cache to invalidate. Only the built-in data, which never changes at run time, is cached, and
 * the merge of the two is reused while the stored rows read the same.
 */
import type { Kysely } from 'kysely';
import type { AddWorkdaysAnswer, CalendarDays, CalendarYearStatus, WorkdayAnswer } from '../../common/schemas/calendar.ts';
import type { Database } from '../platform/db/schema.ts';
import { requirePermission } from '../platform/access.ts';
import type { Actor } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { parseInput } from '../platform/validation.ts';
import { builtinCalendar } from './builtin.ts';
import { calendarDays, calendarYears } from './calendar.repository.ts';
import { WEEKDAY_NAMES, weekdayOf } from './rules/dates.ts';
import { addWorkdays, daysOfYear, isWorkday, mergeCalendar, yearCoverage, type CalendarData, type DayKind } from './rules/workdays.ts';
import { DateParamsSchema, YearSchema } from './schemas.ts';

/** Reading needs a signed-in user with any role; every role reads org data. */
const READ_PERMISSION = 'orgs.read' as const;

/** The calendar in force: built-in data merged with the stored overrides and imported years. */
export async function loadCalendar(deps: Deps, db: Kysely<Database> = deps.db.kysely): Promise<CalendarData> {
  // Inside a transaction callers pass its handle: a second connection would wait on SQLite's single writer.
  const [rows, years] = await Promise.all([calendarDays.all(db), calendarYears.all(db)]);
  const days = rows.map((r) => ({
    date: r.date,
    kind: r.kind as DayKind,
    name: r.name,
    source: r.source === 'import' ? ('import' as const) : ('override' as const),
  }));
  const importedYears = years.filter((y) => y.official === 1).map((y) => y.year);
  const key = JSON.stringify([days, importedYears]);
  if (merged?.key !== key) merged = { key, calendar: mergeCalendar(builtinCalendar(), { days, importedYears }) };
  return merged.calendar;
}

/** The last merge and the stored rows it was made from (CalendarData is never changed by its readers). */
let merged: { key: string; calendar: CalendarData } | undefined;

// The response types are shared with the admin (common/), so the two cannot drift apart.
export type YearStatus = CalendarYearStatus;

/** Whether a year's arrangement is known, where from, and the warning to show when it is not. */
export async function calendarYearStatus(deps: Deps, year: number): Promise<YearStatus> {
  const { year: y } = parseInput(YearSchema, { year });
  const cal = await loadCalendar(deps);
  const row = await calendarYears.byYear(deps.db.kysely, y);
  const days = daysOfYear(cal, y);
  return {
    year: y,
    ...yearCoverage(cal, y),
    builtin: builtinCalendar().years.has(y),
    imported: row && row.official === 1 ? { note: row.note, at: row.updated_at } : null,
    holidays: days.filter((d) => d.kind === 'holiday').length,
    workdays: days.filter((d) => d.kind === 'workday').length,
  };
}

export async function getYearStatus(deps: Deps, actor: Actor, year: number): Promise<YearStatus> {
  requirePermission(actor, READ_PERMISSION);
  return calendarYearStatus(deps, year);
}

/** The listed days of a year with their source, and the year's coverage. */
export async function getCalendarDays(deps: Deps, actor: Actor, year: number): Promise<CalendarDays> {
  requirePermission(actor, READ_PERMISSION);
  const { year: y } = parseInput(YearSchema, { year });
  const cal = await loadCalendar(deps);
  return {
    year: y,
    ...yearCoverage(cal, y),
    days: daysOfYear(cal, y).map((d) => ({ ...d, weekday: WEEKDAY_NAMES[weekdayOf(d.date)] ?? '' })),
  };
}

/** Whether a date is a working day, why, and whether its year's arrangement is known. */
export async function getWorkday(deps: Deps, actor: Actor, date: string): Promise<WorkdayAnswer> {
  requirePermission(actor, READ_PERMISSION);
  const { date: d } = parseInput(DateParamsSchema, { date });
  const cal = await loadCalendar(deps);
  return { date: d, weekday: WEEKDAY_NAMES[weekdayOf(d)] ?? '', ...isWorkday(cal, d), ...yearCoverage(cal, Number(d.slice(0, 4))) };
}

/** The date n working days after `date`, with the day-by-day trace (see addWorkdays). */
export async function getWorkdaysAfter(deps: Deps, actor: Actor, date: string, n: number): Promise<AddWorkdaysAnswer> {
  requirePermission(actor, READ_PERMISSION);
  const cal = await loadCalendar(deps);
  return { start: date, n, ...addWorkdays(cal, date, n) };
}

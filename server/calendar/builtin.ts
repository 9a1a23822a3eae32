/**
 * The built-in holiday data: chinese-days' per-date tables (2004–2026), read once per process.
 * We read its JSON rather than call the library: its functions fall back to weekday/weekend
 * for uncovered years without saying so, and getWorkdaysInRange drops 调休 Saturdays; the
 * data itself is plain and lets our own rules (and overrides) decide.
 */
import { createRequire } from 'node:module';
import { isCalendarDate, yearOf } from './rules/dates.ts';
import { holidayName, type CalendarDay } from './rules/workdays.ts';

/** chinese-days' file: date → "English name,中文名,days" for days off and for 调休 working days. */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface BuiltinCalendar {
  readonly days: readonly CalendarDay[];
  readonly years: ReadonlySet<number>;
}

let cache: BuiltinCalendar | undefined;

function read(table: Record<string, string>, kind: CalendarDay['kind']): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (const [date, label] of Object.entries(table)) {
    // A malformed entry would be a packaging accident; skipping it beats refusing to start.
    if (!isCalendarDate(date)) continue;
    out.push({ date, kind, name: holidayName(label.split(',')[1] ?? label) });
  }
  return out;
}

/** The built-in days and the years they cover (every year with at least one listed day). */
export function builtinCalendar(): BuiltinCalendar {
  if (!cache) {
    const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
    const days = [...read(data.holidays, 'holiday'), ...read(data.workdays, 'workday')];
    cache = { days, years: new Set(days.map((d) => yearOf(d.date))) };
  }
  return cache;
}

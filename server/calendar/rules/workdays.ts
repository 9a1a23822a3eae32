/**
 * Working-day arithmetic over a calendar of listed days (全国年节及纪念日放假办法 and the State
 * Council's yearly notice). A day is a working day when it is listed as a 调休 working day, or
 * when it is Monday–Friday and not listed as a holiday. The notice changes every year, so the
 * rules are data-driven: the calendar lists days, these functions only read it. Pure.
 */
import { Errors } from '../../platform/errors.ts';
import { addDays, dateProblem, dayNumber, weekdayOf, yearOf, yearProblem } from './dates.ts';

export const DAY_KINDS = ['holiday', 'workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** Where a listed day comes from: the built-in data, an administrator's override, an imported notice. */
export const DAY_SOURCES = ['builtin', 'override', 'import'] as const;
export type DaySource = (typeof DAY_SOURCES)[number];

export interface CalendarDay {
  date: string;
  kind: DayKind;
  /** The holiday, e.g. 国庆节; for a 调休 working day, the holiday it makes up for. */
  name: string;
}

export interface CalendarEntry extends CalendarDay {
  source: DaySource;
}

export interface CalendarData {
  /** Listed days by date; every other day follows the week (Mon–Fri work, Sat–Sun off). */
  readonly days: ReadonlyMap<string, CalendarEntry>;
  /** Years whose holiday arrangement is known (built in, or imported from the notice). */
  readonly officialYears: ReadonlySet<number>;
}

export interface DayAnswer {
  workday: boolean;
  /** Why, in Chinese: the holiday's name, 调休上班（…）, 周末 or 工作日. */
  reason: string;
}

export interface TraceStep extends DayAnswer {
  date: string;
  /** True when this day counted towards n (or, for n = 0, is the day returned). */
  counted: boolean;
}

/** Upper bounds that keep every answer small and every loop short. */
export const MAX_ADD_WORKDAYS = 1000;
export const MAX_COUNT_SPAN_DAYS = 3660;

/**
 * The merged calendar: built-in days, except for years whose notice was imported (the import is
 * that year's complete arrangement and replaces them), then the stored days (overrides and
 * imports), which win date by date.
 */
export function mergeCalendar(
  builtin: { days: readonly CalendarDay[]; years: Iterable<number> },
  stored: { days: readonly (CalendarDay & { source: 'override' | 'import' })[]; importedYears: Iterable<number> },
): CalendarData {
  const imported = new Set(stored.importedYears);
  const days = new Map<string, CalendarEntry>();
  for (const d of builtin.days) if (!imported.has(yearOf(d.date))) days.set(d.date, { ...d, source: 'builtin' });
  for (const d of stored.days) days.set(d.date, { date: d.date, kind: d.kind, name: d.name, source: d.source });
  return { days, officialYears: new Set([...builtin.years, ...imported]) };
}

function requireDate(date: unknown, field: string): asserts date is string {
  const problem = dateProblem(date);
  if (problem) throw Errors.validation(problem, [{ field, message: problem }]);
}

function answer(cal: CalendarData, date: string): DayAnswer {
  const listed = cal.days.get(date);
  if (listed)
    return listed.kind === 'holiday' ? { workday: false, reason: listed.name } : { workday: true, reason: `调休上班（${listed.name}）` };
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6 ? { workday: false, reason: '周末' } : { workday: true, reason: '工作日' };
}

/** Whether `date` is a working day, and why. Throws GK_ERR_VALIDATION for a malformed date. */
export function isWorkday(cal: CalendarData, date: string): DayAnswer {
  requireDate(date, 'date');
  return answer(cal, date);
}

/**
 * Whether a year's holiday arrangement is known. Without it the calendar still answers, from
 * weekends alone, and says so: a deadline across 春节 could otherwise be silently wrong.
 */
export function yearCoverage(cal: CalendarData, year: number): { official: boolean; warning: string | null } {
  const problem = yearProblem(year);
  if (problem) throw Errors.validation(problem, [{ field: 'year', message: problem }]);
  if (cal.officialYears.has(year)) return { official: true, warning: null };
  return {
    official: false,
    warning: `${year} 年的法定节假日安排尚未录入，当前按周末计算工作日，请在节假日管理中导入国务院办公厅通知`,
  };
}

/** Warnings for the years from `from` to `to` (inclusive) that lack an official arrangement. */
function coverageWarnings(cal: CalendarData, from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    const w = yearCoverage(cal, y).warning;
    if (w) out.push(w);
  }
  return out;
}

export interface AddWorkdaysResult {
  date: string;
  trace: TraceStep[];
  /** One per year on the way without an official arrangement. */
  warnings: string[];
}

/**
 * The date `n` working days after `date`. The start date itself is not counted: adding 3
 * working days to Friday 2017-09-29 gives 2017-10-10 (09-30, a 调休 Saturday, counts 1;
 * 10-01…08 are holidays; 10-09 counts 2; 10-10 counts 3). This is how "within 3 working days
 * of issue" is read: a document issued on the 29th is due by the end of the 10th.
 * n = 0 gives `date` itself when it is a working day, otherwise the next working day; its
 * trace starts at `date`. For n > 0 the trace starts the day after `date`.
 */
export function addWorkdays(cal: CalendarData, date: string, n: number): AddWorkdaysResult {
  requireDate(date, 'date');
  if (!Number.isInteger(n) || n < 0 || n > MAX_ADD_WORKDAYS) {
    const message = `工作日数应为 0 到 ${MAX_ADD_WORKDAYS} 之间的整数`;
    throw Errors.validation(message, [{ field: 'n', message }]);
  }
  const trace: TraceStep[] = [];
  let day = n === 0 ? date : addDays(date, 1);
  let counted = 0;
  // Terminates: the calendar lists finitely many days, after which every week has five working days.
  for (;;) {
    const a = answer(cal, day);
    if (a.workday) counted++;
    const done = a.workday && counted >= Math.max(n, 1);
    trace.push({ date: day, counted: a.workday, ...a });
    if (done) break;
    day = addDays(day, 1);
  }
  return { date: day, trace, warnings: coverageWarnings(cal, date, day) };
}

/**
 * The number of working days after `from` up to and including `to` (so from a Friday to the
 * next Monday is 1 in an ordinary week, and from = to is 0): the same reading as addWorkdays,
 * so countWorkdays(cal, d, addWorkdays(cal, d, n).date) = n for n ≥ 1.
 */
export function countWorkdays(cal: CalendarData, from: string, to: string): { count: number; trace: TraceStep[]; warnings: string[] } {
  requireDate(from, 'from');
  requireDate(to, 'to');
  const span = dayNumber(to) - dayNumber(from);
  if (span < 0) throw Errors.validation('结束日期不能早于开始日期', [{ field: 'to', message: '结束日期不能早于开始日期' }]);
  if (span > MAX_COUNT_SPAN_DAYS) {
    const message = `起止日期相隔不能超过 ${MAX_COUNT_SPAN_DAYS} 天`;
    throw Errors.validation(message, [{ field: 'to', message }]);
  }
  const trace: TraceStep[] = [];
  let count = 0;
  for (let k = 1; k <= span; k++) {
    const day = addDays(from, k);
    const a = answer(cal, day);
    if (a.workday) count++;
    trace.push({ date: day, counted: a.workday, ...a });
  }
  return { count, trace, warnings: coverageWarnings(cal, from, to) };
}

/**
 * The due date of something to be done within `n` working days of `start` (e.g. a normative
 * document within 3 working days of its paper issue date): addWorkdays' date. Its signature
 * fits the content room's `AddWorkdays` once the calendar is bound: `(d, n) => workdayDeadline(cal, d, n)`.
 */
export function workdayDeadline(cal: CalendarData, start: string, n: number): string {
  return addWorkdays(cal, start, n).date;
}

/** `(date, n) => due date` over one loaded calendar, for rules that take working-day arithmetic as a function. */
export function workdayAdder(cal: CalendarData): (date: string, n: number) => string {
  return (date, n) => workdayDeadline(cal, date, n);
}

/**
 * From 1 December, a reminder when next year's arrangement is still missing (the notice usually
 * comes out in October–November). `today` is the caller's date in Beijing, YYYY-MM-DD.
 */
export function nextYearReminder(cal: CalendarData, today: string): string | null {
  requireDate(today, 'today');
  if (today.slice(5) < '12-01') return null;
  return yearCoverage(cal, yearOf(today) + 1).warning;
}

/** The listed days of one year, in date order. */
export function daysOfYear(cal: CalendarData, year: number): CalendarEntry[] {
  const prefix = `${year}-`;
  return [...cal.days.values()].filter((d) => d.date.startsWith(prefix)).sort((a, b) => (a.date < b.date ? -1 : 1));
}

const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/**
 * A holiday's display name from a data source's label: drops the (休)/(班) marks and the words
 * 放假/补班/调休上班 that only say which kind the day is, and spells the short names in full.
 */
export function holidayName(label: string): string {
  const core = label
    .trim()
    .replace(/[(（][^()（）]*[)）]\s*$/u, '')
    .replace(/(调休上班|补班|上班|放假|休息)\s*$/u, '')
    .trim();
  if (!core) return label.trim();
  return FULL_NAMES[core] ?? core;
}

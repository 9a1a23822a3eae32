/**
 * The working-day calendar API (节假日管理), shared by server and admin: the response types the
 * server's queries and commands return, and what the admin's forms check before sending.
 * The server still validates requests with server/calendar/schemas.ts; the kinds, limits and
 * messages here are the same, so a form refuses exactly what the server would.
 */
import { z } from 'zod';

/** holiday = 放假; workday = 调休上班 (a weekend day worked to make up for a holiday). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '放假', workday: '调休上班' };

/** Where a listed day comes from: the built-in data, an administrator's override, an imported notice. */
export const CALENDAR_DAY_SOURCES = ['builtin', 'override', 'import'] as const;
export type CalendarDaySource = (typeof CALENDAR_DAY_SOURCES)[number];
export const CALENDAR_DAY_SOURCE_LABELS: Record<CalendarDaySource, string> = {
  builtin: '内置数据',
  override: '手工设置',
  import: '导入',
};

/** Years the calendar answers for. */
export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2100;
/** Largest n for "n working days after". */
export const CALENDAR_MAX_ADD_WORKDAYS = 1000;
/** Largest import file accepted (characters). */
export const CALENDAR_IMPORT_MAX_CHARS = 300_000;
export const CALENDAR_IMPORT_FORMATS = ['json', 'ics'] as const;
export type CalendarImportFormat = (typeof CALENDAR_IMPORT_FORMATS)[number];

/** PUT /api/calendar/days/:date body. */
export const CalendarDayBodySchema = z.strictObject({
  kind: z.enum(CALENDAR_DAY_KINDS, { message: '类型应为 holiday（放假）或 workday（调休上班）' }),
  name: z.string().trim().min(1, '名称不能为空').max(50, '名称不能超过 50 个字符'),
});
export type CalendarDayBody = z.input<typeof CalendarDayBodySchema>;

const yearMessage = `年份应为 ${CALENDAR_MIN_YEAR}—${CALENDAR_MAX_YEAR} 之间的整数`;

/** POST /api/calendar/import body: one year's arrangement from a JSON or ICS file's text. */
export const CalendarImportSchema = z.strictObject({
  year: z
    .number({ message: yearMessage })
    .int({ message: yearMessage })
    .min(CALENDAR_MIN_YEAR, { message: yearMessage })
    .max(CALENDAR_MAX_YEAR, { message: yearMessage }),
  format: z.enum(CALENDAR_IMPORT_FORMATS, { message: '格式应为 json 或 ics' }),
  content: z.string().min(1, '内容不能为空').max(CALENDAR_IMPORT_MAX_CHARS, `内容不能超过 ${CALENDAR_IMPORT_MAX_CHARS} 个字符`),
  note: z.string().trim().max(200, '说明不能超过 200 个字符').optional(),
});
export type CalendarImportBody = z.input<typeof CalendarImportSchema>;

// ---------------------------------------------------------------------------------------
// Responses

/** A listed day of a year: a holiday or a 调休 working day, with where it comes from. */
export interface CalendarDayEntry {
  date: string;
  kind: CalendarDayKind;
  /** The holiday, e.g. 国庆节; for a 调休 working day, the holiday it makes up for. */
  name: string;
  source: CalendarDaySource;
  /** 星期一 … 星期日 */
  weekday: string;
}

/** GET /api/calendar/days?year= */
export interface CalendarDays {
  year: number;
  /** The year's official arrangement is known (built in or imported). */
  official: boolean;
  /** Said when it is not: the calendar then counts weekends only. */
  warning: string | null;
  days: CalendarDayEntry[];
}

/** GET /api/calendar/years/:year */
export interface CalendarYearStatus {
  year: number;
  official: boolean;
  /** The built-in data covers the year. */
  builtin: boolean;
  /** The year's notice was imported (it then replaces the built-in days). */
  imported: { note: string | null; at: string } | null;
  holidays: number;
  workdays: number;
  warning: string | null;
}

/** PUT /api/calendar/days/:date answer: the stored day. */
export interface StoredCalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: 'override' | 'import';
  updatedAt: string;
  updatedBy: string | null;
}

/** POST /api/calendar/import answer. */
export interface CalendarImportSummary {
  year: number;
  format: CalendarImportFormat;
  holidays: number;
  workdays: number;
  /** ICS events with no day in the year. */
  skippedEvents: number;
  /** Dates whose manual override the import replaced. */
  replacedOverrides: string[];
  note: string | null;
}

/** GET /api/calendar/workday?date= */
export interface WorkdayAnswer {
  date: string;
  weekday: string;
  workday: boolean;
  /** Why, in Chinese: the holiday's name, 调休上班（…）, 周末 or 工作日. */
  reason: string;
  official: boolean;
  warning: string | null;
}

/** One day walked by "n working days after". */
export interface WorkdayTraceStep {
  date: string;
  workday: boolean;
  reason: string;
  /** True when this day counted towards n (or, for n = 0, is the day returned). */
  counted: boolean;
}

/** GET /api/calendar/add-workdays?date=&n= */
export interface AddWorkdaysAnswer {
  start: string;
  n: number;
  /** The resulting date. */
  date: string;
  trace: WorkdayTraceStep[];
  /** One per year on the way without an official arrangement. */
  warnings: string[];
}

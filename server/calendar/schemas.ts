/**
 * Request schemas of the calendar API. The bodies the admin also sends are declared once in
 * common/schemas/calendar.ts; the date and year rules here add the pure date checks.
 */
import { z } from 'zod';
import { CALENDAR_IMPORT_MAX_CHARS, CalendarDayBodySchema, CalendarImportSchema } from '../../common/schemas/calendar.ts';
import { dateProblem, MAX_YEAR, MIN_YEAR } from './rules/dates.ts';
import { MAX_ADD_WORKDAYS } from './rules/workdays.ts';

/** Largest import file accepted (characters): one year's ICS is about 8 KB, chinese-days' three-year holidays.ics 24 KB. */
export const MAX_IMPORT_CHARS = CALENDAR_IMPORT_MAX_CHARS;

export const CalendarDateSchema = z.string().superRefine((s, ctx) => {
  const problem = dateProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const yearMessage = `年份应为 ${MIN_YEAR}—${MAX_YEAR} 之间的整数`;
export const CalendarYearSchema = z
  .number({ message: yearMessage })
  .int({ message: yearMessage })
  .min(MIN_YEAR, { message: yearMessage })
  .max(MAX_YEAR, { message: yearMessage });
/** Whole numbers in a query string or path segment; stricter than z.coerce, which reads '' as 0. */
const intText = (message: string) =>
  z
    .string({ message })
    .regex(/^-?\d{1,9}$/, message)
    .transform(Number);

/** The same year, from a query string or a path segment. */
export const CalendarYearParamSchema = intText(yearMessage).pipe(CalendarYearSchema);

export const DayKindSchema = CalendarDayBodySchema.shape.kind;
export const DayNameSchema = CalendarDayBodySchema.shape.name;

export const SetCalendarDaySchema = CalendarDayBodySchema.extend({ date: CalendarDateSchema });
export type SetCalendarDayInput = z.input<typeof SetCalendarDaySchema>;

export const ImportCalendarYearSchema = CalendarImportSchema;
export type ImportCalendarYearInput = z.input<typeof ImportCalendarYearSchema>;

const nMessage = `工作日数应为 0 到 ${MAX_ADD_WORKDAYS} 之间的整数`;
export const AddWorkdaysQuerySchema = z.strictObject({
  date: CalendarDateSchema,
  n: intText(nMessage).pipe(z.number().int(nMessage).min(0, nMessage).max(MAX_ADD_WORKDAYS, nMessage)),
});
export const WorkdayQuerySchema = z.strictObject({ date: CalendarDateSchema });
export const YearQuerySchema = z.strictObject({ year: CalendarYearParamSchema });
export const DateParamsSchema = z.strictObject({ date: CalendarDateSchema });
/** A year given as a number (commands and queries called from code), checked with its field name. */
export const YearSchema = z.strictObject({ year: CalendarYearSchema });
export const YearParamsSchema = z.strictObject({ year: CalendarYearParamSchema });
export const DayBodySchema = CalendarDayBodySchema;

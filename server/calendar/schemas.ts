/**
 * Request schemas of the calendar API. Isomorphic (zod and the pure date rules only), so they
 * can move to common/schemas/ when the admin gets a holiday screen.
 */
import { z } from 'zod';
import { dateProblem, MAX_YEAR, MIN_YEAR } from './rules/dates.ts';
import { DAY_KINDS, MAX_ADD_WORKDAYS } from './rules/workdays.ts';

/** Largest import file accepted (characters): one year's ICS is about 8 KB, chinese-days' three-year holidays.ics 24 KB. */
export const MAX_IMPORT_CHARS = 300_000;

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

export const DayKindSchema = z.enum(DAY_KINDS, { message: '类型应为 holiday（放假）或 workday（调休上班）' });
export const DayNameSchema = z.string().trim().min(1, '名称不能为空').max(50, '名称不能超过 50 个字符');

export const SetCalendarDaySchema = z.strictObject({ date: CalendarDateSchema, kind: DayKindSchema, name: DayNameSchema });
export type SetCalendarDayInput = z.input<typeof SetCalendarDaySchema>;

export const ImportCalendarYearSchema = z.strictObject({
  year: CalendarYearSchema,
  format: z.enum(['json', 'ics'], { message: '格式应为 json 或 ics' }),
  content: z.string().min(1, '内容不能为空').max(MAX_IMPORT_CHARS, `内容不能超过 ${MAX_IMPORT_CHARS} 个字符`),
  note: z.string().trim().max(200, '说明不能超过 200 个字符').optional(),
});
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
export const DayBodySchema = z.strictObject({ kind: DayKindSchema, name: DayNameSchema });

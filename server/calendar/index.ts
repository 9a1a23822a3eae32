/**
 * The calendar room: which days are working days (法定节假日 and 调休 from the State Council's
 * yearly notice), working-day arithmetic for deadlines, and the administrators' overrides and
 * imports. Load once, then ask the pure functions:
 *   const cal = await loadCalendar(deps); isWorkday(cal, '2017-09-30').workday  // true
 *   addWorkdays(cal, '2017-09-29', 3).date                                       // '2017-10-10'
 */
export {
  addWorkdays,
  countWorkdays,
  daysOfYear,
  isWorkday,
  nextYearReminder,
  workdayAdder,
  workdayDeadline,
  yearCoverage,
  DAY_KINDS,
  MAX_ADD_WORKDAYS,
  type AddWorkdaysResult,
  type CalendarData,
  type CalendarDay,
  type CalendarEntry,
  type DayAnswer,
  type DayKind,
  type DaySource,
  type TraceStep,
} from './rules/workdays.ts';
export { addDays, dateProblem, dayNumber, isCalendarDate } from './rules/dates.ts';
export {
  importCalendarYear,
  removeCalendarDay,
  setCalendarDay,
  CALENDAR_EDIT_PERMISSION,
  type ImportSummary,
  type StoredCalendarDay,
} from './commands/calendar.ts';
export { calendarYearStatus, loadCalendar, type YearStatus } from './queries.ts';
export { calendarRoutes } from './calendar.routes.ts';

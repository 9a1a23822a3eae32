/** The working-day calendar endpoints (节假日管理), typed as the server answers them. */
import type {
  AddWorkdaysAnswer,
  CalendarDayBody,
  CalendarDays,
  CalendarImportBody,
  CalendarImportSummary,
  CalendarYearStatus,
  StoredCalendarDay,
  WorkdayAnswer,
} from '../../../common/schemas/calendar.ts';
import { api } from './client.ts';

export type * from '../../../common/schemas/calendar.ts';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const dayPath = (date: string) => `/api/calendar/days/${encodeURIComponent(date)}`;

/** The listed days of a year (holidays and 调休 working days) with their source. */
export function fetchCalendarDays(year: number, signal?: AbortSignal): Promise<CalendarDays> {
  return api.get<CalendarDays>('/api/calendar/days', { query: { year }, ...withSignal(signal) });
}

/** Whether a year's official arrangement is known, and where from. */
export function fetchCalendarYear(year: number, signal?: AbortSignal): Promise<CalendarYearStatus> {
  return api.get<CalendarYearStatus>(`/api/calendar/years/${encodeURIComponent(String(year))}`, withSignal(signal));
}

/** Sets one day as a holiday or a 调休 working day (an override of whatever the calendar said). */
export function setCalendarDay(date: string, body: CalendarDayBody): Promise<StoredCalendarDay> {
  return api.put<StoredCalendarDay>(dayPath(date), body);
}

/** Removes a day's override or imported entry (the server answers 204, no body). */
export async function removeCalendarDay(date: string): Promise<void> {
  await api.delete<unknown>(dayPath(date));
}

/** Imports a year's arrangement from a JSON or ICS file's text; all or nothing. */
export function importCalendarYear(body: CalendarImportBody): Promise<CalendarImportSummary> {
  return api.post<CalendarImportSummary>('/api/calendar/import', body);
}

export function fetchWorkday(date: string, signal?: AbortSignal): Promise<WorkdayAnswer> {
  return api.get<WorkdayAnswer>('/api/calendar/workday', { query: { date }, ...withSignal(signal) });
}

/** The date `n` working days after `date`, with the day-by-day trace. */
export function fetchAddWorkdays(date: string, n: number, signal?: AbortSignal): Promise<AddWorkdaysAnswer> {
  return api.get<AddWorkdaysAnswer>('/api/calendar/add-workdays', { query: { date, n }, ...withSignal(signal) });
}

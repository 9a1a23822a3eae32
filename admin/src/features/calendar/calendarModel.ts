/**
 * The 节假日管理 screen's model: month grids, the words shown for each listed day, the working-day
 * trace as table rows, and what an import file looks like. Pure: dates are 'YYYY-MM-DD' strings
 * and weekdays come from UTC arithmetic, so nothing depends on the browser's time zone.
 */
import {
  CALENDAR_DAY_KIND_LABELS,
  CALENDAR_DAY_SOURCE_LABELS,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  type AddWorkdaysAnswer,
  type CalendarDayEntry,
  type CalendarImportFormat,
  type CalendarYearStatus,
  type WorkdayTraceStep,
} from '../../../../common/schemas/calendar.ts';

/** Column headings of a month, Monday first as Chinese calendars print them. */
export const WEEK_HEADINGS = [
  { short: '一', full: '星期一' },
  { short: '二', full: '星期二' },
  { short: '三', full: '星期三' },
  { short: '四', full: '星期四' },
  { short: '五', full: '星期五' },
  { short: '六', full: '星期六' },
  { short: '日', full: '星期日' },
] as const;

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** The short mark shown in a day cell: 休 (放假) or 班 (调休上班). */
export const KIND_MARKS = { holiday: '休', workday: '班' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
}

export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekdayOf(date)] ?? '';
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A month as weeks of seven cells, Monday first; null for the cells outside the month. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const lead = (weekdayOf(isoDate(year, month, 1)) + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= daysInMonth(year, month); d++) cells.push(isoDate(year, month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Years offered in the selector: ten back, five ahead, and the chosen one if it lies outside. */
export function yearOptions(current: number, chosen: number): { value: number; label: string }[] {
  const years = new Set<number>();
  for (let y = Math.max(CALENDAR_MIN_YEAR, current - 10); y <= Math.min(CALENDAR_MAX_YEAR, current + 5); y++) years.add(y);
  years.add(chosen);
  return [...years].sort((a, b) => a - b).map((y) => ({ value: y, label: `${y} 年` }));
}

/** "放假：国庆节（内置数据）": what a listed day means, in words (never colour alone). */
export function entryText(entry: Pick<CalendarDayEntry, 'kind' | 'name' | 'source'>): string {
  return `${CALENDAR_DAY_KIND_LABELS[entry.kind]}：${entry.name}（${CALENDAR_DAY_SOURCE_LABELS[entry.source]}）`;
}

/** Where the year's arrangement comes from, for the summary. */
export function yearSourceText(
  status: Pick<CalendarYearStatus, 'official' | 'builtin' | 'imported'>,
  formatTime: (iso: string) => string,
): string {
  if (status.imported) return `已导入${status.imported.note ? `（${status.imported.note}）` : ''}，${formatTime(status.imported.at)}`;
  if (status.builtin) return '内置数据';
  return '尚未录入';
}

export interface TraceRow extends WorkdayTraceStep {
  weekday: string;
  /** Which working day this is (1, 2, …), or null for a skipped day. */
  ordinal: number | null;
}

/** The trace with weekdays and each counted day's number, for the table. */
export function traceRows(trace: readonly WorkdayTraceStep[]): TraceRow[] {
  let k = 0;
  return trace.map((step) => ({ ...step, weekday: weekdayName(step.date), ordinal: step.counted ? ++k : null }));
}

/** One sentence for the answer of "n working days after". */
export function workdayResultText(answer: Pick<AddWorkdaysAnswer, 'start' | 'n' | 'date'>): string {
  const to = `${answer.date}（${weekdayName(answer.date)}）`;
  if (answer.n === 0) return answer.date === answer.start ? `${to}当天是工作日` : `${answer.start} 不是工作日，下一个工作日是 ${to}`;
  return `${answer.start}（${weekdayName(answer.start)}）之后第 ${answer.n} 个工作日是 ${to}`;
}

/** Days walked and days skipped (holidays and weekends) on the way. */
export function traceSummary(trace: readonly WorkdayTraceStep[]): string {
  const skipped = trace.filter((s) => !s.counted).length;
  return `共经过 ${trace.length} 天，其中跳过 ${skipped} 个非工作日。`;
}

/** What a chosen import file seems to be: its format (by name, then content) and, for JSON, the year it names. */
export function guessImport(fileName: string, text: string): { format: CalendarImportFormat | null; year: number | null } {
  const name = fileName.toLowerCase();
  const head = text.trimStart();
  const format: CalendarImportFormat | null =
    name.endsWith('.json') || head.startsWith('{')
      ? 'json'
      : name.endsWith('.ics') || head.toUpperCase().startsWith('BEGIN:VCALENDAR')
        ? 'ics'
        : null;
  let year: number | null = null;
  if (format === 'json') {
    try {
      const parsed: unknown = JSON.parse(text);
      const y = typeof parsed === 'object' && parsed !== null ? (parsed as { year?: unknown }).year : undefined;
      if (typeof y === 'number' && Number.isInteger(y) && y >= CALENDAR_MIN_YEAR && y <= CALENDAR_MAX_YEAR) year = y;
    } catch {
      // Not valid JSON: the server names the problem when it is sent.
    }
  }
  return { format, year };
}

/** The message after an import, naming what changed. */
export function importSummaryText(s: {
  year: number;
  holidays: number;
  workdays: number;
  skippedEvents: number;
  replacedOverrides: readonly string[];
}): string {
  const parts = [`已导入 ${s.year} 年节假日安排：放假 ${s.holidays} 天，调休上班 ${s.workdays} 天`];
  if (s.replacedOverrides.length > 0) parts.push(`替换了 ${s.replacedOverrides.length} 个手工设置（${s.replacedOverrides.join('、')}）`);
  if (s.skippedEvents > 0) parts.push(`跳过了 ${s.skippedEvents} 个不在该年的日历事件`);
  return `${parts.join('；')}。`;
}

/**
 * Calendar dates as plain 'YYYY-MM-DD' strings. All arithmetic is on day numbers (days since
 * 1970-01-01) with integer civil-calendar formulas, so no result depends on the process's
 * time zone or on Date parsing quirks. Pure.
 */

/** Years the calendar answers for; outside them a date is refused rather than guessed. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Why `s` is not a usable calendar date (in Chinese), or null when it is one. */
export function dateProblem(s: unknown): string | null {
  if (typeof s !== 'string') return '日期应为 YYYY-MM-DD 格式的文本';
  const m = DATE_PATTERN.exec(s);
  if (!m) return '日期格式应为 YYYY-MM-DD，例如 2026-10-08';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR) return `日期超出支持范围（${MIN_YEAR}—${MAX_YEAR} 年）`;
  if (mo < 1 || mo > 12) return `月份不存在：${s}`;
  if (d < 1 || d > daysInMonth(y, mo)) return `日期不存在：${s}`;
  return null;
}

export function isCalendarDate(s: unknown): s is string {
  return dateProblem(s) === null;
}

/** Why `year` is not a usable calendar year, or null. */
export function yearProblem(year: unknown): string | null {
  if (typeof year !== 'number' || !Number.isInteger(year)) return '年份应为整数';
  if (year < MIN_YEAR || year > MAX_YEAR) return `年份超出支持范围（${MIN_YEAR}—${MAX_YEAR} 年）`;
  return null;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of a date already known to be valid (callers check with dateProblem first). */
export function dayNumber(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function dateOfDayNumber(n: number): string {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: string, k: number): string {
  return dateOfDayNumber(dayNumber(date) + k);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** '20261001' → '2026-10-01' (iCalendar DATE values); null when not eight digits. */
export function fromBasicFormat(s: string): string | null {
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : null;
}

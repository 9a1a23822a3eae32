/** Date display for the admin: `YYYY-MM-DD HH:mm`, always in China Standard Time. */

export const TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Formats an ISO string or Date as `YYYY-MM-DD HH:mm` (Asia/Shanghai); '' when invalid. */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter.formatToParts(date)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/** The calendar date (`YYYY-MM-DD`) in China now, or at `at`: holidays follow Beijing's day, not the browser's. */
export function chinaDate(at: Date = new Date()): string {
  return formatDateTime(at).slice(0, 10);
}

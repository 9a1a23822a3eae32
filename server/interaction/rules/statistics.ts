/**
 * The figures letters are counted by, shared by the public 统计 page and the annual website
 * report: 平均办理时间 is the mean of calendar days from receipt to reply over the answered
 * letters, to one decimal (null when none was answered).
 */
import { dayNumber } from '../../calendar/index.ts';

export function averageDaysToReply(rows: readonly { received_on: string; replied_on: string | null }[]): number | null {
  const days = rows.filter((r) => r.replied_on !== null).map((r) => dayNumber(r.replied_on!) - dayNumber(r.received_on));
  return days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null;
}

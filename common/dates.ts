/**
 * Calendar dates shared by server and admin. Beijing time is UTC+8 with no daylight saving: an
 * instant is shifted by eight hours and read with the UTC getters, so results do not depend on
 * the process time zone or Intl data.
 */

export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD` in Beijing time. A bare date (`2025-07-14`) is returned as is; invalid input gives ''. */
export function beijingDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** True for an existing date written `YYYY-MM-DD` (proleptic Gregorian, leap years included). */
export function isExistingDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= days;
}

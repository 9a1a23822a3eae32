/**
 * Beijing time (UTC+8, no daylight saving): the instant is shifted by eight hours and read with
 * the UTC getters, so the result does not depend on the process time zone or Intl data.
 */

export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD` in Beijing time. A bare date (`2025-07-14`) is returned as is; invalid input gives ''. */
export function beijingDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Beijing time (UTC+8, no daylight saving) formatting. The instant is shifted by eight hours and
 * read with the UTC getters, so the result does not depend on the process time zone or Intl data.
 * Invalid input gives ''.
 */
import { BEIJING_OFFSET_MS, beijingDate } from '../../../common/dates.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function shifted(iso: string): Date | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + BEIJING_OFFSET_MS);
}

export { beijingDate };

/** `YYYY-MM-DD HH:mm` in Beijing time: the display format of 47号文 and the `PubDate` meta tag. */
export function beijingDateTime(iso: string): string {
  const d = shifted(iso);
  return d ? `${beijingDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : '';
}

/** W3C datetime with the +08:00 offset, for sitemap.xml `lastmod`. */
export function beijingW3c(iso: string): string {
  const d = shifted(iso);
  return d ? `${beijingDate(iso)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00` : '';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 date in +0800, for RSS `pubDate` (e.g. `Mon, 14 Jul 2025 09:59:00 +0800`). */
export function rfc822Beijing(iso: string): string {
  const d = shifted(iso);
  if (!d) return '';
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} +0800`;
}

/** The Beijing calendar year of an instant (footer copyright). */
export function beijingYear(iso: string): string {
  return beijingDate(iso).slice(0, 4);
}

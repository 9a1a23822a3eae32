/**
 * Dates as legacy government sites write them: 2017年9月1日, 2017-9-1, 2017/09/01, 2017.9.1,
 * 17/09/01 (two-digit year first, as TRS lists print it), 2017-09-01 10:20, and the date near a
 * label ("发布时间：", "发布日期：", "日期："). Pure.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

const FOUR = /(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)/;
const TWO = /(?<![\d/.-])(\d{2})\/(\d{2})\/(\d{2})(?![\d/])/;

/** The first date written in `text` as `YYYY-MM-DD`, or null. Two-digit years are 20YY (legacy sites began in the 2000s). */
export function parseLegacyDate(text: string): string | null {
  const full = FOUR.exec(text);
  if (full) {
    const [y, m, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
    if (validDate(y, m, d)) return `${y}-${pad(m)}-${pad(d)}`;
  }
  const short = TWO.exec(text);
  if (short) {
    const [y, m, d] = [2000 + Number(short[1]), Number(short[2]), Number(short[3])];
    if (validDate(y, m, d)) return `${y}-${pad(m)}-${pad(d)}`;
  }
  return null;
}

const LABELED = /(发布时间|发布日期|发文日期|更新时间|日期|时间)\s*[:：]\s*/g;

/** The date after a publication label in the page's text ("发布时间：2017年9月1日"), or null. */
export function labeledDate(text: string): string | null {
  LABELED.lastIndex = 0;
  for (let m = LABELED.exec(text); m; m = LABELED.exec(text)) {
    const date = parseLegacyDate(text.slice(m.index + m[0].length, m.index + m[0].length + 30));
    if (date) return date;
  }
  return null;
}

/** The instant a legacy date means for first publication: midnight in Beijing, as a UTC ISO string. */
export function beijingMidnight(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

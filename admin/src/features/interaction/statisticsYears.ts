/** The years the statistics can be asked for. Pure. */

/** This year and the `count - 1` before it, newest first (`today` as YYYY-MM-DD in China). */
export function statisticsYears(today: string, count = 5): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: count }, (_, i) => year - i);
}

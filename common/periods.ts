/** The periods spot checks cover: `2026-Q3` (a quarter) or `2026-H1` (a half-year). */

/** 2026-Q3 → 2026年第三季度; 2026-H1 → 2026年上半年; anything else as it is. */
export function periodName(period: string): string {
  const m = /^(\d{4})-(Q[1-4]|H[12])$/.exec(period);
  if (!m) return period;
  const part = m[2]!;
  if (part.startsWith('H')) return `${m[1]}年${part === 'H1' ? '上' : '下'}半年`;
  return `${m[1]}年第${'一二三四'[Number(part[1]) - 1]}季度`;
}

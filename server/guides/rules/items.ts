/** Pure rules about service items: when a guide is due for review, and whether two guides say the same. */
import type { ServiceGuide } from '../../../common/service-items.ts';

const DAY_MS = 86_400_000;

/** Calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** True when a guide last reviewed on `reviewedOn` (or never) is older than the interval on `today`. */
export function reviewDue(reviewedOn: string | null, today: string, intervalDays: number): boolean {
  return reviewedOn === null || daysBetween(reviewedOn, today) > intervalDays;
}

/** Whether two guides are the same in every element (key order does not matter). */
export function sameGuide(a: ServiceGuide, b: ServiceGuide): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

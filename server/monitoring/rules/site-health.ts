/** Pure pieces of a site's health view: open findings counted, freshness countdowns. */
import { FINDING_KINDS, type FindingKind, type FreshnessView, type Severity, type SiteHealth } from '../../../common/schemas/monitoring.ts';

/** Counts per kind and severity, in the order of FINDING_KINDS, kinds without findings left out. */
export function countByKind(rows: readonly { kind: string; severity: string; n: number }[]): SiteHealth['openFindings'] {
  const byKind = new Map<FindingKind, { kind: FindingKind; veto: number; deduction: number; info: number; total: number }>();
  let total = 0;
  for (const r of rows) {
    if (!(FINDING_KINDS as readonly string[]).includes(r.kind)) continue;
    const kind = r.kind as FindingKind;
    const c = byKind.get(kind) ?? { kind, veto: 0, deduction: 0, info: 0, total: 0 };
    if (r.severity === 'veto' || r.severity === 'deduction' || r.severity === 'info') c[r.severity as Severity] += r.n;
    c.total += r.n;
    total += r.n;
    byKind.set(kind, c);
  }
  return { total, byKind: FINDING_KINDS.flatMap((k) => byKind.get(k) ?? []) };
}

const WINDOW_PARAMS = ['windowDays', 'window', 'maxDays', 'limitDays'] as const;

/**
 * A freshness finding's window in days: the one its rule ran with (parameters `windowDays`,
 * `window`, `maxDays` or `limitDays`), else the hosted column's own (`columnWindow`), else null.
 */
export function freshnessWindow(params: Record<string, unknown> | null, columnWindow: number | null): number | null {
  for (const k of WINDOW_PARAMS) {
    const v = params?.[k];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  }
  return columnWindow;
}

/** The countdown of one freshness finding: days left before the window is overrun (negative: overdue). */
export function freshnessView(
  f: Omit<FreshnessView, 'window' | 'daysLeft'> & { params: Record<string, unknown> | null },
  columnWindow: number | null,
): FreshnessView {
  const { params, ...rest } = f;
  const window = freshnessWindow(params, columnWindow);
  return { ...rest, window, daysLeft: window !== null && f.days !== null ? window - f.days : null };
}

/** Most urgent first: the fewest days left (overdue first), those without a countdown last, then by column. */
export function byUrgency(a: FreshnessView, b: FreshnessView): number {
  if (a.daysLeft !== b.daysLeft) {
    if (a.daysLeft === null) return 1;
    if (b.daysLeft === null) return -1;
    return a.daysLeft - b.daysLeft;
  }
  return (a.column ?? '').localeCompare(b.column ?? '') || a.url.localeCompare(b.url);
}

/**
 * Rules of a spot check (抽查): its period, the reproducible random sample of sites, and the
 * ranking of its results. Pure.
 */
import { fnv1a, mulberry32 } from '../../../common/prng.ts';

const PERIOD = /^(\d{4})-(Q[1-4]|H[12])$/;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first and last day of a period `YYYY-Qn` (quarter) or `YYYY-Hn` (half-year), or null when it is not one. */
export function periodDays(period: string): { start: string; end: string } | null {
  const m = PERIOD.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2]!;
  const n = Number(part.slice(1));
  const months = part.startsWith('Q') ? 3 : 6;
  const first = (n - 1) * months + 1;
  const last = first + months - 1;
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

/** The period before `period` of the same kind (2026-Q1 → 2025-Q4). */
export function previousPeriod(period: string): string | null {
  const m = PERIOD.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const kind = m[2]![0]!;
  const n = Number(m[2]!.slice(1));
  if (n > 1) return `${year}-${kind}${n - 1}`;
  return `${year - 1}-${kind}${kind === 'Q' ? 4 : 2}`;
}

/**
 * `size` of `siteIds` drawn at random from `seed`: the same seed over the same sites draws the
 * same sample, whatever order the sites come in. Returned sorted.
 */
export function drawSample(siteIds: readonly string[], size: number, seed: string): string[] {
  const pool = [...new Set(siteIds)].sort();
  const random = mulberry32(fnv1a(seed));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, Math.max(0, size)).sort();
}

export interface Rankable {
  siteId: string;
  verdict: 'pass' | 'fail' | null;
  vetoed: boolean;
  scoreCents: number | null;
}

/**
 * Ranks scored sites: passing sites by score, then failing ones by score, then vetoed ones;
 * equal scores share a rank. Sites not scored yet get no rank.
 */
export function rankResults<T extends Rankable>(results: readonly T[]): (T & { rank: number | null })[] {
  const tier = (r: Rankable) => (r.verdict === null ? 3 : r.vetoed ? 2 : r.verdict === 'pass' ? 0 : 1);
  const sorted = [...results].sort(
    (a, b) => tier(a) - tier(b) || (b.scoreCents ?? -1) - (a.scoreCents ?? -1) || a.siteId.localeCompare(b.siteId),
  );
  let rank = 0;
  let prev: Rankable | null = null;
  return sorted.map((r, i) => {
    if (r.verdict === null) return { ...r, rank: null };
    if (!prev || tier(prev) !== tier(r) || prev.scoreCents !== r.scoreCents) rank = i + 1;
    prev = r;
    return { ...r, rank };
  });
}

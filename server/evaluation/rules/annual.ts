/**
 * The year's result of each site from the year's spot checks (one per period, the latest that
 * finished): the weighted mean of its period scores over the periods that checked it (a vetoed
 * period counts 0), judged against the pass line, ranked. Weights are the office's to set;
 * without them every period weighs the same. Pure.
 */
import type { AnnualRow } from '../../../common/schemas/evaluation.ts';
import { round2 } from './indicator-system.ts';

export interface PeriodResults {
  period: string;
  /** By site: the verdict and score (null when vetoed). */
  results: ReadonlyMap<string, { verdict: 'pass' | 'fail' | null; score: number | null; vetoed: boolean }>;
}

/** `Q1:30,Q2:20` → weight by the period's part (Q1…Q4, H1, H2). */
export function parseWeights(raw: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of (raw ?? '').split(',').filter(Boolean)) {
    const [key, value] = part.split(':');
    out.set(key!, Number(value));
  }
  return out;
}

/** Each period's weight: as given for its part (2026-Q3 → Q3), else equal shares. */
export function periodWeights(periods: readonly string[], given: ReadonlyMap<string, number>): number[] {
  return periods.map((p) => given.get(p.slice(5)) ?? 100 / periods.length);
}

export function annualRows(
  periods: readonly PeriodResults[],
  weights: readonly number[],
  sites: readonly { siteId: string; siteName: string; orgName: string; county: string }[],
  passLine: number,
): AnnualRow[] {
  const rows: AnnualRow[] = sites.map((s) => {
    let sum = 0;
    let weight = 0;
    let checked = 0;
    let failed = 0;
    const scores: (number | null)[] = [];
    const vetoed: boolean[] = [];
    periods.forEach((p, i) => {
      const r = p.results.get(s.siteId);
      if (!r || r.verdict === null) {
        scores.push(null);
        vetoed.push(false);
        return;
      }
      const score = r.vetoed ? 0 : (r.score ?? 0);
      checked++;
      if (r.verdict === 'fail') failed++;
      scores.push(score);
      vetoed.push(r.vetoed);
      sum += score * weights[i]!;
      weight += weights[i]!;
    });
    const annualScore = weight > 0 ? round2(sum / weight) : null;
    return {
      rank: null,
      ...s,
      scores,
      vetoed,
      checked,
      failed,
      annualScore,
      verdict: annualScore === null ? null : annualScore >= passLine ? 'pass' : 'fail',
    };
  });
  const ranked = rows
    .filter((r) => r.annualScore !== null)
    .sort((a, b) => b.annualScore! - a.annualScore! || a.failed - b.failed || a.siteName.localeCompare(b.siteName, 'zh-Hans-CN'));
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && prev.annualScore === r.annualScore && prev.failed === r.failed ? prev.rank : i + 1;
  });
  return [...ranked, ...rows.filter((r) => r.annualScore === null).sort((a, b) => a.siteName.localeCompare(b.siteName, 'zh-Hans-CN'))];
}

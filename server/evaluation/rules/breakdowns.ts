/**
 * The breakdowns of a spot check's results: by county (a site belongs to the county whose org
 * its sponsor sits under; city-level sites form their own group), by kind of problem (the
 * founding notice's four failures and the rest), and the ranking on 互动交流 that only sites
 * with enough letters take part in (a site with almost no letters cannot top it). Pure.
 */
import {
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  type CategoryBreakdown,
  type CountyBreakdown,
  type IndicatorSystem,
  type InteractionRanking,
} from '../../../common/schemas/evaluation.ts';
import { round2 } from './indicator-system.ts';

/** Letters a site must have received in the period to be ranked on interaction [R]. */
export const DEFAULT_MIN_LETTERS = 10;

export interface BreakdownResult {
  siteId: string;
  siteName: string;
  state: 'pending' | 'scored';
  verdict: 'pass' | 'fail' | null;
  score: number | null;
  vetoes: readonly { code: string }[];
  deductions: readonly { code: string; points: number }[];
}

export interface OrgNode {
  id: string;
  name: string;
  parentId: string | null;
  level: string;
}

/** The county org a site's sponsor sits under (itself included), or null for city-level orgs. */
export function countyOf(orgId: string, orgs: ReadonlyMap<string, OrgNode>): OrgNode | null {
  const seen = new Set<string>();
  for (let o = orgs.get(orgId); o && !seen.has(o.id); o = o.parentId ? orgs.get(o.parentId) : undefined) {
    seen.add(o.id);
    if (o.level === 'county') return o;
  }
  return null;
}

/** Per county (city-level sites first, then counties by name): sites, pass and fail, pass rate and average score. */
export function byCounty(results: readonly BreakdownResult[], countyOfSite: ReadonlyMap<string, OrgNode | null>): CountyBreakdown[] {
  const groups = new Map<string, { name: string; rows: BreakdownResult[] }>();
  for (const r of results) {
    const c = countyOfSite.get(r.siteId) ?? null;
    const key = c?.id ?? '';
    const g = groups.get(key) ?? { name: c?.name ?? '市级', rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a, x], [b, y]) => (a === '' ? -1 : b === '' ? 1 : x.name.localeCompare(y.name, 'zh-Hans-CN')))
    .map(([key, g]) => {
      const scored = g.rows.filter((r) => r.state === 'scored');
      const pass = scored.filter((r) => r.verdict === 'pass').length;
      const withScore = scored.filter((r) => r.score !== null);
      return {
        countyId: key || null,
        county: g.name,
        sites: g.rows.length,
        scored: scored.length,
        pass,
        fail: scored.length - pass,
        passRate: scored.length ? round2((100 * pass) / scored.length) : null,
        averageScore: withScore.length ? round2(withScore.reduce((n, r) => n + r.score!, 0) / withScore.length) : null,
      };
    });
}

/** Per kind of problem: how many sites lost points there, how many items, the points and the vetoes. */
export function byCategory(results: readonly BreakdownResult[], system: IndicatorSystem): CategoryBreakdown[] {
  const category = new Map(system.items.map((i) => [i.code, i.category ?? 'function']));
  return PROBLEM_CATEGORIES.map((c) => {
    const sites = new Set<string>();
    let items = 0;
    let points = 0;
    let vetoes = 0;
    for (const r of results) {
      for (const v of r.vetoes)
        if (category.get(v.code) === c) {
          vetoes++;
          items++;
          sites.add(r.siteId);
        }
      for (const d of r.deductions)
        if (category.get(d.code) === c) {
          items++;
          points += d.points;
          sites.add(r.siteId);
        }
    }
    return { category: c, label: PROBLEM_CATEGORY_LABELS[c], sites: sites.size, items, points: round2(points), vetoes };
  });
}

/**
 * The 互动交流 ranking: sites scored without a veto on another item, that received at least
 * `minLetters` letters, ranked by the points they lost on interaction items (a veto on
 * interaction ranks last); equal losses share a rank. The others are listed with why.
 */
export function interactionRanking(
  results: readonly BreakdownResult[],
  system: IndicatorSystem,
  letters: ReadonlyMap<string, number>,
  minLetters: number,
): InteractionRanking {
  const interaction = new Set(system.items.filter((i) => i.category === 'interaction').map((i) => i.code));
  const ranked: { siteId: string; siteName: string; letters: number; lost: number | null; vetoed: boolean }[] = [];
  const unranked: InteractionRanking['unranked'] = [];
  for (const r of results) {
    const n = letters.get(r.siteId) ?? 0;
    const vetoedHere = r.vetoes.some((v) => interaction.has(v.code));
    if (r.state !== 'scored') unranked.push({ siteId: r.siteId, siteName: r.siteName, letters: n, reason: 'pending' });
    else if (n < minLetters) unranked.push({ siteId: r.siteId, siteName: r.siteName, letters: n, reason: 'fewLetters' });
    else if (r.vetoes.length > 0 && !vetoedHere) unranked.push({ siteId: r.siteId, siteName: r.siteName, letters: n, reason: 'vetoed' });
    else
      ranked.push({
        siteId: r.siteId,
        siteName: r.siteName,
        letters: n,
        vetoed: vetoedHere,
        lost: vetoedHere ? null : round2(r.deductions.filter((d) => interaction.has(d.code)).reduce((s, d) => s + d.points, 0)),
      });
  }
  const key = (x: (typeof ranked)[number]) => (x.vetoed ? Number.POSITIVE_INFINITY : x.lost!);
  ranked.sort((a, b) => key(a) - key(b) || b.letters - a.letters || a.siteId.localeCompare(b.siteId));
  let rank = 0;
  return {
    minLetters,
    ranked: ranked.map((x, i) => {
      if (i === 0 || key(ranked[i - 1]!) !== key(x)) rank = i + 1;
      return { rank, siteId: x.siteId, siteName: x.siteName, letters: x.letters, lost: x.lost, vetoed: x.vetoed };
    }),
    unranked,
  };
}

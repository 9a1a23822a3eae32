/**
 * Scoring a site against an indicator system (domain-rules.md §1.1, indicators.md §1.2):
 *
 * 1. Any veto item hit → 不合格, and nothing else is scored.
 * 2. Otherwise 100 minus the deductions, each item's loss capped at its 上限分值; a finding is
 *    charged under one item only (the first in the table that takes it: "已按其他指标扣分的，
 *    本指标项下不重复扣分"). Sites without external services lose the 办事服务 items and are
 *    scored out of 75, scaled by 4/3.
 * 3. Below the pass line (60) → 不合格; above the bonus line (80) the bonus items are added.
 *
 * Items scored by hand take the checker's recorded result; without one they cost nothing and
 * are listed as not assessed, so a score never claims more than was checked. Every lost point
 * carries the findings behind it. Points are summed in hundredths. Pure.
 */
import type {
  Evaluation,
  IndicatorDriver,
  IndicatorItem,
  IndicatorSystem,
  ManualResult,
  ScorableFinding,
  ScoredBonus,
  ScoredDeduction,
  ScoredVeto,
} from '../../../common/schemas/evaluation.ts';
import { cents, indicatorLabel } from './indicator-system.ts';

export interface ScoreContext<F extends ScorableFinding = ScorableFinding> {
  findings: readonly F[];
  /** The home page's addresses (the start URL and where it led): what is found there weighs more. */
  homeUrls?: readonly string[];
  /** Recorded results of the items scored by hand, by item code. */
  manual?: Readonly<Record<string, ManualResult>>;
  /** The site has no external services: 办事服务 is not checked. */
  noExternalServices?: boolean;
}

const normal = (url: string): string => {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
};

const patterns = new Map<string, RegExp>();
const columnPattern = (source: string): RegExp => {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source)));
  return re;
};

function matches(d: IndicatorDriver, f: ScorableFinding): boolean {
  if (!d.kinds.includes(f.kind)) return false;
  if (d.severity && !d.severity.includes(f.severity)) return false;
  if (d.element && !(f.element !== undefined && d.element.includes(f.element))) return false;
  if (d.columnClass) {
    const cls = f.params?.['class'];
    if (typeof cls !== 'string' || !(d.columnClass as readonly string[]).includes(cls)) return false;
  }
  if (d.columnName !== undefined && !(f.column !== undefined && columnPattern(d.columnName).test(f.column))) return false;
  return true;
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/** Hundredths of a point that `found` (the driver's matches) cost or give. */
function driverCents(d: IndicatorDriver, found: readonly ScorableFinding[], onHome: (f: ScorableFinding) => boolean): number {
  const per = cents(d.points ?? 0);
  const home = d.homePoints !== undefined ? cents(d.homePoints) : per;
  switch (d.per) {
    case 'site':
      return found.length > 0 ? per : 0;
    case 'finding': {
      const counted = d.sample !== undefined ? found.slice(0, d.sample) : found;
      return counted.reduce((n, f) => n + (onHome(f) ? home : per), 0);
    }
    case 'page':
      return found.reduce((n, f) => {
        let pages = Math.max(1, count(f.params?.['pages']));
        if (d.sample !== undefined) pages = Math.min(pages, d.sample);
        return n + (f.params?.['home'] === true ? home + (pages - 1) * per : pages * per);
      }, 0);
    case 'percent':
      return found.reduce((n, f) => {
        const probes = count(f.params?.['probes']);
        return n + (probes ? Math.floor((100 * count(f.params?.['failures'])) / probes) * per : 0);
      }, 0);
  }
}

/** Scores one site; `system` must have passed `systemProblems`. */
export function scoreSite<F extends ScorableFinding>(system: IndicatorSystem, ctx: ScoreContext<F>): Evaluation<F> {
  const homes = new Set((ctx.homeUrls ?? []).map(normal));
  const onHome = (f: ScorableFinding) => homes.has(normal(f.parent ?? f.url));
  const servicesOut = Boolean(ctx.noExternalServices);
  const serviceGroups = new Set(system.groups.filter((g) => g.services).map((g) => g.code));
  const applies = (item: IndicatorItem) => !(servicesOut && (item.services || (item.group !== undefined && serviceGroups.has(item.group))));
  const items = system.items.filter(applies);
  const notAssessed: Evaluation<F>['notAssessed'] = [];
  const manualOf = (item: IndicatorItem): ManualResult | undefined => {
    const m = item.manual ? ctx.manual?.[item.code] : undefined;
    if (item.manual && !m) notAssessed.push({ code: item.code, indicator: indicatorLabel(system, item), manual: item.manual });
    return m;
  };

  const vetoes: ScoredVeto<F>[] = [];
  for (const item of items.filter((i) => i.kind === 'veto')) {
    const found = ctx.findings.filter((f) => (item.drivers ?? []).some((d) => matches(d, f)));
    const manual = manualOf(item);
    if (found.length === 0 && manual?.veto !== true) continue;
    vetoes.push({ code: item.code, indicator: indicatorLabel(system, item), findings: found, ...(manual ? { manual } : {}) });
  }
  if (vetoes.length > 0)
    return {
      system: system.key,
      verdict: 'fail',
      vetoes,
      deductions: [],
      bonuses: [],
      deductionScore: null,
      bonus: 0,
      score: null,
      notAssessed,
    };

  // Deductions: each finding is charged under the first item that takes it.
  const charged = new Set<F>();
  const deductions: ScoredDeduction<F>[] = [];
  let lost = 0;
  for (const item of items.filter((i) => i.kind === 'deduction')) {
    let sum = 0;
    const behind: F[] = [];
    for (const d of item.drivers ?? []) {
      const found = ctx.findings.filter((f) => !charged.has(f) && matches(d, f));
      sum += driverCents(d, found, onHome);
      for (const f of found) charged.add(f);
      behind.push(...found);
    }
    const manual = manualOf(item);
    if (manual?.points !== undefined) sum += cents(manual.points);
    // Without a cap (the 2015 table gives none) an item deducts until the score is zero.
    const points = item.cap !== undefined ? Math.min(sum, cents(item.cap)) : sum;
    if (points <= 0) continue;
    lost += points;
    deductions.push({
      code: item.code,
      indicator: indicatorLabel(system, item),
      points: points / 100,
      findings: behind,
      ...(manual ? { manual } : {}),
    });
  }
  const scale = servicesOut && system.serviceScale ? system.serviceScale.without : 100;
  const deductionCents = Math.round((Math.max(0, cents(scale) - lost) * 100) / scale);
  const deductionScore = deductionCents / 100;

  const bonuses: ScoredBonus[] = [];
  let bonusCents = 0;
  if (deductionScore > system.bonusLine) {
    const byGroup = new Map<string, number>();
    for (const item of items.filter((i) => i.kind === 'bonus')) {
      const manual = manualOf(item);
      let sum = 0;
      for (const d of item.drivers ?? [])
        sum += driverCents(
          d,
          ctx.findings.filter((f) => matches(d, f)),
          onHome,
        );
      if (manual?.points !== undefined) sum += cents(manual.points);
      const group = system.groups.find((g) => g.code === item.group);
      const room = cents(group?.points ?? 0) - (byGroup.get(item.group ?? '') ?? 0);
      const points = Math.max(0, Math.min(sum, cents(item.cap ?? 0), room));
      if (points <= 0) continue;
      byGroup.set(item.group ?? '', (byGroup.get(item.group ?? '') ?? 0) + points);
      bonusCents += points;
      bonuses.push({ code: item.code, indicator: indicatorLabel(system, item), points: points / 100, ...(manual ? { manual } : {}) });
    }
  }
  const score = (deductionCents + bonusCents) / 100;
  return {
    system: system.key,
    verdict: deductionScore < system.passLine ? 'fail' : 'pass',
    vetoes,
    deductions,
    bonuses,
    deductionScore,
    bonus: bonusCents / 100,
    score,
    notAssessed,
  };
}

/**
 * What item `code` loses now (a re-check of one item): its veto with the findings behind it, or
 * its deduction as scored without the vetoes (so a new veto elsewhere neither hides nor closes
 * it); undefined when it loses nothing.
 */
export function lostItem<F extends ScorableFinding>(
  system: IndicatorSystem,
  code: string,
  ctx: ScoreContext<F>,
): ScoredVeto<F> | ScoredDeduction<F> | undefined {
  const item = system.items.find((i) => i.code === code);
  if (!item) return undefined;
  if (item.kind === 'veto') return scoreSite(system, ctx).vetoes.find((v) => v.code === code);
  const withoutVetoes = { ...system, items: system.items.filter((i) => i.kind !== 'veto') };
  return scoreSite(withoutVetoes, ctx).deductions.find((d) => d.code === code);
}

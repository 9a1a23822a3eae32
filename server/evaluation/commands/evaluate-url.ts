/**
 * `gongkai evaluate <url>`: a one-off evaluation of any site against an indicator system, from a
 * crawl check (the monitoring room's) as of a day. Nothing is registered or stored; items the
 * table scores by hand have no recorded result here and are listed as not assessed.
 */
import type { EvaluateReport, Evaluation } from '../../../common/schemas/evaluation.ts';
import type { MonitorReport } from '../../../common/schemas/monitoring.ts';
import { crawlCheck, type CrawlCheckInput } from '../../monitoring/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { scoreSite } from '../rules/score.ts';
import { usableSystem } from './systems.ts';

export interface EvaluateUrlInput extends Omit<CrawlCheckInput, 'siteId'> {
  /** A built-in system's key; the 2019 national table unless given. */
  system?: string;
}

export interface EvaluateUrlResult {
  report: EvaluateReport;
  evaluation: Evaluation;
  /** The crawl check the evaluation was scored from. */
  monitor: MonitorReport;
}

/** Crawls `url`, scores it, and returns the `gongkai evaluate --json` document with the full evaluation. */
export async function evaluateUrl(deps: Deps, input: EvaluateUrlInput): Promise<EvaluateUrlResult> {
  const system = await usableSystem(deps.db, input.system);
  const { system: _system, ...check } = input;
  const { report: monitor, summary } = await crawlCheck(deps, check);
  const evaluation = scoreSite(system, { findings: monitor.findings, homeUrls: [monitor.url, summary.home.finalUrl] });
  return {
    report: {
      url: monitor.url,
      asOf: monitor.asOf,
      system: system.key,
      verdict: evaluation.verdict,
      vetoes: evaluation.vetoes.map((v) => ({ indicator: v.indicator, findings: v.findings })),
      deductions: evaluation.deductions.map((d) => ({ indicator: d.indicator, points: d.points, findings: d.findings })),
      score: evaluation.score,
    },
    evaluation,
    monitor,
  };
}

/** The evaluation room: indicator systems as data, scoring a site against one, and one-off evaluations of any URL. */
export { evaluateUrl, type EvaluateUrlInput, type EvaluateUrlResult } from './commands/evaluate-url.ts';
export { indicatorLabel, systemProblems } from './rules/indicator-system.ts';
export { scoreSite, type ScoreContext } from './rules/score.ts';
export { BUILT_IN_SYSTEMS, builtInSystem, CENSUS_2015, DEFAULT_SYSTEM_KEY, NATIONAL_2019 } from './rules/systems/index.ts';

/** Pre-publication checks (发布前检查): pure rules over an article revision, with the dictionaries they scan with. */
export { buildMatcher, foldForMatch, type FindOptions, type Match, type Matcher, type MatcherEntry } from './aho-corasick.ts';
export {
  buildCommonErrorMatcher,
  buildSensitiveMatcher,
  type CommonErrorPair,
  type CommonErrorPayload,
  type SensitiveLevel,
  type SensitivePayload,
  type SensitiveWord,
} from './dictionaries.ts';
export {
  extractHtmlText,
  htmlOffsetAt,
  paragraphNumberAt,
  type ExtractedImage,
  type ExtractedLink,
  type ExtractedText,
} from './html-text.ts';
export {
  buildLeaderIndex,
  findLeaderProblems,
  titlesCompatible,
  type Leader,
  type LeaderIndex,
  type LeaderProblem,
  type LeaderRecord,
} from './leaders.ts';
export {
  MAX_FINDINGS_PER_KIND,
  runChecks,
  findWordingProblems,
  isMissing,
  snippetOf,
  type CheckCode,
  type CheckContext,
  type CheckInput,
  type CheckResult,
  type CheckSeverity,
  type LinkStatus,
  type WordingProblem,
} from './run-checks.ts';

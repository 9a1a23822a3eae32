/** Builders for the two word dictionaries the checks scan with: sensitive words and common errors. Pure. */
import { buildMatcher, foldForMatch, type Matcher } from './aho-corasick.ts';

export type SensitiveLevel = 'error' | 'warning';

export interface SensitivePayload {
  level: SensitiveLevel;
  note?: string;
}

export interface SensitiveWord {
  word: string;
  level: SensitiveLevel;
  note?: string;
}

export interface CommonErrorPayload {
  correct: string;
}

export interface CommonErrorPair {
  wrong: string;
  correct: string;
}

/**
 * Sensitive words. A word listed twice (after case and width folding) keeps its strictest level, so
 * merging a city list into the national one can never soften a ban.
 */
export function buildSensitiveMatcher(words: readonly SensitiveWord[]): Matcher<SensitivePayload> {
  const byWord = new Map<string, SensitiveWord>();
  for (const w of words) {
    const word = w.word.trim();
    if (!word) continue;
    const key = foldForMatch(word);
    const had = byWord.get(key);
    if (!had || (had.level === 'warning' && w.level === 'error')) byWord.set(key, { ...w, word });
  }
  return buildMatcher(
    [...byWord.values()].map((w) => ({ word: w.word, payload: w.note ? { level: w.level, note: w.note } : { level: w.level } })),
  );
}

/**
 * Common errors (错别字, wrong → correct). Pairs whose two sides fold to the same string are dropped:
 * the matcher cannot tell them apart and would flag the correct spelling too.
 */
export function buildCommonErrorMatcher(pairs: readonly CommonErrorPair[]): Matcher<CommonErrorPayload> {
  return buildMatcher(
    pairs
      .map((p) => ({ wrong: p.wrong.trim(), correct: p.correct.trim() }))
      .filter((p) => p.wrong && foldForMatch(p.wrong) !== foldForMatch(p.correct))
      .map((p) => ({ word: p.wrong, payload: { correct: p.correct } })),
  );
}

/**
 * From segmenter output to the terms the index stores and the terms a query asks for. One
 * normalisation for both sides, so a word indexed is a word found:
 * - text is made well-formed (lone surrogates become U+FFFD), NFKC (full-width Latin and digits
 *   become ASCII) and lower case;
 * - a term is a run of letters and digits; punctuation, symbols, emoji and control characters
 *   separate terms and are never searched for;
 * - every Han character is also indexed on its own, so a one-character query (税) finds every
 *   word containing it (税务, 个税). A multi-character query word matches the index's words.
 */

const HAN = /\p{Script=Han}/u;
const HAN_CHARS = /\p{Script=Han}/gu;
const RUN = /[\p{L}\p{N}]+/gu;
const WHOLE_RUN = /^[\p{L}\p{N}]+$/u;
/** More query words than this add nothing a person meant; the rest are ignored. */
export const MAX_QUERY_TERMS = 12;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function normalizeText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').normalize('NFKC').toLowerCase();
}

/** The letter-and-digit runs of a segment (`covid-19` → covid, 19). */
function runsOf(segment: string): string[] {
  return WHOLE_RUN.test(segment) ? [segment] : (segment.match(RUN) ?? []);
}

const isSingleHan = (term: string) => term.length === 1 && HAN.test(term);

/**
 * The terms to index for a text, space-joined: the segmenter's words (every dictionary word in
 * the text) without single Han characters, then every Han character.
 */
export function indexTerms(normalized: string, segments: readonly string[]): string {
  // Hot path of indexing (thousands of segments per article): plain loops, one regex per segment.
  const words = new Set<string>();
  for (const segment of segments) {
    if (segment.length === 1 && HAN.test(segment)) continue;
    for (const run of runsOf(segment)) if (!isSingleHan(run)) words.add(run);
  }
  const chars = normalized.match(HAN_CHARS) ?? [];
  return [...words, ...chars].join(' ');
}

/** The distinct words of a query (precise segmentation), every one required, in query order. */
export function queryTerms(segments: readonly string[]): string[] {
  return [...new Set(segments.flatMap(runsOf))].slice(0, MAX_QUERY_TERMS);
}

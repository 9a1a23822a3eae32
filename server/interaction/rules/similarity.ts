/**
 * Near-duplicate letters (the same complaint sent twice, or by several people copying one
 * text): Jaccard similarity of the character bigrams of title and content, after removing
 * whitespace and punctuation. Chinese text has no spaces, so bigrams are the usual unit; two
 * letters sharing most of their bigrams say the same thing.
 */

/** Letters at least this similar are offered as 合并 candidates. */
export const NEAR_DUPLICATE = 0.6;

const NOISE = /[\s\p{P}\p{S}]+/gu;

export function bigrams(text: string): Set<string> {
  const chars = [...text.replace(NOISE, '').toLowerCase()];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** |A ∩ B| / |A ∪ B| of the two texts' bigrams (0 when either is empty). */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The candidates at least NEAR_DUPLICATE similar to the letter, most similar first. */
export function nearDuplicates<T extends { id: string; title: string; content: string }>(
  letter: { id: string; title: string; content: string },
  candidates: readonly T[],
  threshold = NEAR_DUPLICATE,
): { item: T; similarity: number }[] {
  const mine = bigrams(`${letter.title}${letter.content}`);
  return candidates
    .filter((c) => c.id !== letter.id)
    .map((item) => ({ item, similarity: similarity(mine, bigrams(`${item.title}${item.content}`)) }))
    .filter((x) => x.similarity >= threshold)
    .sort((x, y) => y.similarity - x.similarity);
}

/**
 * The same information asked for by several applicants (条例 第四十四条): such information may be
 * made proactively public, so the office is shown the groups of an org's recent requests whose
 * descriptions are alike.
 *
 * Two requests are alike when the Jaccard similarity of their description words, |A ∩ B| / |A ∪ B|,
 * is at least the threshold (SIMILARITY_THRESHOLD by default). The words are the search room's
 * jieba segmentation (every dictionary word found in the text, with the government terms) without
 * single characters and without the words nearly every request contains (STOP_WORDS). Alike pairs
 * are joined into groups transitively (a group is a connected set of alike requests), and a group
 * is reported only when it holds at least two different applicants (by the blind index of their ID
 * numbers): one person asking twice is a repeat application (条例 36 (6)), not art. 44.
 *
 * Pure: the caller segments the text and reads the dates.
 */

/** Default similarity from which two descriptions count as asking for the same information. */
export const SIMILARITY_THRESHOLD = 0.5;
/** Default look-back: requests received in the last 12 months. */
export const LOOKBACK_MONTHS = 12;
/** Groups need this many different applicants. */
export const MIN_APPLICANTS = 2;
/** Requests compared at most (the newest); far beyond an office's yearly count. */
export const MAX_REQUESTS_COMPARED = 5000;

/** Words of the request form itself, found in almost every description: they say nothing about what is asked. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '政府信息',
  '信息',
  '公开',
  '申请',
  '申请人',
  '有关',
  '相关',
  '关于',
  '请求',
  '提供',
  '要求',
  '本人',
  '我们',
  '贵单位',
  '贵机关',
  '以及',
  '情况',
  '文件',
  '资料',
]);

/** The words of a description to compare, from its segmented terms: distinct, two characters or more, no stop words. */
export function descriptionWords(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of terms) if ([...t].length >= 2 && !STOP_WORDS.has(t)) out.add(t);
  return [...out];
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const w of small) if (large.has(w)) common++;
  return common / (a.size + b.size - common);
}

export interface ComparedRequest {
  id: string;
  /** Who asked: the blind index of the applicant's ID number. */
  applicant: string;
  words: readonly string[];
}

export interface SimilarGroup {
  /** Request ids, in the order given. */
  ids: string[];
  applicants: number;
  /** The lowest similarity among the pairs that joined the group, rounded to two decimals. */
  similarity: number;
  /** Words every request of the group contains, in the first request's order. */
  commonWords: string[];
}

/**
 * The groups of alike requests with at least MIN_APPLICANTS different applicants, the most
 * applicants first. Throws RangeError for a threshold outside (0, 1].
 */
export function similarGroups(requests: readonly ComparedRequest[], threshold = SIMILARITY_THRESHOLD): SimilarGroup[] {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('threshold must be in (0, 1]');
  const sets = requests.map((r) => new Set(r.words));
  const parent = requests.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const weakest = new Map<number, number>();
  const linked: [number, number, number][] = [];

  // Intersections through an inverted index: only pairs sharing a word are ever counted.
  const postings = new Map<string, number[]>();
  sets.forEach((set, i) => {
    const common = new Map<number, number>();
    for (const w of set) {
      const list = postings.get(w);
      if (list) for (const j of list) common.set(j, (common.get(j) ?? 0) + 1);
      else postings.set(w, []);
      postings.get(w)!.push(i);
    }
    for (const [j, n] of common) {
      const sim = n / (set.size + sets[j]!.size - n);
      if (sim >= threshold) linked.push([j, i, sim]);
    }
  });
  for (const [a, b] of linked) parent[find(a)] = find(b);
  for (const [a, , sim] of linked) {
    const root = find(a);
    weakest.set(root, Math.min(weakest.get(root) ?? 1, sim));
  }

  const members = new Map<number, number[]>();
  requests.forEach((_, i) => {
    const root = find(i);
    if (weakest.has(root)) members.set(root, [...(members.get(root) ?? []), i]);
  });
  const groups: SimilarGroup[] = [];
  for (const [root, idx] of members) {
    const applicants = new Set(idx.map((i) => requests[i]!.applicant)).size;
    if (applicants < MIN_APPLICANTS) continue;
    const first = requests[idx[0]!]!.words;
    groups.push({
      ids: idx.map((i) => requests[i]!.id),
      applicants,
      similarity: Math.round((weakest.get(root) ?? 0) * 100) / 100,
      commonWords: first.filter((w) => idx.every((i) => sets[i]!.has(w))),
    });
  }
  return groups.sort((a, b) => b.applicants - a.applicants || b.ids.length - a.ids.length || b.similarity - a.similarity);
}

/** The first day of the look-back: `months` calendar months before `today` (the day clamped to the month's end). */
export function lookbackStart(today: string, months = LOOKBACK_MONTHS): string {
  const [y, m, d] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10))];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

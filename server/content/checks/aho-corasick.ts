/**
 * Aho–Corasick multi-word matcher for the pre-publication checks (敏感词, 错别字, 领导姓名和职务).
 * Pure: no I/O, no clock.
 *
 * Units. The automaton walks UTF-16 code units, and every offset it returns is an ordinary
 * JavaScript string index (usable with `slice`). Common Chinese characters are one unit; the rare
 * ones outside the BMP (CJK Ext. B and later) are two units and match as a pair. A well-formed word
 * starts with a high surrogate or a BMP unit, so it can never match half a pair.
 *
 * Normalisation. Before matching, text and words go through the same unit-by-unit fold: full-width
 * ASCII U+FF01–U+FF5E becomes U+0021–U+007E (Ｇ→G, ２→2), the ideographic space U+3000 and U+00A0
 * become a plain space, and A–Z become a–z. The fold maps one unit to one unit, so it never changes
 * the length: an offset in the folded text is the same offset in the original text, and no offset
 * map is needed.
 *
 * Semantics. `findAll` returns leftmost-longest, non-overlapping matches by default, which is what
 * error dictionaries want: "再接再励" is reported once, not also as the shorter entries inside it.
 * `{ overlapping: true }` returns every occurrence of every word instead.
 *
 * Latin boundaries. Chinese has no word boundaries, but Latin words do: a word that begins (ends)
 * with an ASCII letter or digit matches only where the text has no letter or digit just before
 * (after) it, so "ass" does not fire inside "class".
 */

/** One dictionary word and what the caller wants back when it is found. */
export interface MatcherEntry<T> {
  word: string;
  payload: T;
}

/** One occurrence: `text.slice(start, end)` is the matched text as written. */
export interface Match<T> {
  start: number;
  end: number;
  /** The dictionary word as it was given to `buildMatcher`. */
  word: string;
  /** The text as written at that place (may differ from `word` in case or width). */
  text: string;
  payload: T;
}

export interface FindOptions {
  /** Every occurrence of every word, overlapping, ordered by end then by start. Default false. */
  overlapping?: boolean;
}

export interface Matcher<T> {
  /** Number of distinct words after normalisation. */
  readonly size: number;
  /** Matches in `text`, ordered by start (leftmost-longest unless `overlapping`). */
  findAll(text: string, options?: FindOptions): Match<T>[];
}

// Built once per process: a 64k-entry table is cheaper than branching on every unit while scanning.
const FOLD = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 0x20;
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const a = c - 0xfee0;
    t[c] = a >= 0x41 && a <= 0x5a ? a + 0x20 : a;
  }
  t[0x3000] = 0x20;
  t[0xa0] = 0x20;
  return t;
}

/** The matcher's normalisation of a string (same length as the input). */
export function foldForMatch(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(FOLD[s.charCodeAt(i)]!);
  return out;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * Build a matcher. Words that normalise to the same string keep the first entry's payload, so the
 * result does not depend on anything but the order of `entries`. Empty words are ignored.
 */
export function buildMatcher<T>(entries: readonly MatcherEntry<T>[]): Matcher<T> {
  const kept: MatcherEntry<T>[] = [];
  const seen = new Set<string>();
  let totalUnits = 0;
  for (const e of entries) {
    if (e.word.length === 0) continue;
    const folded = foldForMatch(e.word);
    if (seen.has(folded)) continue;
    seen.add(folded);
    kept.push(e);
    totalUnits += e.word.length;
  }

  // Node 0 is the root. A trie never has more nodes than units in its words, plus the root, so
  // every per-node array is allocated once at its final size.
  const maxNodes = totalUnits + 1;
  const depth = new Int32Array(maxNodes);
  const parent = new Int32Array(maxNodes);
  const parentUnit = new Uint16Array(maxNodes);
  const fail = new Int32Array(maxNodes);
  const output = new Int32Array(maxNodes).fill(-1); // entry index of the word ending here
  const dictLink = new Int32Array(maxNodes).fill(-1); // nearest proper suffix node that ends a word
  // The root fans out to thousands of characters in a Chinese dictionary, so it gets a dense table;
  // deeper nodes have few children each and share one open-addressing hash of (node, unit) → child.
  const rootNext = new Int32Array(0x10000);
  const inAlphabet = new Uint8Array(0x10000);
  let capacity = 16;
  while (capacity < totalUnits * 2) capacity *= 2;
  const mask = capacity - 1;
  const edgeNode = new Int32Array(capacity); // 0 = empty slot (the root never appears here)
  const edgeUnit = new Uint16Array(capacity);
  const edgeChild = new Int32Array(capacity);

  const slot = (node: number, unit: number): number => {
    let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(unit + 1, 0x85ebca6b);
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    return (h ^ (h >>> 15)) >>> 0;
  };
  const child = (node: number, unit: number): number => {
    for (let i = slot(node, unit) & mask; ; i = (i + 1) & mask) {
      const n = edgeNode[i]!;
      if (n === 0) return -1;
      if (n === node && edgeUnit[i] === unit) return edgeChild[i]!;
    }
  };

  let nodes = 1;
  kept.forEach((e, index) => {
    let node = 0;
    for (let k = 0; k < e.word.length; k++) {
      const u = FOLD[e.word.charCodeAt(k)]!;
      inAlphabet[u] = 1;
      let next: number;
      if (node === 0) {
        next = rootNext[u]!;
        if (next === 0) next = rootNext[u] = nodes++;
        else {
          node = next;
          continue;
        }
      } else {
        let i = slot(node, u) & mask;
        for (; edgeNode[i] !== 0; i = (i + 1) & mask) if (edgeNode[i] === node && edgeUnit[i] === u) break;
        if (edgeNode[i] !== 0) {
          node = edgeChild[i]!;
          continue;
        }
        next = nodes++;
        edgeNode[i] = node;
        edgeUnit[i] = u;
        edgeChild[i] = next;
      }
      depth[next] = depth[node]! + 1;
      parent[next] = node;
      parentUnit[next] = u;
      node = next;
    }
    output[node] = index;
  });

  // Failure links must be computed parent before child, i.e. in order of depth: counting sort.
  let maxDepth = 0;
  for (let v = 1; v < nodes; v++) if (depth[v]! > maxDepth) maxDepth = depth[v]!;
  const firstAtDepth = new Int32Array(maxDepth + 2);
  for (let v = 1; v < nodes; v++) firstAtDepth[depth[v]! + 1]!++;
  for (let d = 1; d <= maxDepth + 1; d++) firstAtDepth[d]! += firstAtDepth[d - 1]!;
  const byDepth = new Int32Array(nodes);
  for (let v = 1; v < nodes; v++) byDepth[firstAtDepth[depth[v]!]!++] = v;

  for (let k = 0; k < nodes - 1; k++) {
    const v = byDepth[k]!;
    const u = parentUnit[v]!;
    let f = 0;
    if (depth[v]! > 1) {
      for (let s = fail[parent[v]!]!; ; s = fail[s]!) {
        if (s === 0) {
          f = rootNext[u]!;
          break;
        }
        const t = child(s, u);
        if (t >= 0) {
          f = t;
          break;
        }
      }
    }
    fail[v] = f;
    dictLink[v] = output[f]! >= 0 ? f : dictLink[f]!;
  }

  const edgeFlags = new Uint8Array(kept.length); // bit 1: starts with Latin alnum, bit 2: ends with one
  kept.forEach((e, i) => {
    const first = FOLD[e.word.charCodeAt(0)]!;
    const last = FOLD[e.word.charCodeAt(e.word.length - 1)]!;
    edgeFlags[i] = (isAsciiAlnum(first) ? 1 : 0) | (isAsciiAlnum(last) ? 2 : 0);
  });

  function findAll(text: string, options?: FindOptions): Match<T>[] {
    const starts: number[] = [];
    const ends: number[] = [];
    const ids: number[] = [];
    const n = text.length;
    let state = 0;
    for (let i = 0; i < n; i++) {
      const u = FOLD[text.charCodeAt(i)]!;
      // A unit no word contains sends every state back to the root: skip the failure walk.
      if (inAlphabet[u] === 0) {
        state = 0;
        continue;
      }
      for (;;) {
        if (state === 0) {
          state = rootNext[u]!;
          break;
        }
        const t = child(state, u);
        if (t >= 0) {
          state = t;
          break;
        }
        state = fail[state]!;
      }
      for (let m = output[state]! >= 0 ? state : dictLink[state]!; m >= 0; m = dictLink[m]!) {
        const id = output[m]!;
        const start = i + 1 - depth[m]!;
        const flags = edgeFlags[id]!;
        if (flags & 1 && start > 0 && isAsciiAlnum(FOLD[text.charCodeAt(start - 1)]!)) continue;
        if (flags & 2 && i + 1 < n && isAsciiAlnum(FOLD[text.charCodeAt(i + 1)]!)) continue;
        starts.push(start);
        ends.push(i + 1);
        ids.push(id);
      }
    }

    let order: number[];
    if (options?.overlapping) order = starts.map((_, k) => k);
    else {
      const sorted = starts.map((_, k) => k).sort((a, b) => starts[a]! - starts[b]! || ends[b]! - ends[a]!);
      order = [];
      let free = 0;
      for (const k of sorted) {
        if (starts[k]! < free) continue;
        order.push(k);
        free = ends[k]!;
      }
    }
    return order.map((k) => {
      const entry = kept[ids[k]!]!;
      const start = starts[k]!;
      const end = ends[k]!;
      return { start, end, word: entry.word, text: text.slice(start, end), payload: entry.payload };
    });
  }

  return { size: kept.length, findAll };
}

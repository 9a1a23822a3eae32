/**
 * Chinese word segmentation with jieba (@node-rs/jieba) and the room's dictionary of government
 * terms (gov-terms.txt). The dictionary is loaded once per process, on first use (≈ 0.2 s).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
// The package has no exports map: plain Node ESM needs the file name.
import { dict } from '@node-rs/jieba/dict.js';
import { indexTerms, normalizeText, queryTerms } from './rules/terms.ts';

/** High enough that a listed term is kept whole where the default dictionary would split it. */
const TERM_FREQUENCY = 100_000;
const TERMS_FILE = path.join(import.meta.dirname, 'gov-terms.txt');

let jieba: Jieba | undefined;

/** The government terms of the user dictionary (comments and blank lines left out). */
export function governmentTerms(): string[] {
  return fs
    .readFileSync(TERMS_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function segmenter(): Jieba {
  if (!jieba) {
    // `new Jieba()` has an empty dictionary (it would split everything into characters).
    const j = Jieba.withDict(dict);
    j.loadDict(
      Buffer.from(
        governmentTerms()
          .map((t) => `${t} ${TERM_FREQUENCY} n`)
          .join('\n'),
      ),
    );
    jieba = j;
  }
  return jieba;
}

/**
 * The space-joined terms to index for a title or body: every dictionary word that occurs in the
 * text (full mode), so a query word is found wherever it occurs as a substring. Search mode
 * (cutForSearch) only adds the 2- and 3-character words inside a long word: 营商环境 inside
 * 优化营商环境 would be lost.
 */
export function segmentForIndex(text: string): string {
  const normalized = normalizeText(text);
  return indexTerms(normalized, segmenter().cutAll(normalized));
}

/**
 * The words a query asks for, every one required: precise segmentation without the HMM guesser,
 * so every word of two or more characters is a dictionary word that full mode indexes.
 */
export function segmentQuery(q: string): string[] {
  return queryTerms(segmenter().cut(normalizeText(q), false));
}

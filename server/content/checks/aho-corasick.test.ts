import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../common/prng.ts';
import { buildMatcher, foldForMatch } from './aho-corasick.ts';

const matcher = (words: string[]) => buildMatcher(words.map((word, i) => ({ word, payload: i })));
const spans = (ms: { start: number; end: number; word: string }[]) => ms.map((m) => `${m.word}@${m.start}-${m.end}`);

describe('buildMatcher', () => {
  it('returns every overlapping occurrence when asked, including words that end inside longer ones', () => {
    const m = matcher(['中国', '国人', '中国人民', '人民', '民']);
    expect(spans(m.findAll('中国人民银行', { overlapping: true }))).toEqual(['中国@0-2', '国人@1-3', '中国人民@0-4', '人民@2-4', '民@3-4']);
  });

  it('picks leftmost-longest, non-overlapping matches by default', () => {
    const m = matcher(['中国', '国人', '中国人民', '人民', '银行']);
    expect(spans(m.findAll('中国人民银行'))).toEqual(['中国人民@0-4', '银行@4-6']);
  });

  it('prefers the leftmost match over a longer one that starts later', () => {
    const m = matcher(['工作', '作风建设']);
    expect(spans(m.findAll('工作风建设'))).toEqual(['工作@0-2']);
  });

  it('still finds a shorter word after the longest one that overlapped a chosen match', () => {
    const m = matcher(['中国人', '人民', '民']);
    expect(spans(m.findAll('中国人民'))).toEqual(['中国人@0-3', '民@3-4']);
  });

  it('follows failure links into another branch of the trie', () => {
    const m = matcher(['中华人民', '华人街']);
    expect(spans(m.findAll('中华人街'))).toEqual(['华人街@1-4']);
  });

  it('matches Latin letters case-insensitively and full-width ASCII as half-width, with original offsets', () => {
    const m = matcher(['GDP', 'ｖｐｎ']);
    const text = '今年ｇｄｐ增长，Gdp与VPN和ｖpn';
    const found = m.findAll(text);
    expect(found.map((x) => [x.start, x.end, x.text, x.word])).toEqual([
      [2, 5, 'ｇｄｐ', 'GDP'],
      [8, 11, 'Gdp', 'GDP'],
      [12, 15, 'VPN', 'ｖｐｎ'],
      [16, 19, 'ｖpn', 'ｖｐｎ'],
    ]);
    for (const x of found) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('treats the ideographic space as a space', () => {
    expect(spans(matcher(['A B']).findAll('x a\u3000b y'))).toEqual(['A B@2-5']);
  });

  it('does not match a Latin word inside a longer Latin word, but does next to Chinese', () => {
    const m = matcher(['ass', '5G']);
    expect(m.findAll('class 15G')).toEqual([]);
    expect(spans(m.findAll('ass，5G网络'))).toEqual(['ass@0-3', '5G@4-6']);
    expect(spans(m.findAll('ＡＳＳ5g'))).toEqual([]); // "ASS" is followed by the digit 5
  });

  it('counts in UTF-16 code units, so characters outside the BMP take two', () => {
    const m = matcher(['𠮷野家']);
    const text = '去𠮷野家';
    expect(spans(m.findAll(text))).toEqual(['𠮷野家@1-5']);
    expect(text.slice(1, 5)).toBe('𠮷野家');
  });

  it('keeps the first payload of words that normalise to the same string and ignores empty words', () => {
    const m = buildMatcher([
      { word: 'ABC', payload: 'first' },
      { word: 'abc', payload: 'second' },
      { word: '', payload: 'empty' },
    ]);
    expect(m.size).toBe(1);
    expect(m.findAll('abc').map((x) => x.payload)).toEqual(['first']);
  });

  it('finds nothing with an empty dictionary or an empty text', () => {
    expect(matcher([]).findAll('任何文字')).toEqual([]);
    expect(matcher(['文字']).findAll('')).toEqual([]);
  });

  it('agrees with a brute-force search on random dictionaries and texts', () => {
    const rnd = mulberry32(7);
    const alphabet = '中国人民a';
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const words = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => pick(1 + Math.floor(rnd() * 4))))];
      const text = pick(Math.floor(rnd() * 40));
      const m = matcher(words);
      const boundaryOk = (s: number, e: number, w: string) =>
        !(/[a]/.test(w[0]!) && s > 0 && text[s - 1] === 'a') && !(/[a]/.test(w.at(-1)!) && e < text.length && text[e] === 'a');
      const all: { start: number; end: number; word: string }[] = [];
      for (let e = 1; e <= text.length; e++)
        for (let s = 0; s < e; s++) {
          const w = words.find((x) => x === text.slice(s, e));
          if (w && boundaryOk(s, e, w)) all.push({ start: s, end: e, word: w });
        }
      expect(spans(m.findAll(text, { overlapping: true }))).toEqual(spans(all));
      const greedy: typeof all = [];
      let free = 0;
      for (const x of [...all].sort((a, b) => a.start - b.start || b.end - a.end)) {
        if (x.start < free) continue;
        greedy.push(x);
        free = x.end;
      }
      expect(spans(m.findAll(text))).toEqual(spans(greedy));
    }
  });
});

describe('foldForMatch', () => {
  it('keeps the length so offsets need no map', () => {
    const s = 'ＡＢＣ，ａｂｃ\u3000１２３Ｇ';
    expect(foldForMatch(s)).toBe('abc,abc 123g');
    expect(foldForMatch(s)).toHaveLength(s.length);
  });
});

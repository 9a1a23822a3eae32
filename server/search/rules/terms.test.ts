import { describe, expect, it } from 'vitest';
import { indexTerms, MAX_QUERY_TERMS, normalizeText, queryTerms } from './terms.ts';

describe('search terms', () => {
  it('normalises width, case and lone surrogates', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeText('政\ud800务')).toBe('政\ufffd务');
  });

  it('indexes words of two or more characters once, then every Han character', () => {
    expect(indexTerms('社保卡', ['社', '社保', '社保卡', '保', '卡', '社保'])).toBe('社保 社保卡 社 保 卡');
  });

  it('keeps only letter and digit runs: no operators, quotes or symbols reach the database', () => {
    expect(queryTerms(['"', 'a', ' ', 'OR', '-', 'near(b)', '*', '😀', "';", 'covid-19'])).toEqual(['a', 'OR', 'near', 'b', 'covid', '19']);
    expect(queryTerms(Array.from({ length: 40 }, (_, i) => `w${i}`))).toHaveLength(MAX_QUERY_TERMS);
  });
});

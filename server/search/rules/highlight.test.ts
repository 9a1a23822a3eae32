import { describe, expect, it } from 'vitest';
import { highlightParts, snippetParts } from './highlight.ts';

const render = (parts: { text: string; hit: boolean }[]) => parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('');

describe('highlighting', () => {
  it('marks every occurrence, the longest term first, and ignores Latin case', () => {
    expect(render(highlightParts('社保卡与社保、医保', ['社保', '社保卡', '医保']))).toBe('[社保卡]与[社保]、[医保]');
    expect(render(highlightParts('Ｇｏｖ and GOV', ['gov']))).toBe('[Ｇｏｖ] and [GOV]');
    expect(highlightParts('无关内容', ['税'])).toEqual([{ text: '无关内容', hit: false }]);
    expect(highlightParts('', ['税'])).toEqual([]);
  });

  it('cuts a window around the first hit of a long body, with ellipses where it goes on', () => {
    const body = `${'前文'.repeat(100)}个税优惠\n\n政策${'后文'.repeat(100)}`;
    const parts = snippetParts(body, ['个税']);
    const text = parts.map((p) => p.text).join('');
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(122);
    expect(render(parts)).toContain('[个税]优惠 政策');
  });

  it('starts at the beginning of the body when only the title matched', () => {
    expect(render(snippetParts('短正文。', ['标题词']))).toBe('短正文。');
  });

  it('never splits a surrogate pair at the window edges', () => {
    const body = '😀'.repeat(200);
    const text = snippetParts(body, ['x'], 121)
      .map((p) => p.text)
      .join('');
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text.ts';

describe('plainText', () => {
  it('drops tags, decodes entities and collapses white space', () => {
    expect(plainText('<p>社保&amp;医保</p><p>第二段&nbsp;&#x4e00;&#20108;</p>')).toBe('社保&医保 第二段 一二');
    expect(plainText('<table><tr><td>甲</td><td>乙</td></tr></table>')).toBe('甲 乙');
    expect(plainText('a &unknown; &#xD800; &#9999999;')).toBe('a &unknown;');
  });
});

import { describe, expect, it } from 'vitest';
import { articleIdOf, articleRef, displaySrc, fileIdOf, fileRef, fileUrl, htmlForDisplay } from './gkLinks.ts';

describe('gk: references', () => {
  it('builds and reads file and article references', () => {
    expect(fileRef('f-1')).toBe('gk:file:f-1');
    expect(articleRef('a_2')).toBe('gk:article:a_2');
    expect(fileIdOf('gk:file:f-1')).toBe('f-1');
    expect(fileIdOf('gk:article:f-1')).toBeNull();
    expect(fileIdOf('gk:file:../etc/passwd')).toBeNull();
    expect(fileIdOf(null)).toBeNull();
    expect(articleIdOf('gk:article:a_2')).toBe('a_2');
    expect(articleIdOf('https://example.com')).toBeNull();
  });

  it('maps gk:file images to the download URL for display only', () => {
    expect(fileUrl('abc')).toBe('/api/files/abc');
    expect(displaySrc('gk:file:abc')).toBe('/api/files/abc');
    expect(displaySrc('https://example.gov.cn/a.png')).toBe('https://example.gov.cn/a.png');
    expect(displaySrc(null)).toBe('');
  });

  it('rewrites internal references in sanitised HTML and leaves the rest alone', () => {
    const html =
      '<p><img src="gk:file:f1" alt="图" /><a href="gk:file:f2">附件</a> <a href="gk:article:a9">另一篇</a> <a href="https://x.cn">外</a></p>';
    expect(htmlForDisplay(html)).toBe(
      '<p><img src="/api/files/f1" alt="图" /><a href="/api/files/f2">附件</a> <a href="/admin/articles/a9">另一篇</a> <a href="https://x.cn">外</a></p>',
    );
    expect(htmlForDisplay("<img src='gk:file:f1'>", '/x/')).toBe("<img src='/api/files/f1'>");
    // Text that merely mentions the scheme is not an attribute and stays.
    expect(htmlForDisplay('<p>gk:file:f1</p>')).toBe('<p>gk:file:f1</p>');
  });
});

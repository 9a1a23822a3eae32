import { describe, expect, it } from 'vitest';
import { articlePath, beijingMonth, columnPagePath, columnPageUrl, filePath, relativeUrl } from './paths.ts';

describe('public paths', () => {
  it('names column pages, article pages and files', () => {
    expect(columnPagePath('/xwdt/zwyw', 1)).toBe('/xwdt/zwyw/index.html');
    expect(columnPagePath('/xwdt/zwyw', 3)).toBe('/xwdt/zwyw/index_3.html');
    expect(columnPageUrl('/xwdt/zwyw', 1)).toBe('/xwdt/zwyw/');
    // 2025-11-30T17:00Z is 1 December in Beijing.
    expect(articlePath('/tzgg', '2025-11-30T17:00:00Z', 'abc')).toBe('/tzgg/202512/abc.html');
    expect(beijingMonth('2025-11-30T15:59:59Z')).toBe('202511');
    expect(filePath('ab'.repeat(32), 'pdf')).toBe(`/files/${'ab'.repeat(32)}.pdf`);
    expect(filePath('ab'.repeat(32), '../x')).toBe(`/files/${'ab'.repeat(32)}`);
  });

  it('links pages relatively', () => {
    expect(relativeUrl('/index.html', '/xwdt/zwyw/')).toBe('xwdt/zwyw/');
    expect(relativeUrl('/index.html', '/')).toBe('./');
    expect(relativeUrl('/xwdt/zwyw/index.html', '/')).toBe('../../');
    expect(relativeUrl('/xwdt/zwyw/202511/a.html', '/xwdt/zwyw/')).toBe('../');
    expect(relativeUrl('/xwdt/zwyw/202511/a.html', '/tzgg/202510/b.html')).toBe('../../../tzgg/202510/b.html');
    expect(relativeUrl('/xwdt/zwyw/index_2.html', '/xwdt/zwyw/index_3.html')).toBe('index_3.html');
    expect(relativeUrl('/xwdt/zwyw/index_2.html', '/xwdt/zwyw/')).toBe('./');
    expect(relativeUrl('/search', '/assets/site.css')).toBe('assets/site.css');
    expect(relativeUrl('/a/b.html', '/a/b/c.html')).toBe('b/c.html');
  });

  it('resolves every relative link back to its target', () => {
    const pages = ['/index.html', '/search', '/a/index.html', '/a/b/202501/x.html', '/a/b/index_2.html', '/c/'];
    for (const from of pages)
      for (const to of pages) {
        const resolved = new URL(relativeUrl(from, to), `https://h${from}`).pathname;
        expect(resolved).toBe(to);
      }
  });
});

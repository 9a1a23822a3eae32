import { describe, expect, it } from 'vitest';
import { fileOfPath, parseRequestPath, splitPreviewTarget } from './request-path.ts';

describe('request paths', () => {
  it('keeps ordinary paths as they are and drops the query', () => {
    expect(parseRequestPath('/xwdt/202611/a1.html?from=rss')).toEqual({ ok: true, path: '/xwdt/202611/a1.html' });
    expect(parseRequestPath('/')).toEqual({ ok: true, path: '/' });
    expect(parseRequestPath('/%E4%B8%93%E9%A2%98/')).toEqual({ ok: true, path: '/专题/' });
  });

  it('refuses traversal, encoded separators and dots, backslashes, NUL, control characters and bad escapes with 400', () => {
    for (const target of [
      '/../etc/passwd',
      '/a/../../b',
      '/a/./b',
      '/%2e%2e/etc/passwd',
      '/%2E%2E%2Fetc',
      '/a%2fb',
      '/a%5cb',
      '/a\\..\\b',
      '/a%00.html',
      '/a%0d%0aSet-Cookie:x',
      '/%zz',
      '/%E4%B8',
      'http://evil.example/',
      '*',
      '',
      `/${'a'.repeat(3000)}`,
    ]) {
      expect(parseRequestPath(target), target).toEqual({ ok: false, status: 400 });
    }
  });

  it('answers 404 for dot-files and empty segments, which no published file has', () => {
    for (const target of ['/.env', '/a/.git/config', '/%2eenv', '//etc/passwd', '/a//b.html']) {
      expect(parseRequestPath(target), target).toEqual({ ok: false, status: 404 });
    }
  });

  it("names a folder's index.html and splits preview targets", () => {
    expect(fileOfPath('/xwdt/')).toBe('/xwdt/index.html');
    expect(fileOfPath('/xwdt/index_2.html')).toBe('/xwdt/index_2.html');
    expect(splitPreviewTarget('/sites/1100000001/xwdt/?x=1')).toEqual({ code: '1100000001', rest: '/xwdt/?x=1' });
    expect(splitPreviewTarget('/sites/1100000001')).toEqual({ code: '1100000001', rest: '' });
    expect(splitPreviewTarget('/sites/1100000001?x')).toEqual({ code: '1100000001', rest: '?x' });
    expect(splitPreviewTarget('/sites/..%2f/x')).toBeNull();
    expect(splitPreviewTarget('/sitesx/1')).toBeNull();
  });
});

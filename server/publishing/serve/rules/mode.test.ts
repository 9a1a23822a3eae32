import { describe, expect, it } from 'vitest';
import { cookieSelectsElder, modeRedirectTarget, safeBackPath } from './mode.ts';

describe('the mode switch', () => {
  it('accepts site paths with a query and percent-encodes Chinese characters', () => {
    expect(safeBackPath('/xwdt/202611/a1.html')).toBe('/xwdt/202611/a1.html');
    expect(safeBackPath('/search?q=%E5%85%AC%E5%BC%80&page=2')).toBe('/search?q=%E5%85%AC%E5%BC%80&page=2');
    expect(safeBackPath('/专题/')).toBe('/%E4%B8%93%E9%A2%98/');
  });

  it('refuses anything that could leave the site', () => {
    for (const back of [
      '//evil.example',
      '///evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/\\evil.example',
      '/%5Cevil.example',
      '/%2F%2Fevil.example',
      '/%2f/evil.example',
      '/a/../../admin',
      '/%2e%2e/admin',
      '/a\r\nSet-Cookie: x=1',
      '/a%0d%0aSet-Cookie:%20x=1',
      '/a b',
      '/a#frag',
      '/"><script>',
      '/\ud800',
      '/%E4%B8',
      '',
      `/${'a'.repeat(2000)}`,
      42,
      ['/a'],
      undefined,
    ]) {
      expect(safeBackPath(back), String(back)).toBeNull();
    }
  });

  it('redirects to the path on the public host and under /sites/<code> in the preview, home when back is unusable', () => {
    expect(modeRedirectTarget('1100000001', '/xwdt/', true)).toBe('/xwdt/');
    expect(modeRedirectTarget('1100000001', '/xwdt/', false)).toBe('/sites/1100000001/xwdt/');
    expect(modeRedirectTarget('1100000001', '//evil.example', true)).toBe('/');
    expect(modeRedirectTarget('1100000001', '//evil.example', false)).toBe('/sites/1100000001/');
  });

  it('reads the cookie exactly', () => {
    expect(cookieSelectsElder('gk_mode=elder')).toBe(true);
    expect(cookieSelectsElder('gk_session=abc; gk_mode=elder; x=1')).toBe(true);
    expect(cookieSelectsElder('gk_mode=standard')).toBe(false);
    expect(cookieSelectsElder('gk_mode=elderly')).toBe(false);
    expect(cookieSelectsElder('xgk_mode=elder')).toBe(false);
    expect(cookieSelectsElder(undefined)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { redirectFinding, type RedirectObservation } from './redirect-check.ts';

const ok: RedirectObservation = {
  oldUrl: 'http://jyj.old.gov.cn/tzgg/1.html',
  expected: 'https://www.nl.gov.cn/tzgg/202611/a.html',
  status: 301,
  error: null,
  location: 'https://www.nl.gov.cn/tzgg/202611/a.html',
  targetStatus: 200,
  targetError: null,
};

describe('an old URL after the switch', () => {
  it('is fine when it redirects permanently to its recorded location and that opens', () => {
    expect(redirectFinding(ok)).toBeNull();
    expect(redirectFinding({ ...ok, status: 308 })).toBeNull();
  });

  it('is a redirect_broken finding (information) naming what went wrong', () => {
    const cases: [Partial<RedirectObservation>, string][] = [
      [{ status: null, error: 'unreachable', location: null }, '旧网址无法访问'],
      [{ status: 200, location: null }, '旧网址未永久跳转（状态 200）'],
      [{ status: 302 }, '旧网址未永久跳转（状态 302）'],
      [{ location: 'https://www.nl.gov.cn/' }, '旧网址跳转至 https://www.nl.gov.cn/，应跳转至'],
      [{ targetStatus: 404 }, '跳转目标打不开（状态 404）'],
      [{ targetStatus: null, targetError: 'timeout' }, '跳转目标无法打开（timeout）'],
    ];
    for (const [change, detail] of cases) {
      const f = redirectFinding({ ...ok, ...change });
      expect(f?.kind).toBe('redirect_broken');
      expect(f?.severity).toBe('info');
      expect(f?.url).toBe(ok.oldUrl);
      expect(f?.detail).toContain(detail);
    }
  });
});

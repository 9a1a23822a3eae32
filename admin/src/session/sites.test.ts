import { describe, expect, it } from 'vitest';
import type { Grant } from '../api/auth.ts';
import { ALL_SITES, hasPlatformGrant, resolveSiteChoice, sitesOfGrants } from './sites.ts';

const grants: Grant[] = [
  { role: 'editor', scope: 's1', siteId: 's1', siteName: '市政府门户网站' },
  { role: 'siteAdmin', scope: 's1', siteId: 's1', siteName: '市政府门户网站' },
  { role: 'editor', scope: 's2', siteId: 's2', siteName: '市教育局' },
];

describe('sites of a user', () => {
  it('lists each granted site once', () => {
    expect(sitesOfGrants(grants)).toEqual([
      { id: 's1', name: '市政府门户网站' },
      { id: 's2', name: '市教育局' },
    ]);
    expect(hasPlatformGrant(grants)).toBe(false);
    expect(hasPlatformGrant([{ role: 'supervisor', scope: '*', siteId: null, siteName: null }])).toBe(true);
  });

  it('keeps a stored choice only while it is still granted', () => {
    const sites = sitesOfGrants(grants);
    expect(resolveSiteChoice('s2', sites, false)).toBe('s2');
    expect(resolveSiteChoice('gone', sites, false)).toBe('s1');
    expect(resolveSiteChoice(null, sites, false)).toBe('s1');
    expect(resolveSiteChoice(ALL_SITES, sites, false)).toBe('s1');
    expect(resolveSiteChoice(ALL_SITES, sites, true)).toBeNull();
    expect(resolveSiteChoice(null, [], true)).toBeNull();
  });
});

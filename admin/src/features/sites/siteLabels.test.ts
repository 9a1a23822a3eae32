import { describe, expect, it } from 'vitest';
import type { Site } from '../../api/sites.ts';
import { kindLabel, siteRows, statusLabel } from './siteLabels.ts';

const site = (id: string, parentSiteId: string | null): Site => ({
  id,
  code: null,
  name: id,
  kind: 'department',
  sponsorOrgId: 'o',
  parentSiteId,
  hosting: 'hosted',
  baseUrl: null,
  domains: [],
  icpNumber: null,
  psbNumber: null,
  contact: {},
  status: 'active',
  theme: {},
  conacId: null,
  externalServices: true,
  createdAt: '',
  updatedAt: '',
});

describe('site rows', () => {
  const sites = [site('portal', null), site('edu', 'portal'), site('edu-sub', 'edu'), site('county', 'hidden')];

  it('nests by parent site, keeping orphans at the top', () => {
    const rows = siteRows(sites, true);
    expect(rows.map((r) => r.id)).toEqual(['portal', 'county']);
    expect(rows[0]?.children?.[0]?.children?.map((r) => r.id)).toEqual(['edu-sub']);
    expect(rows[1]).not.toHaveProperty('children');
    expect(rows[0]).not.toHaveProperty('parentId');
  });

  it('stays flat when asked', () => {
    expect(siteRows(sites, false).map((r) => r.id)).toEqual(['portal', 'edu', 'edu-sub', 'county']);
  });

  it('labels codes and passes unknown ones through', () => {
    expect(kindLabel('portal')).toBe('门户网站');
    expect(statusLabel('closing')).toBe('关停公示中');
    expect(statusLabel('future')).toBe('future');
  });
});

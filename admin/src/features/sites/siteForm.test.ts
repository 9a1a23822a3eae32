import { describe, expect, it } from 'vitest';
import { UpdateSiteSchema } from '../../../../common/schemas/sites.ts';
import type { Site } from '../../api/sites.ts';
import { changedFields } from '../../lib/changes.ts';
import { editableSiteFields, siteAsBody, siteBody, siteFormProblems, siteFormValues } from './siteForm.ts';

const site: Site = {
  id: 's1',
  code: null,
  name: '市教育局',
  kind: 'department',
  sponsorOrgId: 'o1',
  parentSiteId: null,
  hosting: 'hosted',
  baseUrl: null,
  domains: ['jyj.example.gov.cn'],
  icpNumber: null,
  psbNumber: null,
  contact: { phone: '0571-1234' },
  status: 'planned',
  theme: {},
  conacId: null,
  externalServices: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('site form', () => {
  it('round-trips a site without reporting changes', () => {
    const body = siteBody(siteFormValues(site));
    expect(changedFields(siteAsBody(site), body, editableSiteFields(true))).toEqual({});
  });

  it('clears blanks and drops empty contact entries', () => {
    const values = {
      ...siteFormValues(site),
      code: ' 3301000001 ',
      icpNumber: '  ',
      contact: { phone: '', email: 'a@b.cn ', address: '' },
    };
    const body = siteBody(values);
    expect(body).toMatchObject({ code: '3301000001', icpNumber: null, contact: { email: 'a@b.cn' } });
    expect(UpdateSiteSchema.safeParse(body).success).toBe(true);
  });

  it('lets a site administrator send identity fields only', () => {
    const body = siteBody({ ...siteFormValues(site), name: '市教育局网站', status: 'active', hosting: 'external' });
    expect(changedFields(siteAsBody(site), body, editableSiteFields(false))).toEqual({ name: '市教育局网站' });
    expect(changedFields(siteAsBody(site), body, editableSiteFields(true))).toEqual({
      name: '市教育局网站',
      status: 'active',
      hosting: 'external',
    });
  });

  it('asks for a web address for external sites', () => {
    expect(siteFormProblems(siteBody({ ...siteFormValues(site), hosting: 'external' }))).toEqual([
      { field: 'baseUrl', message: '外部网站须填写网址，以便监测' },
    ]);
    expect(siteFormProblems(siteBody({ ...siteFormValues(site), hosting: 'external', baseUrl: 'https://x.gov.cn' }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { SaveServiceItemSchema } from '../../../../common/schemas/guides.ts';
import { missingElements, NATIONAL_KEY_ELEMENTS, type ServiceGuide } from '../../../../common/service-items.ts';
import {
  elementTarget,
  emptyServiceItemValues,
  guideFromValues,
  SECTION_IDS,
  serviceItemBody,
  serviceItemFieldNames,
  serviceItemFormValues,
} from './serviceItemForm.ts';

const GUIDE: ServiceGuide = {
  name: '居民身份证换领',
  code: 'GA-001',
  category: '行政确认',
  audiences: ['person'],
  topics: ['t09'],
  lifeEvents: ['p01'],
  legalBasis: '《中华人民共和国居民身份证法》第十一条',
  conditions: '居民身份证有效期满',
  materials: [{ name: '原居民身份证', form: '原件1份', required: true, note: null, formFileId: 'f-form', sampleFileId: null }],
  handlingOrg: '市公安局户政窗口',
  place: '市民中心二楼',
  officeHours: '工作日 9:00—17:00',
  legalTimeLimit: '60 日',
  promisedTimeLimit: null,
  fees: '20 元',
  feeBasis: null,
  process: [{ title: '受理', description: null }],
  phone: '0571-12345678',
  complaintPhone: null,
  onlineUrl: null,
  onlineLevel: 'appointment',
  faq: [],
};

describe('the service item form', () => {
  it('gives back the saved guide unchanged after a round trip through the form', () => {
    const values = serviceItemFormValues(GUIDE, 'org-1');
    expect(values.promisedTimeLimit).toBe('');
    expect(guideFromValues(values)).toEqual(GUIDE);
    expect(serviceItemBody(values, 3)).toEqual({ ...GUIDE, orgId: 'org-1', version: 3 });
  });

  it('sends blank texts as null, trims, and leaves the version out for a new item', () => {
    const body = serviceItemBody({ ...emptyServiceItemValues('org-1'), name: '  开办企业  ', code: 'QY-1', phone: '   ' });
    expect(body).toMatchObject({ name: '开办企业', code: 'QY-1', phone: null, legalBasis: null, orgId: 'org-1' });
    expect(body).not.toHaveProperty('version');
    expect(SaveServiceItemSchema.safeParse(body).success).toBe(true);
  });

  it('starts a new item for citizens in the given department, lacking every key element but its name once named', () => {
    const empty = emptyServiceItemValues('org-9');
    expect(empty).toMatchObject({ orgId: 'org-9', audiences: ['person'], onlineLevel: 'none', materials: [] });
    const missing = missingElements(guideFromValues({ ...empty, name: '开办企业' }), NATIONAL_KEY_ELEMENTS);
    expect(missing).toHaveLength(NATIONAL_KEY_ELEMENTS.length - 1);
    expect(missing).not.toContain('name');
  });

  it('keeps blank list rows so that the server’s errors point at the row the user sees', () => {
    const values = { ...emptyServiceItemValues('org-1'), materials: [{ name: '' }, { name: '申请表' }] };
    const guide = guideFromValues(values);
    expect(guide.materials.map((m) => m.name)).toEqual(['', '申请表']);
    expect(guide.materials[0]).toMatchObject({ required: true, formFileId: null, sampleFileId: null });
    const parsed = SaveServiceItemSchema.safeParse(serviceItemBody({ ...values, name: '甲', code: 'A1' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('materials.0.name');
  });

  it('treats a form not yet rendered as an empty guide', () => {
    expect(guideFromValues(undefined)).toMatchObject({ name: '', audiences: [], materials: [], onlineLevel: 'none' });
  });

  it('names every field the form shows, list rows included', () => {
    const names = serviceItemFieldNames({ materials: [{}, {}], process: [{}], faq: [] });
    expect(names).toEqual(expect.arrayContaining(['name', 'orgId', 'phone', 'materials.1.sampleFileId', 'process.0.title']));
    expect(names.some((n) => n.startsWith('faq.'))).toBe(false);
    expect(names).not.toContain('materials');
  });

  it('takes the completeness panel to a field or to the list section of each element', () => {
    expect(elementTarget('phone')).toEqual({ field: 'phone' });
    expect(elementTarget('timeLimit')).toEqual({ field: 'legalTimeLimit' });
    expect(elementTarget('materials')).toEqual({ section: SECTION_IDS.materials });
    expect(elementTarget('faq')).toEqual({ section: SECTION_IDS.faq });
  });
});

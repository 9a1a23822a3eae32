import { describe, expect, it } from 'vitest';
import {
  hasElement,
  missingElements,
  missingKeyCategories,
  NATIONAL_KEY_ELEMENTS,
  serviceVeto,
  type ServiceGuide,
} from './service-items.ts';

const full: ServiceGuide = {
  name: '婚姻登记',
  code: 'MZ-001',
  category: '行政确认',
  audiences: ['person'],
  topics: ['t08'],
  lifeEvents: ['p04'],
  legalBasis: '《婚姻登记条例》第四条',
  conditions: '男女双方完全自愿',
  materials: [{ name: '居民身份证', form: '原件', required: true, note: null, formFileId: null, sampleFileId: null }],
  handlingOrg: '市民政局婚姻登记处',
  place: '市政务服务中心二楼',
  officeHours: '工作日 9:00-17:00',
  legalTimeLimit: '即时办结',
  promisedTimeLimit: null,
  fees: '不收费',
  feeBasis: null,
  process: [{ title: '申请', description: null }],
  phone: '0812-3331234',
  complaintPhone: null,
  onlineUrl: null,
  onlineLevel: 'none',
  faq: [],
};

describe('the completeness rule', () => {
  it('finds nothing missing in a guide that states the ten national key categories', () => {
    expect(missingElements(full, NATIONAL_KEY_ELEMENTS)).toEqual([]);
    expect(missingKeyCategories(full)).toBe(0);
  });

  it('lists the missing required elements in page order', () => {
    const g = { ...full, place: null, phone: '  ', conditions: '' };
    expect(missingElements(g, NATIONAL_KEY_ELEMENTS)).toEqual(['conditions', 'place', 'phone']);
    expect(missingKeyCategories(g)).toBe(3);
  });

  it('does not accept placeholders such as 暂无, 待补充 or a dash as an element', () => {
    for (const v of ['暂无', '待补充', '—', '/', ' 略 ', 'N/A']) expect(hasElement({ ...full, legalBasis: v }, 'legalBasis')).toBe(false);
    // 无 is an answer for fees (不收费) and conditions (无特殊条件): it counts.
    expect(hasElement({ ...full, fees: '无' }, 'fees')).toBe(true);
  });

  it('needs a named material and a named step; either time limit counts', () => {
    expect(hasElement({ ...full, materials: [{ ...full.materials[0]!, name: '暂无' }] }, 'materials')).toBe(false);
    expect(hasElement({ ...full, process: [] }, 'process')).toBe(false);
    expect(hasElement({ ...full, legalTimeLimit: null, promisedTimeLimit: '5个工作日' }, 'timeLimit')).toBe(true);
    expect(hasElement({ ...full, legalTimeLimit: null }, 'timeLimit')).toBe(false);
  });

  it('follows the configured list, not only the national one', () => {
    expect(missingElements(full, ['name', 'onlineUrl', 'faq'])).toEqual(['onlineUrl', 'faq']);
  });
});

describe('the national veto 服务不实用', () => {
  it('vetoes a site without services', () => {
    expect(serviceVeto([])).toBe('noServices');
  });
  it('vetoes five or more items each lacking four or more key categories', () => {
    expect(serviceVeto([4, 4, 5, 10, 4, 0, 0, 0])).toBe('tooManyIncomplete');
    expect(serviceVeto([4, 4, 5, 10, 3, 0, 0, 0])).toBeNull();
  });
  it('vetoes fewer than five items when every one lacks four or more', () => {
    expect(serviceVeto([4, 6, 9])).toBe('allIncomplete');
    expect(serviceVeto([4, 6, 3])).toBeNull();
  });
});

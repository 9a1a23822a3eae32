import { describe, expect, it } from 'vitest';
import { SaveLocalSystemSchema, type IndicatorSystem } from '../../../../common/schemas/evaluation.ts';
import { draftOf, groupTotal, itemsOf, saveRequestOf } from './systemDraft.ts';

/** A small system in the national table's shape: one veto, two deduction groups, a bonus. */
const SYSTEM: IndicatorSystem = {
  key: 'national-2019',
  name: '政府网站检查指标',
  version: 1,
  passLine: 60,
  bonusLine: 80,
  serviceScale: { without: 75 },
  groups: [
    { code: 'service', kind: 'deduction', name: '办事服务', points: 25, services: true },
    { code: 'function', kind: 'deduction', name: '功能设计', points: 75 },
    { code: 'b-function', kind: 'bonus', name: '功能设计', points: 6 },
  ],
  items: [
    {
      code: 'veto.unreachable',
      kind: 'veto',
      name: '站点无法访问',
      rule: '首页打不开的次数占全部监测次数的比例累计超过（含）5%。',
      drivers: [{ kinds: ['homepage_unreachable'], per: 'site' }],
    },
    {
      code: 'd.guides',
      kind: 'deduction',
      group: 'service',
      name: '办事指南',
      cap: 25,
      rule: '办事指南要素不完整。',
      manual: '抽查 5 个事项',
    },
    {
      code: 'd.links',
      kind: 'deduction',
      group: 'function',
      name: '可用性',
      cap: 70,
      rule: '链接打不开。',
      drivers: [{ kinds: ['broken_link'], per: 'finding', points: 0.1, homePoints: 0.2 }],
    },
    { code: 'd.search', kind: 'deduction', group: 'function', name: '站内搜索', cap: 5, rule: '搜索不可用。', manual: '检索 4 个标题' },
    { code: 'b.innovation', kind: 'bonus', group: 'b-function', name: '创新', cap: 6, rule: '有创新。', manual: '人工判断' },
  ],
};

describe('the indicator-system editor', () => {
  it('copies a system into a draft and back into a request the server takes unchanged', () => {
    const draft = draftOf(SYSTEM, { key: 'city-quarterly', name: '某市季度考评' });
    draft.note = '初版';
    const request = saveRequestOf(draft, null, 'national-2019@1');
    expect(SaveLocalSystemSchema.parse(request)).toEqual(request);
    expect(request).toMatchObject({ key: 'city-quarterly', baseVersion: null, basedOn: 'national-2019@1' });
    const { key: _k, version: _v, ...rest } = SYSTEM;
    expect(request.system).toEqual({ ...rest, name: '某市季度考评' });
    // The draft is a copy: editing it leaves the system it came from alone.
    draft.items[0]!.name = '改名';
    expect(SYSTEM.items[0]!.name).toBe('站点无法访问');
  });

  it('leaves out the unticked items, and totals each group over the kept ones', () => {
    const draft = draftOf(SYSTEM);
    expect(groupTotal(draft, 'function')).toBe(75);
    draft.items.find((i) => i.code === 'd.search')!.keep = false;
    expect(groupTotal(draft, 'function')).toBe(70);
    const request = saveRequestOf(draft, 1);
    expect(request.system.items.map((i) => i.code)).not.toContain('d.search');
    expect(request).not.toHaveProperty('basedOn');
  });

  it('lists the veto items apart from each group’s items, with their places in the list', () => {
    const draft = draftOf(SYSTEM);
    const vetoes = itemsOf(draft, null);
    expect(vetoes.map(({ item }) => item.code)).toEqual(['veto.unreachable']);
    expect(vetoes.every(({ item, index }) => draft.items[index] === item)).toBe(true);
    expect(itemsOf(draft, 'function').map(({ item }) => item.code)).toEqual(['d.links', 'd.search']);
  });

  it('keeps the service scale only when the system has one', () => {
    expect(saveRequestOf(draftOf(SYSTEM), 1).system.serviceScale).toEqual({ without: 75 });
    const { serviceScale: _s, ...plain } = SYSTEM;
    expect(saveRequestOf(draftOf(plain), 1).system).not.toHaveProperty('serviceScale');
  });
});

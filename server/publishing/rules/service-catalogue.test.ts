import { describe, expect, it } from 'vitest';
import type { ServiceGuide } from '../../../common/service-items.ts';
import { catalogueSignature, serviceLists, serviceSearchText, sortServiceItems } from './service-catalogue.ts';

const item = (code: string, name: string, orgId: string, orgName: string, topics: string[] = [], lifeEvents: string[] = []) => ({
  code,
  orgId,
  orgName,
  guide: { name, topics, lifeEvents },
});

describe('browsing service items', () => {
  it('sorts by name in pinyin order, then by code, and leaves out codes that cannot be file names', () => {
    const sorted = sortServiceItems([
      item('C', '准营许可', 'o1', '市场局'),
      item('B', '安全生产许可', 'o1', '市场局'),
      item('A', '安全生产许可', 'o1', '市场局'),
      item('../x', '不该出现', 'o1', '市场局'),
      item('D', '婚姻登记', 'o1', '市场局'),
    ]);
    expect(sorted.map((i) => i.code)).toEqual(['A', 'B', 'D', 'C']);
  });

  it('groups by department (by name), topic (national order, only with items) and every life event', () => {
    const sorted = sortServiceItems([
      item('1', '婚姻登记', 'o2', '民政局', ['t08'], ['p04']),
      item('2', '出生医学证明', 'o1', '卫健委', ['t01', 't06'], ['p01']),
      item('3', '收养登记', 'o2', '民政局', ['t01'], ['p01', 'p04']),
      item('4', '企业设立', 'bad_id', '坏部门', [], ['l01']),
    ]);
    const lists = serviceLists(sorted);
    expect(lists.departments.map((d) => [d.key, d.name, d.items.map((i) => i.code)])).toEqual([
      ['o2', '民政局', ['1', '3']],
      ['o1', '卫健委', ['2']],
    ]);
    expect(lists.topics.map((t) => [t.key, t.items.map((i) => i.code)])).toEqual([
      ['t01', ['2', '3']],
      ['t06', ['2']],
      ['t08', ['1']],
    ]);
    expect(lists.lifeEvents).toHaveLength(16);
    expect(lists.lifeEvents.filter((e) => e.items.length).map((e) => [e.key, e.audience, e.items.map((i) => i.code)])).toEqual([
      ['p01', 'person', ['2', '3']],
      ['p04', 'person', ['1', '3']],
      ['l01', 'legal', ['4']],
    ]);
  });
});

describe('the search text of an item', () => {
  it('holds what citizens look for, labelled, and nothing the guide leaves blank', () => {
    const guide = {
      category: '行政许可',
      conditions: '年满十八周岁',
      materials: [{ name: '身份证' }, { name: '户口簿' }, { name: ' ' }],
      legalBasis: '《婚姻法》',
      handlingOrg: null,
      place: '暂无',
      process: [{ title: '申请' }, { title: '登记' }],
      faq: [],
    } as unknown as ServiceGuide;
    expect(serviceSearchText({ orgName: '民政局', guide }).split('\n')).toEqual([
      '事项类型：行政许可',
      '所属部门：民政局',
      '申请条件：年满十八周岁',
      '办理材料：身份证、户口簿',
      '设定依据：《婚姻法》',
      '办理流程：申请、登记',
    ]);
  });

  it('signs a catalogue by its items and their publication, whatever the order', () => {
    const a = { id: 'a', publishedAt: '2026-01-01T00:00:00Z' };
    const b = { id: 'b', publishedAt: '2026-01-02T00:00:00Z' };
    expect(catalogueSignature([a, b])).toBe(catalogueSignature([b, a]));
    expect(catalogueSignature([a, b])).not.toBe(catalogueSignature([a, { ...b, publishedAt: '2026-01-03T00:00:00Z' }]));
    expect(catalogueSignature([a])).not.toBe(catalogueSignature([a, b]));
  });
});

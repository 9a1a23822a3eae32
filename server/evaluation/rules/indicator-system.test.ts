import { describe, expect, it } from 'vitest';
import { IndicatorSystemSchema, type IndicatorSystem } from '../../../common/schemas/evaluation.ts';
import { FINDING_KINDS } from '../../../common/schemas/monitoring.ts';
import { indicatorLabel, systemProblems } from './indicator-system.ts';
import { BUILT_IN_SYSTEMS, CENSUS_2015, NATIONAL_2019 } from './systems/index.ts';

const groupPoints = (s: IndicatorSystem, kind: 'deduction' | 'bonus') =>
  Object.fromEntries(s.groups.filter((g) => g.kind === kind).map((g) => [g.name, g.points]));

describe('the built-in indicator systems', () => {
  it.each(BUILT_IN_SYSTEMS.map((s) => [s.key, s] as const))('%s has the right shape and nothing wrong', (_key, system) => {
    expect(IndicatorSystemSchema.parse(system)).toEqual(system);
    expect(systemProblems(system)).toEqual([]);
  });

  it('carries the whole 2019 national table', () => {
    const s = NATIONAL_2019;
    expect(s.items.filter((i) => i.kind === 'veto').map((i) => i.name)).toEqual([
      '安全、泄密事故等严重问题',
      '站点无法访问',
      '首页不更新',
      '栏目不更新',
      '互动回应差',
      '服务不实用',
    ]);
    expect(groupPoints(s, 'deduction')).toEqual({ 发布解读: 31, 办事服务: 25, 互动交流: 23, 功能设计: 21 });
    expect(groupPoints(s, 'bonus')).toEqual({ 信息发布: 7, 办事服务: 6, 互动交流: 8, 功能设计: 6, 创新发展: 3 });
    const caps = Object.fromEntries(s.items.filter((i) => i.kind === 'deduction').map((i) => [indicatorLabel(s, i), i.cap]));
    expect(caps).toMatchObject({
      '发布解读/动态要闻': 5,
      '发布解读/其他栏目': 4,
      '办事服务/办事指南': 8,
      '互动交流/办理答复': 7,
      '功能设计/网站标识': 3,
      '功能设计/可用性': 1,
      '功能设计/“我为政府网站找错”（入口）': 1,
      '功能设计/“我为政府网站找错”（留言办理）': 3,
      '功能设计/IPv6改造': 1,
    });
    expect(Object.keys(caps)).toHaveLength(29);
    // The official wording is shown as is.
    expect(s.items.find((i) => i.code === 'd.links')?.rule).toBe(
      '1.首页上的链接（包括图片、附件、外部链接等）打不开或错误的，每发现一处，扣0.2分；如首页仅为网站栏目导航入口，则检查所有二级页面上的链接。\n2.其他页面上的链接（包括图片、附件、外部链接等）打不开或错误的，每发现一处，扣0.1分。',
    );
    // What the table has checkers sample or try is scored by hand.
    const manual = s.items.filter((i) => i.kind === 'deduction' && !i.drivers).map((i) => i.name);
    expect(manual).toEqual(expect.arrayContaining(['解读比例', '解读关联', '办事指南', '留言公开', '办理答复', '站内搜索']));
  });

  it('carries the 2015 census values, deductions without caps', () => {
    expect(CENSUS_2015.items.filter((i) => i.kind === 'veto')).toHaveLength(5);
    expect(CENSUS_2015.items.find((i) => i.code === 'd.links')?.drivers).toEqual([
      { kinds: ['broken_link'], per: 'finding', points: 0.1, homePoints: 1 },
    ]);
    expect(CENSUS_2015.items.filter((i) => i.kind === 'bonus')).toEqual([]);
  });

  it('drives its items only by finding kinds the monitoring makes', () => {
    const kinds = new Set(BUILT_IN_SYSTEMS.flatMap((s) => s.items.flatMap((i) => (i.drivers ?? []).flatMap((d) => d.kinds))));
    for (const k of kinds) expect(FINDING_KINDS).toContain(k);
  });
});

describe('a system with faults', () => {
  const base = (): IndicatorSystem => structuredClone(NATIONAL_2019);

  it('is refused with the item named: unknown finding kinds, impossible points, caps that do not add up', () => {
    const s = base();
    s.items.find((i) => i.code === 'd.links')!.drivers = [{ kinds: ['broken_links'], per: 'finding', points: 0.1 }];
    s.items.find((i) => i.code === 'd.identity')!.drivers![0]!.points = 5;
    s.items.find((i) => i.code === 'd.news')!.cap = 6;
    expect(systemProblems(s)).toEqual([
      '指标「功能设计/网站标识」每处 5 分，超过其上限 3 分',
      '指标「功能设计/可用性」引用了未知的问题类型“broken_links”',
      '一级指标“发布解读”各项上限合计 32 分，与其分值 31 分不符',
    ]);
  });

  it('is refused when its deductions do not add up to 100, or an item can be scored by nothing', () => {
    const s = base();
    s.groups.find((g) => g.code === 'function')!.points = 20;
    s.items.find((i) => i.code === 'd.ipv6')!.manual = undefined;
    expect(systemProblems(s)).toEqual([
      '指标「功能设计/IPv6改造」既没有关联监测问题，也没有人工核查要求，无法评分',
      '一级指标“功能设计”各项上限合计 21 分，与其分值 20 分不符',
      '扣分指标合计 99 分，应为 100 分',
    ]);
  });

  it('is refused when codes repeat, a veto item has points, or an item names a group that is not there', () => {
    const s = base();
    s.items.find((i) => i.code === 'd.ipv6')!.code = 'd.compatibility';
    s.items.find((i) => i.code === 'veto.homepage')!.drivers![0]!.points = 1;
    s.items.find((i) => i.code === 'd.search')!.group = 'nowhere';
    const problems = systemProblems(s);
    expect(problems).toContain('指标「功能设计/IPv6改造」的编码“d.compatibility”重复');
    expect(problems).toContain('指标「首页不更新」是单项否决指标，不计分值');
    expect(problems).toContain('指标「站内搜索」所属的一级指标“nowhere”不存在');
  });
});

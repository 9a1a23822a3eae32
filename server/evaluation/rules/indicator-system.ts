/**
 * Checks of a whole indicator system beyond its shape: every item names its fault. A system that
 * references a finding kind the monitoring does not make, an item whose points exceed its cap,
 * groups whose caps do not add up to their points, or deductions that do not add up to 100 is
 * refused before anything is scored with it. Pure.
 */
import { FINDING_KINDS } from '../../../common/schemas/monitoring.ts';
import type { IndicatorItem, IndicatorSystem } from '../../../common/schemas/evaluation.ts';

const KNOWN_KINDS = new Set<string>(FINDING_KINDS);
/** Points are kept in hundredths: 0.1, 0.2 and 0.5 add up exactly. */
export const cents = (points: number): number => Math.round(points * 100);
/** A figure shown to two decimals (points, averages, rates). */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The name an item goes by in results: the veto item's own, or 一级/二级 for the others. */
export function indicatorLabel(system: Pick<IndicatorSystem, 'groups'>, item: Pick<IndicatorItem, 'kind' | 'group' | 'name'>): string {
  if (item.kind === 'veto') return item.name;
  const group = system.groups.find((g) => g.code === item.group && g.kind === item.kind);
  return group ? `${group.name}/${item.name}` : item.name;
}

/** What is wrong with `system`, one message per fault naming the item or group; empty when it is usable. */
export function systemProblems(system: IndicatorSystem): string[] {
  const problems: string[] = [];
  const label = (item: IndicatorItem) => `指标「${indicatorLabel(system, item)}」`;

  const groupCodes = new Set<string>();
  for (const g of system.groups) {
    if (groupCodes.has(g.code)) problems.push(`一级指标编码“${g.code}”重复`);
    groupCodes.add(g.code);
  }
  const codes = new Set<string>();
  const labels = new Set<string>();
  for (const item of system.items) {
    const name = label(item);
    if (codes.has(item.code)) problems.push(`${name}的编码“${item.code}”重复`);
    codes.add(item.code);
    if (labels.has(name)) problems.push(`${name}重名`);
    labels.add(name);

    if (item.kind === 'veto') {
      if (item.group !== undefined || item.cap !== undefined) problems.push(`${name}是单项否决指标，不应有所属一级指标和分值上限`);
    } else {
      const group = system.groups.find((g) => g.code === item.group);
      if (!group) problems.push(`${name}所属的一级指标“${item.group ?? ''}”不存在`);
      else if (group.kind !== item.kind) problems.push(`${name}与所属一级指标“${group.name}”的类型不一致`);
      if (item.cap === undefined) {
        if (item.kind === 'bonus' || group?.points !== undefined) problems.push(`${name}缺少分值上限`);
      } else if (group?.points !== undefined && cents(item.cap) > cents(group.points))
        problems.push(`${name}的上限 ${item.cap} 分超过一级指标“${group.name}”的 ${group.points} 分`);
    }
    if (!item.drivers?.length && !item.manual) problems.push(`${name}既没有关联监测问题，也没有人工核查要求，无法评分`);

    for (const d of item.drivers ?? []) {
      for (const kind of d.kinds) if (!KNOWN_KINDS.has(kind)) problems.push(`${name}引用了未知的问题类型“${kind}”`);
      if (d.columnName !== undefined) {
        try {
          new RegExp(d.columnName);
        } catch {
          problems.push(`${name}的栏目名称规则“${d.columnName}”不是有效的正则表达式`);
        }
      }
      if (item.kind === 'veto') {
        if (d.points !== undefined || d.homePoints !== undefined) problems.push(`${name}是单项否决指标，不计分值`);
        continue;
      }
      if (d.points === undefined) {
        problems.push(`${name}缺少每处扣分（或得分）分值`);
        continue;
      }
      for (const p of [d.points, d.homePoints ?? 0])
        if (item.cap !== undefined && cents(p) > cents(item.cap)) problems.push(`${name}每处 ${p} 分，超过其上限 ${item.cap} 分`);
      if (d.per === 'site' && d.sample !== undefined) problems.push(`${name}按网站计分时不应设抽查数量`);
    }
  }

  for (const g of system.groups) {
    const items = system.items.filter((i) => i.group === g.code && i.kind === g.kind);
    if (items.length === 0) {
      problems.push(`一级指标“${g.name}”下没有指标`);
      continue;
    }
    if (g.points === undefined) {
      if (g.kind === 'bonus') problems.push(`加分一级指标“${g.name}”缺少分值`);
      continue;
    }
    const sum = items.reduce((n, i) => n + cents(i.cap ?? 0), 0);
    if (sum !== cents(g.points)) problems.push(`一级指标“${g.name}”各项上限合计 ${sum / 100} 分，与其分值 ${g.points} 分不符`);
  }
  const deductionGroups = system.groups.filter((g) => g.kind === 'deduction');
  // A table that gives every group its points must give 100 in all.
  if (deductionGroups.every((g) => g.points !== undefined)) {
    const total = deductionGroups.reduce((n, g) => n + cents(g.points ?? 0), 0);
    if (total !== 10_000) problems.push(`扣分指标合计 ${total / 100} 分，应为 100 分`);
  }
  if (system.bonusLine < system.passLine) problems.push(`加分线 ${system.bonusLine} 分低于合格线 ${system.passLine} 分`);
  if (system.serviceScale) {
    const services = deductionGroups.filter((g) => g.services).reduce((n, g) => n + cents(g.points ?? 0), 0);
    if (services === 0) problems.push('设置了无对外服务网站的折算规则，但没有标明办事服务类一级指标');
    else if (cents(system.serviceScale.without) !== 10_000 - services)
      problems.push(`无对外服务网站按 ${system.serviceScale.without} 分折算，与扣除办事服务后的 ${(10_000 - services) / 100} 分不符`);
  }
  return problems;
}

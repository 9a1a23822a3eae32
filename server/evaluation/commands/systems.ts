/** The indicator system a check uses: a built-in one by key, refused when unknown or faulty. */
import type { IndicatorSystem } from '../../../common/schemas/evaluation.ts';
import { Errors } from '../../platform/errors.ts';
import { systemProblems } from '../rules/indicator-system.ts';
import { BUILT_IN_SYSTEMS, builtInSystem, DEFAULT_SYSTEM_KEY } from '../rules/systems/index.ts';

export function usableSystem(key: string = DEFAULT_SYSTEM_KEY): IndicatorSystem {
  const system = builtInSystem(key);
  const choices = BUILT_IN_SYSTEMS.map((s) => s.key).join('、');
  if (!system)
    throw Errors.validation(`没有名为“${key}”的指标体系（可选：${choices}）`, [{ field: 'system', message: `可选：${choices}` }]);
  const problems = systemProblems(system);
  if (problems.length) throw Errors.validation(`指标体系“${system.name}”有误：${problems.join('；')}`);
  return system;
}

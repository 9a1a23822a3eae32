/** The indicator systems built into the platform: the 2019 national table (the default) and the 2015 census values. */
import type { IndicatorSystem } from '../../../../common/schemas/evaluation.ts';
import { CENSUS_2015 } from './census-2015.ts';
import { NATIONAL_2019 } from './national-2019.ts';

export { CENSUS_2015, NATIONAL_2019 };
export const BUILT_IN_SYSTEMS: readonly IndicatorSystem[] = [NATIONAL_2019, CENSUS_2015];
export const DEFAULT_SYSTEM_KEY = NATIONAL_2019.key;

/** A built-in system by its key, or null. */
export const builtInSystem = (key: string): IndicatorSystem | null => BUILT_IN_SYSTEMS.find((s) => s.key === key) ?? null;

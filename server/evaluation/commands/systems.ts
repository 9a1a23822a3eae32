/**
 * Indicator systems: the built-in ones (the national 2019 table, the 2015 census values) and the
 * local ones a city keeps, such as its quarterly performance evaluation with its own weights.
 * A local system is saved as a new version each time, never changed in place; a spot check
 * freezes the version it is made with. A system with a fault anywhere (an unknown finding kind,
 * points above a cap, caps not adding up…) is refused with every faulty item named.
 */
import {
  IndicatorSystemSchema,
  SaveLocalSystemSchema,
  type IndicatorSystem,
  type SystemDetail,
  type SystemSummary,
} from '../../../common/schemas/evaluation.ts';
import { plainTextProblem } from '../../../common/schemas/text.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import { actorLabel, type Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IndicatorSystemVersionTable } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { localSystems } from '../evaluation.repository.ts';
import { indicatorLabel, systemProblems } from '../rules/indicator-system.ts';
import { BUILT_IN_SYSTEMS, builtInSystem, DEFAULT_SYSTEM_KEY } from '../rules/systems/index.ts';

const definitionOf = (row: IndicatorSystemVersionTable): IndicatorSystem => IndicatorSystemSchema.parse(JSON.parse(row.definition));

/** Faults of `system` beyond its shape, plus text a user typed that cannot be shown as plain text. */
function faultsOf(system: IndicatorSystem): string[] {
  const problems = systemProblems(system);
  const text = (value: string | undefined, label: string) => {
    const problem = value === undefined ? null : plainTextProblem(value, label);
    if (problem) problems.push(problem);
  };
  text(system.name, '指标体系名称');
  for (const g of system.groups) text(g.name, `一级指标“${g.name.slice(0, 20)}”的名称`);
  for (const item of system.items) {
    const label = `指标「${indicatorLabel(system, item).slice(0, 40)}」`;
    text(item.name, `${label}的名称`);
    text(item.rule, `${label}的指标说明`);
    text(item.manual, `${label}的人工核查要求`);
  }
  return problems;
}

/** Whether two versions say the same (their keys in the schema's order, the version number aside). */
const sameContent = (a: IndicatorSystem, b: IndicatorSystem): boolean =>
  JSON.stringify(IndicatorSystemSchema.parse({ ...a, version: 1 })) === JSON.stringify(IndicatorSystemSchema.parse({ ...b, version: 1 }));

function refuse(name: string, problems: string[]): never {
  throw Errors.validation(
    `指标体系“${name}”有误：${problems.join('；')}`,
    problems.map((message) => ({ field: 'system', message })),
  );
}

/**
 * The system a check uses, checked: a built-in one by key, or the newest version of a local
 * one (or the version given). Refused when unknown or faulty.
 */
export async function usableSystem(db: Db, key: string = DEFAULT_SYSTEM_KEY, version?: number): Promise<IndicatorSystem> {
  let system = builtInSystem(key);
  if (!system) {
    const row = version === undefined ? await localSystems.latest(db.kysely, key) : await localSystems.get(db.kysely, key, version);
    system = row ? definitionOf(row) : null;
  }
  if (!system) {
    const choices = [...BUILT_IN_SYSTEMS.map((s) => s.key), ...(await localSystems.keys(db.kysely))].join('、');
    throw Errors.validation(`没有名为“${key}”的指标体系（可选：${choices}）`, [{ field: 'system', message: `可选：${choices}` }]);
  }
  const problems = systemProblems(system);
  if (problems.length) refuse(system.name, problems);
  return system;
}

/** Every system: the built-in ones, then the local ones at their newest version. */
export async function listSystems(deps: Deps, actor: Actor): Promise<SystemSummary[]> {
  requirePermission(actor, 'evaluation.manage');
  const builtIn = BUILT_IN_SYSTEMS.map((s): SystemSummary => ({
    key: s.key,
    name: s.name,
    version: s.version,
    source: 'builtIn',
    basedOn: null,
    groups: s.groups.length,
    items: s.items.length,
    updatedBy: null,
    updatedAt: null,
  }));
  const local = (await localSystems.latestOfEach(deps.db.kysely)).map((row): SystemSummary => {
    const s = definitionOf(row);
    return {
      key: row.key,
      name: row.name,
      version: row.version,
      source: 'local',
      basedOn: row.based_on,
      groups: s.groups.length,
      items: s.items.length,
      updatedBy: row.created_by,
      updatedAt: row.created_at,
    };
  });
  return [...builtIn, ...local];
}

/** A system whole (its newest version, or the one given) with the list of its versions. */
export async function getSystem(deps: Deps, actor: Actor, key: string, version?: number): Promise<SystemDetail> {
  requirePermission(actor, 'evaluation.manage');
  const builtIn = builtInSystem(key);
  if (builtIn) {
    if (version !== undefined && version !== builtIn.version) throw Errors.notFound(`内置指标体系“${builtIn.name}”没有第 ${version} 版`);
    return { system: builtIn, source: 'builtIn', basedOn: null, note: null, createdBy: null, createdAt: null, versions: [] };
  }
  const db = deps.db.kysely;
  const row = version === undefined ? await localSystems.latest(db, key) : await localSystems.get(db, key, version);
  if (!row) throw Errors.notFound(version === undefined ? `没有名为“${key}”的指标体系` : `指标体系“${key}”没有第 ${version} 版`);
  const versions = (await localSystems.versions(db, key)).map((v) => ({
    version: v.version,
    name: v.name,
    note: v.note,
    createdBy: v.created_by,
    createdAt: v.created_at,
  }));
  return {
    system: definitionOf(row),
    source: 'local',
    basedOn: row.based_on,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    versions,
  };
}

/**
 * Saves a local system as its next version (the first when `baseVersion` is null). Refused when
 * the key is a built-in one or already taken (new), when another version was saved since
 * `baseVersion`, or when the system has any fault; an unchanged system adds no version.
 */
export async function saveLocalSystem(deps: Deps, actor: Actor, input: unknown): Promise<SystemDetail> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(SaveLocalSystemSchema, input);
  if (builtInSystem(data.key))
    throw Errors.conflict(`“${data.key}”是内置指标体系的编码，请换一个编码`, [{ field: 'key', message: '与内置指标体系重复' }]);
  const version = (data.baseVersion ?? 0) + 1;
  const system: IndicatorSystem = { key: data.key, version, ...data.system };
  const problems = faultsOf(system);
  if (problems.length) refuse(system.name, problems);

  const saved = await inTransaction(deps.db, async (tx) => {
    const latest = await localSystems.latest(tx.trx, data.key);
    if (data.baseVersion === null && latest)
      throw Errors.conflict(`编码“${data.key}”已被指标体系“${latest.name}”使用，请换一个编码`, [{ field: 'key', message: '编码已被使用' }]);
    if (data.baseVersion !== null) {
      if (!latest) throw Errors.notFound(`没有名为“${data.key}”的指标体系`);
      if (latest.version !== data.baseVersion)
        throw Errors.conflict(`指标体系“${latest.name}”已由${latest.created_by}保存为第 ${latest.version} 版，请刷新后在新版本上修改`);
      const before = definitionOf(latest);
      if (sameContent(before, system)) return false;
    }
    const row: IndicatorSystemVersionTable = {
      key: data.key,
      version,
      name: system.name,
      based_on: data.baseVersion === null ? (data.basedOn ?? null) : (latest?.based_on ?? null),
      definition: JSON.stringify(system),
      note: data.note,
      created_by: actorLabel(actor),
      created_at: deps.clock.now().toISOString(),
    };
    // Two people saving on the same version: the primary key lets one of them in.
    if (!(await localSystems.insert(tx.trx, row)))
      throw Errors.conflict(`指标体系“${system.name}”刚被他人保存为第 ${version} 版，请刷新后在新版本上修改`);
    await recordAudit(tx, deps.clock, actor, {
      action: 'evaluation.system.save',
      targetType: 'indicator_system',
      targetId: `${data.key}@${version}`,
      siteId: null,
      details: { name: system.name, version, basedOn: row.based_on, note: data.note, items: system.items.length },
    });
    return true;
  });
  return getSystem(deps, actor, data.key, saved ? version : data.baseVersion!);
}

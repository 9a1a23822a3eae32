import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndicatorSystem, SaveLocalSystemInput } from '#common/schemas/evaluation.ts';
import type { Finding } from '#common/schemas/monitoring.ts';
import { recordRun } from '#server/monitoring/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { drainJobs, JobRegistry } from '#server/platform/jobs/index.ts';
import { asActor, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { createBatch, getBatch } from './commands/batches.ts';
import { getSystem, listSystems, saveLocalSystem, usableSystem } from './commands/systems.ts';
import { evaluationJobs } from './evaluation.jobs.ts';
import { NATIONAL_2019 } from './rules/systems/index.ts';

/** The national table with a city's own weights: a stricter pass line, and broken links twice as heavy. */
function cityWeights(linkPoints: number, passLine = 70): SaveLocalSystemInput['system'] {
  const { key: _key, version: _version, ...rest } = structuredClone(NATIONAL_2019);
  const system: Omit<IndicatorSystem, 'key' | 'version'> = { ...rest, name: '某市政府网站季度绩效考评', passLine, bonusLine: 85 };
  const links = system.items.find((i) => i.code === 'd.links')!;
  links.drivers = [{ kinds: ['broken_link'], per: 'finding', points: linkPoints, homePoints: linkPoints }];
  return system;
}

describe(`local indicator systems on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  let supervisor: Actor;
  let colleague: Actor;

  beforeEach(async () => {
    deps = await createTestDeps({ now: '2026-10-08T02:00:00Z' });
    supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }], displayName: '督查员甲' }));
    colleague = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }], displayName: '督查员乙' }));
  });
  afterEach(async () => {
    await deps.db.close();
  });

  it('keeps every saved version, lists the newest, and a spot check freezes the version it was made with', async () => {
    const first = await saveLocalSystem(deps, supervisor, {
      key: 'city-quarterly',
      baseVersion: null,
      basedOn: 'national-2019@1',
      note: '按国家指标，合格线提高到 70 分',
      system: cityWeights(0.2),
    });
    expect(first).toMatchObject({ source: 'local', basedOn: 'national-2019@1', note: '按国家指标，合格线提高到 70 分' });
    expect(first.system).toMatchObject({ key: 'city-quarterly', version: 1, passLine: 70 });

    const site = (await buildSite(deps, { hosting: 'external', name: '坏链网站', baseUrl: 'http://site.example.test/' })).id;
    const broken = (n: number): Finding => ({
      kind: 'broken_link',
      severity: 'deduction',
      url: `http://site.example.test/dead-${n}.html`,
      parent: 'http://site.example.test/a.html',
      detail: '链接打不开',
      rule: 'test',
    });
    await recordRun(deps, factoryActor, {
      siteId: site,
      source: 'crawl',
      asOf: '2026-09-30',
      startedAt: deps.clock.now().toISOString(),
      findings: [1, 2, 3].map(broken),
    });
    const q3 = await createBatch(deps, supervisor, { name: '第三季度考评', period: '2026-Q3', system: 'city-quarterly' });
    expect(q3.system).toEqual({ key: 'city-quarterly', version: 1, name: '某市政府网站季度绩效考评' });

    // A second version, edited from the first: broken links weigh 0.3 each.
    const second = await saveLocalSystem(deps, colleague, {
      key: 'city-quarterly',
      baseVersion: 1,
      note: '坏链每处扣 0.3 分',
      system: cityWeights(0.3),
    });
    expect(second.system.version).toBe(2);
    expect(second.versions.map((v) => [v.version, v.note, v.createdBy])).toEqual([
      [2, '坏链每处扣 0.3 分', '督查员乙'],
      [1, '按国家指标，合格线提高到 70 分', '督查员甲'],
    ]);
    expect(second.basedOn).toBe('national-2019@1');
    const q4 = await createBatch(deps, supervisor, { name: '第四季度考评', period: '2026-Q4', system: 'city-quarterly' });
    expect(q4.system.version).toBe(2);

    await drainJobs(deps, new JobRegistry(evaluationJobs));
    const lost = async (batchId: string) =>
      (await getBatch(deps, supervisor, batchId)).results[0]!.deductions.find((d) => d.code === 'd.links')?.points;
    // The Q3 batch scored with version 1 although version 2 existed by then.
    expect(await lost(q3.id)).toBe(0.6);
    expect(await lost(q4.id)).toBe(0.9);

    // Both versions stay readable; the list shows the newest.
    expect(
      (await getSystem(deps, supervisor, 'city-quarterly', 1)).system.items.find((i) => i.code === 'd.links')?.drivers?.[0]?.points,
    ).toBe(0.2);
    const listed = await listSystems(deps, supervisor);
    expect(listed.map((s) => [s.key, s.source, s.version])).toEqual([
      ['national-2019', 'builtIn', 1],
      ['census-2015', 'builtIn', 1],
      ['city-quarterly', 'local', 2],
    ]);
    expect(listed[2]).toMatchObject({ basedOn: 'national-2019@1', updatedBy: '督查员乙', items: NATIONAL_2019.items.length });
    expect((await usableSystem(deps.db, 'city-quarterly', 1)).version).toBe(1);
  });

  it('refuses a save on a stale version, a taken or built-in key, and adds no version when nothing changed', async () => {
    const save = (actor: Actor, input: Partial<SaveLocalSystemInput>) =>
      saveLocalSystem(deps, actor, { key: 'city-quarterly', baseVersion: null, note: '初版', system: cityWeights(0.2), ...input });
    await save(supervisor, {});
    await expect(save(colleague, {})).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT', message: expect.stringContaining('已被') });
    await expect(save(colleague, { key: 'national-2019' })).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT' });
    await save(supervisor, { baseVersion: 1, note: '第二版', system: cityWeights(0.3) });
    // The colleague edited version 1 while version 2 was saved.
    await expect(save(colleague, { baseVersion: 1, note: '同时修改', system: cityWeights(0.5) })).rejects.toMatchObject({
      code: 'GK_ERR_CONFLICT',
      message: expect.stringContaining('第 2 版'),
    });
    const same = await save(colleague, { baseVersion: 2, note: '未修改', system: cityWeights(0.3) });
    expect(same.system.version).toBe(2);
    expect(same.versions).toHaveLength(2);
    await expect(save(colleague, { key: 'nope', baseVersion: 3 })).rejects.toMatchObject({ code: 'GK_ERR_NOT_FOUND' });
  });

  it('refuses a faulty system naming every faulty item, and keeps nothing of it', async () => {
    const bad = cityWeights(0.2);
    bad.items.find((i) => i.code === 'd.search')!.drivers = [{ kinds: ['no_such_kind'], per: 'site', points: 1 }];
    bad.items.find((i) => i.code === 'd.links')!.drivers = [{ kinds: ['broken_link'], per: 'finding', points: 5 }];
    bad.groups.find((g) => g.code === 'interaction')!.points = 30;
    bad.items.find((i) => i.code === 'd.overview')!.rule = '说明<script>alert(1)</script>';
    const refused = saveLocalSystem(deps, supervisor, { key: 'city-bad', baseVersion: null, note: '有误', system: bad });
    await expect(refused).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    const message = ((await refused.catch((e: Error) => e)) as Error).message;
    expect(message).toContain('指标「功能设计/站内搜索」引用了未知的问题类型“no_such_kind”');
    expect(message).toContain('指标「功能设计/可用性」每处 5 分，超过其上限 1 分');
    expect(message).toContain('一级指标“互动交流”各项上限合计 23 分，与其分值 30 分不符');
    expect(message).toContain('扣分指标合计 107 分，应为 100 分');
    expect(message).toContain('指标说明不能包含 HTML 标记或脚本');
    expect((await listSystems(deps, supervisor)).map((s) => s.key)).not.toContain('city-bad');
    await expect(createBatch(deps, supervisor, { name: 'x', period: '2026-Q3', system: 'city-bad' })).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      message: expect.stringContaining('没有名为“city-bad”的指标体系'),
    });
  });

  it('is kept by those who supervise only', async () => {
    const editor = asActor(await buildUser(deps, { grants: [{ role: 'editor', siteId: (await buildSite(deps)).id }] }));
    await expect(listSystems(deps, editor)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(
      saveLocalSystem(deps, editor, { key: 'city-x', baseVersion: null, note: 'x', system: cityWeights(0.2) }),
    ).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
  });
});

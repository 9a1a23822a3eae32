import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NATIONAL_2019 } from '#server/evaluation/rules/systems/national-2019.ts';
import { systemProblems } from '#server/evaluation/rules/indicator-system.ts';
import { checkConsolidation, monitoringJobs } from '#server/monitoring/index.ts';
import { drainJobs, fireDueSchedules, JobRegistry, SCHEDULES } from '#server/platform/jobs/index.ts';
import { asActor, buildOrg, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => deps.db.close());

const consolidationFindings = () =>
  deps.db.kysely
    .selectFrom('monitoring_findings')
    .select(['site_id', 'kind', 'severity', 'rule', 'detail', 'state'])
    .where('source', '=', 'consolidation')
    .orderBy('rule')
    .execute();

describe('the consolidation check', () => {
  it('records the rules each site breaks as info findings and resolves them once fixed', async () => {
    const county = await buildOrg(deps, { level: 'county', name: '示例县人民政府' });
    const agri = await buildOrg(deps, { level: 'department', parentId: county.id, name: '示例县农业农村局' });
    const site = await buildSite(deps, {
      sponsorOrgId: agri.id,
      hosting: 'external',
      baseUrl: 'http://nyj.example-county.test/',
      status: 'active',
    });
    await buildSite(deps, {
      sponsorOrgId: county.id,
      kind: 'portal',
      status: 'active',
      code: '9901000091',
      domains: ['www.example-county.gov.cn'],
    });

    expect(await checkConsolidation(deps, factoryActor)).toEqual({ checked: 1, findings: 1 });
    expect(await consolidationFindings()).toEqual([
      {
        site_id: site.id,
        kind: 'consolidation',
        severity: 'info',
        rule: 'consolidation.county_department',
        detail: '县级政府部门不单独开设网站，应整合到县（区）政府门户网站',
        state: 'open',
      },
    ]);
    // The site closes: the next run resolves the finding and keeps it.
    await deps.db.kysely.updateTable('sites').set({ status: 'closed' }).where('id', '=', site.id).execute();
    expect(await checkConsolidation(deps, factoryActor)).toEqual({ checked: 1, findings: 0 });
    expect((await consolidationFindings()).map((f) => f.state)).toEqual(['resolved']);
    expect(await checkConsolidation(deps, factoryActor)).toEqual({ checked: 0, findings: 0 });

    const supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    await expect(checkConsolidation(deps, supervisor)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
  });

  it('runs each morning as a job', async () => {
    const schedule = SCHEDULES.find((s) => s.name === 'monitoring.check-consolidation');
    expect(schedule).toMatchObject({ job: 'monitoring.checkConsolidation' });
    const township = await buildOrg(deps, { level: 'township', name: '示例镇人民政府' });
    await buildSite(deps, { sponsorOrgId: township.id, hosting: 'external', baseUrl: 'http://town.example.test/', status: 'active' });
    deps.clock.set('2026-11-27T22:40:00.000Z'); // 06:40 Beijing on the 28th
    expect((await fireDueSchedules(deps, [schedule!])).map((f) => f.name)).toEqual(['monitoring.check-consolidation']);
    await drainJobs(deps, new JobRegistry(monitoringJobs));
    expect((await consolidationFindings()).map((f) => f.rule)).toEqual(['consolidation.township']);
  });

  it('is a finding kind no indicator uses, which the indicator systems accept', () => {
    expect(systemProblems(NATIONAL_2019)).toEqual([]);
  });
});

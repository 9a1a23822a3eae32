import { describe, expect, it } from 'vitest';
import { LIFECYCLE_STEPS, type LifecycleStep } from '#common/schemas/site-lifecycle.ts';
import {
  addDays,
  daysBetween,
  identityProblems,
  LIFECYCLE,
  possibleSteps,
  reopenBarredUntil,
  stepRefusals,
  successorProblems,
  targetStatus,
  type StepFacts,
} from './lifecycle.ts';
import { consolidationProblems } from './consolidation.ts';
import type { OrgNode } from './site-rules.ts';

const facts = (over: Partial<StepFacts> = {}): StepFacts => ({
  status: 'active',
  hosting: 'hosted',
  request: null,
  actorName: 'siteadmin',
  today: '2026-03-01',
  noticeUntil: null,
  ...over,
});
const messages = (step: LifecycleStep, f: StepFacts) => stepRefusals(step, f).map((r) => r.message);

describe('the lifecycle table', () => {
  it('declares every step with its from-states, its permission and where it leads', () => {
    expect(Object.keys(LIFECYCLE).sort()).toEqual([...LIFECYCLE_STEPS].sort());
    expect(LIFECYCLE.goLive).toMatchObject({ from: ['planned'], to: 'active', permission: 'sites.lifecycle.request' });
    expect(LIFECYCLE.approve.permission).toBe('sites.lifecycle.approve');
    expect(LIFECYCLE.finishClosure).toMatchObject({ from: ['closing'], to: 'closed' });
  });

  it('opens a site: request, approval by someone else, identity, then live', () => {
    const planned = facts({ status: 'planned' });
    expect(possibleSteps(planned)).toEqual(['requestOpen', 'setDeadline']);
    const pending = { kind: 'open' as const, state: 'pending' as const, requestedBy: 'siteadmin' };
    expect(messages('approve', { ...planned, request: pending })).toEqual(['审批人不能是申请人本人']);
    expect(messages('approve', { ...planned, request: pending, actorName: 'platform' })).toEqual([]);
    expect(targetStatus('approve', 'planned', pending)).toBe('planned');
    expect(messages('goLive', { ...planned, request: pending })).toEqual(['网站开设请示尚未获批准，不能上线']);
    const approved = { ...pending, state: 'approved' as const };
    expect(messages('goLive', { ...planned, request: approved })).toEqual([]);
    expect(messages('requestOpen', { ...planned, request: approved })).toEqual(['开设请示已获批准，请登记标识后上线']);
    expect(messages('requestOpen', { ...planned, request: pending })).toEqual(['网站已有待审批的申请，请等待审批结果']);
    expect(messages('requestOpen', { ...planned, hosting: 'external' })).toEqual(['只有平台托管的网站需要开设审批和上线登记']);
  });

  it('refuses a step from a wrong state, naming the state, with every reason at once', () => {
    expect(messages('goLive', facts())).toEqual(['网站当前为「运行中」，不能执行此步骤', '网站开设请示尚未获批准，不能上线']);
    expect(messages('restore', facts())).toEqual(['网站当前为「运行中」，不能执行此步骤']);
    expect(messages('approve', facts())).toEqual(['没有待审批的申请']);
    expect(messages('takeOffline', facts({ status: 'closed' }))).toEqual(['网站当前为「已关停」，不能执行此步骤']);
  });

  it('takes a site offline and back, and through a migration', () => {
    expect(messages('takeOffline', facts())).toEqual([]);
    expect(targetStatus('takeOffline', 'active', null)).toBe('offline');
    expect(targetStatus('restore', 'offline', null)).toBe('active');
    expect(targetStatus('startMigration', 'offline', null)).toBe('migrating');
    expect(targetStatus('finishMigration', 'migrating', null)).toBe('active');
    expect(possibleSteps(facts({ status: 'offline' }))).toEqual([
      'restore',
      'startMigration',
      'setDeadline',
      'requestClose',
      'requestMerge',
    ]);
  });

  it('closes and merges only after approval, and finishes only when the notice period is over', () => {
    const close = { kind: 'close' as const, state: 'pending' as const, requestedBy: 'siteadmin' };
    const merge = { ...close, kind: 'merge' as const };
    expect(targetStatus('approve', 'active', close)).toBe('closing');
    expect(targetStatus('approve', 'migrating', merge)).toBe('closing');
    expect(targetStatus('reject', 'active', close)).toBe('active');
    expect(messages('requestMerge', facts({ request: close }))).toEqual(['网站已有待审批的申请，请等待审批结果']);
    const closing = facts({ status: 'closing', noticeUntil: '2026-03-31' });
    expect(messages('finishClosure', closing)).toEqual(['关停公告须在原网站首页公示至 2026-03-31，期满后才能关停']);
    expect(messages('finishClosure', { ...closing, today: '2026-03-31' })).toEqual([]);
    expect(possibleSteps(facts({ status: 'closed' }))).toEqual([]);
  });

  it('needs every identity element before going live', () => {
    expect(identityProblems({ code: null, icpNumber: null, psbNumber: '', domains: [] }).map((p) => p.field)).toEqual([
      'code',
      'icpNumber',
      'psbNumber',
      'domains',
    ]);
    expect(identityProblems({ code: '9901000001', icpNumber: '示ICP备1号', psbNumber: '示公网安备1号', domains: ['a.gov.cn'] })).toEqual(
      [],
    );
  });

  it('names a running successor, a portal for a merger, never the site itself', () => {
    expect(successorProblems('requestMerge', 'a', { id: 'b', kind: 'department', status: 'active' })).toEqual([
      { field: 'parentSiteId', message: '只能整合到门户网站' },
    ]);
    expect(successorProblems('requestClose', 'a', { id: 'a', kind: 'portal', status: 'planned' }).map((p) => p.message)).toEqual([
      '新网站不能是本网站',
      '新网站须处于运行中',
    ]);
    expect(successorProblems('requestClose', 'a', null)).toEqual([{ field: 'successorSiteId', message: '指定的新网站不存在' }]);
  });

  it('bars reopening for the set number of days after a closure', () => {
    expect(reopenBarredUntil('2025-06-01', '2026-05-31', 365)).toBe('2026-06-01');
    expect(reopenBarredUntil('2025-06-01', '2026-06-01', 365)).toBeNull();
    expect(reopenBarredUntil(null, '2026-06-01', 365)).toBeNull();
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2026-03-01', '2025-12-31')).toBe(-60);
  });
});

describe('the consolidation rules', () => {
  const orgs = new Map<string, OrgNode>(
    [
      { id: 'city', name: '示例市人民政府', level: 'city', parentId: null },
      { id: 'edu', name: '示例市教育局', level: 'department', parentId: 'city' },
      { id: 'county', name: '示例县人民政府', level: 'county', parentId: 'city' },
      { id: 'agri', name: '示例县农业农村局', level: 'department', parentId: 'county' },
      { id: 'town', name: '示例镇人民政府', level: 'township', parentId: 'county' },
    ].map((o) => [o.id, o]),
  );
  const site = (id: string, sponsorOrgId: string, over: Record<string, unknown> = {}) => ({
    id,
    name: `网站${id}`,
    status: 'active',
    sponsorOrgId,
    noticeUntil: null,
    deadline: null,
    ...over,
  });

  it('reports a second running site of an org, county departments, townships, overdue closures and passed deadlines', () => {
    const found = consolidationProblems(
      [
        site('a', 'edu'),
        site('b', 'edu', { status: 'migrating', deadline: '2018-12-31' }),
        site('c', 'agri'),
        site('d', 'town', { status: 'closing', noticeUntil: '2026-02-01' }),
        site('e', 'city'),
        site('f', 'town', { status: 'closed' }),
      ],
      orgs,
      '2026-03-01',
      { allowCountyDepartmentSites: false },
    );
    const rules = (id: string) => (found.get(id) ?? []).map((p) => p.rule);
    expect(rules('a')).toEqual(['consolidation.one_site_per_org']);
    expect(found.get('a')?.[0]?.detail).toBe('示例市教育局还有运行中的网站「网站b」，一个单位原则上只能开设一个网站');
    expect(rules('b')).toEqual(['consolidation.one_site_per_org', 'consolidation.deadline_passed']);
    expect(rules('c')).toEqual(['consolidation.county_department']);
    expect(rules('d')).toEqual(['consolidation.township', 'consolidation.notice_overdue']);
    expect(found.has('e')).toBe(false);
    expect(found.has('f')).toBe(false);
  });

  it('lets county departments be when the setting allows them', () => {
    const found = consolidationProblems([site('c', 'agri')], orgs, '2026-03-01', { allowCountyDepartmentSites: true });
    expect(found.size).toBe(0);
  });
});

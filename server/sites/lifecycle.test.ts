import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '#server/platform/actor.ts';
import { drainJobs, fireDueSchedules, JobRegistry, SCHEDULES } from '#server/platform/jobs/index.ts';
import { publishingJobs, siteFolder } from '#server/publishing/index.ts';
import { finishDueClosures, sitesJobs } from '#server/sites/index.ts';
import { activateSite, buildNewsroom, buildOrg, buildSite, buildUser } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';

let t: TestApp;
let dataDir: string;
let platform: Session;
let platformUser: string;
let supervisor: Session;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-lifecycle-'));
  t = await createTestApp({ config: { GONGKAI_DATA_DIR: dataDir } });
  platformUser = (await buildUser(t.deps, { grants: [{ role: 'platformAdmin' }] })).username;
  platform = await loginAs(t.app, platformUser);
  supervisor = await loginAs(t.app, (await buildUser(t.deps, { grants: [{ role: 'supervisor' }] })).username);
});
afterEach(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const lifecycleOf = async (s: Session, siteId: string) =>
  (await s.request({ method: 'GET', url: `/api/sites/${siteId}/lifecycle` })).json();
const step = async (s: Session, siteId: string, name: string, body: Record<string, unknown> = {}, seq?: number) => {
  const expectedSeq = seq ?? (await lifecycleOf(platform, siteId)).seq;
  return s.request({ method: 'POST', url: `/api/sites/${siteId}/lifecycle/${name}`, payload: { expectedSeq, ...body } });
};
const publishJobs = () => drainJobs(t.deps, new JobRegistry(publishingJobs));
const homePage = (code: string) => fs.readFileSync(path.join(siteFolder(dataDir, code), 'index.html'), 'utf8');

describe('opening a site', () => {
  it('goes from a request through another person’s approval and the identity registration to live, each step audited', async () => {
    const room = await buildNewsroom(t.deps);
    const admin = await loginAs(t.app, room.siteAdmin.username);
    expect((await lifecycleOf(admin, room.site.id)).steps).toEqual(['requestOpen']);

    const missing = await step(admin, room.site.id, 'requestOpen', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual([{ field: 'reason', message: '请填写请示内容' }]);
    expect(
      (await step(admin, room.site.id, 'requestOpen', { reason: '关于开设示例局网站的请示', documentNo: '示教〔2026〕1号' })).statusCode,
    ).toBe(200);
    // The site admin may not approve; the platform's approver may not approve a request of their own.
    expect((await step(admin, room.site.id, 'approve')).statusCode).toBe(403);
    const stale = await step(supervisor, room.site.id, 'approve', {}, 0);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('网站状态已被他人更新，请刷新后重试');
    expect((await step(supervisor, room.site.id, 'approve', { opinion: '同意开设' })).statusCode).toBe(200);

    const incomplete = await step(admin, room.site.id, 'goLive', { code: '9901000061' });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json()).toMatchObject({ code: 'GK_ERR_LIFECYCLE_STEP' });
    expect(incomplete.json().fields.map((f: { field: string }) => f.field)).toEqual(['icpNumber', 'psbNumber', 'domains']);
    const live = await step(admin, room.site.id, 'goLive', {
      code: '9901000061',
      icpNumber: '示ICP备26000001号',
      psbNumber: '示公网安备99010002000001号',
      domains: ['jyj.example-city.gov.cn'],
    });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({
      status: 'active',
      request: null,
      steps: ['takeOffline', 'startMigration', 'requestClose', 'requestMerge'],
    });
    expect(live.json().events.map((e: { step: string; toStatus: string }) => `${e.step}→${e.toStatus}`)).toEqual([
      'requestOpen→planned',
      'approve→planned',
      'goLive→active',
    ]);
    expect(live.json().events[1]).toMatchObject({ text: '同意开设' });
    const audited = await t.deps.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', room.site.id)
      .where('action', 'like', 'sites.lifecycle.%')
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['sites.lifecycle.requestOpen', 'sites.lifecycle.approve', 'sites.lifecycle.goLive']);
  });

  it('refuses the approver who filed the request, and a reopening within a year of the org’s closure', async () => {
    const org = await buildOrg(t.deps, { level: 'department' });
    const site = await buildSite(t.deps, { sponsorOrgId: org.id });
    expect((await step(platform, site.id, 'requestOpen', { reason: '开设请示' })).statusCode).toBe(200);
    const own = await step(platform, site.id, 'approve');
    expect(own.statusCode).toBe(409);
    expect(own.json().message).toBe('审批人不能是申请人本人');
    expect((await step(supervisor, site.id, 'reject', { opinion: '请补充材料' })).json()).toMatchObject({
      status: 'planned',
      request: null,
    });

    const old = await buildSite(t.deps, {
      sponsorOrgId: org.id,
      status: 'active',
      code: '9901000071',
      domains: ['old.example-city.gov.cn'],
    });
    await t.deps.db.kysely
      .updateTable('sites')
      .set({ status: 'closed', closed_at: '2026-06-01T02:00:00.000Z' })
      .where('id', '=', old.id)
      .execute();
    const barred = await step(platform, site.id, 'requestOpen', { reason: '再次开设' });
    expect(barred.statusCode).toBe(409);
    expect(barred.json().message).toContain('365 天内不得重新开设网站（2027-06-01 起可以申请）');
    // A closure a year and a day ago no longer bars it.
    await t.deps.db.kysely.updateTable('sites').set({ closed_at: '2025-11-26T02:00:00.000Z' }).where('id', '=', old.id).execute();
    expect((await step(platform, site.id, 'requestOpen', { reason: '再次开设' })).statusCode).toBe(200);
  });
});

describe('offline, closing and merging', () => {
  it('shows the offline notice and the merger notice on the published home page, and closes the site after the notice period', async () => {
    const city = await buildOrg(t.deps, { level: 'city', name: '示例市人民政府' });
    const portal = await buildSite(t.deps, {
      sponsorOrgId: city.id,
      kind: 'portal',
      name: '示例市人民政府门户网站',
      status: 'active',
      code: '9901000001',
      domains: ['www.example-city.gov.cn'],
    });
    const room = await buildNewsroom(t.deps);
    await activateSite(t.deps, room.site.id, { code: '9901000062', domains: ['ny.example-city.gov.cn'] });
    await publishJobs();
    expect(homePage('9901000062')).not.toContain('site-notice');

    const admin = await loginAs(t.app, room.siteAdmin.username);
    expect(
      (await step(admin, room.site.id, 'takeOffline', { noticeText: '本网站正在改版升级，期间暂停更新。', until: '2026-12-15' }))
        .statusCode,
    ).toBe(200);
    await publishJobs();
    expect(homePage('9901000062')).toContain('本网站正在改版升级，期间暂停更新。预计 2026年12月15日 恢复。');
    expect((await step(admin, room.site.id, 'restore')).json().status).toBe('active');
    await publishJobs();
    expect(homePage('9901000062')).not.toContain('site-notice');

    const merge = await step(admin, room.site.id, 'requestMerge', { reason: '整合到市政府门户网站', parentSiteId: portal.id });
    expect(merge.statusCode).toBe(400);
    expect(merge.json().fields).toEqual([{ field: 'dataMigrated', message: '关停前须先完成数据迁移或归档，请确认' }]);
    expect(
      (await step(admin, room.site.id, 'requestMerge', { reason: '整合到市政府门户网站', parentSiteId: portal.id, dataMigrated: true }))
        .statusCode,
    ).toBe(200);
    const approved = await step(platform, room.site.id, 'approve');
    expect(approved.json()).toMatchObject({
      status: 'closing',
      mergedIntoSiteId: portal.id,
      successorSiteId: portal.id,
      noticeFrom: '2026-11-27',
      noticeUntil: '2026-12-27',
    });
    await publishJobs();
    expect(homePage('9901000062')).toContain(
      '本网站已整合至「示例市人民政府门户网站」，将于 2026年12月27日 关停，请访问 <a href="https://www.example-city.gov.cn/">示例市人民政府门户网站</a>。',
    );

    const early = await step(platform, room.site.id, 'finishClosure');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('关停公告须在原网站首页公示至 2026-12-27，期满后才能关停');
    // The morning job closes it once the period is over (05:00 UTC = 06:05 Beijing is past the slot), twice idempotently.
    const schedule = SCHEDULES.find((x) => x.name === 'sites.finish-closures')!;
    t.deps.clock.set('2026-12-26T22:10:00.000Z');
    expect((await fireDueSchedules(t.deps, [schedule])).map((f) => f.name)).toEqual(['sites.finish-closures']);
    await drainJobs(t.deps, new JobRegistry(sitesJobs));
    platform = await loginAs(t.app, platformUser);
    expect((await lifecycleOf(platform, room.site.id)).status).toBe('closed');
    expect(await finishDueClosures(t.deps, systemActor('again'))).toBe(0);
    const closed = await lifecycleOf(platform, room.site.id);
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-12-26T22:10:00.000Z' });
    expect(closed.events.at(-1)).toMatchObject({ step: 'finishClosure', actorName: 'system:job:sites.finishClosures' });
    expect(closed.events.filter((e: { step: string }) => e.step === 'finishClosure')).toHaveLength(1);
  });
});

describe('the lifecycle API', () => {
  it('answers hostile input with a Chinese message and a 4xx, never a 500', async () => {
    const room = await buildNewsroom(t.deps);
    await activateSite(t.deps, room.site.id, { code: '9901000063', domains: ['x.example-city.gov.cn'] });
    const id = room.site.id;
    const cases: [string, unknown, number, string][] = [
      ['bogus', { expectedSeq: 3 }, 400, '未知的网站生命周期步骤'],
      ['goLive', { expectedSeq: 3 }, 409, '网站当前为「运行中」，不能执行此步骤'],
      ['restore', { expectedSeq: 3 }, 409, '网站当前为「运行中」，不能执行此步骤'],
      ['takeOffline', { expectedSeq: 3, noticeText: '下线', until: '2026-02-30' }, 400, ''],
      ['setDeadline', { expectedSeq: 3, deadline: '2018/12/31' }, 400, ''],
      ['requestClose', { expectedSeq: 3, reason: '关停', dataMigrated: true }, 400, ''],
      ['requestClose', { expectedSeq: 3, reason: '关停', dataMigrated: true, successorUrl: 'javascript:alert(1)' }, 400, ''],
      ['requestClose', { expectedSeq: 3, reason: '关停', dataMigrated: true, successorSiteId: id }, 409, '新网站不能是本网站'],
      ['requestMerge', { expectedSeq: 3, reason: '整合', dataMigrated: true, parentSiteId: 'nope' }, 409, '指定的新网站不存在'],
      ['approve', { expectedSeq: 3, extra: 1 }, 400, ''],
      ['approve', { expectedSeq: 'x' }, 400, ''],
      ['approve', {}, 400, ''],
    ];
    for (const [name, payload, status, message] of cases) {
      const r = await platform.request({ method: 'POST', url: `/api/sites/${id}/lifecycle/${name}`, payload: payload as object });
      expect(r.statusCode, `${name} ${JSON.stringify(payload)}`).toBe(status);
      expect(r.json().message, name).toMatch(/[\u4e00-\u9fa5]/);
      // A step's own refusals are in the message; the route's parameter check names the field.
      if (message) expect(JSON.stringify(r.json()), name).toContain(message);
    }
    for (const payload of ['text', [], null]) {
      const r = await platform.request({
        method: 'POST',
        url: `/api/sites/${id}/lifecycle/approve`,
        payload: payload as unknown as object,
      });
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
    expect((await platform.request({ method: 'GET', url: '/api/sites/nope/lifecycle' })).statusCode).toBe(404);
    expect(
      (await platform.request({ method: 'POST', url: '/api/sites/nope/lifecycle/approve', payload: { expectedSeq: 0 } })).statusCode,
    ).toBe(404);
    const patch = await platform.request({ method: 'PATCH', url: `/api/sites/${id}`, payload: { status: 'closed' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().fields).toEqual([{ field: 'status', message: '网站状态只能通过“集约化”中的生命周期步骤变更' }]);
  });

  it('lists every site with its status, deadline and the consolidation rules it still breaks', async () => {
    const county = await buildOrg(t.deps, { level: 'county', name: '示例县人民政府' });
    const agri = await buildOrg(t.deps, { level: 'department', parentId: county.id, name: '示例县农业农村局' });
    const ext = await buildSite(t.deps, {
      sponsorOrgId: agri.id,
      name: '示例县农业农村局网站',
      hosting: 'external',
      baseUrl: 'http://nyj.example-county.test/',
      status: 'active',
    });
    expect((await step(platform, ext.id, 'startMigration', { reason: '迁入县政府门户网站', deadline: '2018-12-31' })).statusCode).toBe(200);
    const r = await supervisor.request({ method: 'GET', url: '/api/sites/consolidation' });
    expect(r.statusCode).toBe(200);
    const row = r.json().items.find((i: { id: string }) => i.id === ext.id);
    expect(row).toMatchObject({
      status: 'migrating',
      hosting: 'external',
      sponsorName: '示例县农业农村局',
      countyName: '示例县人民政府',
      deadline: '2018-12-31',
      daysLeft: -2888,
      problems: ['县级政府部门不单独开设网站，应整合到县（区）政府门户网站', '整合期限 2018-12-31 已过，网站仍未完成迁移或关停'],
    });
  });
});

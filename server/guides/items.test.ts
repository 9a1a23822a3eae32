import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '#server/audit/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { isAppError } from '#server/platform/errors.ts';
import { asActor, buildOrg, buildSite, buildUser } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import {
  createServiceItem,
  deleteServiceItem,
  getServiceItem,
  listServiceItems,
  markServiceItemReviewed,
  publishServiceItems,
  reviewDueItems,
  updateServiceItem,
  withdrawServiceItem,
} from './commands/items.ts';
import { guidesOversight, serviceStatistics } from './commands/oversight.ts';
import { getGuideSettings, saveGuideSettings } from './commands/settings.ts';
import { completeGuide } from '#test/guides.ts';

let deps: TestDeps;
let siteId: string;
let orgId: string;
let officer: Actor;
let otherOfficer: Actor;
let reviewer: Actor;
let stranger: Actor;
let supervisor: Actor;

beforeEach(async () => {
  deps = await createTestDeps();
  const org = await buildOrg(deps, { level: 'department', name: '市人力资源和社会保障局' });
  orgId = org.id;
  const site = await buildSite(deps, { sponsorOrgId: org.id });
  siteId = site.id;
  const other = await buildSite(deps);
  officer = asActor(await buildUser(deps, { grants: [{ role: 'serviceOfficer', siteId }], displayName: '办事专员' }));
  otherOfficer = asActor(await buildUser(deps, { grants: [{ role: 'serviceOfficer', siteId }], displayName: '另一专员' }));
  reviewer = asActor(await buildUser(deps, { grants: [{ role: 'sectionReviewer', siteId }], displayName: '科室审核人' }));
  stranger = asActor(await buildUser(deps, { grants: [{ role: 'serviceOfficer', siteId: other.id }] }));
  supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
});

afterEach(async () => {
  await deps.db.close();
});

async function refusal(p: Promise<unknown>): Promise<{ code: string; status: number; message: string; fields?: unknown }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, status: e.status, message: e.message, fields: e.fields };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('writing service items', () => {
  it('creates a draft, flags what is missing, and audits it', async () => {
    const item = await createServiceItem(deps, officer, siteId, { ...completeGuide('A-1', { place: '暂无', phone: null }), orgId });
    expect(item.state).toBe('draft');
    expect(item.missing).toEqual(['place', 'phone']);
    expect(item.missingKey).toBe(2);
    expect(item.reviewedOn).toBe('2026-11-27');
    const events = await deps.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', 'like', 'guides.%')
      .execute();
    expect(events).toEqual([{ action: 'guides.item.create', target_id: item.id }]);
    expect((await verifyAuditChain(deps.db)).ok).toBe(true);
  });

  it('refuses a second item with the same code on the site, bad input, and officers of other sites', async () => {
    await createServiceItem(deps, officer, siteId, { ...completeGuide('A-1'), orgId });
    expect((await refusal(createServiceItem(deps, officer, siteId, { ...completeGuide('A-1'), orgId }))).code).toBe('GK_ERR_CONFLICT');
    const bad = await refusal(
      createServiceItem(deps, officer, siteId, {
        ...completeGuide('A 2'),
        onlineUrl: 'javascript:alert(1)',
        phone: '请致电',
        name: '<script>x</script>',
        orgId,
      }),
    );
    expect(bad.code).toBe('GK_ERR_VALIDATION');
    expect((bad.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['code', 'name', 'onlineUrl', 'phone']);
    expect((await refusal(createServiceItem(deps, stranger, siteId, { ...completeGuide('A-3'), orgId }))).code).toBe('GK_ERR_FORBIDDEN');
    expect((await refusal(createServiceItem(deps, reviewer, siteId, { ...completeGuide('A-3'), orgId }))).code).toBe('GK_ERR_FORBIDDEN');
  });

  it('refuses a stale version', async () => {
    const item = await createServiceItem(deps, officer, siteId, { ...completeGuide('A-1'), orgId });
    await updateServiceItem(deps, officer, item.id, { ...completeGuide('A-1', { place: '二楼' }), orgId, version: 1 });
    const stale = await refusal(
      updateServiceItem(deps, otherOfficer, item.id, { ...completeGuide('A-1', { place: '三楼' }), orgId, version: 1 }),
    );
    expect(stale.code).toBe('GK_ERR_CONFLICT');
    expect((await getServiceItem(deps, officer, item.id)).guide.place).toBe('二楼');
  });
});

describe('publishing service items', () => {
  it('publishes complete items item by item, refusing incomplete ones and the publisher’s own changes', async () => {
    const good = await createServiceItem(deps, officer, siteId, { ...completeGuide('G-1'), orgId });
    const poor = await createServiceItem(deps, officer, siteId, { ...completeGuide('G-2', { legalBasis: null, fees: '' }), orgId });
    const r = await publishServiceItems(deps, reviewer, siteId, { ids: [good.id, poor.id, 'nope'] });
    expect(r.published).toEqual([good.id]);
    expect(r.refused.map((x) => [x.id, x.reason])).toEqual([
      [poor.id, '缺少必备要素：设定依据、收费标准'],
      ['nope', '事项不存在或不属于本网站'],
    ]);
    const jobs = await deps.db.kysely.selectFrom('jobs').select(['name', 'payload']).where('name', '=', 'publishing.services').execute();
    expect(jobs).toHaveLength(1);
    // A reviewer who edits an item cannot publish that change; another reviewer can.
    const mine = await createServiceItem(deps, officer, siteId, { ...completeGuide('G-3'), orgId });
    const both = asActor(
      await buildUser(deps, {
        grants: [
          { role: 'serviceOfficer', siteId },
          { role: 'sectionReviewer', siteId },
        ],
      }),
    );
    await updateServiceItem(deps, both, mine.id, { ...completeGuide('G-3', { place: '一楼' }), orgId, version: 1 });
    expect((await publishServiceItems(deps, both, siteId, { ids: [mine.id] })).refused[0]?.reason).toMatch(/不能发布自己最后修改的事项/);
    expect((await publishServiceItems(deps, reviewer, siteId, { ids: [mine.id] })).published).toEqual([mine.id]);
    expect((await refusal(publishServiceItems(deps, officer, siteId, { ids: [good.id] }))).code).toBe('GK_ERR_FORBIDDEN');
    const audits = await deps.db.kysely
      .selectFrom('audit_events')
      .select('target_id')
      .where('action', '=', 'guides.item.publish')
      .execute();
    expect(audits.map((a) => a.target_id).sort()).toEqual([good.id, mine.id].sort());
  });

  it('keeps the published guide live while a change waits, and withdraws', async () => {
    const item = await createServiceItem(deps, officer, siteId, { ...completeGuide('P-1'), orgId });
    await publishServiceItems(deps, reviewer, siteId, { ids: [item.id] });
    const changed = await updateServiceItem(deps, officer, item.id, { ...completeGuide('P-1', { place: '新地点' }), orgId, version: 1 });
    expect(changed).toMatchObject({ state: 'published', changed: true, version: 2 });
    const row = await deps.db.kysely.selectFrom('service_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.published_guide!).place).toBe('市政务服务中心');
    expect((await listServiceItems(deps, officer, siteId, { state: 'changed' })).items.map((i) => i.id)).toEqual([item.id]);
    await publishServiceItems(deps, reviewer, siteId, { ids: [item.id] });
    expect((await getServiceItem(deps, officer, item.id)).changed).toBe(false);
    const gone = await withdrawServiceItem(deps, reviewer, item.id, { version: 2 });
    expect(gone).toMatchObject({ state: 'withdrawn', pagePath: null });
    expect((await refusal(deleteServiceItem(deps, officer, item.id))).code).toBe('GK_ERR_CONFLICT');
    const draft = await createServiceItem(deps, officer, siteId, { ...completeGuide('P-2'), orgId });
    await deleteServiceItem(deps, officer, draft.id);
    expect((await listServiceItems(deps, officer, siteId, {})).total).toBe(1);
  });

  it('checks required elements against the configured list', async () => {
    expect((await refusal(saveGuideSettings(deps, officer, { requiredElements: ['name'], reviewIntervalDays: 365 }))).code).toBe(
      'GK_ERR_FORBIDDEN',
    );
    expect((await refusal(saveGuideSettings(deps, supervisor, { requiredElements: ['phone'], reviewIntervalDays: 365 }))).code).toBe(
      'GK_ERR_VALIDATION',
    );
    await saveGuideSettings(deps, supervisor, { requiredElements: ['name', 'code', 'onlineUrl'], reviewIntervalDays: 180 });
    expect(await getGuideSettings(deps)).toEqual({ requiredElements: ['name', 'code', 'onlineUrl'], reviewIntervalDays: 180 });
    const item = await createServiceItem(deps, officer, siteId, { ...completeGuide('S-1'), orgId });
    expect(item.missing).toEqual(['onlineUrl']);
    expect((await listServiceItems(deps, officer, siteId, { incomplete: 'true' })).items.map((i) => i.code)).toEqual(['S-1']);
  });
});

describe('reviews, supervision and statistics', () => {
  it('lists items not reviewed within the interval until they are marked reviewed', async () => {
    const item = await createServiceItem(deps, officer, siteId, { ...completeGuide('R-1'), orgId });
    expect(await reviewDueItems(deps, officer, siteId)).toEqual([]);
    deps.clock.set('2027-12-01T01:00:00.000Z');
    expect((await reviewDueItems(deps, officer, siteId)).map((i) => i.code)).toEqual(['R-1']);
    await markServiceItemReviewed(deps, officer, item.id, { version: 1 });
    expect(await reviewDueItems(deps, officer, siteId)).toEqual([]);
    expect((await refusal(markServiceItemReviewed(deps, officer, item.id, { version: 1, reviewedOn: '2027-12-02' }))).code).toBe(
      'GK_ERR_VALIDATION',
    );
  });

  it('shows supervisors the veto risk and the report figures', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++)
      ids.push(
        (
          await createServiceItem(deps, officer, siteId, {
            ...completeGuide(`V-${i}`, { onlineLevel: i === 1 ? 'full' : 'partial', category: i === 3 ? '公共服务' : '行政许可' }),
            orgId,
          })
        ).id,
      );
    let view = (await guidesOversight(deps, supervisor)).find((s) => s.siteId === siteId)!;
    expect(view).toMatchObject({ items: 3, published: 0, veto: '未提供办事服务' });
    await publishServiceItems(deps, reviewer, siteId, { ids });
    view = (await guidesOversight(deps, supervisor)).find((s) => s.siteId === siteId)!;
    expect(view).toMatchObject({ items: 3, published: 3, veto: null, poorItems: 0, fullyOnline: 1 });
    expect(await serviceStatistics(deps, officer, siteId)).toEqual({
      siteId,
      items: 3,
      fullyOnline: 1,
      cataloguePublished: true,
      byCategory: { 行政许可: 2, 公共服务: 1 },
      byOnlineLevel: { none: 0, appointment: 0, partial: 2, full: 1 },
    });
    expect((await refusal(guidesOversight(deps, officer))).code).toBe('GK_ERR_FORBIDDEN');
    expect((await refusal(serviceStatistics(deps, stranger, siteId))).code).toBe('GK_ERR_FORBIDDEN');
  });
});

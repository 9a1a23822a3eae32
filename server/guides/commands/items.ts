/**
 * Service items and their guides: an officer of the department (办事服务专员) writes or imports
 * them; a reviewer (科室审核人 or 分管领导) who did not make the last change publishes them, one
 * audited decision per item, and only when every required element is there. A published item
 * keeps showing its published guide while a change waits for the next publication.
 */
import { randomUUID } from 'node:crypto';
import {
  missingElements,
  materialFileIds,
  missingKeyCategories,
  SERVICE_ELEMENT_LABELS,
  type GuideSettings,
  type ServiceGuide,
  type ServiceState,
} from '../../../common/service-items.ts';
import {
  MarkReviewedSchema,
  PublishServiceItemsSchema,
  SaveServiceItemSchema,
  ServiceItemQuerySchema,
  VersionSchema,
  type PublishResult,
  type ServiceItemList,
  type ServiceItemSummary,
  type ServiceItemView,
} from '../../../common/schemas/guides.ts';
import { recordAudit } from '../../audit/index.ts';
import { can, requirePermission } from '../../platform/access.ts';
import { actorLabel, type Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { ServiceItemTable } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { enqueueServicesPublish } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { guideRefs, linkChecks, serviceItems } from '../guides.repository.ts';
import { reviewDue } from '../rules/items.ts';
import { loadGuideSettings } from './settings.ts';

/** Public page of an item, site-root path (the publisher writes it there). */
export function servicePagePath(code: string): string {
  return `/bsfw/sx/${code}.html`;
}

/** Who may see a site's items in the back office: their officers, their reviewers, supervisors. */
export function requireGuidesRead(actor: Actor, siteId: string): void {
  if (!can(actor, 'guides.edit', siteId) && !can(actor, 'guides.publish', siteId) && !can(actor, 'monitoring.read', siteId))
    throw Errors.forbidden();
}

/** The editor's current guide of an item. */
export function guideOf(row: Pick<ServiceItemTable, 'guide'>): ServiceGuide {
  return JSON.parse(row.guide) as ServiceGuide;
}

/** The guide as published, which the public pages show (only published rows have one). */
export function publishedGuideOf(row: Pick<ServiceItemTable, 'published_guide'>): ServiceGuide {
  return JSON.parse(row.published_guide!) as ServiceGuide;
}

export function summaryOf(
  row: ServiceItemTable,
  orgName: string,
  settings: GuideSettings,
  today: string,
  broken: number,
  guide: ServiceGuide = guideOf(row),
): ServiceItemSummary {
  return {
    id: row.id,
    siteId: row.site_id,
    orgId: row.org_id,
    orgName,
    code: row.code,
    name: row.name,
    state: row.state as ServiceState,
    changed: row.state === 'published' && row.published_version !== row.version,
    missing: missingElements(guide, settings.requiredElements),
    missingKey: missingKeyCategories(guide),
    onlineLevel: guide.onlineLevel,
    reviewedOn: row.reviewed_on,
    reviewDue: row.state !== 'withdrawn' && reviewDue(row.reviewed_on, today, settings.reviewIntervalDays),
    brokenLinks: broken,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    version: row.version,
  };
}

const KIND_ORDER = ['online', 'form', 'sample'];

async function itemView(deps: Deps, row: ServiceItemTable): Promise<ServiceItemView> {
  const db = deps.db.kysely;
  const settings = await loadGuideSettings(db);
  const guide = guideOf(row);
  const checks = await linkChecks.ofItems(db, [row.id]);
  const org = await guideRefs.org(db, row.org_id);
  const stored = new Map((await guideRefs.files(db, materialFileIds(guide))).map((f) => [f.id, f]));
  const files: ServiceItemView['files'] = {};
  for (const m of guide.materials)
    for (const [id, what] of [
      [m.formFileId, '空白表格'],
      [m.sampleFileId, '示范文本'],
    ] as const) {
      const f = id ? stored.get(id) : undefined;
      if (f) files[f.id] = { name: `${m.name}（${what}）.${f.ext}`, size: f.size };
    }
  return {
    ...summaryOf(row, org?.name ?? '', settings, beijingToday(deps.clock), checks.filter((c) => !c.ok).length, guide),
    guide,
    updatedBy: row.updated_by,
    publishedBy: row.published_by,
    pagePath: row.state === 'published' ? servicePagePath(row.code) : null,
    linkChecks: checks
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.label.localeCompare(b.label))
      .map((c) => ({
        url: c.url,
        kind: c.kind as 'online' | 'form' | 'sample',
        label: c.label,
        ok: c.ok === 1,
        httpStatus: c.http_status,
        error: c.error,
        checkedAt: c.checked_at,
      })),
    files,
  };
}

/** Every item of a site as the back office lists it (completeness by the current settings, broken links, review state). */
async function siteSummaries(deps: Deps, siteId: string): Promise<ServiceItemSummary[]> {
  const db = deps.db.kysely;
  const settings = await loadGuideSettings(db);
  const today = beijingToday(deps.clock);
  const rows = await serviceItems.ofSite(db, siteId);
  const ids = rows.map((r) => r.id);
  const broken = await linkChecks.brokenCounts(db, ids);
  const names = await guideRefs.orgNames(
    db,
    rows.map((r) => r.org_id),
  );
  return rows.map((r) => summaryOf(r, names.get(r.org_id) ?? '', settings, today, broken.get(r.id) ?? 0));
}

/** A site's items for the back office, filtered and paged; completeness follows the current settings. */
export async function listServiceItems(deps: Deps, actor: Actor, siteId: string, query: unknown): Promise<ServiceItemList> {
  requireGuidesRead(actor, siteId);
  const q = parseInput(ServiceItemQuerySchema, query ?? {});
  const needle = q.q?.toLowerCase();
  const all = (await siteSummaries(deps, siteId))
    .filter((s) => !q.orgId || s.orgId === q.orgId)
    .filter((s) => !needle || s.name.toLowerCase().includes(needle) || s.code.toLowerCase().includes(needle))
    .filter((s) => (q.state === 'changed' ? s.changed : !q.state || s.state === q.state))
    .filter((s) => (q.incomplete === undefined ? true : s.missing.length > 0 === (q.incomplete === 'true')));
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
}

export async function getServiceItem(deps: Deps, actor: Actor, id: string): Promise<ServiceItemView> {
  const row = await serviceItems.byId(deps.db.kysely, id);
  if (!row) throw Errors.notFound('事项不存在');
  requireGuidesRead(actor, row.site_id);
  return itemView(deps, row);
}

async function requireOrg(tx: Tx, orgId: string): Promise<void> {
  if (!(await guideRefs.org(tx.trx, orgId))) throw Errors.validation('所属部门不存在', [{ field: 'orgId', message: '所属部门不存在' }]);
}

function codeTaken(code: string): Error {
  return Errors.conflict(`事项编码 ${code} 已被本网站的其他事项使用`, [{ field: 'code', message: '事项编码已被使用' }]);
}

/** The row fields a save writes (the guide, its identity, who and when); the caller adds identity and state. */
export function savedFields(
  deps: Deps,
  actor: Actor,
  guide: ServiceGuide,
): Pick<ServiceItemTable, 'code' | 'name' | 'guide' | 'updated_at' | 'updated_by' | 'updated_by_id' | 'reviewed_on'> {
  return {
    code: guide.code,
    name: guide.name,
    guide: JSON.stringify(guide),
    updated_at: deps.clock.now().toISOString(),
    updated_by: actorLabel(actor),
    updated_by_id: actor.id,
    // Writing the guide is reviewing it: the review date moves with every saved change.
    reviewed_on: beijingToday(deps.clock),
  };
}

/** Inserts a new draft item (in the caller's transaction). */
export async function insertItem(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  siteId: string,
  orgId: string,
  guide: ServiceGuide,
): Promise<ServiceItemTable> {
  const now = deps.clock.now().toISOString();
  const row: ServiceItemTable = {
    id: randomUUID(),
    site_id: siteId,
    org_id: orgId,
    state: 'draft',
    version: 1,
    published_version: null,
    published_guide: null,
    published_at: null,
    published_by: null,
    created_at: now,
    ...savedFields(deps, actor, guide),
  };
  await serviceItems.insert(tx.trx, row);
  return row;
}

/** Creates an item on a site as a draft. */
export async function createServiceItem(deps: Deps, actor: Actor, siteId: string, input: unknown): Promise<ServiceItemView> {
  requirePermission(actor, 'guides.edit', siteId);
  const { orgId, version: _v, ...guide } = parseInput(SaveServiceItemSchema, input);
  const row = await inTransaction(deps.db, async (tx) => {
    if (!(await guideRefs.site(tx.trx, siteId))) throw Errors.notFound('网站不存在');
    await requireOrg(tx, orgId);
    if (await serviceItems.byCode(tx.trx, siteId, guide.code)) throw codeTaken(guide.code);
    const row = await insertItem(tx, deps, actor, siteId, orgId, guide);
    await recordAudit(tx, deps.clock, actor, {
      action: 'guides.item.create',
      targetType: 'serviceItem',
      targetId: row.id,
      siteId,
      details: { code: guide.code, name: guide.name },
    });
    return row;
  });
  return itemView(deps, row);
}

/** Saves a changed guide; a published item keeps its published guide until the change is published. */
export async function updateServiceItem(deps: Deps, actor: Actor, id: string, input: unknown): Promise<ServiceItemView> {
  const { orgId, version, ...guide } = parseInput(SaveServiceItemSchema, input);
  if (version === undefined) throw Errors.validation('缺少版本号', [{ field: 'version', message: '缺少版本号' }]);
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await serviceItems.byId(tx.trx, id);
    if (!before) throw Errors.notFound('事项不存在');
    requirePermission(actor, 'guides.edit', before.site_id);
    await requireOrg(tx, orgId);
    if (before.version !== version) throw Errors.conflict('事项已被他人修改，请刷新后再试');
    const other = guide.code !== before.code ? await serviceItems.byCode(tx.trx, before.site_id, guide.code) : undefined;
    if (other) throw codeTaken(guide.code);
    const patch = {
      ...savedFields(deps, actor, guide),
      org_id: orgId,
      version: version + 1,
      state: before.state === 'withdrawn' ? 'draft' : before.state,
    };
    if (!(await serviceItems.updateAt(tx.trx, id, version, patch))) throw Errors.conflict('事项已被他人修改，请刷新后再试');
    await recordAudit(tx, deps.clock, actor, {
      action: 'guides.item.update',
      targetType: 'serviceItem',
      targetId: id,
      siteId: before.site_id,
      details: { code: guide.code, name: guide.name, version: version + 1 },
    });
    return { ...before, ...patch };
  });
  return itemView(deps, row);
}

/**
 * Publishes items of a site, each on its own merit: an item lacking a required element, or last
 * changed by the publisher, is refused with the reason and the others go ahead. Every
 * publication is its own audit event; the site's service pages follow in a job.
 */
export async function publishServiceItems(deps: Deps, actor: Actor, siteId: string, input: unknown): Promise<PublishResult> {
  requirePermission(actor, 'guides.publish', siteId);
  const { ids } = parseInput(PublishServiceItemsSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const settings = await loadGuideSettings(tx.trx);
    const rows = new Map((await serviceItems.byIds(tx.trx, ids)).map((r) => [r.id, r]));
    const result: PublishResult = { published: [], refused: [] };
    const now = deps.clock.now().toISOString();
    for (const id of new Set(ids)) {
      const row = rows.get(id);
      if (!row || row.site_id !== siteId) {
        result.refused.push({ id, code: '', name: '', reason: '事项不存在或不属于本网站' });
        continue;
      }
      const refuse = (reason: string) => result.refused.push({ id, code: row.code, name: row.name, reason });
      const guide = guideOf(row);
      const missing = missingElements(guide, settings.requiredElements);
      if (missing.length) {
        refuse(`缺少必备要素：${missing.map((e) => SERVICE_ELEMENT_LABELS[e]).join('、')}`);
        continue;
      }
      if (row.state === 'published' && row.published_version === row.version) {
        result.published.push(id);
        continue;
      }
      if (actor.id !== null && row.updated_by_id === actor.id) {
        refuse('不能发布自己最后修改的事项，请由其他审核人发布');
        continue;
      }
      await serviceItems.update(tx.trx, id, {
        state: 'published',
        published_version: row.version,
        published_guide: row.guide,
        published_at: now,
        published_by: actorLabel(actor),
      });
      await recordAudit(tx, deps.clock, actor, {
        action: 'guides.item.publish',
        targetType: 'serviceItem',
        targetId: id,
        siteId,
        details: { code: row.code, name: row.name, version: row.version },
      });
      result.published.push(id);
    }
    if (result.published.length) await enqueueServicesPublish(tx, deps.clock, siteId);
    return result;
  });
}

/** Takes a published item off the site (its page and every list entry go with the next pass). */
export async function withdrawServiceItem(deps: Deps, actor: Actor, id: string, input: unknown): Promise<ServiceItemView> {
  const { version } = parseInput(VersionSchema, input);
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await serviceItems.byId(tx.trx, id);
    if (!before) throw Errors.notFound('事项不存在');
    requirePermission(actor, 'guides.publish', before.site_id);
    if (before.state !== 'published') throw Errors.conflict('事项未发布，无需下线');
    const patch = { state: 'withdrawn', published_version: null, published_guide: null, published_at: null, published_by: null };
    if (!(await serviceItems.updateAt(tx.trx, id, version, patch))) throw Errors.conflict('事项已被他人修改，请刷新后再试');
    await recordAudit(tx, deps.clock, actor, {
      action: 'guides.item.withdraw',
      targetType: 'serviceItem',
      targetId: id,
      siteId: before.site_id,
      details: { code: before.code, name: before.name },
    });
    await enqueueServicesPublish(tx, deps.clock, before.site_id);
    return { ...before, ...patch };
  });
  return itemView(deps, row);
}

/** Deletes an item that was never published (a published one is withdrawn instead, and keeps its record). */
export async function deleteServiceItem(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const before = await serviceItems.byId(tx.trx, id);
    if (!before) throw Errors.notFound('事项不存在');
    requirePermission(actor, 'guides.edit', before.site_id);
    if (before.state !== 'draft' || before.published_version !== null) throw Errors.conflict('已发布过的事项不能删除，请下线');
    await serviceItems.remove(tx.trx, id);
    await recordAudit(tx, deps.clock, actor, {
      action: 'guides.item.delete',
      targetType: 'serviceItem',
      targetId: id,
      siteId: before.site_id,
      details: { code: before.code, name: before.name },
    });
  });
}

/** Records that the guide was checked against the current rules and found right, without a change. */
export async function markServiceItemReviewed(deps: Deps, actor: Actor, id: string, input: unknown): Promise<ServiceItemView> {
  const data = parseInput(MarkReviewedSchema, input);
  const today = beijingToday(deps.clock);
  const reviewedOn = data.reviewedOn ?? today;
  if (reviewedOn > today) throw Errors.validation('复核日期不能晚于今天', [{ field: 'reviewedOn', message: '复核日期不能晚于今天' }]);
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await serviceItems.byId(tx.trx, id);
    if (!before) throw Errors.notFound('事项不存在');
    requirePermission(actor, 'guides.edit', before.site_id);
    if (before.version !== data.version) throw Errors.conflict('事项已被他人修改，请刷新后再试');
    await serviceItems.update(tx.trx, id, { reviewed_on: reviewedOn });
    await recordAudit(tx, deps.clock, actor, {
      action: 'guides.item.reviewed',
      targetType: 'serviceItem',
      targetId: id,
      siteId: before.site_id,
      details: { code: before.code, reviewedOn },
    });
    return { ...before, reviewed_on: reviewedOn };
  });
  return itemView(deps, row);
}

/** Items of a site whose last review is older than the review interval (the org's to-do list), oldest review first. */
export async function reviewDueItems(deps: Deps, actor: Actor, siteId: string): Promise<ServiceItemSummary[]> {
  requireGuidesRead(actor, siteId);
  return (await siteSummaries(deps, siteId))
    .filter((s) => s.reviewDue)
    .sort((a, b) => (a.reviewedOn ?? '').localeCompare(b.reviewedOn ?? ''));
}

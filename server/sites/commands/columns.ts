/** Columns (栏目) of a site: a tree with freshness classes and owner orgs. */
import { randomUUID } from 'node:crypto';
import {
  CloseColumnSchema,
  CreateColumnSchema,
  UpdateColumnSchema,
  type Column,
  type FreshnessClass,
} from '../../../common/schemas/sites.ts';
import { requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { ColumnRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors, type FieldError } from '../../platform/errors.ts';
import { enqueueSitePublish } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { freshnessDays } from '../rules/site-rules.ts';
import { columns, sites } from '../sites.repository.ts';

// The response type is shared with the admin (common/), so the two cannot drift apart.
export type { Column };

export function presentColumn(r: ColumnRow): Column {
  return {
    id: r.id,
    siteId: r.site_id,
    parentId: r.parent_id,
    name: r.name,
    slug: r.slug,
    sortOrder: r.sort_order,
    freshnessClass: r.freshness_class,
    freshnessDays: freshnessDays(r.freshness_class as FreshnessClass, r.freshness_days),
    ownerOrgId: r.owner_org_id,
    accepts: r.accepts ? (JSON.parse(r.accepts) as string[]) : null,
    catalogueCategory: r.catalogue_category,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function columnProblems(tx: Tx, row: ColumnRow): Promise<FieldError[]> {
  const out: FieldError[] = [];
  if (row.freshness_class === 'custom' && !row.freshness_days) out.push({ field: 'freshnessDays', message: '自定义更新要求须填写天数' });
  const same = await columns.bySlug(tx.trx, row.site_id, row.slug);
  if (same && same.id !== row.id) out.push({ field: 'slug', message: `栏目路径已被「${same.name}」使用` });
  if (row.parent_id) {
    const all = await columns.ofSite(tx.trx, row.site_id);
    const parentOf = new Map(all.map((c) => [c.id, c.parent_id]));
    if (!parentOf.has(row.parent_id)) out.push({ field: 'parentId', message: '上级栏目不存在或不属于本网站' });
    for (let p: string | null | undefined = row.parent_id; p; p = parentOf.get(p)) {
      if (p === row.id) {
        out.push({ field: 'parentId', message: '不能移动到自身或其下级栏目之下' });
        break;
      }
    }
  }
  if (row.owner_org_id && !(await sites.orgExists(tx.trx, row.owner_org_id))) out.push({ field: 'ownerOrgId', message: '责任单位不存在' });
  return out;
}

/** Columns appear on every public page (navigation): a published site is rebuilt after a change. */
async function republish(deps: Deps, tx: Tx, siteId: string): Promise<void> {
  const site = await sites.byId(tx.trx, siteId);
  if (site?.hosting === 'hosted' && site.code) await enqueueSitePublish(tx, deps.clock, siteId);
}

/** Adds a column to a site. */
export async function createColumn(deps: Deps, actor: Actor, siteId: string, input: unknown): Promise<Column> {
  requirePermission(actor, 'columns.manage', siteId);
  const d = parseInput(CreateColumnSchema, input);
  return inTransaction(deps.db, async (tx) => {
    if (!(await sites.byId(tx.trx, siteId))) throw Errors.notFound('网站不存在');
    const now = deps.clock.now().toISOString();
    const row: ColumnRow = {
      id: randomUUID(),
      site_id: siteId,
      parent_id: d.parentId ?? null,
      name: d.name,
      slug: d.slug,
      sort_order: d.sortOrder ?? 0,
      freshness_class: d.freshnessClass,
      freshness_days: d.freshnessClass === 'custom' ? (d.freshnessDays ?? null) : null,
      owner_org_id: d.ownerOrgId ?? null,
      accepts: d.accepts ? JSON.stringify(d.accepts) : null,
      catalogue_category: d.catalogueCategory ?? null,
      status: 'active',
      created_at: now,
      updated_at: now,
    };
    const problems = await columnProblems(tx, row);
    if (problems.length) throw Errors.validation(problems.map((p) => p.message).join('；'), problems);
    await columns.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'sites.column.create',
      targetType: 'column',
      targetId: row.id,
      siteId,
      details: { name: row.name },
    });
    await republish(deps, tx, siteId);
    return presentColumn(row);
  });
}

/** Edits, moves or reorders a column within its site. */
export async function updateColumn(deps: Deps, actor: Actor, siteId: string, columnId: string, input: unknown): Promise<Column> {
  requirePermission(actor, 'columns.manage', siteId);
  const d = parseInput(UpdateColumnSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const current = await columns.byId(tx.trx, columnId);
    if (!current || current.site_id !== siteId) throw Errors.notFound('栏目不存在');
    const patch: Partial<ColumnRow> = { updated_at: deps.clock.now().toISOString() };
    if (d.name !== undefined) patch.name = d.name;
    if (d.slug !== undefined) patch.slug = d.slug;
    if (d.parentId !== undefined) patch.parent_id = d.parentId;
    if (d.sortOrder !== undefined) patch.sort_order = d.sortOrder;
    if (d.freshnessClass !== undefined) patch.freshness_class = d.freshnessClass;
    if (d.freshnessDays !== undefined) patch.freshness_days = d.freshnessDays;
    if (d.ownerOrgId !== undefined) patch.owner_org_id = d.ownerOrgId;
    if (d.accepts !== undefined) patch.accepts = d.accepts ? JSON.stringify(d.accepts) : null;
    if (d.catalogueCategory !== undefined) patch.catalogue_category = d.catalogueCategory;
    const next = { ...current, ...patch };
    if (next.freshness_class !== 'custom') next.freshness_days = patch.freshness_days = null;
    const problems = await columnProblems(tx, next);
    if (problems.length) throw Errors.validation(problems.map((p) => p.message).join('；'), problems);
    await columns.update(tx.trx, columnId, patch);
    await recordAudit(tx, deps.clock, actor, {
      action: 'sites.column.update',
      targetType: 'column',
      targetId: columnId,
      siteId,
      details: { changes: d },
    });
    await republish(deps, tx, siteId);
    return presentColumn(next);
  });
}

/** Closes a column (kept for the record, no longer shown); a reason is required. */
export async function closeColumn(deps: Deps, actor: Actor, siteId: string, columnId: string, input: unknown): Promise<Column> {
  requirePermission(actor, 'columns.manage', siteId);
  const { reason } = parseInput(CloseColumnSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const current = await columns.byId(tx.trx, columnId);
    if (!current || current.site_id !== siteId) throw Errors.notFound('栏目不存在');
    const open = (await columns.ofSite(tx.trx, siteId)).filter((c) => c.parent_id === columnId && c.status === 'active');
    if (open.length) throw Errors.conflict('请先关闭或移走其下级栏目');
    const patch = { status: 'closed', updated_at: deps.clock.now().toISOString() };
    await columns.update(tx.trx, columnId, patch);
    await recordAudit(tx, deps.clock, actor, {
      action: 'sites.column.close',
      targetType: 'column',
      targetId: columnId,
      siteId,
      details: { reason },
    });
    await republish(deps, tx, siteId);
    return presentColumn({ ...current, ...patch });
  });
}

/** One column by id, for other rooms (no access check: callers check their own permission on its site). */
export async function findColumn(deps: Deps, columnId: string): Promise<Column | null> {
  const row = await columns.byId(deps.db.kysely, columnId);
  return row ? presentColumn(row) : null;
}

/** The columns of one site, for users who work on that site. */
export async function listColumns(deps: Deps, actor: Actor, siteId: string): Promise<Column[]> {
  requirePermission(actor, 'columns.read', siteId);
  if (!(await sites.byId(deps.db.kysely, siteId))) throw Errors.notFound('网站不存在');
  return (await columns.ofSite(deps.db.kysely, siteId)).map(presentColumn);
}

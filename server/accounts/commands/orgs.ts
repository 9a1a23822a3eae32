/** Orgs (单位): create, edit, move within the tree. */
import { randomUUID } from 'node:crypto';
import { CreateOrgSchema, UpdateOrgSchema, type Org } from '../../../common/schemas/accounts.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { OrgRow } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { orgs } from '../accounts.repository.ts';
import { requirePermission } from '../../platform/access.ts';

// The response type is shared with the admin (common/), so the two cannot drift apart.
export type { Org };

export function presentOrg(r: OrgRow): Org {
  return {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    creditCode: r.credit_code,
    divisionCode: r.division_code,
    level: r.level,
    sortOrder: r.sort_order,
    indexTemplate: r.index_template,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Creates an org under an existing parent (or at the top). */
export async function createOrg(deps: Deps, actor: Actor, input: unknown): Promise<Org> {
  requirePermission(actor, 'orgs.manage');
  const data = parseInput(CreateOrgSchema, input);
  return inTransaction(deps.db, async (tx) => {
    if (data.parentId && !(await orgs.byId(tx.trx, data.parentId)))
      throw Errors.validation(undefined, [{ field: 'parentId', message: '上级单位不存在' }]);
    if (data.creditCode && (await orgs.byCreditCode(tx.trx, data.creditCode)))
      throw Errors.conflict('该统一社会信用代码已被其他单位使用', [{ field: 'creditCode', message: '已被其他单位使用' }]);
    const now = deps.clock.now().toISOString();
    const row: OrgRow = {
      id: randomUUID(),
      name: data.name,
      parent_id: data.parentId ?? null,
      credit_code: data.creditCode ?? null,
      division_code: data.divisionCode ?? null,
      level: data.level,
      sort_order: data.sortOrder ?? 0,
      index_template: data.indexTemplate || null,
      created_at: now,
      updated_at: now,
    };
    await orgs.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'accounts.org.create',
      targetType: 'org',
      targetId: row.id,
      details: { name: row.name },
    });
    return presentOrg(row);
  });
}

/** Edits an org; moving it under one of its own descendants is refused. */
export async function updateOrg(deps: Deps, actor: Actor, id: string, input: unknown): Promise<Org> {
  requirePermission(actor, 'orgs.manage');
  const data = parseInput(UpdateOrgSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const current = await orgs.byId(tx.trx, id);
    if (!current) throw Errors.notFound('单位不存在');
    if (data.parentId) {
      const all = await orgs.all(tx.trx);
      const parentOf = new Map(all.map((o) => [o.id, o.parent_id]));
      if (!parentOf.has(data.parentId)) throw Errors.validation(undefined, [{ field: 'parentId', message: '上级单位不存在' }]);
      for (let p: string | null | undefined = data.parentId; p; p = parentOf.get(p)) {
        if (p === id) throw Errors.validation(undefined, [{ field: 'parentId', message: '不能移动到自身或其下级单位之下' }]);
      }
    }
    if (data.creditCode && data.creditCode !== current.credit_code && (await orgs.byCreditCode(tx.trx, data.creditCode)))
      throw Errors.conflict('该统一社会信用代码已被其他单位使用', [{ field: 'creditCode', message: '已被其他单位使用' }]);
    const patch: Partial<OrgRow> = { updated_at: deps.clock.now().toISOString() };
    if (data.name !== undefined) patch.name = data.name;
    if (data.parentId !== undefined) patch.parent_id = data.parentId;
    if (data.creditCode !== undefined) patch.credit_code = data.creditCode;
    if (data.divisionCode !== undefined) patch.division_code = data.divisionCode;
    if (data.level !== undefined) patch.level = data.level;
    if (data.sortOrder !== undefined) patch.sort_order = data.sortOrder;
    if (data.indexTemplate !== undefined) patch.index_template = data.indexTemplate || null;
    await orgs.update(tx.trx, id, patch);
    await recordAudit(tx, deps.clock, actor, {
      action: 'accounts.org.update',
      targetType: 'org',
      targetId: id,
      details: { changes: data },
    });
    return presentOrg({ ...current, ...patch });
  });
}

/** The org with exactly this name, if any (the demo uses it to find its own data). */
export async function findOrgByName(deps: Deps, name: string): Promise<Org | null> {
  const row = (await orgs.all(deps.db.kysely)).find((o) => o.name === name);
  return row ? presentOrg(row) : null;
}

/** All orgs, for the tree. */
export async function listOrgs(deps: Deps, actor: Actor): Promise<Org[]> {
  requirePermission(actor, 'orgs.read');
  return (await orgs.all(deps.db.kysely)).map(presentOrg);
}

/** The org and every org below it (a government and its departments, a county and its townships). */
export async function orgSubtree(deps: Deps, orgId: string): Promise<string[]> {
  const all = await orgs.all(deps.db.kysely);
  const children = new Map<string, string[]>();
  for (const o of all) if (o.parent_id) children.set(o.parent_id, [...(children.get(o.parent_id) ?? []), o.id]);
  if (!all.some((o) => o.id === orgId)) return [];
  const out: string[] = [];
  for (const queue = [orgId]; queue.length;) {
    const id = queue.shift()!;
    out.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Sites: register, edit identity and status, list with the user's scope. */
import { randomUUID } from 'node:crypto';
import { CreateSiteSchema, UpdateSiteSchema, type Site, type SiteTheme } from '../../../common/schemas/sites.ts';
import { requirePermission, visibleSites } from '../../platform/access.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { SiteRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { enqueueSitePublish } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { LIVE_STATUSES, orgChain, siteProblems } from '../rules/site-rules.ts';
import { sites } from '../sites.repository.ts';

// The response type is shared with the admin (common/), so the two cannot drift apart.
export type { Site };

export function presentSite(r: SiteRow): Site {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    sponsorOrgId: r.sponsor_org_id,
    parentSiteId: r.parent_site_id,
    hosting: r.hosting,
    baseUrl: r.base_url,
    domains: JSON.parse(r.domains) as string[],
    icpNumber: r.icp_number,
    psbNumber: r.psb_number,
    contact: JSON.parse(r.contact) as Site['contact'],
    status: r.status,
    theme: JSON.parse(r.theme) as SiteTheme,
    conacId: r.conac_id,
    externalServices: r.external_services !== 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Refuses a site row that breaks the opening rules (site-rules.ts) or names a missing parent or a used code. */
export async function checkSite(deps: Deps, tx: Tx, row: SiteRow): Promise<void> {
  const orgNodes = await sites.orgNodes(tx.trx);
  const problems = siteProblems(
    {
      id: row.id,
      name: row.name,
      kind: row.kind,
      hosting: row.hosting,
      status: row.status,
      code: row.code,
      baseUrl: row.base_url,
      domains: JSON.parse(row.domains) as string[],
      sponsorOrgId: row.sponsor_org_id,
    },
    {
      sponsorChain: orgChain(orgNodes, row.sponsor_org_id),
      otherLiveSites: (await sites.liveOfOrg(tx.trx, row.sponsor_org_id, LIVE_STATUSES)).filter((s) => s.id !== row.id),
      allowCountyDepartmentSites: deps.config.allowCountyDepartmentSites,
    },
  );
  if (row.parent_site_id) {
    if (row.parent_site_id === row.id) problems.push({ field: 'parentSiteId', message: '上级网站不能是自身' });
    else if (!(await sites.byId(tx.trx, row.parent_site_id))) problems.push({ field: 'parentSiteId', message: '上级网站不存在' });
  }
  if (row.code) {
    const same = await sites.byCode(tx.trx, row.code);
    if (same && same.id !== row.id) problems.push({ field: 'code', message: `网站标识码已被「${same.name}」使用` });
  }
  if (problems.length > 0) throw Errors.siteRule(problems.map((p) => p.message).join('；'), problems);
}

/**
 * Statuses a hosted site may be registered in: planned (to be opened), or running (sites brought
 * onto the platform). External sites are recorded as they are found, closed ones included.
 */
const CREATE_STATUSES = ['planned', 'active', 'migrating'] as const;

/** Registers a site (hosted on the platform, or external to be monitored). */
export async function createSite(deps: Deps, actor: Actor, input: unknown): Promise<Site> {
  requirePermission(actor, 'sites.manage');
  const d = parseInput(CreateSiteSchema, input);
  if (d.hosting === 'hosted' && d.status && !(CREATE_STATUSES as readonly string[]).includes(d.status))
    throw Errors.validation(undefined, [
      { field: 'status', message: '平台托管的网站登记时只能是筹建中、运行中或迁移中；下线和关停须通过生命周期步骤' },
    ]);
  return inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now().toISOString();
    const row: SiteRow = {
      id: randomUUID(),
      code: d.code ?? null,
      name: d.name,
      kind: d.kind,
      sponsor_org_id: d.sponsorOrgId,
      parent_site_id: d.parentSiteId ?? null,
      hosting: d.hosting,
      base_url: d.baseUrl ?? null,
      domains: JSON.stringify(d.domains ?? []),
      icp_number: d.icpNumber ?? null,
      psb_number: d.psbNumber ?? null,
      contact: JSON.stringify(d.contact ?? {}),
      status: d.status ?? 'planned',
      theme: JSON.stringify(d.theme ?? {}),
      conac_id: d.conacId ?? null,
      external_services: d.externalServices === false ? 0 : 1,
      created_at: now,
      updated_at: now,
      lifecycle_seq: 0,
      lifecycle_request: null,
      successor_site_id: null,
      successor_url: null,
      notice_text: null,
      notice_from: null,
      notice_until: null,
      merged_into_site_id: null,
      deadline: null,
      closed_at: null,
    };
    await checkSite(deps, tx, row);
    await sites.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'sites.site.create',
      targetType: 'site',
      targetId: row.id,
      siteId: row.id,
      details: { name: row.name, code: row.code },
    });
    return presentSite(row);
  });
}

/**
 * Edits a site. Site admins may edit identity fields of their own site; sponsor, hosting and
 * whether it serves the public are the platform admin's. The status moves only through the
 * lifecycle steps (commands/lifecycle.ts); a patch may repeat the current status.
 */
export async function updateSite(deps: Deps, actor: Actor, id: string, input: unknown): Promise<Site> {
  const d = parseInput(UpdateSiteSchema, input);
  const structural =
    d.status !== undefined ||
    d.sponsorOrgId !== undefined ||
    d.hosting !== undefined ||
    d.kind !== undefined ||
    d.parentSiteId !== undefined ||
    d.externalServices !== undefined;
  requirePermission(actor, structural ? 'sites.manage' : 'sites.edit', id);
  return inTransaction(deps.db, async (tx) => {
    const current = await sites.byId(tx.trx, id);
    if (!current) throw Errors.notFound('网站不存在');
    if (d.status !== undefined && d.status !== current.status)
      throw Errors.validation('网站状态只能通过开设、上线、下线、迁移、关停等步骤变更', [
        { field: 'status', message: '网站状态只能通过“集约化”中的生命周期步骤变更' },
      ]);
    const patch: Partial<SiteRow> = { updated_at: deps.clock.now().toISOString() };
    if (d.code !== undefined) patch.code = d.code;
    if (d.name !== undefined) patch.name = d.name;
    if (d.kind !== undefined) patch.kind = d.kind;
    if (d.sponsorOrgId !== undefined) patch.sponsor_org_id = d.sponsorOrgId;
    if (d.parentSiteId !== undefined) patch.parent_site_id = d.parentSiteId;
    if (d.hosting !== undefined) patch.hosting = d.hosting;
    if (d.baseUrl !== undefined) patch.base_url = d.baseUrl;
    if (d.domains !== undefined) patch.domains = JSON.stringify(d.domains);
    if (d.icpNumber !== undefined) patch.icp_number = d.icpNumber;
    if (d.psbNumber !== undefined) patch.psb_number = d.psbNumber;
    if (d.contact !== undefined) patch.contact = JSON.stringify(d.contact);
    if (d.theme !== undefined) patch.theme = JSON.stringify(d.theme);
    if (d.conacId !== undefined) patch.conac_id = d.conacId;
    if (d.externalServices !== undefined) patch.external_services = d.externalServices ? 1 : 0;
    const next = { ...current, ...patch };
    await checkSite(deps, tx, next);
    await sites.update(tx.trx, id, patch);
    if (next.hosting === 'hosted' && next.code) await enqueueSitePublish(tx, deps.clock, id);
    await recordAudit(tx, deps.clock, actor, {
      action: 'sites.site.update',
      targetType: 'site',
      targetId: id,
      siteId: id,
      details: { changes: d },
    });
    return presentSite(next);
  });
}

/** The id of the site with this id or 网站标识码, or null. */
export async function findSiteId(deps: Deps, idOrCode: string): Promise<string | null> {
  return ((await sites.byId(deps.db.kysely, idOrCode)) ?? (await sites.byCode(deps.db.kysely, idOrCode)))?.id ?? null;
}

/** One site, if the actor may see it. */
export async function getSite(deps: Deps, actor: Actor, id: string): Promise<Site> {
  requirePermission(actor, 'sites.read', id);
  const row = await sites.byId(deps.db.kysely, id);
  if (!row) throw Errors.notFound('网站不存在');
  return presentSite(row);
}

/** Sites the actor may see, filtered. `countyOrgId` keeps sites sponsored by that org or below it. */
export async function listSites(
  deps: Deps,
  actor: Actor,
  f: {
    status?: string | undefined;
    kind?: string | undefined;
    hosting?: string | undefined;
    countyOrgId?: string | undefined;
    q?: string | undefined;
  } = {},
): Promise<Site[]> {
  const ids = visibleSites(actor, 'sites.read');
  let sponsorOrgIds: string[] | undefined;
  if (f.countyOrgId) {
    const nodes = await sites.orgNodes(deps.db.kysely);
    sponsorOrgIds = [...nodes.values()].filter((o) => orgChain(nodes, o.id).some((a) => a.id === f.countyOrgId)).map((o) => o.id);
  }
  const rows = await sites.list(deps.db.kysely, { ids, status: f.status, kind: f.kind, hosting: f.hosting, sponsorOrgIds, q: f.q });
  return rows.map(presentSite);
}

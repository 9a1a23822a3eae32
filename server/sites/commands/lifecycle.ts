/**
 * The site lifecycle (集约化): one command per step, each judged by the transition table
 * (rules/lifecycle.ts), written with its event and audit entry in one transaction, refused on a
 * stale view (`expectedSeq`), and followed by a rebuild of the site's pages when what they show
 * (status, notice) changed. Also the timeline, the platform view and the redirects' contract.
 */
import { randomUUID } from 'node:crypto';
import { beijingDate } from '../../../common/dates.ts';
import {
  LIFECYCLE_STEP_SCHEMAS,
  LIFECYCLE_STEPS,
  type ConsolidationRow,
  type LifecycleEvent,
  type LifecycleRequest,
  type LifecycleRequestKind,
  type LifecycleStep,
  type LifecycleStepInput,
  type SiteLifecycle,
} from '../../../common/schemas/site-lifecycle.ts';
import { recordAudit } from '../../audit/index.ts';
import { can, requirePermission, visibleSites } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { SiteRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, Errors } from '../../platform/errors.ts';
import { enqueueRedirectsRebuild, enqueueSitePublish } from '../../platform/jobs/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { consolidationProblems, type ConsolidationProblem } from '../rules/consolidation.ts';
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
  type Refusal,
  type StepFacts,
} from '../rules/lifecycle.ts';
import { orgChain } from '../rules/site-rules.ts';
import { lifecycle, sites } from '../sites.repository.ts';
import { moveSiteIntoPortal } from './merge.ts';
import { checkSite } from './sites.ts';

/** The request as stored on the site (`lifecycle_request`). */
interface StoredRequest extends LifecycleRequest {
  documentNo?: string | undefined;
  successorSiteId?: string | undefined;
  successorUrl?: string | undefined;
  noticeText?: string | undefined;
}

function requestOf(row: SiteRow): StoredRequest | null {
  return row.lifecycle_request ? (JSON.parse(row.lifecycle_request) as StoredRequest) : null;
}

function refused(refusals: Refusal[]): AppError {
  return new AppError('GK_ERR_LIFECYCLE_STEP', 409, refusals.map((r) => r.message).join('；'), refusals);
}

/** What a step changes on the site and writes in its event. */
interface Effect {
  patch: Partial<SiteRow>;
  text: string | null;
  approverName?: string | undefined;
  details?: Record<string, unknown>;
}

type StepContext<S extends LifecycleStep> = {
  deps: Deps;
  tx: Tx;
  actor: Actor;
  site: SiteRow;
  request: StoredRequest | null;
  input: LifecycleStepInput<S>;
  today: string;
  now: string;
  seq: number;
};

type Effects = { [S in LifecycleStep]: (c: StepContext<S>) => Promise<Effect> };

async function successorRefusals(
  c: { tx: Tx; site: SiteRow },
  step: 'requestClose' | 'requestMerge',
  successorId: string | undefined,
): Promise<Refusal[]> {
  if (!successorId) return [];
  const s = await sites.byId(c.tx.trx, successorId);
  return successorProblems(step, c.site.id, s ? { id: s.id, kind: s.kind, status: s.status } : null);
}

function closeRequest(
  c: StepContext<'requestClose'> | StepContext<'requestMerge'>,
  kind: LifecycleRequestKind,
  extra: Partial<StoredRequest>,
): Effect {
  const request: StoredRequest = {
    kind,
    state: 'pending',
    requestedBy: c.actor.name,
    requestedAt: c.now,
    reason: c.input.reason,
    seq: c.seq,
    ...(c.input.noticeText ? { noticeText: c.input.noticeText } : {}),
    ...extra,
  };
  return { patch: { lifecycle_request: JSON.stringify(request) }, text: c.input.reason, details: { ...extra } };
}

const EFFECTS: Effects = {
  async requestOpen(c) {
    const last = await lifecycle.lastClosedOfOrg(c.tx.trx, c.site.sponsor_org_id);
    const closedOn = last ? beijingDate(last.closed_at) : null;
    const until = reopenBarredUntil(closedOn, c.today, c.deps.config.reopenBanDays);
    if (last && until)
      throw refused([
        {
          field: 'sponsorOrgId',
          message: `该单位的网站「${last.name}」已于 ${closedOn ?? ''} 关停，${c.deps.config.reopenBanDays} 天内不得重新开设网站（${until} 起可以申请）`,
        },
      ]);
    const request: StoredRequest = {
      kind: 'open',
      state: 'pending',
      requestedBy: c.actor.name,
      requestedAt: c.now,
      reason: c.input.reason,
      seq: c.seq,
      ...(c.input.documentNo ? { documentNo: c.input.documentNo } : {}),
    };
    return {
      patch: { lifecycle_request: JSON.stringify(request) },
      text: c.input.reason,
      details: { documentNo: c.input.documentNo ?? null },
    };
  },

  async approve(c) {
    const r = c.request!;
    const base = { approverName: c.actor.name, text: c.input.opinion ?? null };
    if (r.kind === 'open')
      return { ...base, patch: { lifecycle_request: JSON.stringify({ ...r, state: 'approved' }) }, details: { request: 'open' } };
    // Closing or merging: the successor must still be able to take over on the day of approval.
    const problems = await successorRefusals(c, r.kind === 'merge' ? 'requestMerge' : 'requestClose', r.successorSiteId);
    if (problems.length) throw refused(problems);
    // A merged site's columns, articles, channels and service items become the portal's now, in
    // this transaction: the approval and the move stand or fall together (set-based updates,
    // one row per published page for the old URLs, so a department site's size is no concern).
    const moved =
      r.kind === 'merge' && r.successorSiteId ? await moveSiteIntoPortal(c.deps, c.tx, c.actor, c.site, r.successorSiteId) : null;
    const noticeUntil = addDays(c.today, c.deps.config.closureNoticeDays);
    return {
      ...base,
      patch: {
        lifecycle_request: null,
        successor_site_id: r.successorSiteId ?? null,
        successor_url: r.successorUrl ?? null,
        merged_into_site_id: r.kind === 'merge' ? (r.successorSiteId ?? null) : null,
        notice_text: r.noticeText ?? null,
        notice_from: c.today,
        notice_until: noticeUntil,
      },
      details: {
        request: r.kind,
        noticeFrom: c.today,
        noticeUntil,
        successorSiteId: r.successorSiteId ?? null,
        successorUrl: r.successorUrl ?? null,
        ...(moved
          ? {
              moved: {
                channelSlug: moved.channelSlug,
                columns: moved.columns,
                articles: moved.articles,
                channels: moved.channels,
                serviceItems: moved.serviceItems,
              },
            }
          : {}),
      },
    };
  },

  async reject(c) {
    return {
      approverName: c.actor.name,
      text: c.input.opinion,
      patch: { lifecycle_request: null },
      details: { request: c.request?.kind ?? null },
    };
  },

  async goLive(c) {
    const d = c.input;
    const next: SiteRow = {
      ...c.site,
      code: d.code ?? c.site.code,
      icp_number: d.icpNumber ?? c.site.icp_number,
      psb_number: d.psbNumber ?? c.site.psb_number,
      domains: d.domains ? JSON.stringify(d.domains) : c.site.domains,
      status: 'active',
    };
    const missing = identityProblems({
      code: next.code,
      icpNumber: next.icp_number,
      psbNumber: next.psb_number,
      domains: JSON.parse(next.domains) as string[],
    });
    if (missing.length) throw refused(missing);
    await checkSite(c.deps, c.tx, next);
    return {
      patch: { code: next.code, icp_number: next.icp_number, psb_number: next.psb_number, domains: next.domains, lifecycle_request: null },
      text: null,
      details: { code: next.code, icpNumber: next.icp_number, psbNumber: next.psb_number, domains: JSON.parse(next.domains) as string[] },
    };
  },

  async takeOffline(c) {
    return {
      patch: { notice_text: c.input.noticeText, notice_from: c.today, notice_until: c.input.until ?? null },
      text: c.input.noticeText,
      details: { until: c.input.until ?? null },
    };
  },

  async restore(c) {
    return { patch: { notice_text: null, notice_from: null, notice_until: null }, text: c.input.note ?? null };
  },

  async startMigration(c) {
    return {
      patch: c.input.deadline ? { deadline: c.input.deadline } : {},
      text: c.input.reason,
      details: { deadline: c.input.deadline ?? c.site.deadline },
    };
  },

  async finishMigration(c) {
    return { patch: { deadline: null }, text: c.input.note ?? null };
  },

  async setDeadline(c) {
    return {
      patch: { deadline: c.input.deadline },
      text: c.input.note ?? null,
      details: { deadline: c.input.deadline, before: c.site.deadline },
    };
  },

  async requestClose(c) {
    const problems = await successorRefusals(c, 'requestClose', c.input.successorSiteId);
    if (problems.length) throw refused(problems);
    return closeRequest(c, 'close', {
      ...(c.input.successorSiteId ? { successorSiteId: c.input.successorSiteId } : {}),
      ...(c.input.successorUrl ? { successorUrl: c.input.successorUrl } : {}),
    });
  },

  async requestMerge(c) {
    const problems = await successorRefusals(c, 'requestMerge', c.input.parentSiteId);
    if (problems.length) throw refused(problems);
    return closeRequest(c, 'merge', { successorSiteId: c.input.parentSiteId });
  },

  async finishClosure(c) {
    return {
      patch: { closed_at: c.now, deadline: null },
      text: c.input.note ?? null,
      details: { mergedIntoSiteId: c.site.merged_into_site_id },
    };
  },
};

/** Statuses whose pages are published (a closing or offline site shows its notice). */
const PUBLISHED = new Set(['active', 'offline', 'migrating', 'closing']);

/** Takes one lifecycle step for a site: permission, stale-view check, every refusal at once, the change, its event and audit entry. */
export async function takeLifecycleStep(
  deps: Deps,
  actor: Actor,
  siteId: string,
  step: LifecycleStep,
  input: unknown,
): Promise<SiteLifecycle> {
  if (!(LIFECYCLE_STEPS as readonly string[]).includes(step))
    throw Errors.validation('未知的网站生命周期步骤', [{ field: 'step', message: '未知的步骤' }]);
  const rule = LIFECYCLE[step];
  requirePermission(actor, rule.permission, siteId);
  const data = parseInput(
    LIFECYCLE_STEP_SCHEMAS[step] as (typeof LIFECYCLE_STEP_SCHEMAS)['restore'],
    input,
  ) as LifecycleStepInput<LifecycleStep>;
  await inTransaction(deps.db, async (tx) => {
    const site = await sites.byId(tx.trx, siteId);
    if (!site) throw Errors.notFound('网站不存在');
    if (data.expectedSeq !== site.lifecycle_seq) throw Errors.conflict('网站状态已被他人更新，请刷新后重试');
    const now = deps.clock.now().toISOString();
    const today = beijingToday(deps.clock);
    const request = requestOf(site);
    const refusals = stepRefusals(step, {
      status: site.status,
      hosting: site.hosting,
      request,
      actorName: actor.name,
      today,
      noticeUntil: site.notice_until,
    });
    if (refusals.length) throw refused(refusals);
    const seq = site.lifecycle_seq + 1;
    const ctx = { deps, tx, actor, site, request, input: data, today, now, seq };
    const effect = await (EFFECTS[step] as (c: StepContext<LifecycleStep>) => Promise<Effect>)(ctx);
    const to = targetStatus(step, site.status, request);
    const moved = await lifecycle.advance(tx.trx, siteId, site.lifecycle_seq, {
      ...effect.patch,
      status: to,
      lifecycle_seq: seq,
      updated_at: now,
    });
    if (!moved) throw Errors.conflict('网站状态已被他人更新，请刷新后重试');
    await lifecycle.insertEvent(tx.trx, {
      id: randomUUID(),
      site_id: siteId,
      seq,
      step,
      from_status: site.status,
      to_status: to,
      actor_id: actor.id,
      actor_name: actor.name.slice(0, 100),
      approver_name: effect.approverName?.slice(0, 100) ?? null,
      text: effect.text,
      details: JSON.stringify(effect.details ?? {}),
      created_at: now,
    });
    await recordAudit(tx, deps.clock, actor, {
      action: `sites.lifecycle.${step}`,
      targetType: 'site',
      targetId: siteId,
      siteId,
      details: { seq, from: site.status, to, ...(effect.details ?? {}) },
    });
    const code = effect.patch.code ?? site.code;
    const noticeChanged = 'notice_text' in effect.patch || 'notice_until' in effect.patch || 'successor_site_id' in effect.patch;
    if (site.hosting === 'hosted' && code && PUBLISHED.has(to) && (to !== site.status || noticeChanged))
      await enqueueSitePublish(tx, deps.clock, siteId);
    // Where the old URLs lead changes with the status and the successor (docs/adr/0018).
    if (to !== site.status || noticeChanged) await enqueueRedirectsRebuild(tx, deps.clock, siteId);
  });
  return getLifecycle(deps, actor, siteId);
}

function presentEvent(r: {
  seq: number;
  step: string;
  from_status: string;
  to_status: string;
  actor_name: string;
  approver_name: string | null;
  text: string | null;
  details: string;
  created_at: string;
}): LifecycleEvent {
  return {
    seq: r.seq,
    step: r.step,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    actorName: r.actor_name,
    approverName: r.approver_name,
    text: r.text,
    details: JSON.parse(r.details) as Record<string, unknown>,
    createdAt: r.created_at,
  };
}

/** The facts the table judges for this actor. */
function factsOf(site: SiteRow, actor: Actor, today: string): StepFacts {
  return {
    status: site.status,
    hosting: site.hosting,
    request: requestOf(site),
    actorName: actor.name,
    today,
    noticeUntil: site.notice_until,
  };
}

/** A site's lifecycle: where it stands, its request, its timeline and the steps this actor may take now. */
export async function getLifecycle(deps: Deps, actor: Actor, siteId: string): Promise<SiteLifecycle> {
  requirePermission(actor, 'sites.read', siteId);
  const db = deps.db.kysely;
  const site = await sites.byId(db, siteId);
  if (!site) throw Errors.notFound('网站不存在');
  const request = requestOf(site);
  const steps = possibleSteps(factsOf(site, actor, beijingToday(deps.clock))).filter((s) => can(actor, LIFECYCLE[s].permission, siteId));
  return {
    siteId,
    name: site.name,
    status: site.status,
    seq: site.lifecycle_seq,
    request: request
      ? {
          kind: request.kind,
          state: request.state,
          requestedBy: request.requestedBy,
          requestedAt: request.requestedAt,
          reason: request.reason,
          seq: request.seq,
        }
      : null,
    successorSiteId: site.successor_site_id,
    successorUrl: site.successor_url,
    mergedIntoSiteId: site.merged_into_site_id,
    noticeText: site.notice_text,
    noticeFrom: site.notice_from,
    noticeUntil: site.notice_until,
    deadline: site.deadline,
    closedAt: site.closed_at,
    steps,
    events: (await lifecycle.events(db, siteId)).map(presentEvent),
    noticeDays: deps.config.closureNoticeDays,
  };
}

/** The consolidation rules each site breaks today, by site id (the platform view and monitoring's check read this). */
export async function consolidationFindings(
  deps: Deps,
  today: string = beijingToday(deps.clock),
): Promise<Map<string, ConsolidationProblem[]>> {
  const db = deps.db.kysely;
  const [rows, orgs] = await Promise.all([lifecycle.all(db), sites.orgNodes(db)]);
  return consolidationProblems(
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      sponsorOrgId: r.sponsor_org_id,
      noticeUntil: r.notice_until,
      deadline: r.deadline,
    })),
    orgs,
    today,
    { allowCountyDepartmentSites: deps.config.allowCountyDepartmentSites },
  );
}

/** The platform view (集约化): every site the actor may see with status, hosting, successor, deadline and the rules it still breaks. */
export async function consolidationView(deps: Deps, actor: Actor): Promise<ConsolidationRow[]> {
  const visible = visibleSites(actor, 'sites.read');
  const db = deps.db.kysely;
  const today = beijingToday(deps.clock);
  const [rows, orgs, problems] = await Promise.all([lifecycle.all(db), sites.orgNodes(db), consolidationFindings(deps, today)]);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return rows
    .filter((r) => visible === 'all' || visible.includes(r.id))
    .map((r) => {
      const chain = orgChain(orgs, r.sponsor_org_id);
      const county = chain.find((o) => o.level === 'county') ?? chain.find((o) => o.level === 'city');
      return {
        id: r.id,
        code: r.code,
        name: r.name,
        kind: r.kind,
        status: r.status,
        hosting: r.hosting,
        sponsorOrgId: r.sponsor_org_id,
        sponsorName: chain[0]?.name ?? '',
        countyName: county?.name ?? null,
        successorSiteId: r.successor_site_id,
        successorName: r.successor_site_id ? (names.get(r.successor_site_id) ?? null) : null,
        successorUrl: r.successor_url,
        mergedIntoSiteId: r.merged_into_site_id,
        deadline: r.deadline,
        daysLeft: r.deadline ? daysBetween(today, r.deadline) : null,
        noticeUntil: r.notice_until,
        closedAt: r.closed_at,
        request: requestOf(r)?.state === 'pending' ? (requestOf(r)?.kind ?? null) : null,
        problems: (problems.get(r.id) ?? []).map((p) => p.detail),
      };
    });
}

/** Closes every closing site whose notice period is over (the daily job; idempotent). Returns how many closed. */
export async function finishDueClosures(deps: Deps, actor: Actor): Promise<number> {
  requirePermission(actor, 'system.jobs');
  let closed = 0;
  for (const s of await lifecycle.dueClosures(deps.db.kysely, beijingToday(deps.clock))) {
    try {
      await takeLifecycleStep(deps, actor, s.id, 'finishClosure', { expectedSeq: s.lifecycle_seq, note: '关停公告期满，系统自动关停' });
      closed++;
    } catch (e) {
      // A site moved by someone in the meantime is left for the next run.
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      deps.logger.warn({ siteId: s.id, code: e.code }, 'closure not finished');
    }
  }
  return closed;
}

/**
 * The site lifecycle as data (国办发〔2017〕47号 §2.2, §2.5; docs/consolidation.md): which step
 * moves a site from which status to which, who may take it, what request it needs, and every
 * reason a step is refused. Pure: the command gathers the facts, this file judges them.
 *
 *   planned --requestOpen--> (open request) --approve--> (approved) --goLive--> active
 *   active --takeOffline--> offline --restore--> active
 *   active|offline --startMigration--> migrating --finishMigration--> active
 *   active|offline|migrating --requestClose|requestMerge--> (request) --approve--> closing
 *   closing --finishClosure (notice period over)--> closed
 */
import type { Permission } from '../../../common/permissions.ts';
import type { LifecycleRequestKind, LifecycleStep } from '../../../common/schemas/site-lifecycle.ts';
import type { SiteStatus } from '../../../common/schemas/sites.ts';

export interface StepRule {
  /** Statuses the step may start from. */
  from: readonly SiteStatus[];
  /** The status after the step; `same` keeps it; `byRequest` depends on the request approved. */
  to: SiteStatus | 'same' | 'byRequest';
  permission: Extract<Permission, 'sites.lifecycle.request' | 'sites.lifecycle.approve'>;
  /** What the site's request must be: none pending, one pending, an approved open request, or anything. */
  request: 'none' | 'pending' | 'approvedOpen' | 'any';
  /** The request the step files. */
  opens?: LifecycleRequestKind;
  /** Only sites hosted on the platform take the step (external sites are registered as they are). */
  hostedOnly?: boolean;
}

const BEFORE_CLOSURE: readonly SiteStatus[] = ['active', 'offline', 'migrating'];
const REQ = 'sites.lifecycle.request' as const;
const APP = 'sites.lifecycle.approve' as const;

/** The transition table. */
export const LIFECYCLE: Record<LifecycleStep, StepRule> = {
  requestOpen: { from: ['planned'], to: 'same', permission: REQ, request: 'none', opens: 'open', hostedOnly: true },
  approve: { from: ['planned', ...BEFORE_CLOSURE], to: 'byRequest', permission: APP, request: 'pending' },
  reject: { from: ['planned', ...BEFORE_CLOSURE], to: 'same', permission: APP, request: 'pending' },
  goLive: { from: ['planned'], to: 'active', permission: REQ, request: 'approvedOpen', hostedOnly: true },
  takeOffline: { from: ['active'], to: 'offline', permission: REQ, request: 'any' },
  restore: { from: ['offline'], to: 'active', permission: REQ, request: 'any' },
  startMigration: { from: ['active', 'offline'], to: 'migrating', permission: REQ, request: 'any' },
  finishMigration: { from: ['migrating'], to: 'active', permission: REQ, request: 'any' },
  setDeadline: { from: ['planned', ...BEFORE_CLOSURE, 'closing'], to: 'same', permission: APP, request: 'any' },
  requestClose: { from: BEFORE_CLOSURE, to: 'same', permission: REQ, request: 'none', opens: 'close' },
  requestMerge: { from: BEFORE_CLOSURE, to: 'same', permission: REQ, request: 'none', opens: 'merge' },
  finishClosure: { from: ['closing'], to: 'closed', permission: APP, request: 'any' },
};

export interface PendingRequest {
  kind: LifecycleRequestKind;
  state: 'pending' | 'approved';
  /** The requester's actor name (login name or system:…), compared with the approver's. */
  requestedBy: string;
}

/** The facts a step is judged on. */
export interface StepFacts {
  status: string;
  hosting: string;
  request: PendingRequest | null;
  /** The acting user's actor name. */
  actorName: string;
  /** Today in Beijing, YYYY-MM-DD. */
  today: string;
  noticeUntil: string | null;
}

/** Identity a site needs before it goes live (§2.4): 网站标识码, ICP备案号, 公安机关备案号, a government domain. */
export interface IdentityFacts {
  code: string | null;
  icpNumber: string | null;
  psbNumber: string | null;
  domains: readonly string[];
}

export interface Refusal {
  field: string;
  message: string;
}

const STATUS_NAMES: Record<string, string> = {
  planned: '筹建中',
  active: '运行中',
  offline: '临时下线',
  migrating: '迁移中',
  closing: '关停公示中',
  closed: '已关停',
};

/** The status a step leads to, given the request it approves. */
export function targetStatus(step: LifecycleStep, current: string, request: PendingRequest | null): string {
  const rule = LIFECYCLE[step];
  if (rule.to === 'same') return current;
  if (rule.to === 'byRequest') return request && request.kind !== 'open' ? 'closing' : current;
  return rule.to;
}

/** Every reason `step` may not be taken now (state and request only; fields are checked by the schema and `identityProblems`). */
export function stepRefusals(step: LifecycleStep, f: StepFacts): Refusal[] {
  const rule = LIFECYCLE[step];
  const out: Refusal[] = [];
  if (!(rule.from as readonly string[]).includes(f.status))
    out.push({ field: 'status', message: `网站当前为「${STATUS_NAMES[f.status] ?? f.status}」，不能执行此步骤` });
  if (rule.hostedOnly && f.hosting !== 'hosted') out.push({ field: 'hosting', message: '只有平台托管的网站需要开设审批和上线登记' });
  if (rule.request === 'none' && f.request?.state === 'pending')
    out.push({ field: 'request', message: '网站已有待审批的申请，请等待审批结果' });
  if (rule.request === 'none' && rule.opens === 'open' && f.request?.state === 'approved')
    out.push({ field: 'request', message: '开设请示已获批准，请登记标识后上线' });
  if (rule.request === 'pending') {
    if (f.request?.state !== 'pending') out.push({ field: 'request', message: '没有待审批的申请' });
    else if (f.request.requestedBy === f.actorName) out.push({ field: 'approver', message: '审批人不能是申请人本人' });
  }
  if (rule.request === 'approvedOpen' && !(f.request?.kind === 'open' && f.request.state === 'approved'))
    out.push({ field: 'request', message: '网站开设请示尚未获批准，不能上线' });
  if (step === 'finishClosure' && f.noticeUntil && f.today < f.noticeUntil)
    out.push({ field: 'noticeUntil', message: `关停公告须在原网站首页公示至 ${f.noticeUntil}，期满后才能关停` });
  return out;
}

/** What is missing before a site may go live. */
export function identityProblems(id: IdentityFacts): Refusal[] {
  const out: Refusal[] = [];
  if (!id.code) out.push({ field: 'code', message: '上线前须登记网站标识码' });
  if (!id.icpNumber) out.push({ field: 'icpNumber', message: '上线前须登记ICP备案号' });
  if (!id.psbNumber) out.push({ field: 'psbNumber', message: '上线前须登记公安机关备案号' });
  if (id.domains.length === 0) out.push({ field: 'domains', message: '上线前须登记以 .gov.cn 或 .政务 结尾的域名' });
  return out;
}

/** The site the closure notice points to (or the portal it merges into). */
export interface SuccessorFacts {
  id: string;
  kind: string;
  status: string;
}

/** Reasons the named successor cannot take over the site. */
export function successorProblems(step: 'requestClose' | 'requestMerge', siteId: string, s: SuccessorFacts | null): Refusal[] {
  const field = step === 'requestMerge' ? 'parentSiteId' : 'successorSiteId';
  if (!s) return [{ field, message: '指定的新网站不存在' }];
  const out: Refusal[] = [];
  if (s.id === siteId) out.push({ field, message: '新网站不能是本网站' });
  if (s.status !== 'active') out.push({ field, message: '新网站须处于运行中' });
  if (step === 'requestMerge' && s.kind !== 'portal') out.push({ field, message: '只能整合到门户网站' });
  return out;
}

/** The day after which an org whose site closed on `closedOn` may ask to open one again, or null when it may now. */
export function reopenBarredUntil(closedOn: string | null, today: string, banDays: number): string | null {
  if (!closedOn) return null;
  const until = addDays(closedOn, banDays);
  return today < until ? until : null;
}

/** The steps whose state and request allow them now (permissions are the caller's). */
export function possibleSteps(f: StepFacts): LifecycleStep[] {
  return (Object.keys(LIFECYCLE) as LifecycleStep[]).filter((s) => stepRefusals(s, f).length === 0);
}

/** `date` plus `days` calendar days (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

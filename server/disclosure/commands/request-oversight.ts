/**
 * What supervisors and offices watch across requests: the open requests past their due date or
 * close to it on every site, and the groups of requests for the same information by several
 * applicants (条例 第四十四条), which the office may decide to publish proactively.
 */
import type { OverdueRequest, RepeatedRequestGroup } from '../../../common/schemas/disclosure-handling.ts';
import { RepeatedRequestsQuerySchema } from '../../../common/schemas/disclosure-handling.ts';
import { addWorkdays, loadCalendar } from '../../calendar/index.ts';
import { can, requirePermission, visibleSites } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { segmentForIndex } from '../../search/index.ts';
import { handlingOrgs, requestEvents, requests } from '../disclosure.repository.ts';
import {
  descriptionWords,
  LOOKBACK_MONTHS,
  lookbackStart,
  MAX_REQUESTS_COMPARED,
  SIMILARITY_THRESHOLD,
  similarGroups,
} from '../rules/repeated-requests.ts';
import { requestClock, WARN_WITHIN_WORKDAYS, type ClockEvent } from '../rules/request-clock.ts';
import { today, WATCHED_STATES } from './requests.ts';

const dayNumber = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/**
 * Open requests on every site the supervisor oversees that are overdue or due within the warning
 * window, the most overdue first. Each candidate's clock is replayed, so the level is the clock's
 * own (dueLevel): a lawfully extended request is judged by its extended date, a paused one
 * (consultation, fee) is never overdue while paused.
 */
export async function overdueRequests(deps: Deps, actor: Actor): Promise<{ items: OverdueRequest[]; today: string }> {
  requirePermission(actor, 'evaluation.manage');
  const db = deps.db.kysely;
  const cal = await loadCalendar(deps);
  const day = today(deps);
  // A due date kept on the row only moves later while a pause lasts, so rows due after the
  // warning window cannot be overdue or warned about today.
  const dueBy = addWorkdays(cal, day, WARN_WITHIN_WORKDAYS).date;
  const rows = await requests.openDueBy(db, [...WATCHED_STATES], dueBy, visibleSites(actor, 'evaluation.manage'));
  const events = new Map<string, ClockEvent[]>();
  for (const e of await requestEvents.ofMany(
    db,
    rows.map((r) => r.id),
  ))
    events.set(e.request_id, [...(events.get(e.request_id) ?? []), JSON.parse(e.data) as ClockEvent]);
  const items: OverdueRequest[] = [];
  for (const r of rows) {
    const clock = requestClock(cal, events.get(r.id) ?? [], day);
    if ((clock.level !== 'overdue' && clock.level !== 'warning') || !clock.dueDate) continue;
    items.push({
      id: r.id,
      trackingNo: r.tracking_no,
      siteId: r.site_id,
      siteName: r.site_name,
      orgId: r.org_id,
      orgName: r.org_name,
      receivedOn: r.received_on,
      state: clock.state,
      stateLabel: clock.stateLabel,
      dueOn: clock.dueDate,
      level: clock.level,
      workdaysOverdue: clock.workdaysOverdue ?? 0,
      daysOverdue: clock.overdue ? dayNumber(day) - dayNumber(clock.dueDate) : 0,
      workdaysLeft: clock.workdaysLeft,
      lawfullyExtended: clock.lawfullyExtended,
    });
  }
  items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.trackingNo.localeCompare(b.trackingNo)));
  return { items, today: day };
}

/**
 * An org's requests of the last months (12 by default) grouped by similar descriptions, each
 * group with two or more different applicants (条例 44). For supervisors, and for the disclosure
 * officers of the org's sites.
 */
export async function repeatedRequests(
  deps: Deps,
  actor: Actor,
  input: unknown,
): Promise<{ orgId: string; since: string; threshold: number; groups: RepeatedRequestGroup[] }> {
  const q = parseInput(RepeatedRequestsQuerySchema, input);
  const db = deps.db.kysely;
  const supervises = can(actor, 'evaluation.manage');
  if (!supervises && !can(actor, 'disclosure.handle')) throw Errors.forbidden();
  const org = await handlingOrgs.byId(db, q.orgId);
  if (!org) throw Errors.validation(undefined, [{ field: 'orgId', message: '单位不存在' }]);
  if (!supervises && !(await handlingOrgs.siteIds(db, org.id)).some((siteId) => can(actor, 'disclosure.handle', siteId)))
    throw Errors.forbidden();
  const threshold = q.threshold ?? SIMILARITY_THRESHOLD;
  const since = lookbackStart(today(deps), q.months ?? LOOKBACK_MONTHS);
  const rows = await requests.ofOrgSince(db, org.id, since, MAX_REQUESTS_COMPARED);
  const groups = similarGroups(
    rows.map((r) => ({ id: r.id, applicant: r.id_blind, words: descriptionWords(segmentForIndex(r.description).split(' ')) })),
    threshold,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    orgId: org.id,
    since,
    threshold,
    groups: groups.map((g) => ({
      applicants: g.applicants,
      similarity: g.similarity,
      commonWords: g.commonWords,
      requests: g.ids
        .map((id) => byId.get(id)!)
        .map((r) => ({
          id: r.id,
          trackingNo: r.tracking_no,
          receivedOn: r.received_on,
          description: r.description.slice(0, 200),
          outcome: r.outcome,
        })),
    })),
  };
}

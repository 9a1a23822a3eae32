/**
 * The back office after the reply clock: assignment to the responsible org (转办), delivery of
 * the reply, and archiving. Each is a record event (rules/request-record.ts): appended to the
 * request's history and audited in one transaction, never replayed by the clock, so the due
 * date of an assigned request still counts from the original receipt.
 */
import { randomUUID } from 'node:crypto';
import { ArchiveRequestSchema, AssignRequestSchema, DeliverRequestSchema } from '../../../common/schemas/disclosure-handling.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadCalendar } from '../../calendar/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { DisclosureRequestRow } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { handlingOrgs, requestEvents, requests } from '../disclosure.repository.ts';
import { requestClock, type ClockEvent } from '../rules/request-clock.ts';
import { isRecordEventType, recordEventRefusals, type RecordEvent } from '../rules/request-record.ts';
import { archivedError, requireHandler } from './request-access.ts';
import { today } from './requests.ts';

/** What a record command answers: the event as recorded and the request's org and archive mark. */
export interface RecordedEvent {
  seq: number;
  event: RecordEvent;
  orgId: string;
  archivedAt: string | null;
}

/** Loads the request for a record event: handler check, then every refusal of the rules (409). */
async function check(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  requestId: string,
  make: (row: DisclosureRequestRow) => Promise<RecordEvent>,
): Promise<{ row: DisclosureRequestRow; event: RecordEvent }> {
  const row = await requests.forWrite(tx.trx, requestId, deps.clock.now().toISOString());
  if (!row) throw Errors.notFound('申请不存在');
  await requireHandler(tx.trx, actor, row);
  if (row.archived_at) throw archivedError();
  const event = await make(row);
  const history = (await requestEvents.history(tx.trx, requestId)).map((e) => JSON.parse(e.data) as ClockEvent | RecordEvent);
  const clockEvents = history.filter((e): e is ClockEvent => !isRecordEventType(e.type));
  const day = today(deps);
  const clock = requestClock(await loadCalendar(deps, tx.trx), clockEvents, day);
  const refused = recordEventRefusals(
    {
      state: clock.state,
      archivedAt: row.archived_at,
      orgId: row.org_id,
      answeredOn: clock.answeredOn,
      deliveries: history.filter((e) => e.type === 'delivered').length,
    },
    event,
    day,
  );
  if (refused.length)
    throw Errors.conflict(
      refused.map((r) => r.message).join('；'),
      refused.map((r) => ({ field: r.code === 'dateInFuture' || r.code === 'deliveredBeforeAnswer' ? 'on' : 'event', message: r.message })),
    ).withDetails({ reasons: refused.map((r) => r.code) });
  return { row, event };
}

async function append(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  row: DisclosureRequestRow,
  event: RecordEvent,
  note: string | null,
): Promise<number> {
  const seq = await requestEvents.nextSeq(tx.trx, row.id);
  await requestEvents.insert(tx.trx, {
    id: randomUUID(),
    request_id: row.id,
    seq,
    type: event.type,
    data: JSON.stringify(event),
    note,
    actor_id: actor.id ?? actor.name,
    recorded_at: deps.clock.now().toISOString(),
  });
  return seq;
}

/**
 * 转办: hands an open request to another org of the platform (the one responsible for the
 * information, 条例 第十条). The request's org changes; its site, tracking number and due date
 * do not (the clock runs from the original receipt).
 */
export async function assignRequest(deps: Deps, actor: Actor, requestId: string, input: unknown): Promise<RecordedEvent> {
  const data = parseInput(AssignRequestSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const { row, event } = await check(deps, tx, actor, requestId, async (r) => {
      const [from, to] = [await handlingOrgs.byId(tx.trx, r.org_id), await handlingOrgs.byId(tx.trx, data.orgId)];
      if (!to) throw Errors.validation(undefined, [{ field: 'orgId', message: '承办单位不存在' }]);
      // Its officers are those of the sites it sponsors: an org without one could not handle it.
      if (!(await handlingOrgs.siteIds(tx.trx, to.id)).length)
        throw Errors.validation(undefined, [
          { field: 'orgId', message: `“${to.name}”在平台上没有网站，无人可以办理；请转办给其上级单位或有网站的单位` },
        ]);
      return {
        type: 'assigned',
        on: today(deps),
        fromOrgId: r.org_id,
        fromOrgName: from?.name ?? '',
        toOrgId: to.id,
        toOrgName: to.name,
        reason: data.reason ?? null,
      };
    });
    const seq = await append(deps, tx, actor, row, event, data.reason ?? null);
    await requests.setOrg(tx.trx, row.id, data.orgId, deps.clock.now().toISOString());
    await recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.request.assign',
      targetType: 'disclosureRequest',
      targetId: row.id,
      siteId: row.site_id,
      details: { trackingNo: row.tracking_no, fromOrgId: row.org_id, toOrgId: data.orgId, dueOn: row.due_on },
    });
    return { seq, event, orgId: data.orgId, archivedAt: null };
  });
}

/** Records that the reply reached the applicant: the date, the way, the tracking number or receipt. */
export async function recordDelivery(deps: Deps, actor: Actor, requestId: string, input: unknown): Promise<RecordedEvent> {
  const data = parseInput(DeliverRequestSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const { row, event } = await check(deps, tx, actor, requestId, () =>
      Promise.resolve({
        type: 'delivered',
        on: data.on,
        method: data.method,
        trackingNumber: data.trackingNumber?.trim() || null,
        receiptNote: data.receiptNote?.trim() || null,
      }),
    );
    const seq = await append(deps, tx, actor, row, event, null);
    await recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.request.deliver',
      targetType: 'disclosureRequest',
      targetId: row.id,
      siteId: row.site_id,
      details: { trackingNo: row.tracking_no, on: data.on, method: data.method },
    });
    return { seq, event, orgId: row.org_id, archivedAt: null };
  });
}

/** Archives a closed request (answered and delivered, or treated as abandoned); it is read-only afterwards. */
export async function archiveRequest(deps: Deps, actor: Actor, requestId: string, input: unknown): Promise<RecordedEvent> {
  const data = parseInput(ArchiveRequestSchema, input ?? {});
  return inTransaction(deps.db, async (tx) => {
    const { row, event } = await check(deps, tx, actor, requestId, () =>
      Promise.resolve({ type: 'archived', on: today(deps), note: data.note?.trim() || null }),
    );
    const now = deps.clock.now().toISOString();
    // Marked first: the row lock makes a second archiver at the same moment wait, find the mark set and be told so.
    if (!(await requests.archive(tx.trx, row.id, now))) throw archivedError();
    const seq = await append(deps, tx, actor, row, event, null);
    await recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.request.archive',
      targetType: 'disclosureRequest',
      targetId: row.id,
      siteId: row.site_id,
      details: { trackingNo: row.tracking_no, state: row.state, outcome: row.outcome },
    });
    return { seq, event, orgId: row.org_id, archivedAt: now };
  });
}

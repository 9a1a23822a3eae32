/**
 * 依申请公开 requests in the back office: registration of a request however it arrived, its
 * clock events (each checked against the request clock's transition rules first), and the
 * request as the handling office sees it: personal data masked unless revealed, every reveal
 * audited. The state and due date are replayed from the events; the row keeps a copy for lists.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { redactionGroundText } from '../../../common/disclosure-outcomes.ts';
import { DELIVERY_METHOD_LABELS } from '../../../common/schemas/disclosure-handling.ts';
import { checkIdDocument, maskAddress, maskEmail, maskIdNumber, maskName, maskPhone, type IdDocument } from '../../../common/identity.ts';
import {
  RecordRequestEventSchema,
  RegisterRequestSchema,
  type RequestApplicant,
  type RequestDetail,
  type RequestSummary,
} from '../../../common/schemas/disclosure.ts';
import { recordAudit } from '../../audit/index.ts';
import { beijingToday } from '../../platform/clock.ts';
import { loadCalendar } from '../../calendar/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import type { DisclosureRequestRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { blindIndex, decryptPersonal, encryptPersonal } from '../../platform/personal-data.ts';
import { parseInput } from '../../platform/validation.ts';
import type { z } from 'zod';
import { handlingOrgs, numberingOrgs, requestEvents, requests } from '../disclosure.repository.ts';
import {
  clockEventRefusals,
  CLOSED_STATES,
  dueLevel,
  requestClock,
  STATE_LABELS,
  type ClockEvent,
  type RequestClock,
} from '../rules/request-clock.ts';
import { isRecordEventType, recordEventRefusals, recordEventText, type RecordEvent } from '../rules/request-record.ts';
import { archivedError, requireHandler } from './request-access.ts';

/** A request as the office sees it: the shared detail, with the full clock and its history (clock and record events). */
export type RequestView = Omit<RequestDetail, 'clock' | 'events'> & {
  events: {
    seq: number;
    type: string;
    data: ClockEvent | RecordEvent;
    note: string | null;
    actorId: string;
    recordedAt: string;
    text?: string;
  }[];
  clock: RequestClock;
};

export interface RegisteredRequest {
  id: string;
  trackingNo: string;
  receivedOn: string;
  /** The reply due date the receipt starts (20 working days). */
  dueOn: string | null;
  /** Shown once, to give to the applicant with the tracking number; only its hash is kept. */
  queryCode: string;
}

/** Today's date in Beijing on the platform's clock: the day events are recorded and clocks are read. */
export const today = (deps: Pick<Deps, 'clock'>) => beijingToday(deps.clock);

/** A query code's stored form. */
export function queryCodeHash(code: string): string {
  return createHash('sm3').update(`gongkai-query:${code}`).digest('hex');
}

/** Registers a received request (paper, post, in person, online, fax) with its receipt as the first event. */
export async function registerRequest(deps: Deps, actor: Actor, input: unknown): Promise<RegisteredRequest> {
  const data = parseInput(RegisterRequestSchema, input);
  requirePermission(actor, 'disclosure.handle', data.siteId);
  return registerChecked(deps, actor, data);
}

/** Registers a request already validated against RegisterRequestSchema (the public form's path: no office grant). */
export async function registerChecked(deps: Deps, actor: Actor, data: z.output<typeof RegisterRequestSchema>): Promise<RegisteredRequest> {
  const day = today(deps);
  const id = checkIdDocument({ type: data.applicant.idType, number: data.applicant.idNumber } as IdDocument, day);
  if (!id.ok)
    throw Errors.validation(
      undefined,
      id.problems.map((p) => ({ field: 'applicant.idNumber', message: p.message })),
    );
  const received: ClockEvent = { type: 'received', ...data.receipt } as ClockEvent;
  const alreadyRegistered = async () => {
    const earlier = data.idempotencyKey ? await requests.byIdempotencyKey(deps.db.kysely, data.idempotencyKey) : undefined;
    return earlier ? Errors.conflict('该申请已登记，请勿重复提交').withDetails({ trackingNo: earlier.tracking_no }) : null;
  };
  const earlier = await alreadyRegistered();
  if (earlier) throw earlier;
  try {
    return await register(deps, actor, data, received, id.number, day);
  } catch (e) {
    // Two submissions with one key at the same moment: the unique key lets one in; the other is told so.
    throw (await alreadyRegistered()) ?? e;
  }
}

async function register(
  deps: Deps,
  actor: Actor,
  data: z.output<typeof RegisterRequestSchema>,
  received: ClockEvent,
  idNumber: string,
  day: string,
): Promise<RegisteredRequest> {
  const ring = dataKeyring(deps.config);
  return inTransaction(deps.db, async (tx) => {
    const org = await numberingOrgs.ofSite(tx.trx, data.siteId);
    if (!org) throw Errors.validation(undefined, [{ field: 'siteId', message: '网站不存在' }]);
    const cal = await loadCalendar(deps, tx.trx);
    const refused = clockEventRefusals(cal, [], received, day);
    if (refused.length)
      throw Errors.validation(
        undefined,
        refused.map((r) => ({ field: 'receipt', message: r.message })),
      );
    const clock = requestClock(cal, [received], day);
    const now = deps.clock.now().toISOString();
    const trackingNo = await newTrackingNo(tx, day);
    const queryCode = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const requestId = randomUUID();
    await requests.insert(tx.trx, {
      id: requestId,
      tracking_no: trackingNo,
      query_code_hash: queryCodeHash(queryCode),
      site_id: data.siteId,
      org_id: org.id,
      applicant_kind: data.applicant.kind,
      applicant_name: encryptPersonal(ring, data.applicant.name),
      id_type: data.applicant.idType,
      id_number: encryptPersonal(ring, idNumber),
      id_blind: blindIndex(ring, idNumber, 'applicant-id'),
      phone: encryptPersonal(ring, data.applicant.phone),
      address: data.applicant.address ? encryptPersonal(ring, data.applicant.address) : null,
      email: data.applicant.email ? encryptPersonal(ring, data.applicant.email) : null,
      description: data.description,
      purpose: data.purpose ?? null,
      forms: JSON.stringify({ forms: data.forms, channels: data.channels }),
      channel: data.receipt.channel,
      received_on: clock.receivedOn ?? day,
      state: clock.state,
      due_on: clock.dueDate,
      applicant_category: data.applicant.kind === 'organisation' ? (data.applicant.orgCategory ?? 'otherOrg') : 'natural',
      closed_on: null,
      outcome: null,
      idempotency_key: data.idempotencyKey ?? null,
      archived_at: null,
      created_by: actor.id ?? actor.name,
      created_at: now,
      updated_at: now,
    });
    await requestEvents.insert(tx.trx, {
      id: randomUUID(),
      request_id: requestId,
      seq: 1,
      type: 'received',
      data: JSON.stringify(received),
      note: null,
      actor_id: actor.id ?? actor.name,
      recorded_at: now,
    });
    await recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.request.register',
      targetType: 'disclosureRequest',
      targetId: requestId,
      siteId: data.siteId,
      details: { trackingNo, channel: data.receipt.channel, receivedOn: clock.receivedOn, dueOn: clock.dueDate },
    });
    return { id: requestId, trackingNo, queryCode, receivedOn: clock.receivedOn ?? day, dueOn: clock.dueDate };
  });
}

/** Records one clock event (amendment, consultation, fee, extension, delay, answer), refused with every reason when the rules do not allow it. */
export async function recordRequestEvent(deps: Deps, actor: Actor, requestId: string, input: unknown): Promise<RequestClock> {
  return recordEvent(deps, actor, requestId, input, true);
}

/** The same for the applicant's own events on the public tracking page (their amendment): no office grant. */
export async function recordEventAs(deps: Deps, actor: Actor, requestId: string, input: unknown): Promise<RequestClock> {
  return recordEvent(deps, actor, requestId, input, false);
}

async function recordEvent(deps: Deps, actor: Actor, requestId: string, input: unknown, asOffice: boolean): Promise<RequestClock> {
  const data = parseInput(RecordRequestEventSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const row = await requests.forWrite(tx.trx, requestId, deps.clock.now().toISOString());
    if (!row) throw Errors.notFound('申请不存在');
    if (asOffice) await requireHandler(tx.trx, actor, row);
    if (row.archived_at) throw archivedError();
    const history = (await requestEvents.of(tx.trx, requestId)).map((e) => JSON.parse(e.data) as ClockEvent);
    const event = data.event as ClockEvent;
    const cal = await loadCalendar(deps, tx.trx);
    const day = today(deps);
    const refused = clockEventRefusals(cal, history, event, day);
    if (refused.length)
      throw Errors.conflict(
        refused.map((r) => r.message).join('；'),
        refused.map((r) => ({ field: 'event', message: r.message })),
      );
    const clock = requestClock(cal, [...history, event], day);
    const now = deps.clock.now().toISOString();
    await requestEvents.insert(tx.trx, {
      id: randomUUID(),
      request_id: requestId,
      // Record events (assignment, delivery) share the sequence but not the clock's history.
      seq: await requestEvents.nextSeq(tx.trx, requestId),
      type: event.type,
      data: JSON.stringify(event),
      note: data.note ?? null,
      actor_id: actor.id ?? actor.name,
      recorded_at: now,
    });
    await requests.setClock(tx.trx, requestId, { state: clock.state, due_on: clock.dueDate, updated_at: now, ...closing(event) });
    await recordAudit(tx, deps.clock, actor, {
      action: `disclosure.request.${event.type}`,
      targetType: 'disclosureRequest',
      targetId: requestId,
      siteId: row.site_id,
      details: { event, state: clock.state, dueOn: clock.dueDate },
    });
    return clock;
  });
}

/**
 * A request with its clock replayed to today. Personal data is masked; `reveal` shows it in full
 * to the handling office and writes an audit event naming who saw it.
 */
export async function getRequest(deps: Deps, actor: Actor, requestId: string, opts: { reveal?: boolean } = {}): Promise<RequestView> {
  const db = deps.db.kysely;
  const row = await requests.byId(db, requestId);
  if (!row) throw Errors.notFound('申请不存在');
  await requireHandler(db, actor, row);
  const events = await requestEvents.history(db, requestId);
  const cal = await loadCalendar(deps);
  const parsed = events.map((e) => JSON.parse(e.data) as ClockEvent | RecordEvent);
  const clockEvents = parsed.filter((e): e is ClockEvent => !isRecordEventType(e.type));
  const records = parsed.filter((e): e is RecordEvent => isRecordEventType(e.type));
  const day = today(deps);
  const clock = requestClock(cal, clockEvents, day);
  const answer = clockEvents.find((e) => e.type === 'answered') as
    (ClockEvent & { type: 'answered'; outcome?: string; grounds?: string[] }) | undefined;
  const deliveries = records.filter((e) => e.type === 'delivered');
  const org = await handlingOrgs.byId(db, row.org_id);
  const context = {
    state: clock.state,
    archivedAt: row.archived_at,
    orgId: row.org_id,
    answeredOn: clock.answeredOn,
    deliveries: deliveries.length,
  };
  const allowed = (ev: RecordEvent) => recordEventRefusals(context, ev, day).length === 0;
  if (opts.reveal)
    await inTransaction(deps.db, (tx) =>
      recordAudit(tx, deps.clock, actor, {
        action: 'disclosure.request.reveal',
        targetType: 'disclosureRequest',
        targetId: requestId,
        siteId: row.site_id,
        details: { trackingNo: row.tracking_no },
      }),
    );
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    siteId: row.site_id,
    orgId: row.org_id,
    applicant: applicantOf(deps, row, !!opts.reveal),
    revealed: !!opts.reveal,
    sameApplicantRequests: (await requests.countByApplicant(db, row.id_blind)) - 1,
    description: row.description,
    purpose: row.purpose,
    forms: JSON.parse(row.forms) as RequestView['forms'],
    channel: row.channel,
    events: events.map((e, i) => ({
      seq: e.seq,
      type: e.type,
      data: parsed[i]!,
      note: e.note,
      actorId: e.actor_id,
      recordedAt: e.recorded_at,
      ...(isRecordEventType(parsed[i]!.type) ? { text: recordEventText(parsed[i] as RecordEvent) } : {}),
    })),
    clock,
    createdAt: row.created_at,
    orgName: org?.name ?? '',
    archivedAt: row.archived_at,
    reply: answer
      ? {
          on: answer.on,
          outcome: answer.outcome ?? 'other.other',
          grounds: (answer.grounds ?? []).map((code) => ({ code, text: redactionGroundText(code) })),
        }
      : null,
    deliveries: deliveries.map((d) => ({
      on: d.on,
      method: d.method,
      methodLabel: DELIVERY_METHOD_LABELS[d.method],
      trackingNumber: d.trackingNumber,
      receiptNote: d.receiptNote,
    })),
    actions: {
      // Probed with a placeholder target: whether the request's state allows the event at all.
      assign: allowed({ type: 'assigned', on: day, fromOrgId: row.org_id, fromOrgName: '', toOrgId: '', toOrgName: '', reason: null }),
      deliver: allowed({ type: 'delivered', on: day, method: 'other', trackingNumber: null, receiptNote: null }),
      archive: allowed({ type: 'archived', on: day, note: null }),
    },
  };
}

function applicantOf(deps: Deps, row: DisclosureRequestRow, reveal: boolean): RequestApplicant {
  const ring = dataKeyring(deps.config);
  const open = (token: string | null) => (token === null ? null : decryptPersonal(ring, token));
  const name = open(row.applicant_name)!;
  const idNumber = open(row.id_number)!;
  const phone = open(row.phone)!;
  const address = open(row.address);
  const email = open(row.email);
  if (reveal) return { kind: row.applicant_kind, name, idType: row.id_type, idNumber, phone, address, email };
  return {
    kind: row.applicant_kind,
    // A person's name keeps its first character; an organisation's name is not personal data.
    name: row.applicant_kind === 'person' ? maskName(name) : name,
    idType: row.id_type,
    idNumber: maskIdNumber(idNumber),
    phone: maskPhone(phone),
    address: address === null ? null : maskAddress(address),
    email: email === null ? null : maskEmail(email),
  };
}

/** States in which the reply clock runs (the others are paused, waiting for the applicant, or closed). */
export const RUNNING_STATES = new Set(['processing', 'extended', 'delayed']);
/** States in which the request is still open (it has a due date to watch). */
export const WATCHED_STATES = new Set([...RUNNING_STATES, 'consulting', 'awaitingFee']);
/** True when the clock state closes the request (answered or treated as abandoned). */
export const isClosedState = (state: string) => (CLOSED_STATES as readonly string[]).includes(state);

/**
 * A site's requests and those assigned to its sponsor org, soonest due first, personal data
 * masked, with how urgent each is; `archived` keeps only archived (true) or unarchived (false) ones.
 */
export async function listRequests(
  deps: Deps,
  actor: Actor,
  filter: { siteId: string; archived?: boolean | undefined; limit?: number | undefined; offset?: number | undefined },
): Promise<{ items: RequestSummary[]; orgId: string | null }> {
  requirePermission(actor, 'disclosure.handle', filter.siteId);
  const orgId = (await numberingOrgs.ofSite(deps.db.kysely, filter.siteId))?.id ?? null;
  const rows = await requests.listFor(deps.db.kysely, {
    siteId: filter.siteId,
    orgId,
    archived: filter.archived,
    limit: Math.min(filter.limit ?? 100, 500),
    offset: filter.offset ?? 0,
  });
  const cal = await loadCalendar(deps);
  const day = today(deps);
  const ring = dataKeyring(deps.config);
  return {
    orgId,
    items: rows.map((r) => {
      const level: RequestSummary['level'] =
        WATCHED_STATES.has(r.state) && r.due_on && !r.archived_at ? dueLevel(cal, RUNNING_STATES.has(r.state), r.due_on, day) : 'none';
      const name = decryptPersonal(ring, r.applicant_name);
      return {
        id: r.id,
        trackingNo: r.tracking_no,
        siteId: r.site_id,
        applicantName: r.applicant_kind === 'person' ? maskName(name) : name,
        applicantKind: r.applicant_kind,
        description: r.description.slice(0, 200),
        channel: r.channel,
        receivedOn: r.received_on,
        state: r.state,
        stateLabel: STATE_LABELS[r.state as keyof typeof STATE_LABELS] ?? r.state,
        dueOn: r.due_on,
        level,
        outcome: r.outcome,
        archivedAt: r.archived_at,
        assigned: orgId !== null && r.org_id !== orgId,
      };
    }),
  };
}

/** How an event closes a request, for the annual report: the day and the row. */
function closing(event: ClockEvent & { outcome?: string }): { closed_on?: string; outcome?: string } {
  if (event.type === 'answered') return { closed_on: event.on, outcome: event.outcome ?? 'other.other' };
  if (event.type === 'amendmentLapsed') return { closed_on: event.on, outcome: 'other.noAmendment' };
  if (event.type === 'feeLapsed') return { closed_on: event.on, outcome: 'other.unpaid' };
  return {};
}

/** `YYYYMMDD` + 6 random digits: unguessable enough to print, unique by check. */
async function newTrackingNo(tx: Tx, day: string): Promise<string> {
  for (;;) {
    const no = `${day.replaceAll('-', '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    if (!(await requests.trackingTaken(tx.trx, no))) return no;
  }
}

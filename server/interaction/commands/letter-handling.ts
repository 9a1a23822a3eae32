/**
 * Letters in the back office: the list an office works from, one letter with its history and
 * the actions open to it, and each action (受理, 不予受理, 合并, 交办, 转办 and its acceptance or
 * refusal, the reply, its review by a leader, sending, 办结, reopening). Every action locks the
 * letter row, checks the rules (rules/letter-flow.ts) and the actor's part in the letter, and
 * writes the row, its event and the audit entry in one transaction.
 */
import {
  CONSULTATIVE_KINDS,
  LETTER_ACTION_LABELS,
  LetterActionSchema,
  OPEN_LETTER_STATES,
  type ChannelKind,
  type LetterAction,
  type LetterDetail,
  type LetterState,
  type LetterSummary,
  type Rating,
} from '../../../common/schemas/interaction.ts';
import { maskEmail, maskName, maskPhone } from '../../../common/identity.ts';
import { recordAudit } from '../../audit/index.ts';
import { addDays, loadCalendar, type CalendarData } from '../../calendar/index.ts';
import { beijingToday } from '../../platform/clock.ts';
import { can } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import type { InteractionChannelRow, LetterRow, LetterTable } from '../../platform/db/schema.ts';
import { readSetting } from '../../platform/db/settings.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { decryptPersonal } from '../../platform/personal-data.ts';
import { parseInput } from '../../platform/validation.ts';
import { channels, interactionSettings, letterEvents, letters, routing } from '../interaction.repository.ts';
import { letterClock, parseLadder, replyDueOn } from '../rules/deadlines.ts';
import { actionRefusals, allowedActions, LETTER_STEPS, nextState, publishesOnReply, type LetterParty } from '../rules/letter-flow.ts';
import { redact } from '../rules/redaction.ts';
import { nearDuplicates } from '../rules/similarity.ts';
import { attachmentViews } from './letter-attachments.ts';
import { appendEvent } from './letters.ts';

export const LADDER_SETTING = 'interaction.ladder';

/** Labels of every event type in a letter's history. */
export const EVENT_LABELS: Record<string, string> = {
  ...LETTER_ACTION_LABELS,
  submitted: '来信',
  sent: '答复已发送',
  published: '已公开',
  rated: '来信人评价',
  warned: '办理预警',
  escalated: '超期督办',
};

/** An event's label; a submitted reply reads as the button did (提交审核 or 发送答复). */
export function eventLabel(type: string, data: Record<string, unknown>): string {
  if (type === 'submitReply' && data.review !== undefined) return data.review ? '提交审核' : '发送答复';
  return EVENT_LABELS[type] ?? type;
}

const ANSWERED = new Set<string>(['replied', 'closed']);

/** The sites whose letter handlers act for each org (an org without a hosted site cannot handle letters). */
async function partySites(db: Tx['trx'] | Deps['db']['kysely'], row: LetterRow): Promise<Record<'handling' | 'receiving', string[]>> {
  const ids = [row.handling_org_id, ...(row.pending_org_id ? [row.pending_org_id] : [])];
  const map = await routing.siteIdsOfOrgs(db, ids);
  return { handling: map.get(row.handling_org_id) ?? [], receiving: row.pending_org_id ? (map.get(row.pending_org_id) ?? []) : [] };
}

function isParty(actor: Actor, party: LetterParty, row: LetterRow, sites: Record<'handling' | 'receiving', string[]>): boolean {
  switch (party) {
    case 'screening':
      return can(actor, 'interaction.handle', row.site_id);
    case 'handling':
      return sites.handling.some((s) => can(actor, 'interaction.handle', s));
    case 'receiving':
      return sites.receiving.some((s) => can(actor, 'interaction.handle', s));
    case 'reviewer':
      return [...sites.handling, row.site_id].some((s) => can(actor, 'interaction.approveReply', s));
  }
}

/** True when the actor works on the letter: screens it, handles it, is offered it, or reviews its reply. */
export function worksOnLetter(actor: Actor, row: LetterRow, sites: Record<'handling' | 'receiving', string[]>): boolean {
  return (['screening', 'handling', 'receiving', 'reviewer'] as const).some((p) => isParty(actor, p, row, sites));
}

/** True when the actor may read the letter: those who work on it, and supervisors. */
function mayRead(actor: Actor, row: LetterRow, sites: Record<'handling' | 'receiving', string[]>): boolean {
  return worksOnLetter(actor, row, sites) || can(actor, 'monitoring.read');
}
function snapshot(row: LetterRow, channel: InteractionChannelRow) {
  return {
    state: row.state as LetterState,
    handlingOrgId: row.handling_org_id,
    reply: row.reply,
    published: row.published_at !== null,
    reviewReplies: channel.review_replies === 1,
  };
}

async function ladder(deps: Deps) {
  return parseLadder(await readSetting(deps.db.kysely, LADDER_SETTING));
}

/** A row as the office's lists show it. */
export function summaryOf(
  row: LetterRow,
  channel: InteractionChannelRow | undefined,
  orgNames: Map<string, string>,
  cal: CalendarData,
  day: string,
  ladderSettings = parseLadder(undefined),
): LetterSummary {
  const open = (OPEN_LETTER_STATES as readonly string[]).includes(row.state);
  const kind = (channel?.kind ?? 'consultation') as ChannelKind;
  const clock = open
    ? letterClock(
        cal,
        {
          receivedOn: row.received_on,
          dueOn: row.due_on,
          replyDays: row.reply_days,
          consultative: CONSULTATIVE_KINDS.includes(kind),
        },
        day,
        ladderSettings,
      )
    : null;
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    siteId: row.site_id,
    channelId: row.channel_id,
    channelName: channel?.name ?? '',
    channelKind: kind,
    category: row.category,
    title: row.title,
    state: row.state as LetterState,
    handlingOrgId: row.handling_org_id,
    handlingOrgName: orgNames.get(row.handling_org_id) ?? '',
    pendingOrgId: row.pending_org_id,
    pendingOrgName: row.pending_org_id ? (orgNames.get(row.pending_org_id) ?? '') : null,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    dueLevel: clock?.level ?? 'normal',
    daysOpen: clock?.daysOpen ?? null,
    vetoRisk: clock?.vetoRisk ?? false,
    repliedOn: row.replied_on,
    published: row.published_at !== null,
    rating: row.rating as Rating | null,
  };
}

/** Summaries of rows, with channel and org names loaded once. */
export async function summaries(deps: Deps, rows: LetterRow[]): Promise<LetterSummary[]> {
  const db = deps.db.kysely;
  const chanIds = [...new Set(rows.map((r) => r.channel_id))];
  const chans = new Map((await Promise.all(chanIds.map((id) => channels.byId(db, id)))).filter((c) => !!c).map((c) => [c.id, c]));
  const names = await routing.orgNames(
    db,
    rows.flatMap((r) => [r.handling_org_id, ...(r.pending_org_id ? [r.pending_org_id] : [])]),
  );
  const [cal, ladderSettings] = await Promise.all([loadCalendar(deps), ladder(deps)]);
  const day = beijingToday(deps.clock);
  return rows.map((r) => summaryOf(r, chans.get(r.channel_id), names, cal, day, ladderSettings));
}

/**
 * The letters an office works on: those written to the site, and those handled by or offered
 * (转办) to the site's org. Ordered by due date.
 */
export async function listLetters(
  deps: Deps,
  actor: Actor,
  q: { siteId: string; state?: LetterState; limit?: number; offset?: number },
): Promise<{ items: LetterSummary[]; total: number }> {
  if (!can(actor, 'interaction.handle', q.siteId) && !can(actor, 'interaction.approveReply', q.siteId)) throw Errors.forbidden();
  const db = deps.db.kysely;
  const orgIds = await routing.orgIdsOfSites(db, [q.siteId]);
  const filter = { siteIds: [q.siteId], orgIds, ...(q.state ? { states: [q.state] } : {}) };
  const [rows, total] = await Promise.all([
    letters.list(db, { ...filter, limit: q.limit ?? 100, offset: q.offset ?? 0 }),
    letters.listCount(db, filter),
  ]);
  return { items: await summaries(deps, rows), total };
}

/** The letter, when the actor takes a part in it (may read it, its attachments too): 404 when there is none, 403 otherwise. */
export async function readableLetter(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ row: LetterRow; sites: Record<'handling' | 'receiving', string[]> }> {
  const db = deps.db.kysely;
  const row = await letters.byId(db, id);
  if (!row) throw Errors.notFound('信件不存在');
  const sites = await partySites(db, row);
  if (!mayRead(actor, row, sites)) throw Errors.forbidden();
  return { row, sites };
}

/**
 * One letter with its history, the actions open now, and near-duplicate letters of the same site.
 * The writer's name, phone and e-mail are masked; `reveal` shows them and is audited.
 */
export async function getLetter(deps: Deps, actor: Actor, id: string, opts: { reveal?: boolean } = {}): Promise<LetterDetail> {
  const { row, sites } = await readableLetter(deps, actor, id);
  if (opts.reveal) {
    if (!isParty(actor, 'screening', row, sites) && !isParty(actor, 'handling', row, sites)) throw Errors.forbidden();
    await inTransaction(deps.db, (tx) =>
      recordAudit(tx, deps.clock, actor, {
        action: 'interaction.letter.reveal',
        targetType: 'letter',
        targetId: id,
        siteId: row.site_id,
        details: { fields: ['name', 'phone', 'email'] },
      }),
    );
  }
  return detailOf(deps, actor, row, opts.reveal === true);
}

async function detailOf(deps: Deps, actor: Actor, row: LetterRow, reveal: boolean): Promise<LetterDetail> {
  const db = deps.db.kysely;
  const channel = (await channels.byId(db, row.channel_id))!;
  const sites = await partySites(db, row);
  const [summary] = await summaries(deps, [row]);
  const ring = dataKeyring(deps.config);
  const name = decryptPersonal(ring, row.writer_name);
  const phone = decryptPersonal(ring, row.writer_phone);
  const email = row.writer_email ? decryptPersonal(ring, row.writer_email) : null;
  const history = await letterEvents.history(db, row.id);
  const names = await routing.orgNames(db, row.reply_org_id ? [row.reply_org_id] : []);
  const candidates =
    row.state === 'received' || row.state === 'handling'
      ? nearDuplicates(
          row,
          (await letters.recentOfSite(db, row.site_id, addDays(row.received_on, -30), 500)).filter((c) => c.state !== 'merged'),
        )
      : [];
  return {
    ...summary!,
    content: row.content,
    writer: reveal
      ? { name, phone, email, revealed: true }
      : { name: maskName(name), phone: maskPhone(phone), email: email ? maskEmail(email) : null, revealed: false },
    consentPublish: row.consent_publish === 1,
    attachments: await attachmentViews(deps, row.id),
    duplicateOf: row.duplicate_of,
    reply: row.reply,
    replyOrgName: row.reply_org_id ? (names.get(row.reply_org_id) ?? null) : null,
    ratingComment: row.rating_comment,
    closedOn: row.closed_on,
    events: history.map((e) => ({
      seq: e.seq,
      type: e.type,
      label: eventLabel(e.type, JSON.parse(e.data) as Record<string, unknown>),
      data: JSON.parse(e.data) as Record<string, unknown>,
      note: e.note,
      actorId: e.actor_id,
      actorName: e.display_name ?? (e.actor_id.startsWith('system:') ? '系统' : e.actor_id),
      recordedAt: e.recorded_at,
    })),
    // What the rules allow now, and of that what this person's part in the letter lets them do.
    actions: allowedActions(snapshot(row, channel)).filter((a) => isParty(actor, LETTER_STEPS[a].by, row, sites)),
    reviewReplies: channel.review_replies === 1,
    similar: candidates.slice(0, 10).map((c) => ({
      id: c.item.id,
      trackingNo: c.item.tracking_no,
      title: c.item.title,
      state: c.item.state as LetterState,
      similarity: Math.round(c.similarity * 100) / 100,
    })),
  };
}

/** Takes one action on a letter; answers the letter as it is afterwards. */
export async function actOnLetter(deps: Deps, actor: Actor, id: string, input: unknown): Promise<LetterDetail> {
  const action = parseInput(LetterActionSchema, input);
  await inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now().toISOString();
    // A merge locks both letters, in id order, so two merges of a pair into each other cannot both pass.
    const other = action.action === 'merge' ? action.intoLetterId : null;
    if (other !== null && other < id) await letters.forWrite(tx.trx, other, now);
    const row = await letters.forWrite(tx.trx, id, now);
    if (!row) throw Errors.notFound('信件不存在');
    if (other !== null && other > id) await letters.forWrite(tx.trx, other, now);
    const channel = (await channels.byId(tx.trx, row.channel_id))!;
    const sites = await partySites(tx.trx, row);
    if (!isParty(actor, LETTER_STEPS[action.action].by, row, sites)) throw Errors.forbidden();
    const refused = actionRefusals(snapshot(row, channel), action, { letterId: row.id });
    if (refused.length)
      throw Errors.conflict(
        refused.map((r) => r.message).join('；'),
        refused.map((r) => ({ field: 'action', message: r.message })),
      );
    await apply(deps, tx, actor, row, channel, action);
  });
  return detailOf(deps, actor, (await letters.byId(deps.db.kysely, id))!, false);
}

async function requireRoutableOrg(tx: Tx, orgId: string): Promise<string> {
  const org = await routing.org(tx.trx, orgId);
  if (!org) throw Errors.validation('单位不存在', [{ field: 'orgId', message: '单位不存在' }]);
  if (!(await routing.siteIdsOfOrgs(tx.trx, [orgId])).get(orgId)?.length)
    throw Errors.validation('该单位没有在平台上的网站，无法办理信件', [
      { field: 'orgId', message: '该单位没有在平台上的网站，无法办理信件' },
    ]);
  return org.name;
}

async function apply(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  row: LetterRow,
  channel: InteractionChannelRow,
  action: LetterAction,
): Promise<void> {
  const day = beijingToday(deps.clock);
  const patch: Partial<LetterTable> = { state: nextState(snapshot(row, channel), action.action) };
  let data: Record<string, unknown> = {};
  let note: string | null = null;
  switch (action.action) {
    case 'accept':
      break;
    case 'reject':
      note = action.reason;
      patch.closed_on = day;
      break;
    case 'merge': {
      const into = await letters.byId(tx.trx, action.intoLetterId);
      if (!into || into.site_id !== row.site_id || into.state === 'merged' || into.state === 'rejected')
        throw Errors.validation('请选择本网站未被合并、未被退回的信件', [
          { field: 'intoLetterId', message: '请选择本网站未被合并、未被退回的信件' },
        ]);
      patch.duplicate_of = into.id;
      patch.closed_on = day;
      data = { intoLetterId: into.id, intoTrackingNo: into.tracking_no };
      note = action.note ?? null;
      break;
    }
    case 'assign':
      data = { fromOrgId: row.handling_org_id, orgId: action.orgId, orgName: await requireRoutableOrg(tx, action.orgId) };
      patch.handling_org_id = action.orgId;
      note = action.note ?? null;
      break;
    case 'transfer':
      data = { fromOrgId: row.handling_org_id, orgId: action.orgId, orgName: await requireRoutableOrg(tx, action.orgId) };
      patch.pending_org_id = action.orgId;
      note = action.reason;
      break;
    case 'acceptTransfer':
      data = { fromOrgId: row.handling_org_id, orgId: row.pending_org_id };
      patch.handling_org_id = row.pending_org_id!;
      patch.pending_org_id = null;
      break;
    case 'refuseTransfer':
      data = { orgId: row.pending_org_id };
      patch.pending_org_id = null;
      note = action.reason;
      break;
    case 'draftReply':
      patch.reply = action.reply;
      break;
    case 'submitReply':
      data = { review: channel.review_replies === 1 };
      if (channel.review_replies !== 1) await send(deps, tx, row, channel, patch, day);
      break;
    case 'approveReply':
      await requireOtherReviewer(tx, actor, row.id);
      note = action.note ?? null;
      await send(deps, tx, row, channel, patch, day);
      break;
    case 'returnReply':
      await requireOtherReviewer(tx, actor, row.id);
      note = action.reason;
      break;
    case 'close':
      note = action.note ?? null;
      patch.closed_on = day;
      break;
    case 'reopen':
      await reopen(deps, tx, actor, row, channel, action.reason);
      return;
    case 'unpublish':
      note = action.reason;
      Object.assign(patch, { published_at: null, public_title: null, public_content: null, public_reply: null });
      break;
  }
  patch.updated_at = deps.clock.now().toISOString();
  await letters.update(tx.trx, row.id, patch);
  await appendEvent(tx, deps, actor, row.id, action.action, data, note);
  if (patch.replied_on) await appendEvent(tx, deps, actor, row.id, 'sent', { on: day, published: !!patch.published_at }, null);
  await recordAudit(tx, deps.clock, actor, {
    action: `interaction.letter.${action.action}`,
    targetType: 'letter',
    targetId: row.id,
    siteId: row.site_id,
    details: { from: row.state, to: patch.state, ...data },
  });
}

/** 先审后发 by someone else: whoever submitted the reply for review may not approve or return it. */
async function requireOtherReviewer(tx: Tx, actor: Actor, letterId: string): Promise<void> {
  const submitted = (await letterEvents.history(tx.trx, letterId)).filter((e) => e.type === 'submitReply').at(-1);
  if (submitted && actor.id !== null && submitted.actor_id === actor.id)
    throw Errors.conflict('不能审核自己提交的答复', [{ field: 'action', message: '不能审核自己提交的答复' }]);
}

/** The reply goes out: answered today by the handling org, and onto the public list (redacted) when the channel and the writer allow. */
async function send(deps: Deps, tx: Tx, row: LetterRow, channel: InteractionChannelRow, patch: Partial<LetterTable>, day: string) {
  patch.replied_on = day;
  patch.reply_org_id = row.handling_org_id;
  if (!publishesOnReply({ publishReplies: channel.publish_replies === 1 }, { consentPublish: row.consent_publish === 1 })) return;
  patch.published_at = deps.clock.now().toISOString();
  Object.assign(patch, publicCopy(deps, row, await interactionSettings.redactWords(tx.trx, row.site_id)));
}

/** The redacted copy the public list shows: the site's words and the writer's own name masked, beside phones, IDs and the like. */
export function publicCopy(
  deps: Deps,
  row: Pick<LetterRow, 'title' | 'content' | 'reply' | 'writer_name'>,
  siteWords: readonly string[],
): Pick<LetterTable, 'public_title' | 'public_content' | 'public_reply'> {
  const words = [...siteWords, decryptPersonal(dataKeyring(deps.config), row.writer_name)];
  return {
    public_title: redact(row.title, words),
    public_content: redact(row.content, words),
    public_reply: redact(row.reply ?? '', words),
  };
}

/** Back to the handling org with a fresh deadline (the writer was not satisfied, or the office reopens it). */
export async function reopen(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  row: LetterRow,
  channel: InteractionChannelRow,
  reason: string,
): Promise<void> {
  const day = beijingToday(deps.clock);
  const dueOn = replyDueOn(await loadCalendar(deps, tx.trx), day, channel.reply_days);
  await letters.update(tx.trx, row.id, {
    state: 'handling',
    due_on: dueOn,
    reply_days: channel.reply_days,
    replied_on: null,
    closed_on: null,
    rating: null,
    rating_comment: null,
    rated_at: null,
    warned_level: null,
    // The reply the writer was not satisfied with leaves the public list; the next reply is published afresh.
    published_at: null,
    public_title: null,
    public_content: null,
    public_reply: null,
    updated_at: deps.clock.now().toISOString(),
  });
  await appendEvent(tx, deps, actor, row.id, 'reopen', { dueOn, previousRating: row.rating }, reason);
  await recordAudit(tx, deps.clock, actor, {
    action: 'interaction.letter.reopen',
    targetType: 'letter',
    targetId: row.id,
    siteId: row.site_id,
    details: { from: row.state, dueOn, wasAnswered: ANSWERED.has(row.state) },
  });
}

/**
 * Letters as the citizen meets them: submission (stored, personal data encrypted, before any
 * answer goes back; idempotent on the form's key), tracking by number and query code, the
 * satisfaction rating after the reply, and what the public list shows (only the redacted copy
 * made at publication). The office's side is in letter-handling.ts.
 */
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  CHANNEL_KIND_LABELS,
  LETTER_STATE_LABELS,
  LetterFormSchema,
  RateLetterSchema,
  type ChannelKind,
  type ChannelView,
  type LetterForm,
  type LetterState,
  type Rating,
} from '../../../common/schemas/interaction.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadCalendar } from '../../calendar/index.ts';
import { queryCodeHash } from '../../disclosure/index.ts';
import { beijingToday } from '../../platform/clock.ts';
import { systemActor, type Actor } from '../../platform/actor.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import type { InteractionChannelRow, LetterRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, Errors } from '../../platform/errors.ts';
import { blindIndex, encryptPersonal } from '../../platform/personal-data.ts';
import { parseInput } from '../../platform/validation.ts';
import { channels, letterEvents, letters, routing } from '../interaction.repository.ts';
import { replyDueOn } from '../rules/deadlines.ts';
import { averageDaysToReply } from '../rules/statistics.ts';
import type { LetterStatusView } from '../render/letter-pages.ts';
import {
  attachmentSummary,
  sealAttachments,
  storeAttachments,
  type LetterAttachment,
  type SealedAttachments,
} from './letter-attachments.ts';
import { EVENT_LABELS, reopen } from './letter-handling.ts';

export type { LetterAttachment } from './letter-attachments.ts';

export interface SubmittedLetter {
  id: string;
  trackingNo: string;
  /** Given with the tracking number; only its hash is kept (it is derived again for a repeated form). */
  queryCode: string;
  receivedOn: string;
  dueOn: string;
  /** The same form was sent before: this is the receipt of the letter it made. */
  repeated: boolean;
}

/** What the writer sees on the tracking page: the page's view of a letter, with its state. */
export interface PublicLetterStatus extends LetterStatusView {
  state: LetterState;
  history: { on: string; label: string }[];
}

export interface PublishedLetter {
  id: string;
  trackingNo: string;
  channelName: string;
  category: string;
  title: string;
  content: string;
  reply: string;
  replyOrgName: string;
  receivedOn: string;
  repliedOn: string;
}

export const PUBLIC_LETTER_ACTOR = systemActor('public-letter-form');
/** Events the writer sees on the tracking page (internal notes stay internal). */
const PUBLIC_EVENTS = new Set(['submitted', 'accept', 'reject', 'merge', 'assign', 'acceptTransfer', 'sent', 'close', 'reopen', 'rated']);

export function channelView(row: InteractionChannelRow, orgName: string): ChannelView {
  return {
    id: row.id,
    siteId: row.site_id,
    kind: row.kind as ChannelKind,
    name: row.name,
    handlingOrgId: row.handling_org_id,
    handlingOrgName: orgName,
    replyDays: row.reply_days,
    publishReplies: row.publish_replies === 1,
    reviewReplies: row.review_replies === 1,
    reopenOnUnsatisfied: row.reopen_on_unsatisfied === 1,
    intro: row.intro,
    sortOrder: row.sort_order,
    enabled: row.enabled === 1,
  };
}

/** The site's channels open to letters, in the site's order (`withOrgNames: false` leaves the handling orgs' names empty, one query fewer). */
export async function publicChannels(deps: Deps, siteId: string, opts: { withOrgNames?: boolean } = {}): Promise<ChannelView[]> {
  const rows = (await channels.ofSite(deps.db.kysely, siteId)).filter((c) => c.enabled === 1);
  const names =
    opts.withOrgNames === false
      ? new Map<string, string>()
      : await routing.orgNames(
          deps.db.kysely,
          rows.map((r) => r.handling_org_id),
        );
  return rows.map((r) => channelView(r, names.get(r.handling_org_id) ?? ''));
}

async function newTrackingNo(tx: Tx, day: string): Promise<string> {
  for (;;) {
    const no = `${day.replaceAll('-', '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    if (!(await letters.trackingTaken(tx.trx, no))) return no;
  }
}

/** Appends one event to a letter's history (in the caller's transaction). */
export async function appendEvent(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  letterId: string,
  type: string,
  data: Record<string, unknown>,
  note: string | null,
  /** Known only for a new letter's first event (1); otherwise the next of the history. */
  seq?: number,
): Promise<void> {
  await letterEvents.insert(tx.trx, {
    id: randomUUID(),
    letter_id: letterId,
    seq: seq ?? (await letterEvents.nextSeq(tx.trx, letterId)),
    type,
    data: JSON.stringify(data),
    note,
    actor_id: actor.id ?? actor.name,
    recorded_at: deps.clock.now().toISOString(),
  });
}

/**
 * The query code of the letter made from a form: a keyed hash of the form's key, so a repeated
 * post (a double click, a resent page) gets the same receipt back, query code included, while
 * nobody without the form and the server's index key can compute it.
 */
function queryCodeFor(deps: Deps, idempotencyKey: string): string {
  const mac = Buffer.from(blindIndex(dataKeyring(deps.config), idempotencyKey, 'letter-query-code'), 'base64url');
  return String(mac.readBigUInt64BE(0) % 100_000_000n).padStart(8, '0');
}

/**
 * Stores a letter written on a site's public form. The row, its attachments (encrypted), its first
 * event and the audit entry are one transaction, committed before the receipt is shown. The same
 * key twice is one letter: the second attempt gets the first one's receipt (`repeated`) and
 * stores nothing.
 */
export async function submitLetter(
  deps: Deps,
  input: { siteId: string; form: LetterForm; attachments: LetterAttachment[]; idempotencyKey: string },
): Promise<SubmittedLetter> {
  const form = parseInput(LetterFormSchema, input.form);
  const earlier = async (): Promise<SubmittedLetter | null> => {
    const row = await letters.byIdempotencyKey(deps.db.kysely, input.idempotencyKey);
    if (!row) return null;
    if (row.site_id !== input.siteId) throw Errors.conflict('提交标识已被使用，请重新填写');
    const queryCode = queryCodeFor(deps, input.idempotencyKey);
    return { id: row.id, trackingNo: row.tracking_no, queryCode, receivedOn: row.received_on, dueOn: row.due_on, repeated: true };
  };
  const before = await earlier();
  if (before) return before;
  const sealed = sealAttachments(dataKeyring(deps.config), input.attachments);
  try {
    return await storeLetter(deps, input.siteId, form, sealed, input.idempotencyKey);
  } catch (e) {
    // Two submissions with one key at the same moment: the unique key lets one in.
    if (e instanceof AppError) throw e;
    const after = await earlier();
    if (after) return after;
    throw e;
  }
}

async function storeLetter(
  deps: Deps,
  siteId: string,
  form: LetterForm,
  attachments: SealedAttachments,
  idempotencyKey: string,
): Promise<SubmittedLetter> {
  const ring = dataKeyring(deps.config);
  return inTransaction(deps.db, async (tx) => {
    const channel = await channels.byId(tx.trx, form.channelId);
    if (!channel || channel.site_id !== siteId || channel.enabled !== 1)
      throw Errors.validation('请选择信件类型', [{ field: 'channelId', message: '请选择信件类型' }]);
    const day = beijingToday(deps.clock);
    const dueOn = replyDueOn(await loadCalendar(deps, tx.trx), day, channel.reply_days);
    const now = deps.clock.now().toISOString();
    const id = randomUUID();
    const trackingNo = await newTrackingNo(tx, day);
    const queryCode = queryCodeFor(deps, idempotencyKey);
    await letters.insert(tx.trx, {
      id,
      tracking_no: trackingNo,
      query_code_hash: queryCodeHash(queryCode),
      site_id: siteId,
      channel_id: channel.id,
      handling_org_id: channel.handling_org_id,
      pending_org_id: null,
      state: 'received',
      category: form.category,
      title: form.title,
      content: form.content,
      writer_name: encryptPersonal(ring, form.name),
      writer_phone: encryptPersonal(ring, form.phone),
      writer_phone_blind: blindIndex(ring, form.phone, 'letter-phone'),
      writer_email: form.email ? encryptPersonal(ring, form.email) : null,
      consent_publish: form.consentPublish ? 1 : 0,
      attachments: attachmentSummary(attachments),
      received_on: day,
      due_on: dueOn,
      reply_days: channel.reply_days,
      duplicate_of: null,
      reply: null,
      reply_org_id: null,
      replied_on: null,
      published_at: null,
      public_title: null,
      public_content: null,
      public_reply: null,
      rating: null,
      rating_comment: null,
      rated_at: null,
      closed_on: null,
      warned_level: null,
      idempotency_key: idempotencyKey,
      submitted_at: now,
      updated_at: now,
    });
    await storeAttachments(tx, id, attachments, now);
    await appendEvent(tx, deps, PUBLIC_LETTER_ACTOR, id, 'submitted', { on: day, channelId: channel.id, dueOn }, null, 1);
    await recordAudit(tx, deps.clock, PUBLIC_LETTER_ACTOR, {
      action: 'interaction.letter.submit',
      targetType: 'letter',
      targetId: id,
      siteId,
      // How many files and how large, never their names (personal data, and the log is immutable).
      details: {
        trackingNo,
        channel: channel.kind,
        receivedOn: day,
        dueOn,
        attachments: attachments.count,
        attachmentBytes: attachments.totalBytes,
      },
    });
    return { id, trackingNo, queryCode, receivedOn: day, dueOn, repeated: false };
  });
}

/** The letter of this site with this tracking number and query code, or undefined (compared in constant time). */
async function matching(deps: Deps, siteId: string, trackingNo: string, queryCode: string): Promise<LetterRow | undefined> {
  if (!/^\d{14}$/.test(trackingNo)) return undefined;
  const row = await letters.byTrackingNo(deps.db.kysely, trackingNo);
  const given = Buffer.from(queryCodeHash(queryCode));
  if (!row || row.site_id !== siteId || !timingSafeEqual(given, Buffer.from(row.query_code_hash))) return undefined;
  return row;
}

function rateable(row: LetterRow): boolean {
  return (row.state === 'replied' || row.state === 'closed') && row.rating === null && row.reply !== null;
}

async function statusOf(deps: Deps, row: LetterRow): Promise<PublicLetterStatus> {
  const db = deps.db.kysely;
  const channel = await channels.byId(db, row.channel_id);
  const names = await routing.orgNames(db, [row.handling_org_id, ...(row.reply_org_id ? [row.reply_org_id] : [])]);
  const events = await letterEvents.history(db, row.id);
  // A letter merged into another is answered by that letter's reply.
  const main = row.state === 'merged' && row.duplicate_of ? await letters.byId(db, row.duplicate_of) : undefined;
  if (main && (main.state === 'replied' || main.state === 'closed') && main.reply_org_id) {
    const mainOrg = await routing.orgNames(db, [main.reply_org_id]);
    const shown = await statusOf(deps, {
      ...row,
      state: 'replied',
      reply: main.reply,
      reply_org_id: main.reply_org_id,
      replied_on: main.replied_on,
    });
    return {
      ...shown,
      state: 'merged',
      stateLabel: LETTER_STATE_LABELS.merged,
      replyOrgName: mainOrg.get(main.reply_org_id) ?? null,
      canRate: false,
    };
  }
  const answered = row.state === 'replied' || row.state === 'closed';
  return {
    trackingNo: row.tracking_no,
    channelName: channel?.name ?? '',
    category: row.category,
    title: row.title,
    content: row.content,
    state: row.state as LetterState,
    stateLabel: LETTER_STATE_LABELS[row.state as LetterState] ?? row.state,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    handlingOrgName: names.get(row.handling_org_id) ?? '',
    reply: answered ? row.reply : null,
    replyOrgName: answered && row.reply_org_id ? (names.get(row.reply_org_id) ?? null) : null,
    repliedOn: answered ? row.replied_on : null,
    rating: row.rating as Rating | null,
    ratingComment: row.rating_comment,
    canRate: rateable(row),
    history: events.filter((e) => PUBLIC_EVENTS.has(e.type)).map((e) => ({ on: e.recorded_at, label: EVENT_LABELS[e.type] ?? e.type })),
  };
}

/** What the writer sees with the tracking number and query code; null when they do not match a letter of this site. */
export async function trackLetter(deps: Deps, siteId: string, trackingNo: string, queryCode: string): Promise<PublicLetterStatus | null> {
  const row = await matching(deps, siteId, trackingNo, queryCode);
  return row ? statusOf(deps, row) : null;
}

/** The writer rates the reply once. "不满意" reopens the letter when its channel says so. */
export async function rateLetter(
  deps: Deps,
  siteId: string,
  trackingNo: string,
  queryCode: string,
  input: unknown,
): Promise<PublicLetterStatus> {
  const data = parseInput(RateLetterSchema, input);
  const found = await matching(deps, siteId, trackingNo, queryCode);
  if (!found) throw Errors.notFound('受理编号或查询码不正确');
  await inTransaction(deps.db, async (tx) => {
    const row = await letters.forWrite(tx.trx, found.id, deps.clock.now().toISOString());
    if (!row || !rateable(row)) throw Errors.conflict('该信件暂不能评价或已经评价');
    const now = deps.clock.now().toISOString();
    await letters.update(tx.trx, row.id, { rating: data.rating, rating_comment: data.comment ?? null, rated_at: now });
    await appendEvent(tx, deps, PUBLIC_LETTER_ACTOR, row.id, 'rated', { rating: data.rating }, data.comment ?? null);
    await recordAudit(tx, deps.clock, PUBLIC_LETTER_ACTOR, {
      action: 'interaction.letter.rate',
      targetType: 'letter',
      targetId: row.id,
      siteId: row.site_id,
      details: { rating: data.rating },
    });
    const channel = await channels.byId(tx.trx, row.channel_id);
    if (data.rating === 'unsatisfied' && channel?.reopen_on_unsatisfied === 1)
      await reopen(deps, tx, PUBLIC_LETTER_ACTOR, { ...row, rating: data.rating }, channel, '来信人对答复不满意');
  });
  const after = await letters.byId(deps.db.kysely, found.id);
  return statusOf(deps, after!);
}

function publishedItem(r: Awaited<ReturnType<typeof letters.published>>[number]): PublishedLetter {
  return {
    id: r.id,
    trackingNo: r.tracking_no,
    channelName: r.channel_name,
    category: r.category,
    title: r.public_title ?? '',
    content: r.public_content ?? '',
    reply: r.public_reply ?? '',
    replyOrgName: r.reply_org_name,
    receivedOn: r.received_on,
    repliedOn: r.replied_on ?? '',
  };
}

/** One page of the site's published letters (question and reply, redacted), newest first. */
export async function publishedLetters(
  deps: Deps,
  siteId: string,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: PublishedLetter[] }> {
  const db = deps.db.kysely;
  const [total, rows] = await Promise.all([
    letters.publishedCount(db, siteId),
    letters.published(db, siteId, pageSize, Math.max(0, page - 1) * pageSize),
  ]);
  return { total, items: rows.map(publishedItem) };
}

/** One published letter of the site, or null. */
export async function publishedLetter(deps: Deps, siteId: string, id: string): Promise<PublishedLetter | null> {
  const row = await letters.publishedOne(deps.db.kysely, siteId, id);
  return row ? publishedItem(row) : null;
}

export interface ChannelStatistics {
  channelId: string;
  channelName: string;
  kind: ChannelKind;
  kindLabel: string;
  received: number;
  answered: number;
  published: number;
  /** Mean calendar days from receipt to reply over the answered letters (one decimal), null when none. */
  averageDays: number | null;
  /** Ratings 满意 or 基本满意, and all ratings, given to the channel's letters (every rating, also before a reopening). */
  satisfied: number;
  rated: number;
}

/** Per channel of the site, letters received between two days (inclusive): the public 统计 and the office's figures. */
export async function letterStatistics(deps: Deps, siteId: string, from: string, to: string): Promise<ChannelStatistics[]> {
  const db = deps.db.kysely;
  const [chans, rows, ratings] = await Promise.all([
    channels.ofSite(db, siteId),
    letters.forStatistics(db, [siteId], from, to),
    letterEvents.ratings(db, [siteId], from, to),
  ]);
  // Every rating given, including those of letters reopened since (the letter row keeps only the latest).
  const given = (channelId: string) =>
    ratings.filter((r) => r.channel_id === channelId).map((r) => (JSON.parse(r.data) as { rating: Rating }).rating);
  return chans.map((c) => {
    const mine = rows.filter((r) => r.channel_id === c.id && r.state !== 'merged');
    return {
      channelId: c.id,
      channelName: c.name,
      kind: c.kind as ChannelKind,
      kindLabel: CHANNEL_KIND_LABELS[c.kind as ChannelKind] ?? c.kind,
      received: mine.length,
      answered: mine.filter((r) => r.replied_on !== null).length,
      published: mine.filter((r) => r.published_at !== null).length,
      averageDays: averageDaysToReply(mine),
      satisfied: given(c.id).filter((r) => r === 'satisfied' || r === 'basic').length,
      rated: given(c.id).length,
    };
  });
}

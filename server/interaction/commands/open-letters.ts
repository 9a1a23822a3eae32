/**
 * The letters a site still owes an answer, each with its clock on a given day (working-day
 * deadline and the national 3-month line, rules/deadlines.ts): for the monitoring room's checks
 * of hosted sites. Letters are read as they stand now (a letter answered since is not open).
 */
import { CONSULTATIVE_KINDS, OPEN_LETTER_STATES, type ChannelKind, type DueLevel } from '../../../common/schemas/interaction.ts';
import { loadCalendar } from '../../calendar/index.ts';
import { fetchInChunks } from '../../platform/db/chunks.ts';
import { readSetting } from '../../platform/db/settings.ts';
import type { Deps } from '../../platform/deps.ts';
import { channels, letters, siteLetters } from '../interaction.repository.ts';
import { letterClock, parseLadder } from '../rules/deadlines.ts';
import { LADDER_SETTING } from './letter-handling.ts';

export interface OpenLetterClock {
  id: string;
  trackingNo: string;
  channelName: string;
  channelKind: ChannelKind;
  /** A 咨询建言 channel, which the national veto line applies to. */
  consultative: boolean;
  receivedOn: string;
  dueOn: string;
  replyDays: number;
  /** Where the letter stands on `asOf`: `overdue` once past its due date. */
  level: DueLevel;
  /** Calendar days from receipt to `asOf`. */
  daysOpen: number;
  /** Consultative and open longer than the national line (`vetoDays`). */
  pastVetoLine: boolean;
  vetoDays: number;
}

/**
 * The site's letters that are unanswered now and had arrived by `asOf` (YYYY-MM-DD), with their
 * clocks read on `asOf`. No access check: callers check their own permission on the site.
 */
export async function openLettersOfSite(deps: Deps, siteId: string, asOf: string): Promise<OpenLetterClock[]> {
  const db = deps.db.kysely;
  const [rows, chans, cal, ladder] = await Promise.all([
    siteLetters.inStatesReceivedBy(db, siteId, OPEN_LETTER_STATES, asOf),
    channels.ofSite(db, siteId),
    loadCalendar(deps),
    readSetting(db, LADDER_SETTING).then(parseLadder),
  ]);
  const byId = new Map(chans.map((c) => [c.id, c]));
  return rows.map((r) => {
    const channel = byId.get(r.channel_id);
    const kind = (channel?.kind ?? 'consultation') as ChannelKind;
    const consultative = CONSULTATIVE_KINDS.includes(kind);
    const clock = letterClock(cal, { receivedOn: r.received_on, dueOn: r.due_on, replyDays: r.reply_days, consultative }, asOf, ladder);
    return {
      id: r.id,
      trackingNo: r.tracking_no,
      channelName: channel?.name ?? '',
      channelKind: kind,
      consultative,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      replyDays: r.reply_days,
      level: clock.level,
      daysOpen: clock.daysOpen,
      pastVetoLine: clock.pastVetoLine,
      vetoDays: ladder.vetoDays,
    };
  });
}

/**
 * How many letters each site received between `from` and `to` (YYYY-MM-DD, inclusive): the
 * volume a ranking of interaction needs. Sites that received none are absent. No access check.
 */
export async function lettersReceived(deps: Deps, siteIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
  const rows = await fetchInChunks(siteIds, 500, (part) => letters.receivedBySite(deps.db.kysely, part, from, to));
  return new Map(rows.map((r) => [r.site_id, Number(r.n)]));
}

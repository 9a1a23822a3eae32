/**
 * A letter's clock: the reply is due a number of working days after receipt (official
 * calendar: 法定节假日 and 调休), and the warning ladder runs well before the national veto line
 * (domain-rules §1.2 item 5: a 政务咨询 letter unanswered for more than three months fails the
 * whole site). The handler is warned at the configured shares of the local deadline, the
 * supervising org is told once the deadline has passed, and the supervision view flags every
 * letter open for `vetoWarnDays` calendar days.
 */
import type { DueLevel, LadderSettings } from '../../../common/schemas/interaction.ts';
import { DEFAULT_LADDER } from '../../../common/schemas/interaction.ts';
import { addWorkdays, countWorkdays, dayNumber, type CalendarData } from '../../calendar/index.ts';

/** The reply due date: `replyDays` working days after the day of receipt. */
export function replyDueOn(cal: CalendarData, receivedOn: string, replyDays: number): string {
  return addWorkdays(cal, receivedOn, replyDays).date;
}

export interface LetterClock {
  level: DueLevel;
  /** Working days of the deadline used up (the deadline's length less the working days left until the due date). */
  workdaysUsed: number;
  replyDays: number;
  /** Calendar days since receipt. */
  daysOpen: number;
  /** Open long enough to be flagged before the veto line. */
  vetoRisk: boolean;
  /** Past the national line (only for consultative channels). */
  pastVetoLine: boolean;
}

/**
 * Where an unanswered letter stands on the ladder today. The share of the deadline used is read
 * backwards from the due date (working days left), so a reopened letter's fresh deadline needs
 * no other start date; `receivedOn` is the day the citizen wrote, which the national veto line
 * counts from.
 */
export function letterClock(
  cal: CalendarData,
  letter: { receivedOn: string; dueOn: string; replyDays: number; consultative: boolean },
  today: string,
  ladder: LadderSettings = DEFAULT_LADDER,
): LetterClock {
  const left = today <= letter.dueOn ? countWorkdays(cal, today, letter.dueOn).count : 0;
  const used = Math.max(0, letter.replyDays - left);
  const share = used / letter.replyDays;
  const level: DueLevel =
    today > letter.dueOn ? 'overdue' : share >= ladder.warnShares[1] ? 'warn80' : share >= ladder.warnShares[0] ? 'warn50' : 'normal';
  const daysOpen = Math.max(0, dayNumber(today) - dayNumber(letter.receivedOn));
  return {
    level,
    workdaysUsed: used,
    replyDays: letter.replyDays,
    daysOpen,
    vetoRisk: letter.consultative && daysOpen >= ladder.vetoWarnDays,
    pastVetoLine: letter.consultative && daysOpen > ladder.vetoDays,
  };
}

const ORDER: readonly DueLevel[] = ['normal', 'warn50', 'warn80', 'overdue'];

/** True when `level` is a later step than the one already announced. */
export function isNewWarning(level: DueLevel, announced: string | null): boolean {
  return ORDER.indexOf(level) > ORDER.indexOf((announced as DueLevel | null) ?? 'normal');
}

/** Reads the ladder setting, falling back to the defaults for anything missing or out of range. */
export function parseLadder(raw: string | undefined): LadderSettings {
  if (!raw) return DEFAULT_LADDER;
  try {
    const v = JSON.parse(raw) as Partial<LadderSettings>;
    const shares = Array.isArray(v.warnShares) && v.warnShares.length === 2 ? v.warnShares : DEFAULT_LADDER.warnShares;
    const [a, b] = shares.map(Number) as [number, number];
    const days = (x: unknown, d: number) => (Number.isInteger(x) && (x as number) > 0 && (x as number) < 1000 ? (x as number) : d);
    return {
      warnShares: a > 0 && a < b && b < 1 ? [a, b] : DEFAULT_LADDER.warnShares,
      vetoWarnDays: days(v.vetoWarnDays, DEFAULT_LADDER.vetoWarnDays),
      vetoDays: days(v.vetoDays, DEFAULT_LADDER.vetoDays),
    };
  } catch {
    return DEFAULT_LADDER;
  }
}

/**
 * Publication deadlines (攀办函〔2017〕122号: livelihood activities within 24 hours, normative
 * documents within 3 working days of paper issue; 条例 第二十六条: proactive information within
 * 20 working days). Pure: working-day arithmetic is passed in.
 */
import { ARTICLE_TYPE_CONFIG, type ArticleType, type DeadlineRule } from '../../../common/content.ts';

export interface DeadlineInput {
  type: ArticleType;
  metadata: Record<string, unknown>;
  /** For interpretations: when the policy went (or is due to go) live. */
  policyDueAt?: string | null;
}

export interface Deadline {
  dueAt: string;
  rule: string;
}

/** Adds n working days to a calendar date (YYYY-MM-DD), e.g. the calendar room's addWorkdays. */
export type AddWorkdays = (date: string, n: number) => string;

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The last moment of a Beijing calendar date, as a UTC instant. */
export function endOfBeijingDay(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - BEIJING_OFFSET_MS).toISOString();
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isInstant = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function applies(rule: DeadlineRule, metadata: Record<string, unknown>): boolean {
  return !('when' in rule) || rule.when === undefined || metadata[rule.when] === true;
}

/** The due time of an article under the first rule of its type that applies, or null when none does. */
export function computeDeadline(input: DeadlineInput, addWorkdays: AddWorkdays): Deadline | null {
  for (const rule of ARTICLE_TYPE_CONFIG[input.type].deadlines) {
    if (!applies(rule, input.metadata)) continue;
    if (rule.kind === 'hoursAfter') {
      const start = input.metadata[rule.field];
      if (isInstant(start)) return { dueAt: new Date(Date.parse(start) + rule.hours * 3_600_000).toISOString(), rule: rule.label };
    } else if (rule.kind === 'workdaysAfter') {
      const start = input.metadata[rule.field];
      if (isDate(start)) return { dueAt: endOfBeijingDay(addWorkdays(start, rule.workdays)), rule: rule.label };
    } else if (rule.kind === 'withPolicy' && input.policyDueAt) {
      return { dueAt: input.policyDueAt, rule: rule.label };
    }
  }
  return null;
}

/** Minutes a publication came after its due time (0 when on time or without a deadline). */
export function minutesLate(dueAt: string | null, publishedAt: string): number {
  if (!dueAt) return 0;
  return Math.max(0, Math.floor((Date.parse(publishedAt) - Date.parse(dueAt)) / 60_000));
}

export type DeadlineState = 'none' | 'ok' | 'dueSoon' | 'overdue' | 'onTime' | 'late';

/** Where an article stands against its deadline at `now` (due soon = within `soonHours`). */
export function deadlineState(dueAt: string | null, publishedAt: string | null, now: Date, soonHours = 24): DeadlineState {
  if (!dueAt) return 'none';
  if (publishedAt) return Date.parse(publishedAt) > Date.parse(dueAt) ? 'late' : 'onTime';
  const left = Date.parse(dueAt) - now.getTime();
  if (left < 0) return 'overdue';
  return left <= soonHours * 3_600_000 ? 'dueSoon' : 'ok';
}

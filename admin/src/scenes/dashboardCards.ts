/** What the dashboard's work cards load and show. Pure. */
import type { ArticleSummary, DeadlineBoard } from '../api/content.ts';
import { byDue } from '../features/articles/reviewQueue.ts';
import { CONTENT_PERMISSIONS, hasAnyPermission, REVIEW_PERMISSIONS } from '../navigation.ts';

/** How many queue entries are asked for; more than this shows as "200+". */
export const QUEUE_LIMIT = 200;
/** How many of them the card lists. */
export const QUEUE_SHOWN = 5;
/** "即将到期" on the card means due within this many hours (the deadline board's default too). */
export const SOON_HOURS = 24;

/**
 * Which cards load data for these permissions: the review queue for reviewers, the deadline
 * board for anyone doing content work, the letters for letter handlers. Nothing is asked for
 * that the user may not see.
 */
export function workCardLoads(permissions: readonly string[]): { queue: boolean; deadlines: boolean; letters: boolean; services: boolean } {
  return {
    queue: hasAnyPermission(permissions, REVIEW_PERMISSIONS),
    deadlines: hasAnyPermission(permissions, CONTENT_PERMISSIONS),
    letters: permissions.includes('interaction.handle'),
    services: permissions.includes('guides.edit') || permissions.includes('guides.publish'),
  };
}

/** The service items card: what waits for publication, what lacks required elements, what is due for review; each a filter of the list. */
export const SERVICE_CARD_FILTERS = [
  ['未发布', 'state=draft', { state: 'draft' }],
  ['有未发布的修改', 'state=changed', { state: 'changed' }],
  ['要素不全', 'incomplete=true', { incomplete: true }],
] as const;

/** The queue card: the count and the first few, soonest due first (as 待我审核 lists them). */
export function queueCard(items: readonly ArticleSummary[]): { count: string; first: ArticleSummary[] } {
  return {
    count: items.length >= QUEUE_LIMIT ? `${QUEUE_LIMIT}+` : String(items.length),
    first: [...items].sort(byDue).slice(0, QUEUE_SHOWN),
  };
}

/** The letters card's states, in the order of a letter's way, with their labels. */
export const LETTER_CARD_STATES = [
  ['received', '待受理'],
  ['transferring', '转办待确认'],
  ['handling', '办理中'],
  ['reviewing', '答复待审核'],
] as const;

/** The letters card's urgent numbers from the overdue list (即将到期 and 已超期, escalated ones included). */
export function letterUrgency(urgent: readonly { dueLevel: string }[]): { dueSoon: number; overdue: number } {
  return { dueSoon: urgent.filter((l) => l.dueLevel === 'warn80').length, overdue: urgent.filter((l) => l.dueLevel === 'overdue').length };
}

/** The deadline card's two numbers. */
export function deadlineCounts(board: Pick<DeadlineBoard, 'dueSoon' | 'overdue'>): { dueSoon: number; overdue: number } {
  return { dueSoon: board.dueSoon.length, overdue: board.overdue.length };
}

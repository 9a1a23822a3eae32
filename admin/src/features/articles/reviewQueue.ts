/** The review queue's filters and order. Pure. */
import type { ArticleSummary } from '../../api/content.ts';

/** 到期 filter choices: hours from now (0: already overdue). */
export const DUE_OPTIONS = [
  { value: '', label: '全部' },
  { value: '0', label: '已超期' },
  { value: '24', label: '24 小时内到期' },
  { value: '72', label: '3 天内到期' },
  { value: '168', label: '7 天内到期' },
];

/** The dueBefore instant for a 到期 choice ('' → none). */
export function dueBeforeOf(choice: string, now: number): string | null {
  if (choice === '') return null;
  const hours = Number(choice);
  return Number.isFinite(hours) ? new Date(now + hours * 3_600_000).toISOString() : null;
}

/** Soonest due first; articles without a deadline last, then oldest change first. */
export function byDue(a: ArticleSummary, b: ArticleSummary): number {
  const da = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY;
  const db = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  // Emergency publications are live and waiting for their retrospective review: first among equals.
  if (a.emergency !== b.emergency) return a.emergency ? -1 : 1;
  return Date.parse(a.updatedAt) - Date.parse(b.updatedAt);
}

const DEFAULT_STAGES = [
  { value: 'firstReview', label: '初审' },
  { value: 'sectionReview', label: '审核' },
  { value: 'leaderApproval', label: '审签' },
];

/** 环节 choices: the default stages plus any site-specific ones seen in the queue. */
export function stageOptions(items: readonly ArticleSummary[]): { value: string; label: string }[] {
  const out = new Map(DEFAULT_STAGES.map((s) => [s.value, s.label]));
  for (const a of items) if (a.stage && !out.has(a.stage)) out.set(a.stage, a.stageLabel ?? a.stage);
  return [...out].map(([value, label]) => ({ value, label }));
}

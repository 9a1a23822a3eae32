/**
 * Rules of rectification (整改): which lost items of a spot check become tasks, how a task
 * moves (report → re-check → closed or reopened; dismissal → approved or rejected), when it is
 * overdue, and which sites are flagged for 约谈问责. Pure.
 */
import type { InterviewReason, TaskState } from '../../../common/schemas/evaluation.ts';

/** Days to rectify when the office gives no deadline. */
export const DEFAULT_RECTIFY_DAYS = 30;

export type TaskAction = 'report' | 'recheckClosed' | 'recheckReopened' | 'requestDismissal' | 'approveDismissal' | 'rejectDismissal';

const MOVES: Record<TaskAction, { from: readonly TaskState[]; to: TaskState }> = {
  report: { from: ['open'], to: 'reported' },
  recheckClosed: { from: ['reported'], to: 'closed' },
  recheckReopened: { from: ['reported'], to: 'open' },
  requestDismissal: { from: ['open', 'reported'], to: 'dismissalRequested' },
  approveDismissal: { from: ['dismissalRequested'], to: 'dismissed' },
  rejectDismissal: { from: ['dismissalRequested'], to: 'open' },
};

const REFUSALS: Record<TaskAction, string> = {
  report: '只有待整改的任务可以报送整改情况',
  recheckClosed: '只有已报整改的任务可以复查',
  recheckReopened: '只有已报整改的任务可以复查',
  requestDismissal: '该任务已办结或正在审批核销，不能再申请核销',
  approveDismissal: '该任务没有待审批的核销申请',
  rejectDismissal: '该任务没有待审批的核销申请',
};

/** Where `action` takes a task in `state`, or why it cannot. */
export function moveTask(state: TaskState, action: TaskAction): { to: TaskState } | { refused: string } {
  const move = MOVES[action];
  return move.from.includes(state) ? { to: move.to } : { refused: REFUSALS[action] };
}

/**
 * Past its deadline while waiting on its owner (Beijing dates, YYYY-MM-DD). A reported task waits
 * on the re-check and a dismissal on its decision: neither is the owner's delay.
 */
export const taskOverdue = (t: { state: TaskState; deadline: string }, today: string): boolean => t.state === 'open' && today > t.deadline;

export interface LostItems {
  siteId: string;
  verdict: 'pass' | 'fail' | null;
  vetoes: readonly { code: string }[];
  deductions: readonly { code: string }[];
}

/** The items of a result that become tasks: every veto and deduction, of failing sites only unless `scope` is `all`. */
export function itemsToRectify<R extends LostItems>(result: R, scope: 'failing' | 'all'): string[] {
  if (result.verdict === null) return [];
  if (scope === 'failing' && result.verdict !== 'fail') return [];
  return [...result.vetoes.map((v) => v.code), ...result.deductions.map((d) => d.code)];
}

/**
 * Why a site is flagged for 约谈问责: it failed this period and the one before, or a
 * rectification task of it is overdue.
 */
export function interviewReasons(s: { repeatFailure: boolean; overdueTasks: number }): InterviewReason[] {
  const out: InterviewReason[] = [];
  if (s.repeatFailure) out.push('repeatFailure');
  if (s.overdueTasks > 0) out.push('overdueRectification');
  return out;
}

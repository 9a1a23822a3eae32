import { describe, expect, it } from 'vitest';
import { TASK_STATES, type TaskState } from '../../../common/schemas/evaluation.ts';
import { interviewReasons, itemsToRectify, moveTask, taskOverdue, type TaskAction } from './rectification.ts';

describe('how a rectification task moves', () => {
  it.each<[TaskState, TaskAction, TaskState]>([
    ['open', 'report', 'reported'],
    ['reported', 'recheckClosed', 'closed'],
    ['reported', 'recheckReopened', 'open'],
    ['open', 'requestDismissal', 'dismissalRequested'],
    ['reported', 'requestDismissal', 'dismissalRequested'],
    ['dismissalRequested', 'approveDismissal', 'dismissed'],
    ['dismissalRequested', 'rejectDismissal', 'open'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(moveTask(from, action)).toEqual({ to });
  });

  it('refuses every other move with a message, and a finished task moves no more', () => {
    const allowed = new Set(['open report', 'reported recheckClosed', 'reported recheckReopened', 'open requestDismissal']);
    allowed.add('reported requestDismissal').add('dismissalRequested approveDismissal').add('dismissalRequested rejectDismissal');
    const actions: TaskAction[] = ['report', 'recheckClosed', 'recheckReopened', 'requestDismissal', 'approveDismissal', 'rejectDismissal'];
    for (const state of TASK_STATES)
      for (const action of actions) {
        const r = moveTask(state, action);
        if (allowed.has(`${state} ${action}`)) expect(r).toHaveProperty('to');
        else expect(r, `${state} ${action}`).toEqual({ refused: expect.stringMatching(/[\u4e00-\u9fff]/) });
      }
    for (const state of ['closed', 'dismissed'] as const)
      for (const action of actions) expect(moveTask(state, action)).toHaveProperty('refused');
  });

  it('is overdue the day after its deadline while it waits on its owner', () => {
    expect(taskOverdue({ state: 'open', deadline: '2026-11-07' }, '2026-11-07')).toBe(false);
    expect(taskOverdue({ state: 'open', deadline: '2026-11-07' }, '2026-11-08')).toBe(true);
    expect(taskOverdue({ state: 'reported', deadline: '2026-11-07' }, '2026-11-08')).toBe(false);
    expect(taskOverdue({ state: 'dismissalRequested', deadline: '2026-11-07' }, '2026-11-08')).toBe(false);
    expect(taskOverdue({ state: 'closed', deadline: '2026-11-07' }, '2026-12-08')).toBe(false);
    expect(taskOverdue({ state: 'dismissed', deadline: '2026-11-07' }, '2026-12-08')).toBe(false);
  });
});

describe('which items become tasks, and who is flagged for an interview', () => {
  const result = {
    siteId: 's',
    verdict: 'fail' as const,
    vetoes: [{ code: 'veto.homepage' }],
    deductions: [{ code: 'd.links' }],
  };
  it('takes every lost item of a failing site, of a passing one only when asked, and nothing of one not scored', () => {
    expect(itemsToRectify(result, 'failing')).toEqual(['veto.homepage', 'd.links']);
    expect(itemsToRectify({ ...result, verdict: 'pass', vetoes: [] }, 'failing')).toEqual([]);
    expect(itemsToRectify({ ...result, verdict: 'pass', vetoes: [] }, 'all')).toEqual(['d.links']);
    expect(itemsToRectify({ ...result, verdict: null }, 'all')).toEqual([]);
  });
  it('flags repeat failures and overdue rectification', () => {
    expect(interviewReasons({ repeatFailure: false, overdueTasks: 0 })).toEqual([]);
    expect(interviewReasons({ repeatFailure: true, overdueTasks: 2 })).toEqual(['repeatFailure', 'overdueRectification']);
    expect(interviewReasons({ repeatFailure: false, overdueTasks: 1 })).toEqual(['overdueRectification']);
  });
});

import { describe, expect, it } from 'vitest';
import { decisionProblems } from './entries.ts';

describe('syndicated entry decisions', () => {
  it('takes or declines only an offer, and removes only a taken entry', () => {
    expect(decisionProblems('take', { state: 'offered', version: 1 }, { version: 1, articlePublic: true })).toEqual([]);
    expect(decisionProblems('decline', { state: 'offered', version: 1 }, { version: 1, articlePublic: false })).toEqual([]);
    expect(decisionProblems('remove', { state: 'taken', version: 2 }, { version: 2, articlePublic: true })).toEqual([]);
    for (const state of ['declined', 'withdrawn', 'taken'])
      expect(decisionProblems('take', { state, version: 1 }, { version: 1, articlePublic: true })).toEqual(['该信息当前状态不能采用']);
    expect(decisionProblems('remove', { state: 'offered', version: 1 }, { version: 1, articlePublic: true })).toHaveLength(1);
  });

  it('collects every reason: a stale version and a retracted source', () => {
    expect(decisionProblems('take', { state: 'declined', version: 2 }, { version: 1, articlePublic: false })).toEqual([
      '该信息当前状态不能采用',
      '该信息已被他人处理，请刷新后重试',
      '来源信息已撤回或尚未发布，不能采用',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { deadlineDisplay, durationText, eventLabel, eventStageLabel, reviewSteps, statusTags } from './articleLabels.ts';

const stages = [
  { key: 'firstReview', label: '初审', roles: ['editor'] },
  { key: 'sectionReview', label: '审核', roles: ['sectionReviewer'] },
  { key: 'leaderApproval', label: '审签', roles: ['leader'] },
];

describe('article labels', () => {
  it('tags the status with its stage, emergencies and live versions', () => {
    expect(statusTags({ status: 'in_review', stageLabel: '审核', live: false, emergency: false }).map((t) => t.label)).toEqual([
      '审核中（审核）',
    ]);
    expect(statusTags({ status: 'in_review', stageLabel: '初审', live: true, emergency: true }).map((t) => t.label)).toEqual([
      '审核中（初审）',
      '紧急发布',
      '已发布',
    ]);
    expect(statusTags({ status: 'published', stageLabel: null, live: true, emergency: false }).map((t) => t.label)).toEqual(['已发布']);
  });

  it('writes durations with the two largest units', () => {
    expect(durationText(0)).toBe('不足 1 分钟');
    expect(durationText(45)).toBe('45 分钟');
    expect(durationText(125)).toBe('2 小时 5 分钟');
    expect(durationText(1440 * 2 + 180 + 7)).toBe('2 天 3 小时');
    expect(durationText(1440)).toBe('1 天');
  });

  it('describes deadlines in words, not colour alone', () => {
    const now = Date.parse('2024-05-06T00:00:00Z');
    const base = { dueAt: '2024-05-06T04:00:00Z', lateMinutes: null, publishedAt: null };
    expect(deadlineDisplay({ ...base, deadline: 'dueSoon' }, now)).toEqual({
      label: '即将到期',
      color: '#ad4e00',
      detail: '2024-05-06 12:00 前发布，剩余 4 小时',
    });
    expect(deadlineDisplay({ ...base, deadline: 'overdue' }, now + 6 * 3_600_000).detail).toBe('应于 2024-05-06 12:00 前发布，已超 2 小时');
    expect(deadlineDisplay({ ...base, deadline: 'late', lateMinutes: 1500 }, now).detail).toBe('逾期 1 天 1 小时（时限 2024-05-06 12:00）');
    expect(deadlineDisplay({ ...base, dueAt: null, deadline: 'none' }, now)).toEqual({ label: '无时限', detail: '' });
  });

  it('labels events and stages', () => {
    expect(eventLabel('approve')).toBe('审核通过');
    expect(eventLabel('mystery')).toBe('mystery');
    expect(eventStageLabel('sectionReview', stages)).toBe('审核');
    expect(eventStageLabel('emergency', stages)).toBe('紧急发布');
    expect(eventStageLabel(null, stages)).toBe('');
  });

  it('shows review progress as steps', () => {
    expect(reviewSteps({ status: 'draft', stage: null, stages }).items.map((i) => i.title)).toEqual([
      '起草',
      '初审',
      '审核',
      '审签',
      '发布',
    ]);
    expect(reviewSteps({ status: 'draft', stage: null, stages }).items[1]?.description).toBe('信息员');
    expect(reviewSteps({ status: 'in_review', stage: 'sectionReview', stages })).toMatchObject({ current: 2, status: 'process' });
    expect(reviewSteps({ status: 'approved', stage: null, stages })).toMatchObject({ current: 4, status: 'process' });
    expect(reviewSteps({ status: 'published', stage: null, stages })).toMatchObject({ current: 4, status: 'finish' });
    expect(reviewSteps({ status: 'rejected', stage: null, stages })).toMatchObject({ current: 0, status: 'error' });
  });
});

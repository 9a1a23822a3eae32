import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../api/content.ts';
import { byDue, dueBeforeOf, stageOptions } from './reviewQueue.ts';

const item = (id: string, dueAt: string | null, over: Partial<ArticleSummary> = {}) =>
  ({ id, dueAt, emergency: false, updatedAt: '2024-01-01T00:00:00Z', stage: null, stageLabel: null, ...over }) as ArticleSummary;

describe('review queue', () => {
  it('turns the 到期 choice into a dueBefore instant', () => {
    const now = Date.parse('2024-05-06T00:00:00Z');
    expect(dueBeforeOf('', now)).toBeNull();
    expect(dueBeforeOf('0', now)).toBe('2024-05-06T00:00:00.000Z');
    expect(dueBeforeOf('24', now)).toBe('2024-05-07T00:00:00.000Z');
  });

  it('sorts by due time, emergencies first among equals, no deadline last', () => {
    const items = [
      item('none', null),
      item('late', '2024-05-07T00:00:00Z'),
      item('soon', '2024-05-06T00:00:00Z'),
      item('emergency', null, { emergency: true }),
    ];
    expect(items.sort(byDue).map((i) => i.id)).toEqual(['soon', 'late', 'emergency', 'none']);
  });

  it('offers the default stages plus those seen', () => {
    expect(stageOptions([item('a', null, { stage: 'legal', stageLabel: '合法性审查' })]).map((s) => s.label)).toEqual([
      '初审',
      '审核',
      '审签',
      '合法性审查',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { descriptionWords, jaccard, lookbackStart, similarGroups, SIMILARITY_THRESHOLD, STOP_WORDS } from './repeated-requests.ts';

const req = (id: string, applicant: string, words: string[]) => ({ id, applicant, words });

describe('the same information asked for by several applicants (条例 44)', () => {
  it('measures similarity as shared words over all words', () => {
    expect(jaccard(new Set(['征收', '补偿', '方案']), new Set(['征收', '补偿', '标准']))).toBe(0.5);
    expect(jaccard(new Set(['a']), new Set(['b']))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('compares words of two characters or more, once each, without the form’s own words', () => {
    expect(descriptionWords(['申请', '公开', '东区', '旧城', '改造', '旧城', '东', '区', '2025'])).toEqual([
      '东区',
      '旧城',
      '改造',
      '2025',
    ]);
    expect(STOP_WORDS.has('政府信息')).toBe(true);
  });

  it('groups alike requests of different applicants and leaves the unlike one out', () => {
    const groups = similarGroups([
      req('r1', 'alice', ['东区', '旧城', '改造', '征收', '补偿', '方案']),
      req('r2', 'bob', ['东区', '旧城', '改造', '征收', '补偿', '标准']),
      req('r3', 'carol', ['东区', '旧城', '改造', '征收', '补偿', '方案', '2025']),
      req('r4', 'dave', ['教育', '经费', '预算', '2025']),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ ids: ['r1', 'r2', 'r3'], applicants: 3, commonWords: ['东区', '旧城', '改造', '征收', '补偿'] });
    expect(groups[0]!.similarity).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
  });

  it('does not report one applicant asking twice (a repeat application, not art. 44)', () => {
    const words = ['东区', '旧城', '改造', '征收', '补偿', '方案'];
    expect(similarGroups([req('r1', 'alice', words), req('r2', 'alice', words)])).toEqual([]);
  });

  it('honours a configured threshold', () => {
    const a = req('r1', 'alice', ['东区', '旧城', '改造', '征收']);
    const b = req('r2', 'bob', ['东区', '旧城', '道路', '绿化']); // 2 of 6 words: 0.33
    expect(similarGroups([a, b])).toEqual([]);
    expect(similarGroups([a, b], 0.3)).toMatchObject([{ ids: ['r1', 'r2'], similarity: 0.33 }]);
    expect(() => similarGroups([a, b], 0)).toThrow(RangeError);
    expect(() => similarGroups([a, b], 1.5)).toThrow(RangeError);
  });

  it('looks back whole calendar months, clamping to the month’s last day', () => {
    expect(lookbackStart('2026-02-13')).toBe('2025-02-13');
    expect(lookbackStart('2026-03-31', 1)).toBe('2026-02-28');
    expect(lookbackStart('2024-02-29', 12)).toBe('2023-02-28');
    expect(lookbackStart('2026-01-15', 3)).toBe('2025-10-15');
  });
});

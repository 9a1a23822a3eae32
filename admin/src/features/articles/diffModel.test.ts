import { describe, expect, it } from 'vitest';
import type { DiffPart } from '../../api/content.ts';
import { collapseUnchanged, defaultComparePair, diffCounts, inlineParts, sideBySide, toLines, type DiffRow } from './diffModel.ts';

const parts: DiffPart[] = [
  { kind: 'same', text: '第一段\n' },
  { kind: 'removed', text: '旧的第二段\n旧的第三段\n' },
  { kind: 'added', text: '新的第二段\n' },
  { kind: 'same', text: '第四段\n' },
  { kind: 'added', text: '新增的第五段\n' },
];

describe('diff rows', () => {
  it('splits parts into lines', () => {
    expect(toLines([{ kind: 'same', text: 'a\n\nb\n' }])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: '' },
      { kind: 'same', text: 'b' },
    ]);
    expect(toLines([{ kind: 'added', text: '无换行' }])).toEqual([{ kind: 'added', text: '无换行' }]);
  });

  it('pairs removed lines with the added lines that replace them', () => {
    expect(sideBySide(parts)).toEqual([
      { kind: 'same', left: '第一段', right: '第一段' },
      { kind: 'changed', left: '旧的第二段', right: '新的第二段' },
      { kind: 'removed', left: '旧的第三段', right: null },
      { kind: 'same', left: '第四段', right: '第四段' },
      { kind: 'added', left: null, right: '新增的第五段' },
    ]);
  });

  it('folds long unchanged runs but keeps context around changes', () => {
    const same = (n: number): DiffRow[] => Array.from({ length: n }, (_, i) => ({ kind: 'same', left: `s${i}`, right: `s${i}` }));
    const change: DiffRow = { kind: 'changed', left: 'a', right: 'b' };
    const rows = [...same(10), change, ...same(10), change, ...same(3)];
    const folded = collapseUnchanged(rows);
    expect(folded[0]).toEqual({ kind: 'skip', count: 8 });
    expect(folded.slice(1, 4).map((r) => r.kind)).toEqual(['same', 'same', 'changed']);
    expect(folded[6]).toEqual({ kind: 'skip', count: 6 });
    expect(folded.slice(-3).map((r) => r.kind)).toEqual(['same', 'same', 'same']);
    expect(collapseUnchanged(same(4))).toHaveLength(4);
  });

  it('merges inline parts and counts lines', () => {
    expect(
      inlineParts([
        { kind: 'same', text: '关于' },
        { kind: 'same', text: '' },
        { kind: 'removed', text: '2023' },
        { kind: 'added', text: '2024' },
        { kind: 'added', text: '年' },
      ]),
    ).toEqual([
      { kind: 'same', text: '关于' },
      { kind: 'removed', text: '2023' },
      { kind: 'added', text: '2024年' },
    ]);
    expect(diffCounts(parts)).toEqual({ added: 2, removed: 2 });
  });
});

describe('defaultComparePair', () => {
  const revs = [
    { id: 'r1', number: 1 },
    { id: 'r3', number: 3 },
    { id: 'r2', number: 2 },
  ];
  it('compares the current revision with the live one when another is live', () => {
    expect(defaultComparePair(revs, 'r3', 'r1')).toEqual({ from: 'r1', to: 'r3' });
  });
  it('otherwise with the previous revision', () => {
    expect(defaultComparePair(revs, 'r3', 'r3')).toEqual({ from: 'r2', to: 'r3' });
    expect(defaultComparePair(revs, 'r3', null)).toEqual({ from: 'r2', to: 'r3' });
  });
  it('has nothing to compare for a single revision', () => {
    expect(defaultComparePair([{ id: 'r1', number: 1 }], 'r1', null)).toBeNull();
    expect(defaultComparePair([], null, null)).toBeNull();
  });
});

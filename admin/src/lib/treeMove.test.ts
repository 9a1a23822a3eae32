import { describe, expect, it } from 'vitest';
import { appendSortOrder, dropTargetOf, placeMovedLast, planMove, type Orderable } from './treeMove.ts';

const col = (id: string, parentId: string | null, sortOrder: number): Orderable => ({ id, parentId, sortOrder });

const spaced = [col('news', null, 10), col('notice', null, 20), col('policy', null, 30), col('local', 'news', 10)];

describe('antd drop info', () => {
  it('reads inside, before and after', () => {
    expect(dropTargetOf({ nodeId: 'x', nodePos: '0-2', dropPosition: 2, dropToGap: false })).toEqual({ kind: 'inside', parentId: 'x' });
    expect(dropTargetOf({ nodeId: 'x', nodePos: '0-2', dropPosition: 1, dropToGap: true })).toEqual({ kind: 'before', siblingId: 'x' });
    expect(dropTargetOf({ nodeId: 'x', nodePos: '0-0-3', dropPosition: 4, dropToGap: true })).toEqual({ kind: 'after', siblingId: 'x' });
  });
});

describe('planning a move', () => {
  it('takes a free number between the new neighbours (one PATCH)', () => {
    expect(planMove(spaced, 'policy', { kind: 'after', siblingId: 'news' })).toEqual({
      parentId: null,
      updates: [{ id: 'policy', sortOrder: 15 }],
    });
    expect(planMove(spaced, 'policy', { kind: 'before', siblingId: 'news' })).toEqual({
      parentId: null,
      updates: [{ id: 'policy', sortOrder: 0 }],
    });
  });

  it('moves under another parent, first in place, and sends the new parent', () => {
    expect(planMove(spaced, 'notice', { kind: 'inside', parentId: 'news' })).toEqual({
      parentId: 'news',
      updates: [{ id: 'notice', sortOrder: 0, parentId: 'news' }],
    });
    expect(planMove(spaced, 'local', { kind: 'after', siblingId: 'policy' })).toEqual({
      parentId: null,
      updates: [{ id: 'local', sortOrder: 40, parentId: null }],
    });
    expect(planMove(spaced, 'notice', { kind: 'inside', parentId: 'local' })).toEqual({
      parentId: 'local',
      updates: [{ id: 'notice', sortOrder: 10, parentId: 'local' }],
    });
  });

  it('renumbers the siblings when no number is free', () => {
    const crowded = [col('a', null, 0), col('b', null, 0), col('c', null, 0), col('d', null, 1)];
    expect(planMove(crowded, 'd', { kind: 'after', siblingId: 'a' })).toEqual({
      parentId: null,
      updates: [
        { id: 'd', sortOrder: 20 },
        { id: 'a', sortOrder: 10 },
        { id: 'b', sortOrder: 30 },
        { id: 'c', sortOrder: 40 },
      ],
    });
    // Only siblings whose number changes are patched.
    const tight = [col('a', null, 10), col('b', null, 11), col('c', null, 30)];
    expect(planMove(tight, 'c', { kind: 'after', siblingId: 'a' })).toEqual({
      parentId: null,
      updates: [
        { id: 'c', sortOrder: 20 },
        { id: 'b', sortOrder: 30 },
      ],
    });
  });

  it('does nothing when the item stays where it is', () => {
    expect(planMove(spaced, 'notice', { kind: 'after', siblingId: 'news' })).toEqual({ parentId: null, updates: [] });
    expect(planMove(spaced, 'notice', { kind: 'before', siblingId: 'policy' })).toEqual({ parentId: null, updates: [] });
    expect(planMove(spaced, 'local', { kind: 'inside', parentId: 'news' })).toEqual({ parentId: 'news', updates: [] });
  });

  it('refuses drops into the own subtree or onto unknown items', () => {
    expect(planMove(spaced, 'news', { kind: 'inside', parentId: 'local' })).toBeNull();
    expect(planMove(spaced, 'news', { kind: 'inside', parentId: 'news' })).toBeNull();
    expect(planMove(spaced, 'gone', { kind: 'inside', parentId: null })).toBeNull();
    expect(planMove(spaced, 'news', { kind: 'after', siblingId: 'gone' })).toBeNull();
  });

  it('appends new items after the last sibling', () => {
    expect(appendSortOrder(spaced, null)).toBe(40);
    expect(appendSortOrder(spaced, 'policy')).toBe(10);
  });

  it('puts an item moved by an edit after its new siblings unless a position was given', () => {
    expect(placeMovedLast({ sortOrder: 5 }, spaced, 'local')).toEqual({ sortOrder: 5 });
    expect(placeMovedLast({ parentId: null }, spaced, 'local')).toEqual({ parentId: null, sortOrder: 40 });
    expect(placeMovedLast({ parentId: 'policy', sortOrder: 5 }, spaced, 'local')).toEqual({ parentId: 'policy', sortOrder: 5 });
    // The moved item itself does not count as a sibling.
    expect(placeMovedLast({ parentId: null }, spaced, 'policy')).toEqual({ parentId: null, sortOrder: 30 });
  });
});

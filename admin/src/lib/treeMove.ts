/**
 * Where a dragged tree item lands: the new parent and sort orders to save. Pure.
 *
 * Sort orders are spaced by 10 so that a move usually needs one PATCH (the moved item takes a
 * free number between its new neighbours); only when no number is free are the siblings
 * renumbered 10, 20, 30…, which costs one PATCH per sibling whose number changes.
 */
import { subtreeIds } from './tree.ts';

export const SORT_GAP = 10;
/** The schemas' upper bound for sortOrder. */
export const MAX_SORT_ORDER = 1_000_000;

export interface Orderable {
  id: string;
  parentId: string | null;
  sortOrder: number;
}

/** `inside` puts the item first under `parentId` (null = top level), as antd shows the drop line. */
export type DropTarget = { kind: 'inside'; parentId: string | null } | { kind: 'before' | 'after'; siblingId: string };

export interface OrderUpdate {
  id: string;
  sortOrder: number;
  /** Present only when the item changes parent. */
  parentId?: string | null;
}

export interface MovePlan {
  parentId: string | null;
  /** The moved item first (it carries the parent change), then renumbered siblings. Empty: nothing moves. */
  updates: OrderUpdate[];
}

/** What antd Tree's onDrop reports, reduced to plain values. */
export interface TreeDropInfo {
  nodeId: string;
  /** The drop node's position path, e.g. '0-2-1'. */
  nodePos: string;
  /** antd's absolute drop position (index of the drop node plus -1, 0 or 1). */
  dropPosition: number;
  dropToGap: boolean;
}

export function dropTargetOf(info: TreeDropInfo): DropTarget {
  if (!info.dropToGap) return { kind: 'inside', parentId: info.nodeId };
  const index = Number(info.nodePos.split('-').at(-1) ?? 0);
  return info.dropPosition - index < 0 ? { kind: 'before', siblingId: info.nodeId } : { kind: 'after', siblingId: info.nodeId };
}

const byOrder = <T extends Orderable>(list: T[]): T[] => [...list].sort((a, b) => a.sortOrder - b.sortOrder);

/** A free sort order strictly between the neighbours, or null when the siblings must be renumbered. */
function freeOrderBetween(prev: Orderable | undefined, next: Orderable | undefined): number | null {
  if (!prev && !next) return SORT_GAP;
  if (!prev && next) {
    if (next.sortOrder - SORT_GAP >= 0) return next.sortOrder - SORT_GAP;
    return next.sortOrder >= 1 ? Math.floor(next.sortOrder / 2) : null;
  }
  if (prev && !next) return prev.sortOrder + SORT_GAP <= MAX_SORT_ORDER ? prev.sortOrder + SORT_GAP : null;
  if (prev && next && next.sortOrder - prev.sortOrder >= 2) return prev.sortOrder + Math.floor((next.sortOrder - prev.sortOrder) / 2);
  return null;
}

/** Plans a move; null when the drop is impossible (unknown item, or into its own subtree). */
export function planMove(items: readonly Orderable[], dragId: string, target: DropTarget): MovePlan | null {
  const byId = new Map(items.map((i) => [i.id, i]));
  const dragged = byId.get(dragId);
  if (!dragged) return null;
  // Same rule as buildTree: a parent that is not in the list counts as the top level.
  const parentOf = (i: Orderable): string | null => (i.parentId !== null && byId.has(i.parentId) ? i.parentId : null);

  let parentId: string | null;
  if (target.kind === 'inside') {
    parentId = target.parentId;
    if (parentId !== null && !byId.has(parentId)) return null;
  } else {
    const sibling = byId.get(target.siblingId);
    if (!sibling || sibling.id === dragId) return null;
    parentId = parentOf(sibling);
  }
  if (parentId !== null && subtreeIds(items, dragId).has(parentId)) return null;

  const siblings = byOrder(items.filter((i) => i.id !== dragId && parentOf(i) === parentId));
  const index = target.kind === 'inside' ? 0 : siblings.findIndex((s) => s.id === target.siblingId) + (target.kind === 'after' ? 1 : 0);

  const parentChanged = dragged.parentId !== parentId;
  if (!parentChanged) {
    const before = byOrder(items.filter((i) => parentOf(i) === parentId));
    if (before.findIndex((i) => i.id === dragId) === index) return { parentId, updates: [] };
  }
  const moved = (sortOrder: number): OrderUpdate => (parentChanged ? { id: dragId, sortOrder, parentId } : { id: dragId, sortOrder });

  const free = freeOrderBetween(siblings[index - 1], siblings[index]);
  if (free !== null) return { parentId, updates: [moved(free)] };

  const order = [...siblings.slice(0, index), dragged, ...siblings.slice(index)];
  const updates: OrderUpdate[] = [];
  order.forEach((item, i) => {
    const sortOrder = (i + 1) * SORT_GAP;
    if (item.id === dragId) updates.unshift(moved(sortOrder));
    else if (item.sortOrder !== sortOrder) updates.push({ id: item.id, sortOrder });
  });
  return { parentId, updates };
}

/** The sort order for a new item added after the existing children of `parentId`. */
export function appendSortOrder(items: readonly Orderable[], parentId: string | null): number {
  const max = items.filter((i) => i.parentId === parentId).reduce((m, i) => Math.max(m, i.sortOrder), 0);
  return Math.min(max + SORT_GAP, MAX_SORT_ORDER);
}

/**
 * An edit that moves `id` under a new parent without giving a position puts it after its new
 * siblings rather than keep its old number (which could land it anywhere among them). Returns
 * the changes with the sort order added when that applies.
 */
export function placeMovedLast<C extends { parentId?: string | null | undefined; sortOrder?: number | undefined }>(
  changes: C,
  items: readonly Orderable[],
  id: string,
): C {
  if (changes.parentId === undefined || changes.sortOrder !== undefined) return changes;
  return {
    ...changes,
    sortOrder: appendSortOrder(
      items.filter((i) => i.id !== id),
      changes.parentId ?? null,
    ),
  };
}

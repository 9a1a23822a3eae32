/**
 * Trees from flat lists linked by parentId (orgs, sites, columns). Pure.
 * The server sends flat lists in display order; these helpers keep that order among siblings.
 */

export interface ParentLinked {
  id: string;
  parentId: string | null;
}

export interface TreeNode<T> {
  item: T;
  children: TreeNode<T>[];
}

/**
 * Builds the forest. An item whose parent is not in the list (filtered out, or not visible to
 * this user) becomes a root rather than disappearing; a corrupt cycle is broken instead of
 * looping forever.
 */
export function buildTree<T extends ParentLinked>(items: readonly T[]): TreeNode<T>[] {
  const ids = new Set(items.map((i) => i.id));
  const childrenOf = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = item.parentId !== null && item.parentId !== item.id && ids.has(item.parentId) ? item.parentId : null;
    const list = childrenOf.get(parent);
    if (list) list.push(item);
    else childrenOf.set(parent, [item]);
  }

  const visited = new Set<string>();
  const build = (item: T): TreeNode<T> => {
    visited.add(item.id);
    const children = (childrenOf.get(item.id) ?? []).filter((c) => !visited.has(c.id));
    return { item, children: children.map(build) };
  };

  const roots = (childrenOf.get(null) ?? []).map(build);
  // Items only reachable through a cycle: show them at the top so they can be repaired.
  for (const item of items) if (!visited.has(item.id)) roots.push(build(item));
  return roots;
}

/** Maps a forest bottom-up (children first), e.g. into antd treeData. */
export function mapTree<T, R>(nodes: readonly TreeNode<T>[], fn: (item: T, children: R[]) => R): R[] {
  return nodes.map((n) => fn(n.item, mapTree(n.children, fn)));
}

/** The id and the ids of everything below it: where an item may not be moved to. */
export function subtreeIds(items: readonly ParentLinked[], id: string): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const i of items) {
    if (i.parentId === null) continue;
    const list = childrenOf.get(i.parentId);
    if (list) list.push(i.id);
    else childrenOf.set(i.parentId, [i.id]);
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(childrenOf.get(next) ?? []));
  }
  return out;
}

/** The ids above an item, nearest first (for expanding the tree down to it). */
export function ancestorIds(items: readonly ParentLinked[], id: string): string[] {
  const parentOf = new Map(items.map((i) => [i.id, i.parentId]));
  const out: string[] = [];
  const seen = new Set([id]);
  for (let p = parentOf.get(id) ?? null; p !== null && !seen.has(p); p = parentOf.get(p) ?? null) {
    seen.add(p);
    out.push(p);
  }
  return out;
}

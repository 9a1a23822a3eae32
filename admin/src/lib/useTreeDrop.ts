/**
 * Drag-and-drop in the org and column trees: turn antd's drop into a move plan, refuse a
 * move under oneself, save a reorder at once, and ask first when the parent changes.
 */
import { App, type TreeProps } from 'antd';
import { dropTargetOf, planMove, type Orderable, type OrderUpdate } from './treeMove.ts';

export interface TreeDropOptions<T extends Orderable & { name: string }> {
  items: readonly T[];
  byId: ReadonlyMap<string, T>;
  /** A move is being saved: ignore further drops. */
  moving: boolean;
  runMove: (updates: OrderUpdate[]) => Promise<unknown>;
  expandTo: (id: string) => void;
  /** What the tree holds, e.g. 单位 or 栏目. */
  noun: string;
  /** What an item at the top is called, e.g. 顶层单位 or 一级栏目. */
  topLevel: string;
}

export function useTreeDrop<T extends Orderable & { name: string }>(o: TreeDropOptions<T>): TreeProps['onDrop'] {
  const { message, modal } = App.useApp();
  return (info) => {
    // `draggable` stays on while a move saves (rc-tree clears its drag highlight only on a
    // dragend it still listens for); the Spin blocks the tree meanwhile, this is the backstop.
    if (o.moving) return;
    const dragId = String(info.dragNode.key);
    const target = dropTargetOf({
      nodeId: String(info.node.key),
      nodePos: info.node.pos,
      dropPosition: info.dropPosition,
      dropToGap: info.dropToGap,
    });
    const plan = planMove(o.items, dragId, target);
    if (!plan) {
      void message.warning(`不能移动到自身或其下级${o.noun}之下`);
      return;
    }
    const [first] = plan.updates;
    if (!first) return;
    if (first.parentId === undefined) {
      void o.runMove(plan.updates);
      return;
    }
    const name = o.byId.get(dragId)?.name ?? '';
    const parent = plan.parentId ? o.byId.get(plan.parentId) : undefined;
    modal.confirm({
      title: `移动${o.noun}`,
      content: parent
        ? `确定将「${name}」移到「${parent.name}」之下吗？其下级${o.noun}将一并移动。`
        : `确定将「${name}」移为${o.topLevel}吗？其下级${o.noun}将一并移动。`,
      okText: '移动',
      cancelText: '取消',
      onOk: () => {
        if (plan.parentId) o.expandTo(plan.parentId);
        return o.runMove(plan.updates);
      },
    });
  };
}

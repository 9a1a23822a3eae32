import { describe, expect, it } from 'vitest';
import { ancestorIds, buildTree, mapTree, subtreeIds } from './tree.ts';

const items = [
  { id: 'city', parentId: null },
  { id: 'edu', parentId: 'city' },
  { id: 'county', parentId: 'city' },
  { id: 'county-edu', parentId: 'county' },
  { id: 'orphan', parentId: 'not-visible' },
];

const shape = (nodes: ReturnType<typeof buildTree<(typeof items)[number]>>) =>
  mapTree<(typeof items)[number], string>(nodes, (item, children) => (children.length ? `${item.id}(${children.join(',')})` : item.id));

describe('tree building', () => {
  it('nests children in list order and keeps items with an unknown parent as roots', () => {
    expect(shape(buildTree(items))).toEqual(['city(edu,county(county-edu))', 'orphan']);
  });

  it('survives a cycle and a self-parent', () => {
    const cyclic = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
      { id: 'c', parentId: 'c' },
    ];
    const forest = buildTree(cyclic);
    expect(forest.map((n) => n.item.id)).toEqual(['c', 'a']);
    expect(forest[1]?.children.map((n) => n.item.id)).toEqual(['b']);
  });

  it('finds a subtree and the ancestors', () => {
    expect([...subtreeIds(items, 'county')].sort()).toEqual(['county', 'county-edu']);
    expect([...subtreeIds(items, 'edu')]).toEqual(['edu']);
    expect(ancestorIds(items, 'county-edu')).toEqual(['county', 'city']);
    expect(ancestorIds(items, 'city')).toEqual([]);
  });
});

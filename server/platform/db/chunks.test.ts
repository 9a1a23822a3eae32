import { describe, expect, it } from 'vitest';
import { chunks, fetchInChunks } from './chunks.ts';

describe('chunks', () => {
  it('splits a list into runs of at most the size', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
  });

  it('gathers rows of every part into one array however many there are (no argument-list limit)', async () => {
    const parts: number[][] = [];
    const rows = await fetchInChunks([1, 2, 3], 2, async (part) => {
      parts.push(part);
      return Array.from({ length: 200_000 }, (_, i) => part[0]! * 1_000_000 + i);
    });
    expect(parts).toEqual([[1, 2], [3]]);
    expect(rows).toHaveLength(400_000);
    expect(rows.at(-1)).toBe(3_199_999);
  });
});

import { describe, expect, it } from 'vitest';
import { channelSlugBase, freeSlug, mergeSlugs } from './merge.ts';

describe('slugs of a merged site in its portal', () => {
  it('uses the 网站标识码, else the id, and a free variant when taken', () => {
    expect(channelSlugBase({ id: 'ABCDEF12-3456', code: '9901000062' })).toBe('9901000062');
    expect(channelSlugBase({ id: 'abcdef12-3456', code: null })).toBe('site-abcdef12');
    expect(freeSlug('gzdt', new Set(['gzdt', 'gzdt-2']))).toBe('gzdt-3');
    expect(freeSlug('a'.repeat(64), new Set(['a'.repeat(64)]))).toBe(`${'a'.repeat(62)}-2`);
  });

  it('keeps the channel off reserved paths and renames moved columns whose slug the portal uses', () => {
    const r = mergeSlugs(
      { id: 'x', code: 'bsfw' },
      ['gzdt', 'bsfw-2'],
      [
        { id: 'c1', slug: 'gzdt' },
        { id: 'c2', slug: 'zcwj' },
        { id: 'c3', slug: 'hdjl' },
      ],
    );
    expect(r.channel).toBe('bsfw-3');
    expect([...r.renamed]).toEqual([['c1', 'gzdt-2']]);
  });
});

import { describe, expect, it } from 'vitest';
import { pickSite } from './sitePick.ts';

const options = [{ value: 'a' }, { value: 'b' }];

describe('pickSite', () => {
  it('prefers the screen’s own choice, then the header’s site, then a single option', () => {
    expect(pickSite('b', 'a', options)).toBe('b');
    expect(pickSite(null, 'a', options)).toBe('a');
    expect(pickSite(null, null, [{ value: 'only' }])).toBe('only');
  });

  it('ignores choices that are not offered and leaves several options to the user', () => {
    expect(pickSite('x', 'y', options)).toBeNull();
    expect(pickSite(null, null, options)).toBeNull();
    expect(pickSite(null, null, [])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './throttle.ts';

const MIN = 60_000;

describe('the sliding-window limiter', () => {
  it('gives a key max places in any window and says how long until the oldest frees', () => {
    const l = new SlidingWindowLimiter({ max: 3, windowMs: 10 * MIN, maxKeys: 100 });
    expect([0, MIN, 2 * MIN].map((t) => l.take('a', t).ok)).toEqual([true, true, true]);
    expect(l.take('a', 3 * MIN)).toEqual({ ok: false, retryAfterMs: 7 * MIN });
    // Another key is not held by a's places.
    expect(l.take('b', 3 * MIN).ok).toBe(true);
    // The window slides: at 10 minutes the first place has freed, the other two have not.
    expect(l.take('a', 10 * MIN).ok).toBe(true);
    expect(l.take('a', 10 * MIN + 1)).toEqual({ ok: false, retryAfterMs: MIN - 1 });
  });

  it('frees a place given back, and only that one', () => {
    const l = new SlidingWindowLimiter({ max: 2, windowMs: MIN, maxKeys: 10 });
    const first = l.take('a', 0);
    const second = l.take('a', 10);
    expect(l.take('a', 20).ok).toBe(false);
    if (!second.ok || !first.ok) throw new Error('expected places');
    l.giveBack('a', second.at);
    expect(l.take('a', 30).ok).toBe(true);
    expect(l.take('a', 40).ok).toBe(false);
    // Giving back what was never taken changes nothing.
    l.giveBack('a', 12345);
    l.giveBack('nobody', 0);
    expect(l.take('a', 50).ok).toBe(false);
  });

  it('remembers at most maxKeys keys, forgetting the least recently used first', () => {
    const l = new SlidingWindowLimiter({ max: 1, windowMs: 10 * MIN, maxKeys: 3 });
    for (const k of ['a', 'b', 'c']) l.take(k, 0);
    expect(l.take('a', 1).ok).toBe(false);
    for (let i = 0; i < 10_000; i++) l.take(`flood-${i}`, 2);
    expect(l.size).toBe(3);
    // a was pushed out by the flood: it starts afresh (the bound costs precision, never memory).
    expect(l.take('a', 3).ok).toBe(true);
  });

  it('forgets keys whose places have all left the window', () => {
    const l = new SlidingWindowLimiter({ max: 2, windowMs: MIN, maxKeys: 100 });
    for (let i = 0; i < 50; i++) l.take(`k${i}`, i);
    expect(l.size).toBe(50);
    l.take('late', 10 * MIN);
    expect(l.size).toBe(1);
  });

  it('refuses nonsensical limits', () => {
    expect(() => new SlidingWindowLimiter({ max: 0, windowMs: MIN, maxKeys: 1 })).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter({ max: 1, windowMs: 0, maxKeys: 1 })).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter({ max: 1, windowMs: MIN, maxKeys: 0 })).toThrow(RangeError);
  });
});

/**
 * A sliding-window limit per key, kept in memory and bounded: at most `max` places per key in
 * any `windowMs`, and at most `maxKeys` keys remembered (the least recently used key is
 * forgotten first, so a flood of new keys costs memory only up to the bound; a forgotten key
 * starts afresh). Pure: the caller passes the time, in milliseconds.
 */

/** The numbers of one limit. */
export interface WindowLimit {
  /** Places a key may hold within one window. */
  max: number;
  windowMs: number;
  /** Keys remembered at once. */
  maxKeys: number;
}

/** A place taken (`at`: hand it back with `giveBack`), or the wait before the next one frees. */
export type Take = { ok: true; at: number } | { ok: false; retryAfterMs: number };

export class SlidingWindowLimiter {
  /** Per key, the moments its places were taken, oldest first; the map's order is the order of last use. */
  readonly #taken = new Map<string, number[]>();

  constructor(private readonly limit: WindowLimit) {
    if (!(limit.max >= 1 && limit.windowMs > 0 && limit.maxKeys >= 1)) throw new RangeError('limit needs max, windowMs and maxKeys ≥ 1');
  }

  /** Keys remembered now. */
  get size(): number {
    return this.#taken.size;
  }

  /** Takes one of `key`'s places at `now`, unless all `max` were taken within the window. */
  take(key: string, now: number): Take {
    this.#forgetExpired(now);
    const live = (this.#taken.get(key) ?? []).filter((t) => t > now - this.limit.windowMs);
    if (live.length >= this.limit.max) {
      const oldest = live[0] ?? now;
      this.#taken.set(key, live);
      return { ok: false, retryAfterMs: Math.max(1, oldest + this.limit.windowMs - now) };
    }
    live.push(now);
    // Re-inserted: the key is now the most recently used.
    this.#taken.delete(key);
    this.#taken.set(key, live);
    while (this.#taken.size > this.limit.maxKeys) {
      const first = this.#taken.keys().next();
      if (first.done) break;
      this.#taken.delete(first.value);
    }
    return { ok: true, at: now };
  }

  /** Frees the place taken at `at` (the request took nothing in after all). */
  giveBack(key: string, at: number): void {
    const list = this.#taken.get(key);
    if (!list) return;
    const i = list.lastIndexOf(at);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.#taken.delete(key);
  }

  /** Drops keys from the least recently used end while their last place has left the window. */
  #forgetExpired(now: number): void {
    for (const [key, list] of this.#taken) {
      const last = list.at(-1);
      if (last !== undefined && last > now - this.limit.windowMs) break;
      this.#taken.delete(key);
    }
  }
}

/** Which fields an edit changed, so a PATCH sends (and the audit log records) only those. Pure. */

/** Stable JSON: object keys sorted, so {a,b} and {b,a} compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** True when the two values differ; undefined and null count as the same "empty". */
export function differs(a: unknown, b: unknown): boolean {
  return canonical(a ?? null) !== canonical(b ?? null);
}

/** The entries of `next` (limited to `keys`) that differ from `before`. */
export function changedFields<T extends object, K extends keyof T>(
  before: Partial<Record<K, unknown>>,
  next: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (k in next && differs(before[k], next[k])) out[k] = next[k];
  return out;
}

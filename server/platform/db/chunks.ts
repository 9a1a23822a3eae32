/** Splits `list` into runs of at most `size` (rows per INSERT, ids per `IN (…)` list). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Rows fetched for `ids` a part at a time (an `IN (…)` list per part), in one array however many there are. */
export async function fetchInChunks<I, R>(ids: readonly I[], size: number, fetch: (part: I[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunks(ids, size)) for (const row of await fetch(part)) out.push(row);
  return out;
}

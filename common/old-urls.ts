/**
 * The query of an old URL in one canonical form, so that one page asked for with its parameters
 * in another order is still the same page: the raw `name=value` pairs (left percent-encoded as
 * they came: a GBK-encoded value must not be decoded as UTF-8) sorted, empty ones dropped.
 * Used for the import's record of old URLs and for the lookup of a request on an old host.
 */
export function canonicalQuery(search: string): string {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  const pairs = raw.split('&').filter((p) => p !== '');
  if (pairs.length === 0) return '';
  return `?${pairs.sort().join('&')}`;
}

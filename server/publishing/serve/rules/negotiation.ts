/** Content negotiation and conditional requests for static files (RFC 9110 §12.5.3, §13.1). */

export const ACCEPT_BR = 1;
export const ACCEPT_GZIP = 2;

/**
 * Which precompressed encodings an Accept-Encoding header allows, as a bit set of ACCEPT_BR and
 * ACCEPT_GZIP. A coding is allowed when listed (or covered by `*`) with a q-value above zero.
 */
export function acceptedEncodings(header: string | undefined): number {
  if (!header) return 0;
  let br = -1;
  let gzip = -1;
  let star = -1;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*(.*?)\s*$/i.exec(p);
      // A q-value that is not a number between 0 and 1 refuses the coding.
      if (m) q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(m[1] as string) ? Number(m[1]) : 0;
    }
    if (coding === 'br') br = q;
    else if (coding === 'gzip' || coding === 'x-gzip') gzip = Math.max(gzip, q);
    else if (coding === '*') star = q;
  }
  if (br < 0) br = star;
  if (gzip < 0) gzip = star;
  return (br > 0 ? ACCEPT_BR : 0) | (gzip > 0 ? ACCEPT_GZIP : 0);
}

/** True when an If-None-Match header matches the entity tag (weak comparison, as for GET). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch === etag) return true;
  const bare = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const part of ifNoneMatch.split(',')) {
    const t = part.trim();
    if (t === '*') return true;
    if ((t.startsWith('W/') ? t.slice(2) : t) === bare) return true;
  }
  return false;
}

/** True when the file has not changed since an If-Modified-Since date (HTTP dates have whole seconds). */
export function notModifiedSince(ifModifiedSince: string, mtimeMs: number): boolean {
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(mtimeMs / 1000) * 1000 <= since;
}

/** A strong entity tag from size and modification time, with the coding for precompressed variants. */
export function entityTag(size: number, mtimeMs: number, coding: '' | 'br' | 'gzip' = ''): string {
  return `"${Math.floor(mtimeMs).toString(16)}-${size.toString(16)}${coding ? `-${coding}` : ''}"`;
}

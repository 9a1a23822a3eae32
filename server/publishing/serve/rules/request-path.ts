/**
 * Turning a request target into a site-relative path that is safe to join to a site's folder.
 * Hostile targets (`..`, encoded slashes or dots, backslashes, NUL, control characters, bad
 * percent-encoding) are refused before any file is looked at; dot-files (the publisher's temp
 * files) are never served.
 */

export type PathResult = { ok: true; path: string } | { ok: false; status: 400 | 404 };

export const MAX_PATH_LENGTH = 2048;

const BAD_400 = { ok: false, status: 400 } as const;
const NOT_FOUND = { ok: false, status: 404 } as const;

/** Anything that needs the careful route: percent-escapes, backslashes, dot segments, empty segments, NUL. */
const NEEDS_CARE = /%|\\|\/\.|\/\/|\0/;
/** Encoded slash, backslash or NUL: never part of a published path. */
const ENCODED_SEPARATOR = /%(2f|5c|00)/i;
// Control characters are exactly what this check looks for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\\]/;

/**
 * The path part of a request target (`/a/b.html?x=1` → `/a/b.html`), decoded and checked.
 * 400 for malformed or hostile targets; 404 for paths that cannot name a published file.
 */
export function parseRequestPath(target: string): PathResult {
  const q = target.indexOf('?');
  const raw = q < 0 ? target : target.slice(0, q);
  if (raw.charCodeAt(0) !== 47 /* / */ || raw.length > MAX_PATH_LENGTH) return BAD_400;
  // Fast path for the usual request: nothing to decode, no dot or empty segment.
  if (!NEEDS_CARE.test(raw)) return { ok: true, path: raw };
  if (ENCODED_SEPARATOR.test(raw)) return BAD_400;
  let path: string;
  try {
    path = raw.includes('%') ? decodeURIComponent(raw) : raw;
  } catch {
    return BAD_400;
  }
  if (CONTROL.test(path)) return BAD_400;
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i] as string;
    if (s === '.' || s === '..') return BAD_400;
    // An empty segment is only allowed last (a folder's trailing slash).
    if (s === '' && i < segments.length - 1) return NOT_FOUND;
    if (s.charCodeAt(0) === 46 /* . */) return NOT_FOUND;
  }
  return { ok: true, path };
}

/** The file a site path names: a folder path (trailing slash) names its index.html. */
export function fileOfPath(path: string): string {
  return path.endsWith('/') ? `${path}index.html` : path;
}

export interface PreviewTarget {
  code: string;
  /** The rest of the target after `/sites/<code>` (may be empty or start with `/` or `?`). */
  rest: string;
}

const PREVIEW = /^\/sites\/([A-Za-z0-9]{1,32})(?=$|[/?])/;

/** Splits `/sites/<code>/…` into the code and the rest; null when the target is not of that form. */
export function splitPreviewTarget(target: string): PreviewTarget | null {
  const m = PREVIEW.exec(target);
  if (!m) return null;
  return { code: m[1] as string, rest: target.slice(m[0].length) };
}

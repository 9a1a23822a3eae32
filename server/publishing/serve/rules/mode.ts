/**
 * The elderly-friendly (适老化) mode without JavaScript: a link to `_mode/elder?back=…` sets a
 * cookie and sends the visitor back; the page's `assets/mode.css` then carries the larger,
 * higher-contrast look. `back` comes from a link anyone can craft, so it is only ever a path
 * inside the same site.
 */

export const MODE_COOKIE = 'gk_mode';
export const MODES = ['elder', 'standard'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_COOKIE_MAX_AGE = 31_536_000;

const MAX_BACK_LENGTH = 1024;
/** ASCII characters of a path and query in a URL, without `\`, `#`, spaces, double quotes or angle brackets. */
const BACK_CHARS = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$/;

/**
 * The validated `back` path: starts with one `/`, no `//`, no backslash, no scheme, no dot
 * segments (plain or percent-encoded), no control characters. Null when it is not such a path.
 */
export function safeBackPath(back: unknown): string | null {
  if (typeof back !== 'string' || back.length === 0 || back.length > MAX_BACK_LENGTH) return null;
  let ascii: string;
  let decoded: string;
  try {
    // Chinese characters in a path are sent percent-encoded (a Location header is ASCII).
    ascii = back.replace(/[\u0080-\uffff]+/g, (s) => encodeURIComponent(s));
    if (!BACK_CHARS.test(ascii) || ascii.startsWith('//')) return null;
    const q = ascii.indexOf('?');
    decoded = decodeURIComponent(q < 0 ? ascii : ascii.slice(0, q));
  } catch {
    return null; // lone surrogates, bad percent-encoding
  }
  // Decoded, the path must still be a plain path: `/%2F%2Fevil.example` is `//evil.example`.
  // eslint-disable-next-line no-control-regex
  if (decoded.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(decoded)) return null;
  if (decoded.split('/').some((s) => s === '.' || s === '..')) return null;
  return ascii;
}

/**
 * Where the mode switch sends the visitor: the path itself on the site's own domain, or under
 * `/sites/<code>` in the preview. An unusable `back` goes to the site's home page.
 */
export function modeRedirectTarget(code: string, back: unknown, onPublicHost: boolean): string {
  const path = safeBackPath(back) ?? '/';
  return onPublicHost ? path : `/sites/${code}${path}`;
}

/** True when a Cookie header selects the elderly-friendly mode. */
export function cookieSelectsElder(cookieHeader: string | undefined): boolean {
  if (!cookieHeader || !cookieHeader.includes(MODE_COOKIE)) return false;
  return /(?:^|;)\s*gk_mode\s*=\s*"?elder"?\s*(?:;|$)/.test(cookieHeader);
}

/**
 * The renderer's one way to build markup: the `html` tagged template escapes every interpolated
 * value unless it is already `SafeHtml`.
 *
 * Rule: a `SafeHtml` comes from exactly two places.
 * 1. The `html` template itself, whose static parts are written by us and whose holes are escaped.
 * 2. `trustedSanitized(s)`, only for strings returned by the one sanitiser
 *    (`server/platform/html/sanitize.ts`, `sanitizeRichText`): article bodies and other rich text.
 * Nothing else may construct one; the class refuses construction without the module-private token.
 *
 * Attribute values must be written in double quotes in templates (`href="${url}"`): escaping turns
 * quotes into entities, so a value can never leave its attribute. URLs additionally go through
 * `safeUrl`, which refuses `javascript:`, `data:` and other schemes.
 */

const TOKEN: unique symbol = Symbol('SafeHtml');

/** Markup that is safe to emit as is. See the module comment for who may create one. */
export class SafeHtml {
  readonly #html: string;
  constructor(token: typeof TOKEN, markup: string) {
    if (token !== TOKEN) throw new TypeError('SafeHtml is created only by html`` or trustedSanitized()');
    this.#html = markup;
  }
  toString(): string {
    return this.#html;
  }
}

/** A value that may appear in a template hole. `null`, `undefined` and `false` render nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content. Also valid XML (only predefined or numeric entities). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Escapes text for a double-quoted attribute value (same set as `escapeHtml`). */
export function escapeAttr(text: string): string {
  return escapeHtml(text);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: static parts are kept, every hole is escaped unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(TOKEN, out);
}

/**
 * Marks a string that went through `sanitizeRichText` as safe. Never pass anything else here:
 * titles, names, metadata and URLs are plain text and go through template holes instead.
 */
export function trustedSanitized(sanitized: string): SafeHtml {
  return new SafeHtml(TOKEN, sanitized);
}

/** Joins fragments with a separator (escaped if it is a plain string). */
export function joinHtml(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(TOKEN, parts.map(render).join(sep));
}

/**
 * Returns the URL if it is safe to put in `href`/`src`: a site-relative path (`/…`, not `//…`),
 * a page-relative one (`../a.html`), or an absolute `http:`, `https:` or `mailto:` URL. Anything else (`javascript:`, `data:`,
 * `vbscript:`, protocol-relative, control characters) gives `null`.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const u = url.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(u)) return null;
  if (u.startsWith('/')) return u.startsWith('//') || u.startsWith('/\\') ? null : u;
  if (/^https?:\/\/[^/\\]/i.test(u) || /^mailto:/i.test(u)) return u;
  // A relative reference (`../a/b.html`, `./`): no scheme before the first `/`, `?` or `#`, no backslash.
  if (!u.includes('\\') && !/^[^/?#]*:/.test(u)) return u;
  return null;
}

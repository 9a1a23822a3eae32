/**
 * Resolves internal `gk:` references in sanitised bodies to public URLs.
 *
 * Input is `sanitizeRichText` output: tags are well formed, attribute values are double-quoted
 * and escaped, there are no scripts or comments. So a small tag scanner is enough:
 * - `<a href="gk:article:<id>">` and `<a href="gk:file:<id>">` get the resolver's URL; when the
 *   resolver returns null (unknown or unpublished target) or an unsafe URL, the link is removed
 *   and its text kept.
 * - `<img src="gk:file:<id>">` gets the file URL; unresolvable images are replaced by their alt text.
 * - Any other `gk:` reference is treated as unresolvable.
 */
import { escapeAttr, safeUrl, trustedSanitized, type SafeHtml } from './html.ts';
import type { Links } from './types.ts';

const ATTR = /\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g;

function attrsOf(source: string): [string, string | null][] {
  return [...source.matchAll(ATTR)].map((m) => [(m[1] as string).toLowerCase(), m[2] ?? null]);
}

function writeAttrs(attrs: [string, string | null][]): string {
  return attrs.map(([k, v]) => (v === null ? ` ${k}` : ` ${k}="${v}"`)).join('');
}

function decodeAttr(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Returns the public URL for a `gk:` reference, null if it cannot be resolved, undefined if it is not a `gk:` reference. */
function resolve(raw: string, links: Pick<Links, 'article' | 'file'>, allowArticle: boolean): string | null | undefined {
  const value = decodeAttr(raw).trim();
  if (!/^gk:/i.test(value)) return undefined;
  const m = /^gk:(article|file):([^\s]+)$/i.exec(value);
  if (!m?.[1] || !m[2]) return null;
  const kind = m[1].toLowerCase();
  if (kind === 'article' && !allowArticle) return null;
  return safeUrl(kind === 'article' ? links.article(m[2]) : links.file(m[2]));
}

/** Rewrites `gk:` references in sanitised HTML; see the module comment. */
export function resolveInternalRefs(sanitized: string, links: Pick<Links, 'article' | 'file'>): SafeHtml {
  let out = sanitized.replace(/<a(\s[^>]*)?>([\s\S]*?)<\/a>/gi, (whole, attrSource: string | undefined, inner: string) => {
    const attrs = attrsOf(attrSource ?? '');
    const href = attrs.find(([k]) => k === 'href');
    if (!href?.[1]) return whole;
    const url = resolve(href[1], links, true);
    if (url === undefined) return whole;
    if (url === null) return inner;
    href[1] = escapeAttr(url);
    return `<a${writeAttrs(attrs)}>${inner}</a>`;
  });
  out = out.replace(/<img(\s[^>]*?)?\s*\/?>/gi, (whole, attrSource: string | undefined) => {
    const attrs = attrsOf(attrSource ?? '');
    const src = attrs.find(([k]) => k === 'src');
    if (!src?.[1]) return whole;
    const url = resolve(src[1], links, false);
    if (url === undefined) return whole;
    if (url === null) return attrs.find(([k]) => k === 'alt')?.[1] ?? '';
    src[1] = escapeAttr(url);
    return `<img${writeAttrs(attrs)} />`;
  });
  return trustedSanitized(out);
}

/**
 * Cleans HTML pasted from Word before the editor parses it. The server's sanitiser is the
 * real gate (it drops every style and class); this only keeps Word's noise (mso- styles, Mso
 * classes, conditional comments, <o:p>, local file images) from shaping the editor's content
 * in the meantime. Regex-based on purpose: it runs on a string, before any DOM exists, and a
 * miss here is harmless because the server cleans again. Pure.
 */

const ATTR_VALUE = String.raw`(?:"[^"]*"|'[^']*'|[^\s"'>]+)`;
const CLASS_ATTR = new RegExp(String.raw`\sclass\s*=\s*(${ATTR_VALUE})`, 'gi');
const STYLE_ATTR = new RegExp(String.raw`\sstyle\s*=\s*(${ATTR_VALUE})`, 'gi');

function unquote(v: string): string {
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
}

/** Drops Word's Mso* classes; keeps any others. */
function cleanClass(_m: string, value: string): string {
  const kept = unquote(value)
    .split(/\s+/)
    .filter((c) => c && !/^mso/i.test(c));
  return kept.length ? ` class="${kept.join(' ')}"` : '';
}

/** Drops mso- declarations from a style attribute; keeps the others. */
function cleanStyle(_m: string, value: string): string {
  const kept = unquote(value)
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/^-?mso-/i.test(d));
  return kept.length ? ` style="${kept.join('; ').replace(/"/g, '&quot;')}"` : '';
}

export function cleanPastedHtml(html: string): string {
  return (
    html
      // Conditional comments (<!--[if gte mso 9]>…<![endif]-->) and ordinary comments.
      .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      // Word's document-level blocks carry no content.
      .replace(/<(xml|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<(meta|link)\b[^>]*>/gi, '')
      // Office namespace tags (<o:p>, <w:sdt>, <v:shape>): drop the tags, keep their text.
      .replace(/<\/?(o|w|v|m|st1):[^>]*>/gi, '')
      // Images Word left as local files or inline data cannot be uploaded from here.
      .replace(/<img\b[^>]*\ssrc\s*=\s*["']?(?:file:|data:|blob:)[^>]*>/gi, '')
      .replace(CLASS_ATTR, cleanClass)
      .replace(STYLE_ATTR, cleanStyle)
      // The site's heading levels start at 2 (h1 is the page title).
      .replace(/<(\/?)h1\b/gi, '<$1h2')
  );
}

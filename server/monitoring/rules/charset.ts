/**
 * Decoding a page's bytes: older government sites still serve GBK/GB2312, often saying so only
 * in a `<meta>` tag, sometimes not at all. Order: byte-order mark, the Content-Type header, a
 * `<meta charset>` / `http-equiv` in the first 2 KB, then UTF-8 — and when UTF-8 does not fit
 * the bytes, GB18030 (a superset of GBK and GB2312). Pure.
 */

import { isUtf8 } from 'node:buffer';

const ALIASES: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb_2312: 'gb18030', cp936: 'gb18030' };

function labelFrom(text: string): string | null {
  const m = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text);
  return m?.[1] ? m[1].toLowerCase() : null;
}

function decoderFor(label: string): { decode(bytes: Uint8Array): string } | null {
  try {
    return new TextDecoder(ALIASES[label] ?? label);
  } catch {
    return null;
  }
}

/** The label the bytes are decoded with (after aliasing), for evidence. */
export function detectCharset(bytes: Uint8Array, contentType: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const header = labelFrom(contentType);
  if (header && decoderFor(header)) return ALIASES[header] ?? header;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  const metaTag = /<meta[^>]+charset[^>]*>/i.exec(head);
  const declared = metaTag ? labelFrom(metaTag[0]) : null;
  if (declared && decoderFor(declared)) return ALIASES[declared] ?? declared;
  if (isUtf8(bytes.subarray(0, 65_536))) return 'utf-8';
  // A multi-byte character cut at the 64 KB boundary is not a reason to give up on UTF-8.
  if (bytes.length > 65_536) for (let cut = 1; cut <= 3; cut++) if (isUtf8(bytes.subarray(0, 65_536 - cut))) return 'utf-8';
  return 'gb18030';
}

/** The page's text. Never throws: undecodable bytes become U+FFFD. */
export function decodeHtml(bytes: Uint8Array, contentType: string): { html: string; charset: string } {
  const charset = detectCharset(bytes, contentType);
  if (charset === 'utf-8' || charset === 'utf8') {
    // Node's own UTF-8 decoding, the fast path for most pages; a byte-order mark is not text.
    const html = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    return { html: html.charCodeAt(0) === 0xfeff ? html.slice(1) : html, charset: 'utf-8' };
  }
  const decoder = decoderFor(charset) ?? new TextDecoder('utf-8');
  return { html: decoder.decode(bytes), charset };
}

/**
 * Highlighting as data: a text cut into parts where the search terms match (`hit: true`) and
 * where they do not. Matching ignores ASCII and full-width Latin case, like the index. One
 * implementation for both databases.
 */
import type { TextPart } from '../../../common/schemas/search.ts';

export const SNIPPET_CHARS = 120;
/** Characters of context kept before the first hit. */
const LEAD = 30;
const ELLIPSIS = '…';

/** Lower-cases ASCII and full-width Latin letters, one UTF-16 unit for one, so offsets stay valid. */
function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    out += String.fromCharCode(c);
  }
  return out;
}

function push(parts: TextPart[], text: string, hit: boolean): void {
  if (text === '') return;
  const last = parts.at(-1);
  if (last && last.hit === hit) last.text += text;
  else parts.push({ text, hit });
}

/** `text` in parts; at each position the longest matching term is the hit. */
export function highlightParts(text: string, terms: readonly string[]): TextPart[] {
  const byLength = [...new Set(terms)].filter((t) => t !== '').sort((a, b) => b.length - a.length);
  const folded = fold(text);
  const parts: TextPart[] = [];
  let plainStart = 0;
  for (let i = 0; i < text.length;) {
    const term = byLength.find((t) => folded.startsWith(t, i));
    if (!term) {
      i++;
      continue;
    }
    push(parts, text.slice(plainStart, i), false);
    push(parts, text.slice(i, i + term.length), true);
    i += term.length;
    plainStart = i;
  }
  push(parts, text.slice(plainStart), false);
  return parts;
}

/** Moves an offset off the second half of a surrogate pair. */
const safe = (text: string, i: number) => (i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]!) ? i - 1 : i);

/**
 * About SNIPPET_CHARS characters of the (plain) body around the first hit, highlighted, with
 * an ellipsis where the body goes on; the start of the body when no term occurs in it.
 */
export function snippetParts(body: string, terms: readonly string[], width = SNIPPET_CHARS): TextPart[] {
  const text = body.replace(/\s+/g, ' ').trim();
  const folded = fold(text);
  const hits = terms.map((t) => (t === '' ? -1 : folded.indexOf(t))).filter((i) => i >= 0);
  const first = hits.length > 0 ? Math.min(...hits) : 0;
  let start = Math.max(0, first - LEAD);
  const end = safe(text, Math.min(text.length, start + width));
  start = safe(text, Math.max(0, Math.min(start, end - width)));
  const parts: TextPart[] = [];
  if (start > 0) push(parts, ELLIPSIS, false);
  for (const p of highlightParts(text.slice(start, end), terms)) push(parts, p.text, p.hit);
  if (end < text.length) push(parts, ELLIPSIS, false);
  return parts;
}

/**
 * Plain text, images and links of an article body, for the pre-publication checks. Pure.
 *
 * The body has already been sanitised by the content room, but the checks must still survive
 * anything: htmlparser2's `Parser` keeps its open-element stack with `Array.unshift`, which is
 * quadratic on deeply nested input (50,000 nested `<div>`s take seconds). Text extraction needs no
 * tree, so this walks htmlparser2's `Tokenizer` directly and stays linear.
 *
 * The text is what a reader sees, roughly as a browser renders it: tags removed, entities decoded,
 * runs of HTML whitespace collapsed to one space, and one `\n` at each block boundary (`<p>`,
 * `<div>`, `<li>`, `<br>`, table cells…) so that words from two paragraphs never run together.
 * Offsets in `images` and `links` and `paragraphStarts` are indices into `text`.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export interface ExtractedImage {
  src: string;
  /** `null` when the attribute is absent; `''` when it is present but empty. */
  alt: string | null;
  /** Where the image sits in `text`. */
  offset: number;
}

export interface ExtractedLink {
  href: string;
  /** The link's visible text, trimmed. */
  text: string;
  /** `text.slice(start, end)` of the extracted text is the link's (trimmed) text. */
  start: number;
  end: number;
}

export interface ExtractedText {
  text: string;
  images: ExtractedImage[];
  links: ExtractedLink[];
  /** Offsets in `text` where each paragraph (block element, not `<br>`) begins, ascending. */
  paragraphStarts: number[];
  /** Source map: text run k starts at text offset `runText[k]` and HTML offset `runHtml[k]`. */
  readonly runText: readonly number[];
  readonly runHtml: readonly number[];
  /** 1 where run k is a decoded entity (all of it maps to the entity's start), else 0. */
  readonly runIsEntity: readonly number[];
}

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Content a reader never sees. script/style are raw text to the tokenizer, so they cannot nest.
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'textarea']);
const HTML_SPACE = /[\t\n\f\r ]/;
const NON_SPACE_RUN = /[^\t\n\f\r ]+/g;

/** Extract the readable text, the images and the links of an HTML fragment. Never throws on bad HTML. */
export function extractHtmlText(html: string): ExtractedText {
  const parts: string[] = [];
  let length = 0;
  let lastChar = '';
  let pendingSpace = false;
  let paragraphPending = true;
  const paragraphStarts: number[] = [];
  const runText: number[] = [];
  const runHtml: number[] = [];
  const runIsEntity: number[] = [];
  const images: ExtractedImage[] = [];
  const links: { href: string; start: number; end: number }[] = [];
  let openLink: { href: string; start: number } | null = null;
  let hiddenDepth = 0;

  let tagName = '';
  let attrs = new Map<string, string>();
  let attrName = '';
  let attrValue = '';

  const append = (s: string, htmlStart: number, entity: boolean) => {
    if (pendingSpace && length > 0 && lastChar !== '\n') {
      parts.push(' ');
      length += 1;
    }
    pendingSpace = false;
    if (paragraphPending) {
      paragraphStarts.push(length);
      paragraphPending = false;
    }
    runText.push(length);
    runHtml.push(htmlStart);
    runIsEntity.push(entity ? 1 : 0);
    parts.push(s);
    length += s.length;
    lastChar = s[s.length - 1] ?? lastChar;
  };
  const lineBreak = (paragraph: boolean) => {
    if (length > 0 && lastChar !== '\n') {
      parts.push('\n');
      length += 1;
      lastChar = '\n';
    }
    pendingSpace = false;
    if (paragraph) paragraphPending = true;
  };
  const closeLink = () => {
    if (openLink) links.push({ href: openLink.href, start: openLink.start, end: length });
    openLink = null;
  };

  const openTag = (name: string) => {
    if (HIDDEN.has(name)) {
      if (!VOID.has(name)) hiddenDepth++;
      return;
    }
    if (hiddenDepth > 0) return;
    if (name === 'br') lineBreak(false);
    else if (BLOCK.has(name)) lineBreak(true);
    else if (name === 'img') images.push({ src: (attrs.get('src') ?? '').trim(), alt: attrs.get('alt') ?? null, offset: length });
    else if (name === 'a') {
      // Browsers close an open <a> when another one starts; do the same rather than nest.
      closeLink();
      const href = attrs.get('href');
      if (href !== undefined) openLink = { href: href.trim(), start: length };
    }
  };
  const closeTag = (name: string) => {
    if (HIDDEN.has(name)) {
      if (hiddenDepth > 0) hiddenDepth--;
      return;
    }
    if (hiddenDepth > 0) return;
    if (name === 'br') lineBreak(false);
    else if (BLOCK.has(name)) lineBreak(true);
    else if (name === 'a') closeLink();
  };

  const cbs: TokenizerCallbacks = {
    ontext(start, end) {
      if (hiddenDepth > 0) return;
      const data = html.slice(start, end);
      let last = 0;
      NON_SPACE_RUN.lastIndex = 0;
      for (let m = NON_SPACE_RUN.exec(data); m; m = NON_SPACE_RUN.exec(data)) {
        if (m.index > last) pendingSpace = true;
        append(m[0], start + m.index, false);
        last = m.index + m[0].length;
      }
      if (last < data.length) pendingSpace = true;
    },
    ontextentity(codepoint, end) {
      if (hiddenDepth > 0) return;
      const s = String.fromCodePoint(codepoint);
      if (HTML_SPACE.test(s)) pendingSpace = true;
      else append(s, Math.max(0, html.lastIndexOf('&', end - 1)), true);
    },
    onopentagname(start, end) {
      tagName = html.slice(start, end).toLowerCase();
      attrs = new Map();
    },
    onattribname(start, end) {
      attrName = html.slice(start, end).toLowerCase();
      attrValue = '';
    },
    onattribdata(start, end) {
      attrValue += html.slice(start, end);
    },
    onattribentity(codepoint) {
      attrValue += String.fromCodePoint(codepoint);
    },
    onattribend() {
      // The first of two duplicate attributes wins, as in browsers.
      if (!attrs.has(attrName)) attrs.set(attrName, attrValue);
    },
    onopentagend() {
      openTag(tagName);
    },
    // In HTML a trailing slash does not close a non-void element, so it is just an open tag.
    onselfclosingtag() {
      openTag(tagName);
    },
    onclosetag(start, end) {
      closeTag(html.slice(start, end).toLowerCase());
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
  };

  const tokenizer = new Tokenizer({ decodeEntities: true }, cbs);
  tokenizer.write(html);
  tokenizer.end();
  closeLink();

  let text = parts.join('');
  if (text.endsWith('\n')) text = text.slice(0, -1);
  const clamp = (n: number) => Math.min(n, text.length);
  for (const img of images) img.offset = clamp(img.offset);
  const trimmedLinks = links.map(({ href, start, end }) => {
    let s = clamp(start);
    let e = clamp(end);
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    return { href, text: text.slice(s, e), start: s, end: e };
  });
  return { text, images, links: trimmedLinks, paragraphStarts, runText, runHtml, runIsEntity };
}

/** The HTML offset of a text offset, for highlighting in the editor; exact except inside entities and collapsed spaces. */
export function htmlOffsetAt(extracted: ExtractedText, textOffset: number): number {
  const { runText, runHtml, runIsEntity } = extracted;
  let lo = 0;
  let hi = runText.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runText[mid]! <= textOffset) lo = mid;
    else hi = mid - 1;
  }
  const base = runHtml[lo]!;
  if (runIsEntity[lo] === 1) return base;
  return base + Math.max(0, textOffset - runText[lo]!);
}

/** 1-based number of the paragraph holding `offset`. */
export function paragraphNumberAt(extracted: Pick<ExtractedText, 'paragraphStarts'>, offset: number): number {
  const starts = extracted.paragraphStarts;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(1, lo);
}

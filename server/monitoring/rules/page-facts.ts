/**
 * What a crawled HTML page says, as facts the monitoring rules judge: its links (a, area, img,
 * script, link, iframe, frame, embed, source, object, meta refresh), head meta tags
 * (SiteIDCode, ColumnName, PubDate…), title, readable text, and the dated items of lists
 * (li/tr/dd blocks holding a link — how column pages, home page blocks and letter lists are
 * written). Pure.
 *
 * Hostile pages must not hurt: htmlparser2's `Parser` is quadratic on deeply nested input, so
 * this walks its `Tokenizer` (linear), and every collection is capped.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export type LinkTag = 'a' | 'area' | 'img' | 'script' | 'link' | 'iframe' | 'frame' | 'embed' | 'source' | 'object' | 'meta';

export interface PageLink {
  /** Absolute http(s) URL without its fragment. */
  url: string;
  tag: LinkTag;
  /** Link text, or an image's alt text. */
  text: string;
}

export interface ListItem {
  title: string;
  url: string | null;
  /** `YYYY-MM-DD`, or `--MM-DD` when the list shows no year, or null when the item shows no date. */
  date: string | null;
  text: string;
}

export interface PageFacts {
  title: string;
  /** Head meta tags by lower-cased name (`siteidcode`, `columnname`, `pubdate`…). */
  meta: Record<string, string>;
  links: PageLink[];
  linksOmitted: number;
  items: ListItem[];
  /** Readable text, block boundaries as newlines, capped at MAX_TEXT characters. */
  text: string;
}

export const MAX_LINKS = 10_000;
export const MAX_ITEMS = 2_000;
export const MAX_TEXT = 200_000;
const MAX_ITEM_TEXT = 300;

const LINK_ATTR: Partial<Record<string, { attr: string; tag: LinkTag }>> = {
  a: { attr: 'href', tag: 'a' },
  area: { attr: 'href', tag: 'area' },
  img: { attr: 'src', tag: 'img' },
  script: { attr: 'src', tag: 'script' },
  link: { attr: 'href', tag: 'link' },
  iframe: { attr: 'src', tag: 'iframe' },
  frame: { attr: 'src', tag: 'frame' },
  embed: { attr: 'src', tag: 'embed' },
  source: { attr: 'src', tag: 'source' },
  object: { attr: 'data', tag: 'object' },
};
// <link rel=…> values that name a resource a browser (or a reader) fetches.
const FETCHED_LINK_REL = /\b(stylesheet|icon|alternate|prev|next|preload|canonical|apple-touch-icon|manifest)\b/i;
const BLOCK = new Set(
  'address article aside blockquote caption dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'textarea']);
const ITEM = new Set(['li', 'tr', 'dd', 'dt']);
/** The attributes any rule reads; the others (class, style, id…) are not kept. */
const READ_ATTRS = new Set(['href', 'src', 'data', 'rel', 'alt', 'title', 'name', 'property', 'content', 'http-equiv']);
const BLANK = /^[\t\n\f\r ]*$/;
const CONTAINER: Partial<Record<string, string>> = { li: 'list', dd: 'list', dt: 'list', tr: 'table' };

const FULL_DATE = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/;
const SHORT_DATE = /(?:^|[\s[【(（])(\d{1,2})-(\d{1,2})(?:[\]】)）]|\s*$)/;

const pad = (n: number) => String(n).padStart(2, '0');
const validDay = (m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31;

/** The first date written in `text`: `YYYY-MM-DD`, or `--MM-DD` for a bare `[09-01]` as lists print it; null when none. */
export function findDate(text: string): string | null {
  const full = FULL_DATE.exec(text);
  if (full) {
    const m = Number(full[2]);
    const d = Number(full[3]);
    if (validDay(m, d)) return `${full[1]}-${pad(m)}-${pad(d)}`;
  }
  const short = SHORT_DATE.exec(text);
  if (short) {
    const m = Number(short[1]);
    const d = Number(short[2]);
    if (validDay(m, d)) return `--${pad(m)}-${pad(d)}`;
  }
  return null;
}

/** Every full date (`YYYY-MM-DD`) written in `text`, in order. */
export function allDates(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(FULL_DATE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (validDay(mo, d)) out.push(`${m[1]}-${pad(mo)}-${pad(d)}`);
  }
  return out;
}

/** An absolute http(s) URL without fragment for `href` on a page at `base`, or null for anything else (mailto:, javascript:, #top…). */
export function resolveHref(href: string, base: string): string | null {
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about|sms|ftp):/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (h.includes('#')) u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

interface OpenItem {
  tag: string;
  depth: number;
  text: string;
  /** `text` ends with a space (kept rather than asked of the growing string). */
  space: boolean;
  url: string | null;
  title: string;
}

/** Read one page. `url` is where it was fetched from (after redirects); relative links resolve against it or `<base href>`. */
export function readPage(html: string, url: string): PageFacts {
  let base = url;
  const meta: Record<string, string> = {};
  const links: PageLink[] = [];
  let linksOmitted = 0;
  const items: ListItem[] = [];
  // The readable text: runs of whitespace are single spaces already (ontext); a line break also
  // swallows the spaces around it, so the text needs no pass of its own at the end.
  const parts: string[] = [];
  let length = 0;
  let atLineStart = true;
  let title = '';
  let inTitle = false;
  let hiddenDepth = 0;
  const depth: Record<string, number> = { list: 0, table: 0 };
  const open: OpenItem[] = [];
  let openLink: { url: string | null; title: string } | null = null;
  let linkText = '';

  let tagName = '';
  const attrs = new Map<string, string>();
  let attrName = '';
  let attrValue = '';

  const pushText = (s: string) => {
    if (length >= MAX_TEXT) return;
    if (atLineStart && s.charCodeAt(0) === 32) s = s.trimStart();
    if (!s) return;
    const t = s.length + length > MAX_TEXT ? s.slice(0, MAX_TEXT - length) : s;
    parts.push(t);
    length += t.length;
    atLineStart = false;
  };
  const addText = (s: string) => {
    if (inTitle) {
      if (title.length < 500) title += s;
      return;
    }
    if (hiddenDepth > 0) return;
    pushText(s);
    const top = open[open.length - 1];
    if (top && top.text.length < MAX_ITEM_TEXT) {
      top.text += s;
      top.space = s.charCodeAt(s.length - 1) === 32;
    }
    if (openLink && linkText.length < 500) linkText += s;
  };
  const lineBreak = () => {
    if (!atLineStart && length < MAX_TEXT) {
      const last = parts.length - 1;
      const tail = parts[last]!;
      if (tail.charCodeAt(tail.length - 1) === 32) {
        const trimmed = tail.trimEnd();
        length -= tail.length - trimmed.length;
        if (trimmed) parts[last] = trimmed;
        else parts.pop();
      }
      parts.push('\n');
      length++;
      atLineStart = true;
    }
    const top = open[open.length - 1];
    if (top && top.text.length < MAX_ITEM_TEXT && !top.space) {
      top.text += ' ';
      top.space = true;
    }
  };
  const addLink = (href: string | undefined, tag: LinkTag, text: string): string | null => {
    if (href === undefined) return null;
    const abs = resolveHref(href, base);
    if (!abs) return null;
    if (links.length >= MAX_LINKS) linksOmitted++;
    else links.push({ url: abs, tag, text });
    return abs;
  };
  const closeItem = () => {
    const item = open.pop();
    if (!item) return;
    if (item.url && items.length < MAX_ITEMS) {
      const text = item.text.replace(/\s+/g, ' ').trim();
      items.push({ title: item.title, url: item.url, date: findDate(text), text });
    }
  };
  const closeLink = () => {
    if (!openLink) return;
    const text = linkText.replace(/\s+/g, ' ').trim();
    if (openLink.url) {
      const last = links[links.length - 1];
      if (last && last.url === openLink.url && last.tag === 'a' && !last.text) last.text = text;
      const top = open[open.length - 1];
      if (top && top.url === openLink.url && !top.title) top.title = openLink.title || text;
    }
    openLink = null;
    linkText = '';
  };

  const openTag = (name: string) => {
    if (name === 'title' && !inTitle) {
      inTitle = true;
      return;
    }
    if (name === 'base' && attrs.has('href')) {
      const b = resolveHref(attrs.get('href') ?? '', url);
      if (b) base = b;
      return;
    }
    if (name === 'meta') {
      const key = (attrs.get('name') ?? attrs.get('property') ?? '').trim().toLowerCase();
      const content = attrs.get('content');
      if (key && content !== undefined && !(key in meta) && Object.keys(meta).length < 200) meta[key] = content.trim().slice(0, 1000);
      const equiv = (attrs.get('http-equiv') ?? '').toLowerCase();
      if (equiv === 'refresh' && content) {
        const target = /url\s*=\s*['"]?([^'"]+)/i.exec(content);
        if (target?.[1]) addLink(target[1], 'meta', '');
      }
      return;
    }
    const linkAttr = LINK_ATTR[name];
    if (linkAttr && hiddenDepth === 0 && !(name === 'link' && !FETCHED_LINK_REL.test(attrs.get('rel') ?? ''))) {
      const text = name === 'img' ? (attrs.get('alt') ?? attrs.get('title') ?? '') : '';
      // Browsers close an open <a> when another one starts; do the same rather than nest.
      if (name === 'a' || name === 'area') closeLink();
      const abs = addLink(attrs.get(linkAttr.attr), linkAttr.tag, text);
      if (name === 'a' || name === 'area') {
        if (name === 'a') {
          openLink = { url: abs, title: (attrs.get('title') ?? '').trim() };
          const top = open[open.length - 1];
          if (top && abs && !top.url) top.url = abs;
        }
      }
      if (name === 'img' && text) addText(text);
    }
    if (HIDDEN.has(name)) {
      if (!VOID.has(name)) hiddenDepth++;
      return;
    }
    if (hiddenDepth > 0) return;
    if (name === 'ul' || name === 'ol' || name === 'dl') depth.list!++;
    if (name === 'table') depth.table!++;
    if (ITEM.has(name)) {
      const kind = CONTAINER[name]!;
      // An unclosed <li>/<tr> ends where the next one of the same list starts, as in browsers.
      const top = open[open.length - 1];
      if (top && CONTAINER[top.tag] === kind && top.depth === depth[kind]) closeItem();
      if (open.length < 64) open.push({ tag: name, depth: depth[kind]!, text: '', space: false, url: null, title: '' });
    }
    if (name === 'br' || BLOCK.has(name)) lineBreak();
  };
  const closeTag = (name: string) => {
    if (name === 'title') {
      inTitle = false;
      return;
    }
    if (HIDDEN.has(name)) {
      if (hiddenDepth > 0) hiddenDepth--;
      return;
    }
    if (hiddenDepth > 0) return;
    if (name === 'a') closeLink();
    if (ITEM.has(name)) {
      const kind = CONTAINER[name]!;
      const at = open.findLastIndex((o) => o.tag === name && o.depth === depth[kind]);
      if (at >= 0) while (open.length > at) closeItem();
    }
    if (name === 'ul' || name === 'ol' || name === 'dl' || name === 'table') {
      const kind = name === 'table' ? 'table' : 'list';
      while (open.length > 0 && CONTAINER[open[open.length - 1]!.tag] === kind && open[open.length - 1]!.depth >= depth[kind]!) closeItem();
      if (depth[kind]! > 0) depth[kind]!--;
    }
    if (BLOCK.has(name) || name === 'br') lineBreak();
  };

  const cbs: TokenizerCallbacks = {
    ontext(start, end) {
      const raw = html.slice(start, end);
      // Most text between tags is indentation: one space stands for it.
      addText(BLANK.test(raw) ? ' ' : raw.replace(/[\t\n\f\r ]+/g, ' '));
    },
    ontextentity(codepoint) {
      addText(String.fromCodePoint(codepoint));
    },
    onopentagname(start, end) {
      tagName = html.slice(start, end).toLowerCase();
      attrs.clear();
    },
    onattribname(start, end) {
      attrName = html.slice(start, end).toLowerCase();
      attrValue = '';
    },
    onattribdata(start, end) {
      if (attrValue.length < 4096) attrValue += html.slice(start, end);
    },
    onattribentity(codepoint) {
      attrValue += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (READ_ATTRS.has(attrName) && !attrs.has(attrName)) attrs.set(attrName, attrValue);
    },
    onopentagend() {
      openTag(tagName);
    },
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
  while (open.length > 0) closeItem();
  const text = parts.join('').trim();
  return { title: title.replace(/\s+/g, ' ').trim(), meta, links, linksOmitted, items, text };
}

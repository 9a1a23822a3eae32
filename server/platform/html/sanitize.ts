/**
 * The one HTML sanitiser. Every piece of rich text that is stored or published goes through
 * this allow-list: no scripts, no event handlers, no styles, no `javascript:` or `data:` URLs.
 * Internal references use the `gk:` scheme (e.g. `gk:article:<id>`, `gk:file:<id>`) and are
 * resolved to public URLs when pages are rendered.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'blockquote',
    'hr',
    'pre',
    'code',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'figure',
    'figcaption',
    'table',
    'caption',
    'colgroup',
    'col',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'title'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    col: ['span'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'gk'],
  allowedSchemesByTag: { img: ['http', 'https', 'gk'] },
  allowProtocolRelative: false,
  // Word's paste leaves <o:p>, <font>, <span style=…>: the tags go, their text stays.
  disallowedTagsMode: 'discard',
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head', 'xml'],
  transformTags: {
    b: 'strong',
    i: 'em',
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, ...(attribs.href?.startsWith('http') ? { rel: 'noopener' } : {}) } }),
  },
};

/** Cleans rich text to the allow-list. Idempotent: sanitising twice gives the same result. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS)
    .replace(/(<p>\s*<\/p>\s*)+$/g, '')
    .trim();
}

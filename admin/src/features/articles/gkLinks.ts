/**
 * Internal references in rich text. Stored HTML keeps `gk:file:<id>` and `gk:article:<id>`
 * (the public site resolves them when it renders pages); the admin maps them to URLs it can
 * open only for display, never in what it saves. Pure.
 */

export const GK_FILE_PREFIX = 'gk:file:';
export const GK_ARTICLE_PREFIX = 'gk:article:';

/** The admin's own route for an article (the SPA is served under /admin). */
export const ADMIN_ARTICLE_BASE = '/admin/articles/';

const ID = /^[\w-]{1,40}$/;

export function fileRef(fileId: string): string {
  return `${GK_FILE_PREFIX}${fileId}`;
}

export function articleRef(articleId: string): string {
  return `${GK_ARTICLE_PREFIX}${articleId}`;
}

/** The file id of a `gk:file:` reference, or null for anything else. */
export function fileIdOf(ref: string | null | undefined): string | null {
  if (!ref?.startsWith(GK_FILE_PREFIX)) return null;
  const id = ref.slice(GK_FILE_PREFIX.length);
  return ID.test(id) ? id : null;
}

/** The article id of a `gk:article:` reference, or null for anything else. */
export function articleIdOf(ref: string | null | undefined): string | null {
  if (!ref?.startsWith(GK_ARTICLE_PREFIX)) return null;
  const id = ref.slice(GK_ARTICLE_PREFIX.length);
  return ID.test(id) ? id : null;
}

/** Where the admin downloads a stored file (the session cookie authorises it). */
export function fileUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}`;
}

/** The src an <img> shows: a `gk:file:` reference becomes the download URL; other values pass through. */
export function displaySrc(src: string | null | undefined): string {
  const id = fileIdOf(src);
  if (id) return fileUrl(id);
  return src ?? '';
}

const REF_ATTR = /(\s(?:src|href)\s*=\s*)(["'])gk:(file|article):([\w-]{1,40})\2/g;

/**
 * Sanitised HTML from the server, with internal references made openable in the admin:
 * images and attachment links point at the download URL, article links at the admin's view.
 * Only rewrites attribute values; the HTML itself was already cleaned by the server.
 */
export function htmlForDisplay(html: string, articleBase: string = ADMIN_ARTICLE_BASE): string {
  return html.replace(REF_ATTR, (_m, attr: string, quote: string, kind: string, id: string) => {
    const url = kind === 'file' ? fileUrl(id) : `${articleBase}${encodeURIComponent(id)}`;
    return `${attr}${quote}${url}${quote}`;
  });
}

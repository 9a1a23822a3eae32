/**
 * How each kind of published file is served: its Content-Type, whether it may be displayed in
 * the browser or only downloaded, whether precompressed siblings exist, and how long caches
 * may keep it. The same table feeds the embedded server and the nginx configuration.
 */

export interface FileType {
  contentType: string;
  /** Served with `Content-Disposition: attachment` (active or unknown content). */
  download: boolean;
  /** The publisher writes `.gz` and `.br` siblings for these. */
  compressible: boolean;
}

/** Extensions served with their own type; anything else is a download of application/octet-stream. */
export const FILE_TYPES: Readonly<Record<string, FileType>> = {
  html: { contentType: 'text/html; charset=utf-8', download: false, compressible: true },
  xml: { contentType: 'application/xml; charset=utf-8', download: false, compressible: true },
  css: { contentType: 'text/css; charset=utf-8', download: false, compressible: true },
  txt: { contentType: 'text/plain; charset=utf-8', download: false, compressible: true },
  json: { contentType: 'application/json; charset=utf-8', download: false, compressible: true },
  csv: { contentType: 'text/csv; charset=utf-8', download: false, compressible: false },
  pdf: { contentType: 'application/pdf', download: false, compressible: false },
  ofd: { contentType: 'application/ofd', download: false, compressible: false },
  doc: { contentType: 'application/msword', download: false, compressible: false },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', download: false, compressible: false },
  xls: { contentType: 'application/vnd.ms-excel', download: false, compressible: false },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', download: false, compressible: false },
  ppt: { contentType: 'application/vnd.ms-powerpoint', download: false, compressible: false },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    download: false,
    compressible: false,
  },
  wps: { contentType: 'application/vnd.ms-works', download: false, compressible: false },
  zip: { contentType: 'application/zip', download: false, compressible: false },
  rar: { contentType: 'application/vnd.rar', download: false, compressible: false },
  '7z': { contentType: 'application/x-7z-compressed', download: false, compressible: false },
  png: { contentType: 'image/png', download: false, compressible: false },
  jpg: { contentType: 'image/jpeg', download: false, compressible: false },
  jpeg: { contentType: 'image/jpeg', download: false, compressible: false },
  gif: { contentType: 'image/gif', download: false, compressible: false },
  webp: { contentType: 'image/webp', download: false, compressible: false },
  bmp: { contentType: 'image/bmp', download: false, compressible: false },
  ico: { contentType: 'image/x-icon', download: false, compressible: false },
  // SVG may carry script: it still renders in <img>, but opened directly it is only downloaded.
  svg: { contentType: 'image/svg+xml', download: true, compressible: false },
  mp3: { contentType: 'audio/mpeg', download: false, compressible: false },
  mp4: { contentType: 'video/mp4', download: false, compressible: false },
};

const OTHER: FileType = { contentType: 'application/octet-stream', download: true, compressible: false };

/** The lower-cased extension of a path's last segment, or '' when there is none. */
export function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(dot + 1).toLowerCase() : '';
}

export function fileTypeOf(path: string): FileType {
  return FILE_TYPES[extensionOf(path)] ?? OTHER;
}

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_ASSETS = 'public, max-age=300';
/** Pages and feeds are revalidated on every use: a retracted page must disappear at once. */
export const CACHE_REVALIDATE = 'no-cache';
/** The per-visitor stylesheet switch. */
export const CACHE_PRIVATE = 'private, no-cache';

/** Cache-Control of a site file by its site path: attachments are immutable, assets (stylesheets) short-lived, the rest revalidated. */
export function cacheControlOf(path: string): string {
  if (path.startsWith('/files/')) return CACHE_IMMUTABLE;
  if (path.startsWith('/assets/')) return CACHE_ASSETS;
  return CACHE_REVALIDATE;
}

/** The path of the per-visitor stylesheet that switches the elderly-friendly look on. */
export const MODE_CSS_PATH = '/assets/mode.css';
/** The elderly-friendly stylesheet the publisher writes. */
export const ELDER_CSS_PATH = '/assets/elder.css';

/**
 * Paths that are never answered from a site folder: the precompressed siblings themselves
 * (outside files/) and the publisher's temporary files (`<name>.<pid>.<n>.tmp`, renamed over
 * the target when complete).
 */
export function isUnpublishedPath(path: string): boolean {
  if (path.endsWith('.tmp')) return true;
  return !path.startsWith('/files/') && (path.endsWith('.gz') || path.endsWith('.br'));
}

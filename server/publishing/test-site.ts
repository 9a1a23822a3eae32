/** Shared helpers of the publishing tests that read a published site folder (test code only). */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { APP_PAGE_FOLDERS, APP_PAGE_PATHS } from '../../common/public-paths.ts';

/** Every file of a folder, as site-root paths. */
export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}/${e.name}`);
      else out.push(`${prefix}/${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** A file's text, compressed copies decompressed. */
export function fileText(root: string, sitePath: string): string {
  const bytes = fs.readFileSync(path.join(root, sitePath));
  if (sitePath.endsWith('.gz')) return zlib.gunzipSync(bytes).toString();
  if (sitePath.endsWith('.br')) return zlib.brotliDecompressSync(bytes).toString();
  return bytes.toString();
}

/** Relative links (href/src) of every HTML page of the site `code` that point to a missing file. */
export function brokenLinks(root: string, code: string): string[] {
  const broken: string[] = [];
  for (const page of tree(root).filter((p) => p.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(root, page), 'utf8');
    for (const m of html.matchAll(/(?:href|src)="([^"#?]+)"/g)) {
      const url = m[1]!;
      if (/^[a-z]+:/i.test(url) || url.startsWith('//')) continue;
      // The preview 404 page links under the preview prefix; every other page links relatively.
      const target = new URL(url, `https://x${page}`).pathname.replace(new RegExp(`^/sites/${code}/`), '/');
      const appPage =
        target === '/search' ||
        (APP_PAGE_PATHS as readonly string[]).includes(target) ||
        APP_PAGE_FOLDERS.some((f) => target.startsWith(f)) ||
        target.endsWith('/assets/mode.css');
      if (appPage) continue; // served by the application
      const file = target.endsWith('/') ? `${target}index.html` : target;
      if (!fs.existsSync(path.join(root, decodeURIComponent(file)))) broken.push(`${page} → ${url}`);
    }
  }
  return broken;
}

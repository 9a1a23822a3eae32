/**
 * The file-system port of publishing: every public file is written through here. A write goes
 * to a temporary file in the same folder and is renamed over the target, so a reader (nginx,
 * the embedded server) sees the old file or the new one, never a truncated one. Paths are
 * site-root paths (`/xwdt/zwyw/index.html`); anything that would land outside the site's
 * folder is refused. Text files get precompressed `.gz` and `.br` siblings for the servers.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface PublicFiles {
  /** The folder this writer writes into (absolute). */
  readonly root: string;
  /** Writes a file atomically, with `.gz`/`.br` siblings for HTML, XML and CSS. */
  write(sitePath: string, content: string | Buffer): void;
  /** Places a stored file (attachment) at `sitePath`, by hard link when possible. Existing targets are kept (content-addressed). */
  place(sitePath: string, source: string): void;
  /** Removes a file and its compressed siblings; a missing file is not an error. */
  remove(sitePath: string): void;
  exists(sitePath: string): boolean;
  /** Site-root paths of the files under a folder (`/bsfw`), compressed siblings included; none when it does not exist. */
  list(siteDir: string): string[];
}

const COMPRESSIBLE = /\.(html|xml|css|txt|json)$/;
let counter = 0;

export class UnsafePathError extends Error {}

/** The absolute path of `sitePath` inside `root`; throws UnsafePathError for anything that could escape it. */
export function resolveInside(root: string, sitePath: string): string {
  if (!sitePath.startsWith('/') || sitePath.includes('\0') || sitePath.includes('\\'))
    throw new UnsafePathError(`unsafe path: ${sitePath}`);
  const parts = sitePath.split('/').slice(1);
  if (parts.some((p) => p === '..' || p === '.' || p === '') || parts.length === 0) throw new UnsafePathError(`unsafe path: ${sitePath}`);
  const abs = path.resolve(root, ...parts);
  if (!abs.startsWith(root + path.sep)) throw new UnsafePathError(`unsafe path: ${sitePath}`);
  return abs;
}

function atomicWrite(abs: string, data: Buffer): void {
  const tmp = `${abs}.${process.pid}.${++counter}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function ensureDir(abs: string, made: Set<string>): void {
  const dir = path.dirname(abs);
  if (made.has(dir)) return;
  fs.mkdirSync(dir, { recursive: true });
  made.add(dir);
}

export interface PublicFilesOptions {
  /** Write `.gz`/`.br` siblings of text files (default true). */
  compress?: boolean;
  /**
   * Replace files through a temp file and a rename (default true). A build folder that nobody
   * reads until it is swapped in is written directly: the swap is what makes it atomic.
   */
  atomic?: boolean;
}

/** A writer for one site folder. */
export function publicFiles(root: string, opts: PublicFilesOptions = {}): PublicFiles {
  const base = path.resolve(root);
  const compress = opts.compress ?? true;
  const put = opts.atomic === false ? (abs: string, data: Buffer) => fs.writeFileSync(abs, data) : atomicWrite;
  const made = new Set<string>();
  return {
    root: base,
    write(sitePath, content) {
      const abs = resolveInside(base, sitePath);
      ensureDir(abs, made);
      const data = typeof content === 'string' ? Buffer.from(content) : content;
      if (compress && COMPRESSIBLE.test(abs)) {
        // Siblings first: a server that finds the new page also finds its new encodings.
        put(
          `${abs}.br`,
          zlib.brotliCompressSync(data, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
          }),
        );
        put(`${abs}.gz`, zlib.gzipSync(data, { level: 6 }));
      }
      put(abs, data);
    },
    place(sitePath, source) {
      const abs = resolveInside(base, sitePath);
      if (fs.existsSync(abs)) return;
      ensureDir(abs, made);
      const tmp = `${abs}.${process.pid}.${++counter}.tmp`;
      try {
        try {
          fs.linkSync(source, tmp);
        } catch {
          fs.copyFileSync(source, tmp);
        }
        fs.renameSync(tmp, abs);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
    },
    remove(sitePath) {
      const abs = resolveInside(base, sitePath);
      for (const f of [abs, `${abs}.gz`, `${abs}.br`]) fs.rmSync(f, { force: true });
    },
    exists(sitePath) {
      return fs.existsSync(resolveInside(base, sitePath));
    },
    list(siteDir) {
      const out: string[] = [];
      // Links are not followed: nothing outside the folder is listed.
      const walk = (abs: string, prefix: string) => {
        let entries: fs.Dirent[];
        try {
          entries = fs.readdirSync(abs, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          if (e.isDirectory()) walk(path.join(abs, e.name), `${prefix}/${e.name}`);
          else if (e.isFile()) out.push(`${prefix}/${e.name}`);
        }
      };
      walk(resolveInside(base, siteDir), siteDir);
      return out.sort();
    },
  };
}

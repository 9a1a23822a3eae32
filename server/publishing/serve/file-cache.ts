/**
 * Published files in memory, bounded by bytes, each with its response headers built once.
 * An entry is trusted for `ttlMs` (1 s); after that one `stat` per variant tells whether the
 * publisher replaced (temp file + rename: a new inode) or deleted it, so a stale page is never
 * served for longer than that, even when another process publishes. `invalidate()` drops a
 * site's entries at once for the in-process publisher.
 *
 * File access is synchronous on purpose: a cached answer costs no I/O at all, a revalidation
 * is a few `stat` calls served from the kernel's cache, and a load reads a page of a few KB.
 * Files above `maxEntryBytes` are not kept in memory; they are streamed from an open
 * descriptor (attachments).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileOfPath } from './rules/request-path.ts';
import { cacheControlOf, fileTypeOf, CACHE_PRIVATE, ELDER_CSS_PATH, type FileType } from './rules/file-types.ts';
import { entityTag } from './rules/negotiation.ts';

export type Coding = '' | 'br' | 'gzip';

interface StatKey {
  ino: number;
  size: number;
  mtimeMs: number;
}

export interface Variant {
  coding: Coding;
  file: string;
  key: StatKey;
  /** Null when the file is too large to keep: it is streamed. */
  body: Buffer | null;
  etag: string;
  /** Flat header list for 200 answers (`res.writeHead(200, headers)`). */
  headers: string[];
  headers304: string[];
  /** For assets/elder.css only: the same bytes as the per-visitor assets/mode.css. */
  modeHeaders: string[] | null;
  mode304: string[] | null;
}

export interface FileEntry {
  kind: 'file';
  type: FileType;
  lastModified: string;
  mtimeMs: number;
  plain: Variant;
  br: Variant | null;
  gzip: Variant | null;
}

/** A folder requested without its trailing slash: answered with a redirect when it has an index.html. */
export interface DirEntry {
  kind: 'dir';
  hasIndex: boolean;
}

export interface MissingEntry {
  kind: 'missing';
}

export type Entry = FileEntry | DirEntry | MissingEntry;

/** Only files are kept: misses are not, so requests for random paths cannot push pages out. */
interface Slot {
  site: SiteSlots;
  rel: string;
  entry: FileEntry;
  /** Stat keys of plain, br and gzip (null: absent) as last seen. */
  keys: (StatKey | null)[];
  checkedAt: number;
  bytes: number;
}

interface SiteSlots {
  code: string;
  root: string;
  /** Real path of the site folder, or null when it does not exist. */
  realRoot: string | null;
  rootCheckedAt: number;
  slots: Map<string, Slot>;
}

export interface FileCacheOptions {
  publicDir: string;
  maxBytes: number;
  ttlMs?: number;
  /** Security headers appended to every answer. */
  extraHeaders: readonly (readonly [string, string])[];
}

const SLOT_OVERHEAD = 600;
const NO_ENTRY = { throwIfNoEntry: false } as const;
const MISSING: MissingEntry = { kind: 'missing' };

function keyOf(st: fs.Stats): StatKey {
  return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
}

function sameKey(a: StatKey | null, b: fs.Stats | undefined): boolean {
  if (!a || !b) return !a && (!b || !b.isFile());
  return b.isFile() && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export class FileCache {
  readonly publicDir: string;
  readonly maxBytes: number;
  readonly maxEntryBytes: number;
  readonly ttlMs: number;
  private readonly extra: string[];
  private readonly sites = new Map<string, SiteSlots>();
  /** Least recently (re)validated first. */
  private readonly lru = new Set<Slot>();
  private bytes = 0;

  constructor(opts: FileCacheOptions) {
    this.publicDir = path.resolve(opts.publicDir);
    this.maxBytes = opts.maxBytes;
    this.maxEntryBytes = Math.min(4 * 1024 * 1024, Math.floor(opts.maxBytes / 8));
    this.ttlMs = opts.ttlMs ?? 1000;
    this.extra = opts.extraHeaders.flatMap(([k, v]) => [k, v]);
  }

  /** Bytes held (bodies and bookkeeping). */
  get size(): number {
    return this.bytes;
  }

  /** Drops every entry of one site, or of all sites. */
  invalidate(code?: string): void {
    for (const site of code === undefined ? [...this.sites.values()] : [this.sites.get(code)]) {
      if (!site) continue;
      for (const slot of site.slots.values()) this.drop(slot);
      this.sites.delete(site.code);
    }
  }

  /** True when the site's folder exists (checked at most once per ttl). */
  siteExists(code: string): boolean {
    return this.siteOf(code, Date.now()).realRoot !== null;
  }

  /** The entry for a site path (`/`, `/a/`, `/a/b.html`), validated against the disk at most once per ttl. */
  lookup(code: string, rel: string): Entry {
    const now = Date.now();
    const site = this.siteOf(code, now);
    const slot = site.slots.get(rel);
    if (slot !== undefined) {
      if (now - slot.checkedAt < this.ttlMs) return slot.entry;
      if (site.realRoot !== null && this.stillValid(site, slot)) {
        slot.checkedAt = now;
        this.lru.delete(slot);
        this.lru.add(slot);
        return slot.entry;
      }
      this.drop(slot);
    }
    if (site.realRoot === null) return MISSING;
    return this.load(site, rel, now);
  }

  private siteOf(code: string, now: number): SiteSlots {
    let site = this.sites.get(code);
    if (site === undefined) {
      site = { code, root: path.join(this.publicDir, code), realRoot: null, rootCheckedAt: -Infinity, slots: new Map() };
      // Only existing sites are remembered: requests for made-up codes cannot grow the map.
      if (this.checkRoot(site, now)) this.sites.set(code, site);
      return site;
    }
    if (now - site.rootCheckedAt >= this.ttlMs) this.checkRoot(site, now);
    return site;
  }

  /** Looks at the site folder again; true when it exists. */
  private checkRoot(site: SiteSlots, now: number): boolean {
    site.rootCheckedAt = now;
    let real: string | null;
    try {
      real = fs.statSync(site.root, NO_ENTRY)?.isDirectory() ? fs.realpathSync(site.root) : null;
    } catch {
      real = null; // removed between the two calls, or unreadable
    }
    if (real !== site.realRoot) {
      // The folder appeared, disappeared or moved: nothing known about it still holds.
      for (const slot of site.slots.values()) this.drop(slot);
      site.realRoot = real;
    }
    return site.realRoot !== null;
  }

  private filesOf(site: SiteSlots, rel: string): string[] {
    const file = site.root + fileOfPath(rel);
    return [file, `${file}.br`, `${file}.gz`];
  }

  private stillValid(site: SiteSlots, slot: Slot): boolean {
    const files = this.filesOf(site, slot.rel);
    const n = slot.entry.type.compressible ? 3 : 1;
    for (let i = 0; i < n; i++) {
      if (!sameKey(slot.keys[i] ?? null, fs.statSync(files[i] as string, NO_ENTRY))) return false;
    }
    return true;
  }

  /**
   * True when `file` resolves (symbolic links followed) to a place inside the site folder. The
   * folder itself may be a link that a full publish swaps to a new build: when the file seems
   * outside, the folder is looked at again before saying no.
   */
  private inside(site: SiteSlots, file: string): boolean {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      return false;
    }
    const within = () => site.realRoot !== null && real.startsWith(site.realRoot + path.sep);
    if (within()) return true;
    const before = site.realRoot;
    this.checkRoot(site, Date.now());
    return site.realRoot !== before && within();
  }

  private load(site: SiteSlots, rel: string, now: number): Entry {
    const [file, brFile, gzFile] = this.filesOf(site, rel) as [string, string, string];
    const st = fs.statSync(file, NO_ENTRY);
    if (st?.isDirectory() && !rel.endsWith('/')) {
      return { kind: 'dir', hasIndex: this.inside(site, file) && fs.statSync(`${file}/index.html`, NO_ENTRY)?.isFile() === true };
    }
    if (!st?.isFile() || !this.inside(site, file)) return MISSING;
    const plain = this.readVariant(file, '', rel);
    if (!plain) return MISSING;
    const type = fileTypeOf(fileOfPath(rel));
    let br: Variant | null = null;
    let gzip: Variant | null = null;
    if (type.compressible) {
      br = this.inside(site, brFile) ? this.readVariant(brFile, 'br', rel) : null;
      gzip = this.inside(site, gzFile) ? this.readVariant(gzFile, 'gzip', rel) : null;
    }
    const entry: FileEntry = {
      kind: 'file',
      type,
      lastModified: new Date(plain.key.mtimeMs).toUTCString(),
      mtimeMs: plain.key.mtimeMs,
      plain,
      br,
      gzip,
    };
    let bodyBytes = 0;
    for (const v of [plain, br, gzip]) {
      if (!v) continue;
      this.buildHeaders(entry, v, rel);
      bodyBytes += v.body?.length ?? 0;
    }
    const slot: Slot = {
      site,
      rel,
      entry,
      keys: [plain.key, br?.key ?? null, gzip?.key ?? null],
      checkedAt: now,
      bytes: SLOT_OVERHEAD + rel.length * 2 + bodyBytes,
    };
    site.slots.set(rel, slot);
    this.lru.add(slot);
    this.bytes += slot.bytes;
    this.evict();
    return entry;
  }

  /** Reads a file through one descriptor, so its stat and its bytes belong together. */
  private readVariant(file: string, coding: Coding, rel: string): Variant | null {
    let fd: number;
    try {
      fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    } catch {
      return null;
    }
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return null;
      const key = keyOf(st);
      const body = st.size <= this.maxEntryBytes ? fs.readFileSync(fd) : null;
      if (body && body.length !== st.size) return null;
      return {
        coding,
        file,
        key,
        body,
        etag: entityTag(key.size, key.mtimeMs, coding),
        headers: [],
        headers304: [],
        modeHeaders: rel === ELDER_CSS_PATH ? [] : null,
        mode304: rel === ELDER_CSS_PATH ? [] : null,
      };
    } catch {
      return null;
    } finally {
      fs.closeSync(fd);
    }
  }

  private buildHeaders(entry: FileEntry, v: Variant, rel: string): void {
    const cacheControl = cacheControlOf(rel);
    const common = ['ETag', v.etag, 'Last-Modified', entry.lastModified];
    if (entry.type.compressible) common.push('Vary', 'Accept-Encoding');
    const body = ['Content-Type', entry.type.contentType, 'Content-Length', String(v.key.size)];
    if (v.coding) body.push('Content-Encoding', v.coding);
    if (entry.type.download) body.push('Content-Disposition', 'attachment');
    v.headers = [...body, ...common, 'Cache-Control', cacheControl, ...this.extra];
    v.headers304 = [...common, 'Cache-Control', cacheControl, ...this.extra];
    if (v.modeHeaders) {
      const mode = ['ETag', v.etag, 'Last-Modified', entry.lastModified, 'Vary', 'Cookie, Accept-Encoding', 'Cache-Control', CACHE_PRIVATE];
      v.modeHeaders = [...body, ...mode, ...this.extra];
      v.mode304 = [...mode, ...this.extra];
    }
  }

  private drop(slot: Slot): void {
    if (!this.lru.delete(slot)) return;
    this.bytes -= slot.bytes;
    if (slot.site.slots.get(slot.rel) === slot) slot.site.slots.delete(slot.rel);
  }

  private evict(): void {
    for (const slot of this.lru) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(slot);
    }
  }
}

/**
 * Ingestion of the access logs: every `*.log` file of `<dataDir>/logs/access/` is read on from
 * where the last run stopped, its lines counted into daily page views and yearly distinct
 * visitors per site. The counts and the file's new offset are written in one transaction, so a
 * crash or a second run at the same time never counts a line twice or loses one.
 *
 * A file whose path now names another file (rotated by logrotate) is finished first from
 * `<file>.1` when that is the file last read, then read from the start; a file shorter than its
 * offset, or whose first line changed (truncated, `copytruncate`), is read from the start.
 */
import { beijingDate } from '../../../common/dates.ts';
import type { Actor } from '../../platform/actor.ts';
import { requirePermission } from '../../platform/access.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { TrafficLogOffsetTable } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { blindIndex, type DataKeyring } from '../../platform/personal-data.ts';
import { listSites } from '../../sites/index.ts';
import { accessLogDir } from '../access-log.ts';
import { hashHead, headHashOf, identityOf, listLogFiles, openIfExists, readLines } from '../log-files.ts';
import { parseAccessLine } from '../rules/access-line.ts';
import { classifyEntry } from '../rules/page-view.ts';
import { logOffsets, traffic } from '../traffic.repository.ts';

/** Bytes read and committed at a time (some 25 000 lines). */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** The purpose the visitor hash is keyed for (a key derived from the blind-index key, ADR 0009). */
const VISITOR_PURPOSE = 'traffic-visitor';
/** Hex characters of the visitor hash kept: 16 bytes. */
const VISITOR_HEX = 32;

export interface IngestSummary {
  files: number;
  /** Lines read (complete lines only). */
  lines: number;
  pageViews: number;
  /** Lines not in the log format. */
  badLines: number;
  /** Lines of a site code no site has. */
  unknownSites: number;
  /** Page requests by crawlers and other programs. */
  crawlers: number;
  /** Requests that are not page views (assets, HEAD, errors, redirects). */
  notPages: number;
  /** Files read again from the start (rotated, truncated or replaced). */
  restarted: number;
}

export interface IngestOptions {
  /** The folder of the logs (default `<dataDir>/logs/access`). */
  dir?: string;
  /** Bytes per transaction (tests make it small). */
  chunkBytes?: number;
  signal?: AbortSignal;
}

const emptySummary = (): IngestSummary => ({
  files: 0,
  lines: 0,
  pageViews: 0,
  badLines: 0,
  unknownSites: 0,
  crawlers: 0,
  notPages: 0,
  restarted: 0,
});

/** The keyed hash a visitor is stored as: HMAC-SM3 of year, address and user agent under a key of its own, 16 bytes in hex. */
export function visitorHash(ring: DataKeyring, year: number, client: string, userAgent: string): string {
  return Buffer.from(blindIndex(ring, `${year}|${client}|${userAgent}`, VISITOR_PURPOSE), 'base64url')
    .toString('hex')
    .slice(0, VISITOR_HEX);
}

interface Tally {
  daily: Map<string, { site_id: string; day: string; page_views: number }>;
  visitors: Map<string, { site_id: string; year: number; visitor: string }>;
  summary: IngestSummary;
}

/** Counts a chunk's lines into a tally; the summary's counters are only added to the run's after commit. */
function tallyLines(
  lines: readonly string[],
  sites: ReadonlyMap<string, string>,
  hashOf: (y: number, c: string, ua: string) => string,
): Tally {
  const t: Tally = { daily: new Map(), visitors: new Map(), summary: emptySummary() };
  const s = t.summary;
  for (const line of lines) {
    s.lines++;
    const e = parseAccessLine(line);
    if (!e) {
      s.badLines++;
      continue;
    }
    const siteId = sites.get(e.site);
    if (siteId === undefined) {
      s.unknownSites++;
      continue;
    }
    const kind = classifyEntry(e);
    if (kind === 'notPage') {
      s.notPages++;
      continue;
    }
    if (kind === 'crawler') {
      s.crawlers++;
      continue;
    }
    s.pageViews++;
    const day = beijingDate(e.time);
    const dayKey = `${siteId}|${day}`;
    const d = t.daily.get(dayKey);
    if (d) d.page_views++;
    else t.daily.set(dayKey, { site_id: siteId, day, page_views: 1 });
    const year = Number(day.slice(0, 4));
    const visitor = hashOf(year, e.client, e.userAgent);
    t.visitors.set(`${siteId}|${visitor}`, { site_id: siteId, year, visitor });
  }
  return t;
}

function addSummary(into: IngestSummary, from: IngestSummary): void {
  for (const k of Object.keys(from) as (keyof IngestSummary)[]) into[k] += from[k];
}

/**
 * Reads every access-log file on from its stored offset and adds what it finds to the sites'
 * page views and visitors. Safe to run at any time and concurrently: a chunk another run has
 * already committed is not counted again.
 */
export async function ingestAccessLogs(deps: Deps, actor: Actor, opts: IngestOptions = {}): Promise<IngestSummary> {
  requirePermission(actor, 'system.jobs');
  const dir = opts.dir ?? accessLogDir(deps.config.dataDir);
  const chunkBytes = opts.chunkBytes ?? CHUNK_BYTES;
  const summary = emptySummary();
  const files = await listLogFiles(dir);
  if (files.length === 0) return summary;
  const sites = new Map<string, string>();
  for (const s of await listSites(deps, actor, {})) if (s.code) sites.set(s.code, s.id);
  const ring = dataKeyring(deps.config);
  // Visitors come back many times a day: one HMAC per distinct (year, address, agent) per run.
  const hashes = new Map<string, string>();
  const hashOf = (year: number, client: string, ua: string) => {
    const key = `${year}|${client}|${ua}`;
    let h = hashes.get(key);
    if (h === undefined) {
      h = visitorHash(ring, year, client, ua);
      if (hashes.size > 200_000) hashes.clear();
      hashes.set(key, h);
    }
    return h;
  };
  for (const file of files) {
    summary.files++;
    await ingestFile(deps, file, { sites, hashOf, chunkBytes, summary, signal: opts.signal });
  }
  return summary;
}

interface FileRun {
  sites: ReadonlyMap<string, string>;
  hashOf: (y: number, c: string, ua: string) => string;
  chunkBytes: number;
  summary: IngestSummary;
  signal: AbortSignal | undefined;
}

async function ingestFile(deps: Deps, file: string, run: FileRun): Promise<void> {
  const db = deps.db.kysely;
  for (;;) {
    if (run.signal?.aborted) return;
    const row = await logOffsets.byPath(db, file);
    const fh = await openIfExists(file);
    if (!fh) return;
    let rotated: Awaited<ReturnType<typeof openIfExists>> = null;
    try {
      const id = await identityOf(fh);
      let source = fh;
      let ident = { dev: id.dev, ino: id.ino };
      let end = id.size;
      let start = 0;
      let head: string | null = null;
      let finishing = false;
      if (row && row.dev === id.dev && row.ino === id.ino) {
        const replaced = id.size < row.read_to || (row.head_hash !== null && (await headHashOf(fh)) !== row.head_hash);
        if (!replaced) {
          start = row.read_to;
          head = row.head_hash;
        }
      } else if (row) {
        // The path names another file now: the one read last may be beside it, renamed.
        rotated = await openIfExists(`${file}.1`);
        const old = rotated ? await identityOf(rotated) : null;
        if (rotated && old && old.dev === row.dev && old.ino === row.ino && old.size > row.read_to) {
          source = rotated;
          ident = { dev: row.dev, ino: row.ino };
          end = old.size;
          start = row.read_to;
          head = row.head_hash;
          finishing = true;
        }
      }
      const chunk = await readLines(source, start, end, run.chunkBytes);
      if (chunk.consumed === 0) return;
      if (start === 0) head = chunk.lines.length > 0 ? hashHead(chunk.lines[0] as string) : null;
      const tally = tallyLines(chunk.lines, run.sites, run.hashOf);
      const next: Omit<TrafficLogOffsetTable, 'path'> = {
        ...ident,
        head_hash: head,
        read_to: start + chunk.consumed,
        size_seen: end,
        lines: (row && start > 0 ? row.lines : 0) + tally.summary.lines,
        bad_lines: (row && start > 0 ? row.bad_lines : 0) + tally.summary.badLines,
        updated_at: deps.clock.now().toISOString(),
      };
      const committed = await inTransaction(deps.db, async (tx) => {
        const won = row ? await logOffsets.advance(tx.trx, file, row, next) : await logOffsets.insert(tx.trx, { path: file, ...next });
        // Another run read this chunk first: roll nothing in, leave the file to it.
        if (!won) return false;
        await traffic.addDaily(tx.trx, [...tally.daily.values()]);
        await traffic.addVisitors(tx.trx, [...tally.visitors.values()]);
        return true;
      });
      if (!committed) return;
      if (start === 0 && row) run.summary.restarted++;
      addSummary(run.summary, tally.summary);
      if (!finishing && start + chunk.consumed >= end) return;
    } finally {
      await fh.close();
      await rotated?.close();
    }
  }
}

/**
 * A crawl's working memory, on disk: every URL found (with the depth and the first page that
 * linked it), which are still to do, and what each check answered. Memory stays flat however
 * large the site — the frontier and the set of seen URLs live here, not in the heap — and a
 * crawl killed half-way resumes where it stopped. Link results are also kept across crawls of
 * the same journal for a while, so an external link is not asked again every night.
 *
 * This is a scratch file of the crawler (SQLite, whatever database the platform runs on).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const KIND_PAGE = 1;
export const KIND_CHECK = 0;
const STATE_QUEUED = 0;
const STATE_CLAIMED = 1;
const STATE_DONE = 2;

export interface JournalUrl {
  id: number;
  url: string;
  depth: number;
  parent: string | null;
  kind: number;
}

export interface CachedLink {
  ok: boolean;
  status: number | null;
  error: string | null;
  checkedAt: number;
}

export interface CrawlJournal {
  /** True when this journal holds an unfinished crawl of the same start URL (it goes on from there). */
  readonly resumed: boolean;
  /** Adds a URL unless it is known; true when it was new. */
  add(url: string, depth: number, parent: string | null, kind: number): boolean;
  /** Adds many in one transaction; returns how many were new. */
  addMany(rows: readonly { url: string; depth: number; parent: string | null; kind: number }[]): number;
  /** Takes up to `n` queued URLs, oldest first (breadth-first). */
  claim(n: number): JournalUrl[];
  done(id: number, r: { status: number | null; ok: boolean; error: string | null; page: boolean }): void;
  counts(): { known: number; queued: number; done: number; pages: number; broken: number };
  cached(url: string, maxAgeMs: number, now: number): CachedLink | null;
  remember(url: string, r: CachedLink): void;
  finish(): void;
  close(): void;
}

/** Opens (or creates) the journal at `file` for a crawl from `startUrl`; `fresh` discards an unfinished crawl. */
export function openCrawlJournal(file: string, startUrl: string, fresh = false): CrawlJournal {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // Scratch data: a crash loses at most the last moments, and resuming re-checks what was in flight.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS urls (
      id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, depth INTEGER NOT NULL, parent TEXT,
      kind INTEGER NOT NULL, state INTEGER NOT NULL DEFAULT 0, status INTEGER, ok INTEGER, error TEXT, page INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS urls_state ON urls (state, id);
    CREATE TABLE IF NOT EXISTS link_cache (url TEXT PRIMARY KEY, ok INTEGER NOT NULL, status INTEGER, error TEXT, checked_at INTEGER NOT NULL);
  `);
  const metaGet = db.prepare<[string], { v: string }>('SELECT v FROM meta WHERE k = ?');
  const metaSet = db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
  const unfinished = metaGet.get('start')?.v === startUrl && metaGet.get('finished')?.v === '0';
  const resumed = unfinished && !fresh;
  if (resumed) {
    db.prepare(`UPDATE urls SET state = ${STATE_QUEUED} WHERE state = ${STATE_CLAIMED}`).run();
  } else {
    db.exec('DELETE FROM urls');
    metaSet.run('start', startUrl);
  }
  metaSet.run('finished', '0');

  const insert = db.prepare('INSERT OR IGNORE INTO urls (url, depth, parent, kind) VALUES (?, ?, ?, ?)');
  const claimStmt = db.prepare<[number], JournalUrl>(
    `UPDATE urls SET state = ${STATE_CLAIMED} WHERE id IN (SELECT id FROM urls WHERE state = ${STATE_QUEUED} ORDER BY id LIMIT ?)
     RETURNING id, url, depth, parent, kind`,
  );
  const doneStmt = db.prepare(`UPDATE urls SET state = ${STATE_DONE}, status = ?, ok = ?, error = ?, page = ? WHERE id = ?`);
  const countStmt = db.prepare<[], { known: number; queued: number; done: number; pages: number; broken: number }>(
    `SELECT COUNT(*) AS known, COALESCE(SUM(state <> ${STATE_DONE}), 0) AS queued, COALESCE(SUM(state = ${STATE_DONE}), 0) AS done,
            COALESCE(SUM(page), 0) AS pages, COALESCE(SUM(state = ${STATE_DONE} AND ok = 0), 0) AS broken FROM urls`,
  );
  const cacheGet = db.prepare<[string], { ok: number; status: number | null; error: string | null; checked_at: number }>(
    'SELECT ok, status, error, checked_at FROM link_cache WHERE url = ?',
  );
  const cacheSet = db.prepare(
    `INSERT INTO link_cache (url, ok, status, error, checked_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET ok = excluded.ok, status = excluded.status, error = excluded.error, checked_at = excluded.checked_at`,
  );
  const addMany = db.transaction((rows: readonly { url: string; depth: number; parent: string | null; kind: number }[]) => {
    let added = 0;
    for (const r of rows) added += insert.run(r.url, r.depth, r.parent, r.kind).changes;
    return added;
  });
  // Results are written in batches (one transaction each): a crash loses at most the last batch,
  // whose URLs are then checked again on resume.
  const doneRows: [number | null, number, string | null, number, number][] = [];
  const cacheRows: [string, number, number | null, string | null, number][] = [];
  const flushTx = db.transaction(() => {
    for (const r of doneRows) doneStmt.run(...r);
    for (const r of cacheRows) cacheSet.run(...r);
  });
  const flush = () => {
    if (doneRows.length === 0 && cacheRows.length === 0) return;
    flushTx();
    doneRows.length = 0;
    cacheRows.length = 0;
  };
  const BATCH = 128;
  const claimTx = db.transaction((n: number) => {
    flush();
    return claimStmt.all(n);
  });

  return {
    resumed,
    add: (url, depth, parent, kind) => insert.run(url, depth, parent, kind).changes > 0,
    addMany: (rows) => addMany(rows),
    claim: (n) => claimTx(n).sort((a, b) => a.id - b.id),
    done(id, r) {
      doneRows.push([r.status, r.ok ? 1 : 0, r.error, r.page ? 1 : 0, id]);
      if (doneRows.length >= BATCH) flush();
    },
    counts() {
      flush();
      return countStmt.get()!;
    },
    cached(url, maxAgeMs, now) {
      const row = cacheGet.get(url);
      if (!row || now - row.checked_at > maxAgeMs) return null;
      return { ok: row.ok === 1, status: row.status, error: row.error, checkedAt: row.checked_at };
    },
    remember(url, r) {
      cacheRows.push([url, r.ok ? 1 : 0, r.status, r.error, r.checkedAt]);
      if (cacheRows.length >= BATCH) flush();
    },
    finish() {
      flush();
      metaSet.run('finished', '1');
    },
    close() {
      flush();
      db.close();
    },
  };
}

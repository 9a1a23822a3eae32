/**
 * The site crawler: breadth-first from the home page over the site's own pages, checking every
 * link it finds (internal and external) once. Polite and bounded: robots.txt (and its
 * Crawl-delay), a per-host limit on requests in flight and an interval between them, page,
 * depth and body-size limits, a deadline per request, retries with backoff, redirect-loop
 * detection, and a guard against URL traps (an endless calendar offers a new `?month=` for
 * ever). The frontier lives in a journal on disk (crawl-journal.repository.ts), so memory stays
 * flat on a 100k-page site and a killed crawl resumes.
 *
 * The crawler only fetches: the target's pages, robots.txt, and the links it checks (one request
 * each, HEAD then GET, following their redirects). What the pages mean is for the rules
 * (`../rules/`), which receive each page's facts through `onPage`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import robotsModule from 'robots-parser';
import { decodeHtml } from '../rules/charset.ts';
import { readPage, type PageFacts, type PageLink } from '../rules/page-facts.ts';
import { KIND_CHECK, KIND_PAGE, openCrawlJournal, type JournalUrl } from './crawl-journal.repository.ts';
import {
  createHttpClient,
  isPrivateAddress,
  isTransient,
  literalAddress,
  resolveAddresses,
  USER_AGENT,
  type FetchErrorCode,
  type FetchResult,
  type HttpClient,
} from '../../platform/http-client.ts';

export interface CrawlOptions {
  startUrl: string;
  /** Pages read (parsed); links beyond are still checked. */
  maxPages?: number;
  maxDepth?: number;
  /** Requests in flight to the site's own host. */
  concurrency?: number;
  /** Least time between two request starts to the site's own host (raised by robots.txt Crawl-delay). */
  intervalMs?: number;
  /** Requests in flight to any one other host, and the interval between them. */
  externalPerHost?: number;
  externalIntervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  retryBaseMs?: number;
  maxPageBytes?: number;
  maxRedirects?: number;
  checkExternal?: boolean;
  respectRobots?: boolean;
  /** At most this many URLs that differ only in their query string (calendar and search traps). */
  maxQueryVariants?: number;
  /** How long a checked link's result is reused (external links, across crawls of one journal). */
  linkCacheMs?: number;
  /** The journal file; by default a temporary one, removed at the end. */
  journalPath?: string;
  /** Start over even if the journal holds an unfinished crawl. */
  fresh?: boolean;
  signal?: AbortSignal;
  /** Hosts that count as the site's own besides the start URL's (e.g. its other domains). */
  siteHosts?: readonly string[];
  /** Hand each page's decoded HTML to `onPage` (the legacy import reads the article out of it). */
  keepHtml?: boolean;
}

export interface CrawledPage {
  url: string;
  finalUrl: string;
  depth: number;
  parent: string | null;
  status: number;
  charset: string;
  truncated: boolean;
  ms: number;
  facts: PageFacts;
  /** The decoded HTML, when the crawl was asked to keep it (`keepHtml`). */
  html?: string;
}

export interface LinkCheck {
  url: string;
  ok: boolean;
  status?: number;
  /** Why it failed, a stable code (timeout, unreachable, tls, redirectLoop, tooManyRedirects, badUrl) or `http`. */
  error?: FetchErrorCode | 'http';
  /** The first page found linking it (null for the home page). */
  parent: string | null;
  internal: boolean;
}

export interface CrawlProgress {
  pages: number;
  checked: number;
  queued: number;
}

export interface CrawlHandlers {
  onPage?: (page: CrawledPage) => void | Promise<void>;
  onLink?: (check: LinkCheck) => void;
  onProgress?: (p: CrawlProgress) => void;
}

export interface CrawlSummary {
  pages: number;
  /** Unique URLs checked (pages included). */
  urlsChecked: number;
  /** `<a>`, `<img>`… occurrences found on the pages read. */
  linkOccurrences: number;
  broken: number;
  skipped: { robots: number; trap: number; private: number; external: number };
  resumed: boolean;
  home: { url: string; finalUrl: string; status: number | null; error: FetchErrorCode | null; ms: number };
  /** Set when the crawl stopped early (aborted); the journal holds the rest. */
  aborted?: string;
}

export const CRAWL_DEFAULTS = {
  maxPages: 5_000,
  maxDepth: 20,
  concurrency: 4,
  intervalMs: 100,
  externalPerHost: 2,
  externalIntervalMs: 250,
  timeoutMs: 15_000,
  retries: 2,
  retryBaseMs: 1_000,
  maxPageBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  checkExternal: true,
  respectRobots: true,
  maxQueryVariants: 100,
  linkCacheMs: 24 * 3600_000,
} as const;

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// The package's typings declare the module, not its CommonJS function export.
const robotsParser = robotsModule as unknown as (url: string, contents: string) => Robots;

const NOT_PAGE =
  /\.(pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|zip|rar|7z|gz|tar|jpe?g|png|gif|bmp|svg|webp|ico|tiff?|css|js|mjs|map|mp[34]|avi|wmv|flv|mov|m4v|webm|swf|txt|xml|json|csv|apk|exe|dmg|iso|woff2?|ttf|eot)$/i;
const PAGE_TAGS = new Set(['a', 'area', 'iframe', 'frame', 'meta']);
const MAX_URL_LENGTH = 2_000;

class HostGate {
  private active = 0;
  private nextStart = 0;
  /** Those waiting for a request in flight to end. */
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly limit: number,
    private intervalMs: number,
  ) {}
  slowTo(ms: number) {
    this.intervalMs = Math.max(this.intervalMs, ms);
  }
  async enter(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (this.active < this.limit && now >= this.nextStart) {
        this.active++;
        this.nextStart = now + this.intervalMs;
        return;
      }
      if (signal?.aborted) throw new Error('aborted');
      if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else await sleep(Math.max(1, this.nextStart - now));
    }
  }
  leave() {
    this.active--;
    this.waiting.shift()?.();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A URL host that is a literal address outside the public internet (`127.0.0.1`, `[::1]`, `10.1.2.3`…). */
export function isPrivateHost(hostname: string): boolean {
  const literal = literalAddress(hostname);
  return literal !== null && isPrivateAddress(literal);
}

const hostKey = (host: string) => host.toLowerCase().replace(/^www\./, '');

/** Crawl one site from `startUrl`; resolves when every queued URL is done (or the signal aborts). */
export async function crawlSite(options: CrawlOptions, handlers: CrawlHandlers = {}): Promise<CrawlSummary> {
  const o = { ...CRAWL_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<
    Omit<CrawlOptions, 'journalPath' | 'signal' | 'siteHosts' | 'keepHtml'>
  > &
    CrawlOptions;
  const start = new URL(o.startUrl);
  start.hash = '';
  const startUrl = start.href;
  const siteHosts = new Set([hostKey(start.host), ...(o.siteHosts ?? []).map(hostKey)]);
  const isInternal = (u: URL) => siteHosts.has(hostKey(u.host));
  // Internal addresses are visited only when they are the site's own (a site on an intranet, or on
  // this machine): a public site's links, redirects and names that resolve inward are refused.
  const siteAddresses = new Set(
    (await Promise.all([start.hostname, ...(o.siteHosts ?? [])].map((h) => resolveAddresses(h.replace(/:\d+$/, ''))))).flat(),
  );
  const allowAddress = (ip: string) => !isPrivateAddress(ip) || siteAddresses.has(ip);
  const visitable = new Map<string, boolean>();
  const mayVisit = (u: URL) => {
    let ok = visitable.get(u.hostname);
    if (ok === undefined) {
      const literal = literalAddress(u.hostname);
      ok = literal === null || allowAddress(literal);
      if (visitable.size < 10_000) visitable.set(u.hostname, ok);
    }
    return ok;
  };

  const tempDir = o.journalPath ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-crawl-'));
  const journalFile = o.journalPath ?? path.join(tempDir!, `${randomUUID()}.sqlite`);
  const journal = openCrawlJournal(journalFile, startUrl, o.fresh ?? false);
  const http: HttpClient = createHttpClient({
    connections: Math.max(o.concurrency, o.externalPerHost),
    timeoutMs: o.timeoutMs,
    allowAddress,
  });
  const gates = new Map<string, HostGate>();
  const siteGate = new HostGate(o.concurrency, o.intervalMs);
  const gateFor = (u: URL) => {
    if (isInternal(u)) return siteGate;
    let g = gates.get(u.host);
    if (!g) gates.set(u.host, (g = new HostGate(o.externalPerHost, o.externalIntervalMs)));
    return g;
  };

  const summary: CrawlSummary = {
    pages: 0,
    urlsChecked: 0,
    linkOccurrences: 0,
    broken: 0,
    skipped: { robots: 0, trap: 0, private: 0, external: 0 },
    resumed: journal.resumed,
    home: { url: startUrl, finalUrl: startUrl, status: null, error: null, ms: 0 },
  };
  if (journal.resumed) {
    const c = journal.counts();
    summary.pages = c.pages;
    summary.urlsChecked = c.done;
    summary.broken = c.broken;
  }

  // Recently seen URLs: most links on a page (navigation, footer) were seen on the page before.
  const recent = new Set<string>();
  const remember = (u: string) => {
    if (recent.size >= 20_000) {
      let n = 0;
      for (const k of recent) {
        recent.delete(k);
        if (++n >= 5_000) break;
      }
    }
    recent.add(u);
  };
  const variants = new Map<string, number>();

  let robots: Robots | null = null;
  let robotsDenyAll = false;
  const allowedByRobots = (url: string) => {
    if (!o.respectRobots || url === startUrl) return true;
    if (robotsDenyAll) return false;
    return robots?.isAllowed(url, USER_AGENT) !== false;
  };

  const fetchWithRetry = async (url: string, method: 'GET' | 'HEAD', body: boolean, gate: HostGate): Promise<FetchResult> => {
    let r: FetchResult | null = null;
    for (let attempt = 0; attempt <= o.retries; attempt++) {
      if (attempt > 0) await sleep(o.retryBaseMs * 2 ** (attempt - 1));
      await gate.enter(o.signal);
      try {
        r = await http.fetch(url, {
          method,
          body,
          timeoutMs: o.timeoutMs,
          maxBytes: o.maxPageBytes,
          maxRedirects: o.maxRedirects,
        });
      } finally {
        gate.leave();
      }
      if (!isTransient(r) || o.signal?.aborted) break;
    }
    return r!;
  };

  if (o.respectRobots) {
    const r = await fetchWithRetry(new URL('/robots.txt', start).href, 'GET', true, siteGate);
    if (r.status !== null && r.status >= 200 && r.status < 300 && r.body) {
      robots = robotsParser(new URL('/robots.txt', start).href, r.body.subarray(0, 512 * 1024).toString('utf8'));
      const delay = robots.getCrawlDelay(USER_AGENT);
      if (delay) siteGate.slowTo(Math.min(delay * 1000, 10_000));
    } else if (r.status === null || r.status >= 500) {
      // RFC 9309 §2.3.1.4: an unreachable robots.txt means "disallow everything" for now.
      robotsDenyAll = true;
    }
  }

  if (!journal.resumed) journal.add(startUrl, 0, null, KIND_PAGE);

  const enqueueLinks = (links: readonly PageLink[], depth: number, parent: string) => {
    const rows: { url: string; depth: number; parent: string; kind: number }[] = [];
    for (const link of links) {
      if (recent.has(link.url)) continue;
      remember(link.url);
      if (link.url.length > MAX_URL_LENGTH) {
        summary.skipped.trap++;
        continue;
      }
      const u = new URL(link.url);
      const internal = isInternal(u);
      if (!internal && !o.checkExternal) {
        summary.skipped.external++;
        continue;
      }
      if (!mayVisit(u)) {
        summary.skipped.private++;
        continue;
      }
      if (u.search) {
        const key = u.origin + u.pathname;
        const n = (variants.get(key) ?? 0) + 1;
        if (variants.size < 100_000) variants.set(key, n);
        if (n > o.maxQueryVariants) {
          summary.skipped.trap++;
          continue;
        }
      }
      const page = internal && PAGE_TAGS.has(link.tag) && !NOT_PAGE.test(u.pathname);
      rows.push({ url: link.url, depth, parent, kind: page ? KIND_PAGE : KIND_CHECK });
    }
    if (rows.length) journal.addMany(rows);
  };

  const report = (job: JournalUrl, internal: boolean, r: FetchResult, page: boolean) => {
    const ok = r.error === null && r.status !== null && r.status >= 200 && r.status < 300;
    const check: LinkCheck = { url: job.url, ok, parent: job.parent, internal };
    if (r.status !== null) check.status = r.status;
    if (!ok) check.error = r.error ?? 'http';
    journal.done(job.id, { status: r.status, ok, error: check.error ?? null, page });
    summary.urlsChecked++;
    if (!ok) summary.broken++;
    handlers.onLink?.(check);
  };

  let pageSlots = summary.pages;
  const process1 = async (job: JournalUrl) => {
    let u: URL;
    try {
      u = new URL(job.url);
    } catch {
      journal.done(job.id, { status: null, ok: false, error: 'badUrl', page: false });
      return;
    }
    const internal = isInternal(u);
    const gate = gateFor(u);
    // Pages in flight hold their place under the page limit, so concurrent workers cannot overshoot it.
    const wantPage = internal && job.kind === KIND_PAGE && job.depth <= o.maxDepth && pageSlots < o.maxPages;
    if (wantPage) pageSlots++;
    if (internal && !allowedByRobots(job.url)) {
      summary.skipped.robots++;
      journal.done(job.id, { status: null, ok: true, error: 'robots', page: false });
      return;
    }
    if (!internal) {
      const cached = journal.cached(job.url, o.linkCacheMs, Date.now());
      if (cached) {
        report(
          job,
          false,
          {
            status: cached.status,
            error: cached.error === 'http' ? null : (cached.error as FetchErrorCode | null),
            finalUrl: job.url,
            contentType: '',
            body: null,
            truncated: false,
            redirects: 0,
            ms: 0,
          },
          false,
        );
        return;
      }
    }
    let r: FetchResult;
    const refused = () => {
      if (wantPage) pageSlots--;
      summary.skipped.private++;
      journal.done(job.id, { status: null, ok: true, error: 'private', page: false });
    };
    if (wantPage) {
      r = await fetchWithRetry(job.url, 'GET', true, gate);
    } else {
      r = await fetchWithRetry(job.url, 'HEAD', false, gate);
      // Many servers answer HEAD badly (405, 403, 404, 500…): ask again the way a browser does.
      if (
        r.error !== 'timeout' &&
        r.error !== 'privateAddress' &&
        (r.status === null || r.status < 200 || r.status >= 300) &&
        !o.signal?.aborted
      )
        r = await fetchWithRetry(job.url, 'GET', false, gate);
    }
    // A name that resolves inward (or a redirect there): not visited, like a literal internal address.
    if (r.error === 'privateAddress' && !(job.depth === 0 && job.parent === null)) return refused();
    if (job.depth === 0 && job.parent === null)
      summary.home = { url: job.url, finalUrl: r.finalUrl, status: r.status, error: r.error, ms: r.ms };
    if (job.depth === 0 && job.parent === null && r.finalUrl !== job.url) siteHosts.add(hostKey(new URL(r.finalUrl).host));
    let parsed = false;
    const isHtml = !r.contentType || /html|xml/i.test(r.contentType);
    if (wantPage && r.status !== null && r.status >= 200 && r.status < 300 && r.body && isHtml && !r.truncated) {
      const final = new URL(r.finalUrl);
      // A redirect to a page already read (or off the site) is a link that works, not a new page.
      const fresh = r.finalUrl === job.url || (isInternal(final) && journal.add(r.finalUrl, job.depth, job.parent, KIND_PAGE));
      if (fresh) {
        const { html, charset } = decodeHtml(r.body, r.contentType);
        const facts = readPage(html, r.finalUrl);
        summary.pages++;
        parsed = true;
        summary.linkOccurrences += facts.links.length;
        enqueueLinks(facts.links, job.depth + 1, r.finalUrl);
        const crawled: CrawledPage = {
          url: job.url,
          finalUrl: r.finalUrl,
          depth: job.depth,
          parent: job.parent,
          status: r.status,
          charset,
          truncated: r.truncated,
          ms: r.ms,
          facts,
        };
        if (o.keepHtml) crawled.html = html;
        await handlers.onPage?.(crawled);
      }
    }
    if (wantPage && !parsed) pageSlots--;
    if (!internal) {
      const ok = r.error === null && r.status !== null && r.status >= 200 && r.status < 300;
      journal.remember(job.url, { ok, status: r.status, error: ok ? null : (r.error ?? 'http'), checkedAt: Date.now() });
    }
    report(job, internal, r, parsed);
  };

  // Workers share a small buffer of claimed URLs, refilled from the journal in batches.
  let buffer: JournalUrl[] = [];
  let active = 0;
  // Workers with nothing to do wait for one in progress to finish (it may have found more); each
  // woken worker that finds work wakes the next, so a new batch spreads without a stampede.
  const idle: (() => void)[] = [];
  const wakeOne = () => idle.shift()?.();
  let lastProgress = 0;
  const workers = Math.max(1, o.concurrency + (o.checkExternal ? o.externalPerHost * 2 : 0));
  const worker = async () => {
    for (;;) {
      if (o.signal?.aborted) return;
      if (buffer.length === 0) buffer = journal.claim(Math.max(64, workers * 4));
      const job = buffer.shift();
      if (!job) {
        if (active === 0) {
          wakeOne();
          return;
        }
        await new Promise<void>((resolve) => idle.push(resolve));
        continue;
      }
      active++;
      if (buffer.length > 0) wakeOne();
      try {
        await process1(job);
      } catch (err) {
        if (o.signal?.aborted) return;
        throw err;
      } finally {
        active--;
        wakeOne();
      }
      if (handlers.onProgress && Date.now() - lastProgress > 250) {
        lastProgress = Date.now();
        handlers.onProgress({ pages: summary.pages, checked: summary.urlsChecked, queued: journal.counts().queued });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
    if (o.signal?.aborted) summary.aborted = String(o.signal.reason ?? 'aborted');
    else journal.finish();
    handlers.onProgress?.({ pages: summary.pages, checked: summary.urlsChecked, queued: 0 });
    return summary;
  } finally {
    journal.close();
    await http.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

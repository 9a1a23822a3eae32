/**
 * The public sites in front of Fastify. A raw node:http handler answers static files from the
 * file cache and passes everything else to Fastify:
 *
 * - on a site's own domain (Host header), every request is mapped into that site's
 *   `/sites/<code>/…` space: a published file if there is one, otherwise Fastify gets the request
 *   with its URL rewritten to `/sites/<code><path>` (dynamic public routes, the site's 404), so
 *   the admin and the API are never reachable on a public host;
 * - `/sites/<code>/…` on any other host is the local preview of the same files.
 *
 * The in-process publisher's change notices (`notifyPublicFilesChanged`) drop a site's cached
 * files at once, as does `invalidatePublicCache(code)`; writers in other processes are caught
 * by the cache's one-second revalidation.
 *
 * Every answer on a site's own domain is logged in the access-log format nginx writes too
 * (room traffic), through a buffered writer flushed when the server closes. Requests nginx
 * passes on already mapped under `/sites/<code>` are not: nginx has logged them. Previews on
 * other hosts are not visits and are not logged either.
 */
import fs from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SITE_CODE_PATTERN } from '../../../common/codes.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import type { RoutesPlugin } from '../../platform/http/app.ts';
import { listSites } from '../../sites/index.ts';
import { appAccessLogFile, clientAddress, formatAccessLine, openAccessLog, type AccessLogWriter } from '../../traffic/index.ts';
import { onPublicFilesChanged } from '../public-events.ts';
import { FileCache, type Coding, type Entry, type FileEntry, type Variant } from './file-cache.ts';
import { NOT_FOUND_PATH, PREVIEW_NOT_FOUND_PATH } from '../rules/paths.ts';
import { CACHE_PRIVATE, ELDER_CSS_PATH, MODE_CSS_PATH, isUnpublishedPath } from './rules/file-types.ts';
import { MODE_COOKIE, MODE_COOKIE_MAX_AGE, cookieSelectsElder, modeRedirectTarget, type Mode } from './rules/mode.ts';
import { ACCEPT_BR, ACCEPT_GZIP, acceptedEncodings, entityTag, etagMatches, notModifiedSince } from './rules/negotiation.ts';
import { hostOfHeader, publicHostMap } from './rules/public-hosts.ts';
import { parseRequestPath, splitPreviewTarget } from './rules/request-path.ts';
import { securityHeaders } from './rules/security-headers.ts';
import { retiredRoutes } from '../commands/redirects.ts';
import { createRetiredHosts } from './retired-hosts.ts';

export interface PublicSitesOptions {
  /** Bytes of published files kept in memory (default: the configuration's GONGKAI_PUBLIC_CACHE_MB). */
  cacheBytes?: number;
  /** How long a cached file is trusted before it is checked against the disk. */
  ttlMs?: number;
  /** How often the host → site map is reloaded from the sites room. */
  refreshMs?: number;
  /** The access log (default `<dataDir>/logs/access/app.log`); false writes none. */
  accessLog?: string | false;
}

export interface PublicSites {
  /** Wraps Fastify's request handler (see `BuildAppOptions.front`). */
  front: (next: RequestListener) => RequestListener;
  /** Fastify routes: the mode switch and the sites' 404 page. */
  routes: RoutesPlugin;
  /** Reloads the host → site map now. */
  refresh(): Promise<void>;
  invalidate(code?: string): void;
  /** Stops the refresh timer and writes out the access log. */
  close(): Promise<void>;
  readonly cache: FileCache;
}

const live = new Set<PublicSites>();

/**
 * Drops cached copies of a site's published files (all sites when no code is given) in every
 * server of this process. The publisher calls it after writing or deleting files.
 */
export function invalidatePublicCache(siteCode?: string): void {
  for (const s of live) s.invalidate(siteCode);
}

/** Reloads which domains belong to which site now (e.g. after a site's domains changed). */
export async function refreshPublicHosts(): Promise<void> {
  await Promise.all([...live].map((s) => s.refresh()));
}

/** Requests that arrived on a site's own domain (their URL was mapped into `/sites/<code>`). */
const onPublicHost = new WeakSet<IncomingMessage>();

interface HostRoute {
  code: string;
  /** `/sites/<code>`, the prefix a request on this host is mapped under. */
  prefix: string;
}

const PLAIN = 'text/plain; charset=utf-8';
const BAD_REQUEST_BODY = Buffer.from('请求地址不正确\n');
const NOT_FOUND_BODY = Buffer.from('找不到请求的内容\n');
const EMPTY_CSS_ETAG = '"mode-standard"';

/** A header list with length, tag and date of a file that changed since the list was built. */
function withStat(headers: readonly string[], st: fs.Stats, coding: Coding): string[] {
  const out = [...headers];
  for (let i = 0; i < out.length; i += 2) {
    const name = out[i];
    if (name === 'Content-Length') out[i + 1] = String(st.size);
    else if (name === 'ETag') out[i + 1] = entityTag(st.size, st.mtimeMs, coding);
    else if (name === 'Last-Modified') out[i + 1] = new Date(st.mtimeMs).toUTCString();
  }
  return out;
}

export function createPublicSites(deps: Deps, opts: PublicSitesOptions = {}): PublicSites {
  const security = securityHeaders({ hsts: deps.config.secureCookies });
  const flatSecurity = security.flatMap(([k, v]) => [k, v]);
  const cache = new FileCache({
    publicDir: path.join(deps.config.dataDir, 'public'),
    maxBytes: opts.cacheBytes ?? deps.config.publicCacheBytes,
    ttlMs: opts.ttlMs ?? 1000,
    extraHeaders: security,
  });
  const refreshMs = opts.refreshMs ?? 30_000;
  const actor = systemActor('public-sites');
  const trustProxy = deps.config.trustProxy;
  const logFile = opts.accessLog ?? appAccessLogFile(deps.config.dataDir);
  const accessLog: AccessLogWriter | null =
    logFile === false
      ? null
      : openAccessLog(logFile, { onError: (err) => deps.logger.warn({ err, file: logFile }, 'access log write failed') });

  let hosts = new Map<string, HostRoute>();
  /** Old host names of retired sites: their redirects and closure notices. */
  const retired = createRetiredHosts();
  /** Host header as sent → route (or null): most visitors send one of a few spellings. */
  const hostCache = new Map<string, HostRoute | null>();
  const encodingCache = new Map<string, number>();
  let lastProblems = '';
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;

  const plainHeaders = (len: number) => [
    'Content-Type',
    PLAIN,
    'Content-Length',
    String(len),
    'Cache-Control',
    'no-store',
    ...flatSecurity,
  ];
  const badRequestHeaders = plainHeaders(BAD_REQUEST_BODY.length);
  const emptyCssHeaders = [
    'Content-Type',
    'text/css; charset=utf-8',
    'Content-Length',
    '0',
    'ETag',
    EMPTY_CSS_ETAG,
    'Vary',
    'Cookie, Accept-Encoding',
    'Cache-Control',
    CACHE_PRIVATE,
    ...flatSecurity,
  ];
  const emptyCss304 = ['ETag', EMPTY_CSS_ETAG, 'Vary', 'Cookie, Accept-Encoding', 'Cache-Control', CACHE_PRIVATE, ...flatSecurity];

  async function refresh(): Promise<void> {
    const sites = await listSites(deps, actor, {});
    const map = publicHostMap(sites.map((s) => ({ code: s.code, domains: s.domains, status: s.status, hosting: s.hosting })));
    const problems = map.problems.join('；');
    if (problems && problems !== lastProblems) deps.logger.warn({ problems: map.problems }, 'public site domains left out');
    lastProblems = problems;
    const next = new Map<string, HostRoute>();
    const routes = new Map(map.sites.map((s) => [s.code, { code: s.code, prefix: `/sites/${s.code}` }]));
    for (const [host, code] of map.hosts) next.set(host, routes.get(code) as HostRoute);
    hosts = next;
    hostCache.clear();
    retired.set(await retiredRoutes(deps));
  }

  function routeOfHost(header: string): HostRoute | null {
    let route = hostCache.get(header);
    if (route === undefined) {
      const host = hostOfHeader(header);
      route = (host && hosts.get(host)) || null;
      if (hostCache.size > 1000) hostCache.clear();
      hostCache.set(header, route);
    }
    return route;
  }

  function encodingsOf(header: string | undefined): number {
    if (header === undefined) return 0;
    let bits = encodingCache.get(header);
    if (bits === undefined) {
      bits = acceptedEncodings(header);
      if (encodingCache.size > 200) encodingCache.clear();
      encodingCache.set(header, bits);
    }
    return bits;
  }

  function notModified(req: IncomingMessage, etag: string, mtimeMs: number): boolean {
    const inm = req.headers['if-none-match'];
    if (inm !== undefined) return etagMatches(inm, etag);
    const ims = req.headers['if-modified-since'];
    return ims !== undefined && mtimeMs >= 0 && notModifiedSince(ims, mtimeMs);
  }

  function pickVariant(req: IncomingMessage, entry: FileEntry): Variant {
    if (entry.br === null && entry.gzip === null) return entry.plain;
    const bits = encodingsOf(req.headers['accept-encoding']);
    if (bits & ACCEPT_BR && entry.br) return entry.br;
    if (bits & ACCEPT_GZIP && entry.gzip) return entry.gzip;
    return entry.plain;
  }

  function send(req: IncomingMessage, res: ServerResponse, v: Variant, mtimeMs: number, headers: string[], headers304: string[]): void {
    if (notModified(req, v.etag, mtimeMs)) {
      res.writeHead(304, headers304);
      res.end();
      return;
    }
    if (v.body === null) return stream(req, res, v, headers);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else res.end(v.body);
  }

  /** Large files are read per request through one descriptor, with the length and tag of what is actually sent. */
  function stream(req: IncomingMessage, res: ServerResponse, v: Variant, headers: string[]): void {
    let fd: number;
    let st: fs.Stats;
    try {
      fd = fs.openSync(v.file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
      st = fs.fstatSync(fd);
    } catch {
      return sendPlain(res, 404, NOT_FOUND_BODY);
    }
    const replaced = st.ino !== v.key.ino || st.size !== v.key.size || st.mtimeMs !== v.key.mtimeMs;
    res.writeHead(200, replaced ? withStat(headers, st, v.coding) : headers);
    if (req.method === 'HEAD' || st.size === 0) {
      fs.closeSync(fd);
      res.end();
      return;
    }
    const s = fs.createReadStream('', { fd, start: 0, end: st.size - 1 });
    s.on('error', () => res.destroy());
    res.on('close', () => s.destroy());
    s.pipe(res);
  }

  function sendPlain(res: ServerResponse, status: number, body: Buffer | string): void {
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, status === 400 && buf === BAD_REQUEST_BODY ? badRequestHeaders : plainHeaders(buf.length));
    res.end(buf);
  }

  function redirect(res: ServerResponse, location: string): void {
    res.writeHead(301, ['Location', location, 'Content-Length', '0', 'Cache-Control', 'no-cache', ...flatSecurity]);
    res.end();
  }

  function serveModeCss(req: IncomingMessage, res: ServerResponse, code: string): boolean {
    if (!cache.siteExists(code)) return false;
    if (cookieSelectsElder(req.headers.cookie)) {
      const entry = cache.lookup(code, ELDER_CSS_PATH);
      if (entry.kind === 'file') {
        const v = pickVariant(req, entry);
        send(req, res, v, entry.mtimeMs, v.modeHeaders ?? v.headers, v.mode304 ?? v.headers304);
        return true;
      }
    }
    if (notModified(req, EMPTY_CSS_ETAG, -1)) {
      res.writeHead(304, emptyCss304);
      res.end();
    } else {
      res.writeHead(200, emptyCssHeaders);
      res.end();
    }
    return true;
  }

  /**
   * Answers a GET or HEAD for a site path from the site's folder. False when there is no such
   * file: the caller hands the request to Fastify.
   */
  function serveStatic(req: IncomingMessage, res: ServerResponse, code: string, sitePath: string, target: string, base: string): boolean {
    if (sitePath === MODE_CSS_PATH) return serveModeCss(req, res, code);
    if (isUnpublishedPath(sitePath)) return false;
    const entry = cache.lookup(code, sitePath);
    if (entry.kind === 'file') {
      const v = pickVariant(req, entry);
      send(req, res, v, entry.mtimeMs, v.headers, v.headers304);
      return true;
    }
    if (entry.kind === 'dir' && entry.hasIndex) {
      // Relative links inside a folder's index page need the trailing slash.
      const q = target.indexOf('?');
      redirect(res, `${base}${sitePath}/${q < 0 ? '' : target.slice(q)}`);
      return true;
    }
    return false;
  }

  // Log times are to the second, as nginx's: the text is made once a second, not per request.
  let logSecond = -1;
  let logTime = '';

  /** One access-log line for an answer on a site's domain; `url` is the target as the visitor sent it. */
  function logAccess(req: IncomingMessage, status: number, code: string, url: string): void {
    if (!accessLog) return;
    const second = Math.floor(deps.clock.now().getTime() / 1000);
    if (second !== logSecond) {
      logSecond = second;
      logTime = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    }
    accessLog.append(
      formatAccessLine({
        time: logTime,
        site: code,
        client: clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustProxy),
        method: req.method ?? '',
        status,
        target: url,
        userAgent: req.headers['user-agent'],
      }),
    );
  }

  function handlePublic(req: IncomingMessage, res: ServerResponse, route: HostRoute, url: string): boolean {
    // nginx proxies the dynamic paths already mapped (`/sites/<code>/search`): leave them be
    // (nginx has logged them too).
    if (url.startsWith(route.prefix) && (url.length === route.prefix.length || url[route.prefix.length] === '/')) {
      onPublicHost.add(req);
      return false;
    }
    const method = req.method;
    if (method === 'GET' || method === 'HEAD') {
      const parsed = parseRequestPath(url);
      if (!parsed.ok && parsed.status === 400) {
        sendPlain(res, 400, BAD_REQUEST_BODY);
        logAccess(req, 400, route.code, url);
        return true;
      }
      if (parsed.ok && serveStatic(req, res, route.code, parsed.path, url, '')) {
        // Every answer above has written its head by now (streamed bodies follow).
        logAccess(req, res.statusCode, route.code, url);
        return true;
      }
    }
    onPublicHost.add(req);
    if (accessLog) res.once('finish', () => logAccess(req, res.statusCode, route.code, url));
    req.url = url.charCodeAt(0) === 47 ? route.prefix + url : `${route.prefix}/`;
    return false;
  }

  function handlePreview(req: IncomingMessage, res: ServerResponse, url: string): boolean {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const t = splitPreviewTarget(url);
    if (!t || !SITE_CODE_PATTERN.test(t.code)) return false;
    if (t.rest === '' || t.rest.charCodeAt(0) === 63 /* ? */) {
      if (!cache.siteExists(t.code)) return false;
      redirect(res, `/sites/${t.code}/${t.rest}`);
      return true;
    }
    const parsed = parseRequestPath(t.rest);
    if (!parsed.ok) {
      if (parsed.status !== 400) return false;
      sendPlain(res, 400, BAD_REQUEST_BODY);
      return true;
    }
    return serveStatic(req, res, t.code, parsed.path, t.rest, `/sites/${t.code}`);
  }

  const front =
    (next: RequestListener): RequestListener =>
    (req, res) => {
      const url = req.url ?? '/';
      let answered = false;
      try {
        const host = req.headers.host;
        const route = host === undefined ? null : routeOfHost(host);
        if (route !== null) answered = handlePublic(req, res, route, url);
        else if (retired.handle(req, res, flatSecurity)) answered = true;
        else if (url.startsWith('/sites')) answered = handlePreview(req, res, url);
      } catch (e) {
        deps.logger.error({ err: e, url }, 'public file answer failed');
        if (!res.headersSent) sendPlain(res, 500, '服务器内部错误\n');
        else res.destroy();
        return;
      }
      if (!answered) next(req, res);
    };

  /**
   * The site's own 404 page with status 404 (the publisher's preview copy, whose links start at
   * `/sites/<code>/`, when the request did not come by the site's domain); a plain 404 when the
   * site has none or does not exist.
   */
  async function siteNotFound(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const t = splitPreviewTarget(req.url);
    let entry: Entry | null = null;
    if (t && SITE_CODE_PATTERN.test(t.code)) {
      if (!onPublicHost.has(req.raw)) entry = cache.lookup(t.code, PREVIEW_NOT_FOUND_PATH);
      if (entry?.kind !== 'file') entry = cache.lookup(t.code, NOT_FOUND_PATH);
    }
    if (entry?.kind === 'file') {
      const body = entry.plain.body ?? fs.readFileSync(entry.plain.file);
      return reply.code(404).type(entry.type.contentType).header('cache-control', 'no-cache').send(body);
    }
    return reply.code(404).type(PLAIN).header('cache-control', 'no-cache').send(NOT_FOUND_BODY);
  }

  const routes: RoutesPlugin = async (app) => {
    live.add(self);
    unsubscribe = onPublicFilesChanged((code) => cache.invalidate(code));
    app.addHook('onClose', async () => close());
    await refresh();
    if (refreshMs > 0) {
      timer = setInterval(() => {
        refresh().catch((e: unknown) => deps.logger.warn({ err: e }, 'public host map refresh failed'));
      }, refreshMs);
      timer.unref();
    }

    const Params = z.object({ code: z.string().max(32) });
    const Query = z.object({ back: z.unknown().optional() });
    const modeRoute = (mode: Mode) =>
      app.get(
        `/sites/:code/_mode/${mode}`,
        { config: { access: 'public' }, schema: { hide: true, params: Params, querystring: Query } },
        async (req, reply) => {
          const { code } = Params.parse(req.params);
          const { back } = Query.parse(req.query);
          if (!SITE_CODE_PATTERN.test(code) || !cache.siteExists(code)) return siteNotFound(req, reply);
          return reply
            .setCookie(MODE_COOKIE, mode, {
              path: '/',
              maxAge: MODE_COOKIE_MAX_AGE,
              sameSite: 'lax',
              httpOnly: true,
              secure: deps.config.secureCookies,
            })
            .header('cache-control', 'no-store')
            .redirect(modeRedirectTarget(code, back, onPublicHost.has(req.raw)), 303);
        },
      );
    modeRoute('elder');
    modeRoute('standard');

    // Anything under /sites that is neither a published file nor a route: the site's own 404 page.
    await app.register(
      async (scoped) => {
        scoped.setNotFoundHandler(siteNotFound);
      },
      { prefix: '/sites' },
    );
  };

  async function close(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    unsubscribe?.();
    unsubscribe = null;
    live.delete(self);
    await accessLog?.close();
  }

  const self: PublicSites = {
    front,
    routes,
    refresh,
    invalidate: (code) => cache.invalidate(code),
    close,
    cache,
  };
  return self;
}

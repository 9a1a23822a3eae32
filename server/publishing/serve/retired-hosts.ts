/**
 * Answers on the old addresses of retired sites (migrated, merged or closed), once their host
 * names point at the platform: each old URL with an entry is sent on (301) to its new location;
 * the old home page shows the closure notice while it is up; anything else goes to the
 * successor's home page. nginx answers the entries itself from the map `gongkai nginx-config`
 * writes and passes the rest here; the embedded server answers all of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostWithPort, requestRedirectPath } from '../rules/redirects.ts';

export interface RetiredRoute {
  siteId: string;
  /** The notice page (HTML) while the closure notice is up, else null. */
  notice: Buffer | null;
  /** Where a URL without an entry goes (the successor's home page), or null. */
  fallback: string | null;
  /** Old path and query → new location. */
  entries: ReadonlyMap<string, string>;
}

/** Old home pages: the notice is shown there. */
const HOME_PATHS = new Set([
  '/',
  '/index.html',
  '/index.htm',
  '/index.shtml',
  '/index.jsp',
  '/index.asp',
  '/index.aspx',
  '/default.htm',
  '/default.aspx',
]);

/** Permanent, but not for ever in caches: a target can still move (an article moved to another column). */
const REDIRECT_CACHE = 'public, max-age=3600';
const GONE_BODY = Buffer.from('本网站已关停\n');

export interface RetiredHosts {
  /** Replaces the host → route map. */
  set(routes: ReadonlyMap<string, RetiredRoute>): void;
  /** True when the request's host is a retired site's and it has been answered. */
  handle(req: IncomingMessage, res: ServerResponse, security: readonly string[]): boolean;
  readonly size: number;
}

export function createRetiredHosts(): RetiredHosts {
  let routes: ReadonlyMap<string, RetiredRoute> = new Map();

  function moved(res: ServerResponse, location: string, security: readonly string[]): void {
    res.writeHead(301, ['Location', location, 'Content-Length', '0', 'Cache-Control', REDIRECT_CACHE, ...security]);
    res.end();
  }

  function page(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, type: string, security: readonly string[]): void {
    res.writeHead(status, ['Content-Type', type, 'Content-Length', String(body.length), 'Cache-Control', 'no-cache', ...security]);
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  }

  return {
    set(next) {
      routes = next;
    },
    get size() {
      return routes.size;
    },
    handle(req, res, security) {
      if (routes.size === 0) return false;
      const host = hostWithPort(req.headers.host);
      const route = host === null ? undefined : routes.get(host);
      if (!route) return false;
      const url = req.url ?? '/';
      // A target on the platform's own previews (a new site without a domain yet) is served as any preview.
      if (url.startsWith('/sites/')) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, ['Allow', 'GET, HEAD', 'Content-Length', '0', ...security]);
        res.end();
        return true;
      }
      const key = requestRedirectPath(url);
      const target = key === null ? undefined : route.entries.get(key);
      if (target !== undefined) {
        moved(res, target, security);
        return true;
      }
      const path = key === null ? '' : key.replace(/\?.*$/, '');
      if (route.notice && HOME_PATHS.has(path)) page(req, res, 200, route.notice, 'text/html; charset=utf-8', security);
      else if (route.fallback) moved(res, route.fallback, security);
      else if (route.notice) page(req, res, 404, route.notice, 'text/html; charset=utf-8', security);
      else page(req, res, 410, GONE_BODY, 'text/plain; charset=utf-8', security);
      return true;
    },
  };
}

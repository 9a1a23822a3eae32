/**
 * Local fixture websites for crawler and monitoring tests: a real HTTP server on 127.0.0.1 that
 * answers from a table of routes (static pages, or handlers for hostile behaviour: endless
 * bodies, slow drips, redirect loops) and records every request it got.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';

export type Route =
  | string
  | { status?: number; body?: string | Buffer; type?: string; headers?: Record<string, string> }
  | ((req: http.IncomingMessage, res: http.ServerResponse) => void);

export interface FixtureSite {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  url(path: string): string;
  /** Every request as `METHOD path`, in arrival order. */
  requests: string[];
  /** How many requests a path got (any method). */
  hits(path: string): number;
  close(): Promise<void>;
}

/** Serves `routes` (path with query → route); anything else is a 404 page. */
export async function serveFixtureSite(routes: Record<string, Route>, host = '127.0.0.1'): Promise<FixtureSite> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(`${req.method} ${path}`);
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>404</title><p>页面不存在</p>');
      return;
    }
    if (typeof route === 'function') return route(req, res);
    const r = typeof route === 'string' ? { body: route } : route;
    res.writeHead(r.status ?? 200, { 'content-type': r.type ?? 'text/html; charset=utf-8', ...r.headers });
    res.end(req.method === 'HEAD' ? undefined : r.body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (p) => origin + p,
    requests,
    hits: (p) => requests.filter((r) => r.slice(r.indexOf(' ') + 1) === p).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A minimal page: `<title>`, meta tags, body HTML. */
export function page(title: string, body: string, meta: Record<string, string> = {}, charset = 'utf-8'): string {
  const metas = Object.entries(meta)
    .map(([k, v]) => `<meta name="${k}" content="${v}">`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="${charset}"><title>${title}</title>${metas}</head><body>${body}</body></html>`;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.jpg': 'image/jpeg', '.txt': 'text/plain', '.json': 'application/json' };

/** Serves the files under `dir` as they are (a page's charset is whatever its bytes and meta tag say), `/x/` as `/x/index.html`. */
export async function serveDirectory(dir: string): Promise<FixtureSite> {
  const routes: Record<string, Route> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else {
        const body = fs.readFileSync(path.join(dir, r));
        const route = { body, type: TYPES[path.extname(e.name)] ?? 'application/octet-stream' };
        routes[r] = route;
        if (e.name === 'index.html') routes[`${rel}/`] = route;
      }
    }
  };
  walk('');
  return serveFixtureSite(routes);
}

/**
 * The crawler's HTTP client: one keep-alive connection pool, redirects followed by hand (so loops
 * are caught and every hop is a URL we chose to check), an overall deadline per request (a
 * slow-drip server cannot hold a worker longer than the timeout), a byte limit on every body
 * (decompressed included: a 10 GB response or a gzip bomb costs at most `maxBytes`), and retries
 * with backoff for errors that may pass (timeouts, resets, 429/502/503/504).
 */
import dns, { type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import net from 'node:net';
import zlib from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';

export type FetchErrorCode =
  'timeout' | 'unreachable' | 'tls' | 'redirectLoop' | 'tooManyRedirects' | 'badUrl' | 'badScheme' | 'aborted' | 'privateAddress';

/** Loopback, private, shared (CGNAT), link-local, benchmarking, multicast and reserved ranges: not the public internet. */
const PRIVATE_RANGES = (() => {
  const list = new net.BlockList();
  for (const [prefix, bits] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const)
    list.addSubnet(prefix, bits, 'ipv4');
  for (const [prefix, bits] of [
    ['::', 127],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const)
    list.addSubnet(prefix, bits, 'ipv6');
  return list;
})();

/** An IP address (v4, v6 or v4-mapped v6) outside the public internet; false for anything that is not an address. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare);
  if (family === 0) return false;
  return PRIVATE_RANGES.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** The address part of a URL's hostname when it is a literal IP (`[::1]` included), else null. */
export const literalAddress = (hostname: string): string | null => {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return net.isIP(bare) ? bare : null;
};

/** The addresses `hostname` resolves to (itself when it is one); empty when it does not resolve. */
export async function resolveAddresses(hostname: string): Promise<string[]> {
  const literal = literalAddress(hostname);
  if (literal) return [literal];
  try {
    return (await dns.promises.lookup(hostname, { all: true })).map((a) => a.address);
  } catch {
    return [];
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the connection pool that drops the addresses `allow` refuses, so a public name
 * that resolves to an internal address (or is re-pointed there later) is never connected to.
 */
function guardedLookup(allow: (ip: string) => boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true } as LookupAllOptions, (err, addresses) => {
      if (err) return callback(err, []);
      const usable = addresses.filter((a) => allow(a.address));
      if (usable.length === 0) {
        const refused = Object.assign(new Error(`${hostname} resolves to an address that may not be visited`), { code: 'EPRIVATEADDRESS' });
        return callback(refused, []);
      }
      if (options.all) return callback(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

export interface FetchResult {
  /** The last response's status, or null when none came. */
  status: number | null;
  error: FetchErrorCode | null;
  /** Where the last response came from. */
  finalUrl: string;
  contentType: string;
  /** The body (GET with `body: true` only), decompressed, at most `maxBytes`. */
  body: Buffer | null;
  truncated: boolean;
  redirects: number;
  ms: number;
}

export interface FetchOptions {
  method: 'GET' | 'HEAD';
  /** Read the body (pages); otherwise it is discarded as soon as the headers are in. */
  body: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Asked before following each redirect; false stops there (the redirect is the result). */
  mayFollow?: (url: URL) => boolean;
  /** Stops the request from outside (error `aborted`). */
  signal?: AbortSignal;
  /**
   * The Host header to send instead of the URL's (the URL then only says where to connect): a
   * site checked through the platform's own address before its name points there.
   */
  host?: string;
}

export const USER_AGENT = 'GongkaiMonitor/1.0 (+government website supervision)';

export interface HttpClient {
  fetch(url: string, opts: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

const errorCode = (err: unknown, timedOut: boolean): FetchErrorCode => {
  if (timedOut) return 'timeout';
  const code = (err as { code?: string; cause?: { code?: string } })?.code ?? (err as { cause?: { code?: string } })?.cause?.code ?? '';
  if (/TIMEOUT/i.test(code)) return 'timeout';
  if (/CERT|SSL|TLS|SELF_SIGNED|ERR_TLS/i.test(code)) return 'tls';
  if (code === 'ERR_INVALID_URL') return 'badUrl';
  if (code === 'EPRIVATEADDRESS') return 'privateAddress';
  return 'unreachable';
};

function decompress(body: Buffer, encoding: string, maxBytes: number): { body: Buffer; truncated: boolean } {
  const opts = { maxOutputLength: maxBytes };
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return { body: zlib.gunzipSync(body, opts), truncated: false };
    if (encoding === 'deflate') return { body: zlib.inflateSync(body, opts), truncated: false };
    if (encoding === 'br') return { body: zlib.brotliDecompressSync(body, opts), truncated: false };
  } catch (err) {
    // Over the limit (or corrupt): what could be read is not worth parsing.
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { body: Buffer.alloc(0), truncated: true };
    return { body: Buffer.alloc(0), truncated: false };
  }
  return { body, truncated: false };
}

async function readBody(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - size));
      body.destroy();
      return { body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

export interface HttpClientOptions {
  /** Connections per origin. */
  connections: number;
  timeoutMs: number;
  /**
   * Which IP addresses may be connected to, asked for literal addresses in URLs (every redirect
   * hop included) and for every address a name resolves to; those refused end in `privateAddress`.
   * Unset: any address.
   */
  allowAddress?: (ip: string) => boolean;
}

/** A client over one pool of keep-alive connections; `connections` per origin. */
export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const allow = opts.allowAddress;
  const agent = new Agent({
    connections: opts.connections,
    keepAliveTimeout: 10_000,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    connect: { timeout: opts.timeoutMs, ...(allow ? { lookup: guardedLookup(allow) } : {}) },
  });

  async function once(url: URL, o: FetchOptions, signal: AbortSignal) {
    const res = await request(url, {
      method: o.method,
      dispatcher: agent,
      signal,
      headers: {
        'user-agent': USER_AGENT,
        accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
        'accept-encoding': 'identity',
        ...(o.host ? { host: o.host } : {}),
      },
    });
    return res;
  }

  return {
    async fetch(url, o) {
      const started = performance.now();
      const ctrl = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ctrl.abort();
      }, o.timeoutMs);
      const stop = () => ctrl.abort();
      o.signal?.addEventListener('abort', stop, { once: true });
      const seen = new Set<string>();
      let current: URL;
      const result = (r: Partial<FetchResult>): FetchResult => ({
        status: null,
        error: null,
        finalUrl: current?.href ?? url,
        contentType: '',
        body: null,
        truncated: false,
        redirects: seen.size > 0 ? seen.size - 1 : 0,
        ms: Math.round(performance.now() - started),
        ...r,
      });
      try {
        try {
          current = new URL(url);
        } catch {
          current = undefined as unknown as URL;
          return result({ error: 'badUrl', finalUrl: url });
        }
        for (;;) {
          if (current.protocol !== 'http:' && current.protocol !== 'https:') return result({ error: 'badScheme' });
          if (seen.has(current.href)) return result({ error: 'redirectLoop' });
          const literal = allow && literalAddress(current.hostname);
          if (literal && !allow(literal)) return result({ error: 'privateAddress' });
          seen.add(current.href);
          const res = await once(current, o, ctrl.signal);
          const location = res.headers.location;
          const loc = Array.isArray(location) ? location[0] : location;
          if (res.statusCode >= 300 && res.statusCode < 400 && loc) {
            await res.body.dump().catch(() => undefined);
            let next: URL;
            try {
              next = new URL(loc, current);
            } catch {
              return result({ status: res.statusCode, error: 'badUrl' });
            }
            if (seen.size > o.maxRedirects) return result({ status: res.statusCode, error: 'tooManyRedirects' });
            if (o.mayFollow && !o.mayFollow(next)) return result({ status: res.statusCode });
            current = next;
            continue;
          }
          const ct = res.headers['content-type'];
          const contentType = (Array.isArray(ct) ? ct[0] : ct) ?? '';
          if (!o.body || o.method === 'HEAD') {
            await res.body.dump().catch(() => undefined);
            return result({ status: res.statusCode, contentType });
          }
          const read = await readBody(res.body, o.maxBytes);
          const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
          const plain = read.truncated || !enc || enc === 'identity' ? read : decompress(read.body, enc, o.maxBytes);
          return result({ status: res.statusCode, contentType, body: plain.body, truncated: read.truncated || plain.truncated });
        }
      } catch (err) {
        if (!timedOut && o.signal?.aborted) return result({ error: 'aborted' });
        return result({ error: errorCode(err, timedOut) });
      } finally {
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', stop);
      }
    },
    close: () => agent.close(),
  };
}

let shared: HttpClient | null = null;

/** The platform's shared client for single requests outside a crawl (availability probes, guide link checks). */
export function sharedHttpClient(): HttpClient {
  shared ??= createHttpClient({ connections: 16, timeoutMs: 60_000 });
  return shared;
}

/** Worth asking again after a pause: the server or the network may recover. */
export const isTransient = (r: Pick<FetchResult, 'status' | 'error'>): boolean =>
  r.error === 'timeout' || r.error === 'unreachable' || r.status === 429 || r.status === 502 || r.status === 503 || r.status === 504;

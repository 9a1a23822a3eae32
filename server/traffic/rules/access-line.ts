/**
 * The one access-log line both public servers write (nginx through `log_format gongkai_access`,
 * the embedded server through its buffered log): seven tab-separated fields,
 *
 *   time  site code  client address  method  status  path  user agent
 *
 * time in ISO 8601 (nginx: `$time_iso8601`, local time with its offset; the embedded server:
 * UTC, to the second as well), the path without its query string. Field values are escaped the way
 * nginx's `escape=default` does: `"`, `\`, bytes below 0x20 and above 0x7e become `\xHH`, so a
 * tab or a line break never appears inside a field; a missing value is `-`.
 */

/** The fields in their order in the line. */
export const ACCESS_LINE_FIELDS = ['time', 'site', 'client', 'method', 'status', 'path', 'userAgent'] as const;

/**
 * The nginx `log_format` body of the same line (`$uri` is the path without the query string).
 * Kept beside the parser so the two servers cannot drift apart.
 */
export const NGINX_ACCESS_LOG_FORMAT =
  "'$time_iso8601\\t$gongkai_site\\t$remote_addr\\t$request_method\\t$status\\t$uri\\t$http_user_agent'";

/** The name the nginx configuration gives the format. */
export const NGINX_ACCESS_LOG_FORMAT_NAME = 'gongkai_access';

export interface AccessEntry {
  /** The time as written (ISO 8601 with an offset or `Z`). */
  time: string;
  /** 网站标识码. */
  site: string;
  client: string;
  method: string;
  status: number;
  /** The path as written (escaped), without a query string. */
  path: string;
  /** The user agent as written (escaped); '' when the request sent none. */
  userAgent: string;
}

/** Values nginx writes as they are: printable ASCII without `"` and `\`. */
const PLAIN_FIELD = /^[ !#-[\]-~]*$/;

/**
 * A field value escaped like nginx's `escape=default`. Header values reach Node as latin1 (one
 * char per byte), so the escapes are those nginx writes for the same bytes; characters beyond
 * 0xff (not expected from a socket) are written as their UTF-8 bytes.
 */
export function escapeField(value: string): string {
  if (value === '') return '-';
  if (PLAIN_FIELD.test(value)) return value;
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0x20 && code <= 0x7e && ch !== '"' && ch !== '\\') out += ch;
    else if (code <= 0xff) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else for (const b of Buffer.from(ch, 'utf8')) out += `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The path of a request target: up to the query string or fragment. */
export function pathOfTarget(target: string): string {
  let end = target.length;
  const q = target.indexOf('?');
  if (q >= 0) end = q;
  const h = target.indexOf('#');
  if (h >= 0 && h < end) end = h;
  return target.slice(0, end);
}

/** One line (with its trailing newline) for the embedded server's log. */
export function formatAccessLine(e: {
  time: string;
  site: string;
  client: string;
  method: string;
  status: number;
  target: string;
  userAgent: string | undefined;
}): string {
  return `${e.time}\t${e.site}\t${escapeField(e.client)}\t${escapeField(e.method)}\t${e.status}\t${escapeField(pathOfTarget(e.target))}\t${escapeField(e.userAgent ?? '')}\n`;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const SITE = /^(?:\d{10}|bm\d{8})$/;
const METHOD = /^[A-Z]{1,16}$/;
const STATUS = /^[1-5]\d{2}$/;
/** An IPv4 or IPv6 address (possibly with a zone), as nginx and Node write them. */
const CLIENT = /^[0-9A-Fa-f.:%\w-]{1,64}$/;

/**
 * The entry of one line (without its newline), or null when the line is not in the format:
 * wrong field count, a time that is not ISO 8601, a malformed code, method, status or path.
 */
export function parseAccessLine(line: string): AccessEntry | null {
  const f = line.split('\t');
  if (f.length !== ACCESS_LINE_FIELDS.length) return null;
  const [time, site, client, method, status, path, ua] = f as [string, string, string, string, string, string, string];
  if (!TIME.test(time) || Number.isNaN(Date.parse(time))) return null;
  if (!SITE.test(site) || !CLIENT.test(client) || !METHOD.test(method) || !STATUS.test(status)) return null;
  if (!path.startsWith('/') || path.length > 4096) return null;
  return { time, site, client, method, status: Number(status), path, userAgent: ua === '-' ? '' : ua };
}

/**
 * The visitor's address as the application sees it (Fastify's `req.ip`): with
 * `GONGKAI_TRUST_PROXY` the leftmost `X-Forwarded-For` entry, otherwise the socket's address;
 * IPv4 addresses mapped into IPv6 (`::ffff:10.0.0.1`) are written as IPv4, as nginx does.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  let addr = socketAddress ?? '';
  if (trustProxy && forwardedFor !== undefined) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    const comma = header.indexOf(',');
    const first = (comma < 0 ? header : header.slice(0, comma)).trim();
    if (first !== '') addr = first;
  }
  return addr.startsWith('::ffff:') && addr.includes('.') ? addr.slice(7) : addr;
}

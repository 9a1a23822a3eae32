/**
 * Old URLs of retired sites (migrated, merged or closed) and where they lead now. Pure.
 *
 * An old URL is kept under its path and query as a browser sends them (percent-encoded UTF-8,
 * no fragment, the query's pairs sorted): the key the embedded server looks a request up by, and with the host in front
 * the key of nginx's `map $host$request_uri`. A request for a path with no entry goes to the
 * retired site's fallback: the successor's home page (or, while the closure notice is up, the
 * notice itself on the old home page).
 */
import { canonicalQuery } from '../../../common/old-urls.ts';
import { asciiHostname } from '../serve/rules/public-hosts.ts';

export const REDIRECT_KINDS = ['article', 'column', 'home'] as const;
export type RedirectKind = (typeof REDIRECT_KINDS)[number];

export interface RedirectEntry {
  /** Path and query of the old URL, e.g. `/tzgg/123.html` or `/info.jsp?id=123`. */
  path: string;
  /** Where it leads: an absolute URL, or a root-relative one on the platform's own host. */
  target: string;
  kind: RedirectKind;
}

const PLACEHOLDER_ORIGIN = 'http://old.invalid';

/**
 * The key of an old URL (absolute, or a root-relative path): its path and query in the form a
 * browser sends them; null for anything that is not an http(s) URL or a root-relative path.
 */
export function redirectPath(url: string): string | null {
  if (url.length > 2000) return null;
  let u: URL;
  try {
    u = url.startsWith('/') && !url.startsWith('//') ? new URL(url, PLACEHOLDER_ORIGIN) : new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // Parameters in another order (and `?` alone) name the same page.
  return u.pathname + canonicalQuery(u.search);
}

/** The request's key, as `redirectPath` keeps the old URLs: the raw request target normalised the same way. */
export const requestRedirectPath = (requestTarget: string): string | null =>
  requestTarget.startsWith('/') ? redirectPath(requestTarget) : null;

export interface PublicSiteAddress {
  code: string | null;
  domains: readonly string[];
}

/**
 * The address of a page of a hosted site: on its first domain (`https://<domain><path>`) when it
 * has one, else its preview on the platform (`/sites/<code><path>`); null without either.
 */
export function sitePageUrl(site: PublicSiteAddress, path: string): string | null {
  const p = path.startsWith('/') ? path : `/${path}`;
  const domain = site.domains.map(asciiHostname).find((d) => d !== null);
  if (domain) return `https://${domain}${p}`;
  return site.code ? `/sites/${site.code}${p}` : null;
}

/** The ASCII host names a retired site was reached under: its domains and its address's host (with a port when it has one). */
export function retiredHosts(site: { domains: readonly string[]; baseUrl: string | null }): string[] {
  const out = new Set<string>();
  for (const d of site.domains) {
    const h = asciiHostname(d);
    if (h) out.add(h);
  }
  if (site.baseUrl) {
    try {
      const u = new URL(site.baseUrl);
      const h = asciiHostname(u.hostname);
      if (h) out.add(u.port ? `${h}:${u.port}` : h);
    } catch {
      // A registered address is validated on entry; an unreadable one names no host.
    }
  }
  return [...out];
}

/** The Host header's name with its port when it has one (`old.example.gov.cn:8080`), lower-case; null when malformed. */
export function hostWithPort(header: string | undefined): string | null {
  if (!header || header.length > 260 || header.charCodeAt(0) === 91 /* [ */) return null;
  const m = /^([^:]+?)\.?(?::(\d{1,5}))?$/.exec(header.toLowerCase());
  if (!m) return null;
  return m[2] && m[2] !== '80' && m[2] !== '443' ? `${m[1]}:${m[2]}` : m[1]!;
}

// ---------------------------------------------------------------- nginx

/** Characters nginx would read as syntax or a variable in a quoted map entry; such entries are left to the application. */
const NGINX_UNSAFE = /["'\\$;{}\s]/;
/** Longer keys would need a very large map_hash_bucket_size; the application answers them. */
const NGINX_MAX_KEY = 480;

export interface NginxRedirectMap {
  /** `"host/path" "target";` lines, one per entry nginx can answer itself. */
  lines: string[];
  /** The longest key written, for `map_hash_bucket_size`. */
  longestKey: number;
  /** Entries left to the application (unsafe characters, over-long, or a case-insensitive duplicate). */
  skipped: number;
}

/**
 * The entries of nginx's `map $host$request_uri $gongkai_redirect` for retired sites. nginx
 * compares plain map keys without regard to case, so the second of two keys differing only in
 * case is left to the application, which compares exactly.
 */
export function nginxRedirectMap(sites: readonly { hosts: readonly string[]; entries: Iterable<RedirectEntry> }[]): NginxRedirectMap {
  const lines: string[] = [];
  const seen = new Set<string>();
  let longestKey = 0;
  let skipped = 0;
  for (const site of sites) {
    // nginx's $host has no port: only plain names can be keyed.
    const hosts = site.hosts.filter((h) => !h.includes(':'));
    for (const e of site.entries) {
      for (const host of hosts) {
        const key = host + e.path;
        const folded = key.toLowerCase();
        if (NGINX_UNSAFE.test(key) || NGINX_UNSAFE.test(e.target) || key.length > NGINX_MAX_KEY || seen.has(folded)) {
          skipped++;
          continue;
        }
        seen.add(folded);
        longestKey = Math.max(longestKey, key.length);
        // A leading `~` would make the key a regular expression; hosts never start with one.
        lines.push(`    "${key}" "${e.target}";`);
      }
    }
  }
  return { lines, longestKey, skipped };
}

/** The smallest power of two at least `n` (and at least `min`). */
export function powerOfTwoAtLeast(n: number, min: number): number {
  let p = min;
  while (p < n) p *= 2;
  return p;
}

/**
 * Which host names belong to which public site. Domains are stored as entered (Chinese
 * `.政务` names included); browsers send the ASCII (punycode) form in the Host header, and
 * nginx matches that form too, so both are derived here.
 */
import { domainToASCII } from 'node:url';
import { SITE_CODE_PATTERN } from '../../../../common/codes.ts';

export interface PublicSiteRecord {
  code: string | null;
  domains: readonly string[];
  status: string;
  hosting: string;
}

export interface PublicSite {
  code: string;
  /** ASCII host names, lower-case, as they arrive in the Host header. */
  hosts: string[];
}

/** A DNS host name in ASCII: labels of letters, digits and inner hyphens, and a TLD of two or more characters. */
const ASCII_HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** The ASCII form of a domain (punycode for Chinese labels), or null when it is not a host name. */
export function asciiHostname(domain: string): string | null {
  const trimmed = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!trimmed || /[\s/\\:@?#[\]*]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed);
  return ascii && ASCII_HOSTNAME.test(ascii) ? ascii : null;
}

/**
 * The Host header's name: lower-case, without port or trailing dot; null for an absent or
 * malformed header. IPv6 literals never name a public site.
 */
export function hostOfHeader(header: string | undefined): string | null {
  if (!header || header.length > 260 || header.charCodeAt(0) === 91 /* [ */) return null;
  const colon = header.indexOf(':');
  let host = (colon < 0 ? header : header.slice(0, colon)).toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host || null;
}

/** Sites that are served by host name: hosted by the platform, not closed, with a 网站标识码 and at least one domain. */
export function isPubliclyHosted(site: PublicSiteRecord): site is PublicSiteRecord & { code: string } {
  return site.hosting === 'hosted' && site.status !== 'closed' && site.code !== null && site.domains.length > 0;
}

export interface PublicHostMap {
  sites: PublicSite[];
  /** Host → site code. */
  hosts: Map<string, string>;
  /** Names that are not host names, codes that are not 网站标识码, and hosts claimed by two sites. */
  problems: string[];
}

/** Builds the host → site map; bad names and duplicate claims are reported and left out. */
export function publicHostMap(records: readonly PublicSiteRecord[]): PublicHostMap {
  const sites: PublicSite[] = [];
  const hosts = new Map<string, string>();
  const problems: string[] = [];
  for (const r of records) {
    if (!isPubliclyHosted(r)) continue;
    if (!SITE_CODE_PATTERN.test(r.code)) {
      problems.push(`网站标识码格式不正确：${JSON.stringify(r.code)}`);
      continue;
    }
    const mine: string[] = [];
    for (const d of r.domains) {
      const host = asciiHostname(d);
      if (!host) problems.push(`网站 ${r.code} 的域名不是合法主机名：${JSON.stringify(d)}`);
      else if (hosts.has(host) && hosts.get(host) !== r.code) problems.push(`域名 ${host} 同时属于网站 ${hosts.get(host)} 和 ${r.code}`);
      else if (!hosts.has(host)) {
        hosts.set(host, r.code);
        mine.push(host);
      }
    }
    if (mine.length > 0) sites.push({ code: r.code, hosts: mine });
  }
  return { sites, hosts, problems };
}

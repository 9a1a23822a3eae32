/**
 * The exact check of a site hosted on the platform (source `database`): its freshness, letters and
 * service guides judged from what the database holds as of a day, every finding pointing at the
 * public page concerned. `publish_time_missing` cannot happen here (every article has its
 * publication time) and is never reported. Pure: the command loads the facts.
 */
import type { Finding } from '../../../common/schemas/monitoring.ts';
import type { ServiceElement } from '../../../common/service-items.ts';
import { DEFAULT_FRESHNESS, type FreshnessSettings } from './freshness.ts';
import { freshnessFindings, type ColumnContent, type HostedColumn } from './hosted-freshness.ts';
import { guideFindings, letterFindings, type LetterFacts, type ServiceItemFacts } from './hosted-services.ts';

/** An http(s) URL, or null. */
function webUrl(raw: string | null): URL | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * The public root of a hosted site (`https://www.example.gov.cn/`): its primary domain over https,
 * as the publisher writes absolute URLs (publishing/render/layout.ts), or over the declared
 * address's scheme when that is on the same host; the declared address when the site has no
 * domain; null when it has neither.
 */
export function hostedSiteRoot(site: { domains: readonly string[]; baseUrl: string | null }): string | null {
  const declared = webUrl(site.baseUrl);
  const primary = site.domains[0];
  if (!primary) return declared ? `${declared.origin}/` : null;
  const scheme = declared && declared.hostname === primary ? declared.protocol : 'https:';
  return `${scheme}//${primary}/`;
}

/** The public URL of a site-root path (`/xwdt/`) under `root`; the bare path when the site has no address. */
export function publicUrl(root: string | null, path: string): string {
  return root ? new URL(path.replace(/^\/+/, ''), root).href : path;
}

export interface HostedSiteFacts {
  /** YYYY-MM-DD (Beijing). */
  asOf: string;
  /** The site's public root (hostedSiteRoot). */
  root: string | null;
  columns: readonly HostedColumn[];
  /** Per column id, what it had published by the end of `asOf`. */
  content: ReadonlyMap<string, ColumnContent>;
  /** Letters unanswered, with their clocks on `asOf`. */
  letters: readonly LetterFacts[];
  /** Published service items with their published guides. */
  services: readonly ServiceItemFacts[];
  /** The elements every guide must state (setting `guides.settings`). */
  requiredElements: readonly ServiceElement[];
}

/** Every finding of the exact check: home page and columns, then letters, then guides. */
export function judgeHostedSite(f: HostedSiteFacts, settings: FreshnessSettings = DEFAULT_FRESHNESS): Finding[] {
  const url = (path: string) => publicUrl(f.root, path);
  return [
    ...freshnessFindings({ asOf: f.asOf, columns: f.columns, content: f.content, url }, settings),
    ...letterFindings(f.letters, url),
    ...guideFindings(f.services, f.requiredElements, url),
  ];
}

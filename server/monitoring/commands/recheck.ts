/**
 * A re-check of one site (rectification asks for it when the owner reports a fix): the checks
 * that made findings of the given sources run again for that site alone and are recorded as
 * usual, so what they no longer find is resolved and what they still find stays open.
 */
import type { FindingSource } from '../../../common/schemas/monitoring.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { sampleAccessibility } from './accessibility.ts';
import { crawlSites } from './crawl-sites.ts';
import { checkHostedSites } from './hosted-checks.ts';
import { probeSites } from './probes.ts';

export async function recheckSite(
  deps: Deps,
  actor: Actor,
  siteId: string,
  sources: readonly FindingSource[],
  signal?: AbortSignal,
): Promise<void> {
  const want = new Set(sources);
  const opts = { siteIds: [siteId], ...(signal ? { signal } : {}) };
  if (want.has('database')) await checkHostedSites(deps, actor, opts);
  // The certificate is looked at by the crawl.
  if (want.has('crawl') || want.has('tls')) await crawlSites(deps, actor, opts);
  if (want.has('probe')) await probeSites(deps, actor, opts);
  if (want.has('axe')) await sampleAccessibility(deps, actor, opts);
}

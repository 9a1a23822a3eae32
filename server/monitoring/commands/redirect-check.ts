/**
 * The check after a retired site's switch: each old URL the platform redirects (publishing's
 * record of them) is asked for on the old host name and must lead, permanently, to its new
 * location, which must open. Recorded as a `redirects` run of the site, so a fixed redirect
 * resolves its finding. `via` checks through another address than the host names resolve to
 * (the platform's own, before the names are switched to it): the URL's host is then sent only
 * as the Host header.
 */
import type { Finding } from '../../../common/schemas/monitoring.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { sharedHttpClient, type FetchResult } from '../../platform/http-client.ts';
import { siteRedirects } from '../../publishing/index.ts';
import { redirectFinding } from '../rules/redirect-check.ts';
import { recordRun } from './record-run.ts';

const TIMEOUT_MS = 15_000;
const PARALLEL = 8;
/** Old URLs checked per run; a site with more is checked in a sample spread over its list. */
const MAX_CHECKS = 20_000;

export interface RedirectCheckSummary {
  checked: number;
  broken: number;
  /** Null when the site has no redirects (not retired, or nothing imported). */
  runId: string | null;
}

async function ask(url: string, via: string | undefined, follow: boolean): Promise<{ r: FetchResult; location: string | null }> {
  let location: string | null = null;
  let target = url;
  let host: string | undefined;
  if (via) {
    const u = new URL(url);
    host = u.host;
    target = new URL(u.pathname + u.search, via).href;
  }
  const r = await sharedHttpClient().fetch(target, {
    method: 'GET',
    body: false,
    timeoutMs: TIMEOUT_MS,
    maxBytes: 0,
    maxRedirects: follow && !via ? 5 : 1,
    mayFollow: (next) => {
      // Through `via`, a relative Location resolved against the via address belongs to the URL's host.
      location ??= via && next.origin === new URL(via).origin ? new URL(next.pathname + next.search, url).href : next.href;
      return follow && !via;
    },
    ...(host ? { host } : {}),
  });
  return { r, location };
}

/** Checks every redirect of a retired site (a sample of MAX_CHECKS when there are more) and records the run. */
export async function checkSiteRedirects(
  deps: Deps,
  actor: Actor,
  siteId: string,
  opts: { via?: string; signal?: AbortSignal } = {},
): Promise<RedirectCheckSummary> {
  requirePermission(actor, 'system.jobs');
  const set = await siteRedirects(deps, siteId);
  const host = set?.hosts[0];
  if (!set || !host || set.entries.length === 0) return { checked: 0, broken: 0, runId: null };
  const step = Math.max(1, Math.ceil(set.entries.length / MAX_CHECKS));
  const sample = set.entries.filter((_, i) => i % step === 0);
  const startedAt = deps.clock.now().toISOString();
  const findings: Finding[] = [];
  let next = 0;
  const worker = async () => {
    while (next < sample.length && !opts.signal?.aborted) {
      const e = sample[next++]!;
      const oldUrl = `http://${host}${e.path}`;
      // A target on the platform's previews is relative to the address the old URL was asked at.
      const expected = new URL(e.target, oldUrl).href;
      const first = await ask(oldUrl, opts.via, false);
      let targetStatus: number | null = null;
      let targetError: string | null = null;
      if (first.location === expected) {
        const t = await ask(expected, opts.via, true);
        targetStatus = t.r.status;
        targetError = t.r.error;
      }
      const f = redirectFinding({
        oldUrl,
        expected,
        status: first.r.status,
        error: first.r.error,
        location: first.location,
        targetStatus,
        targetError,
      });
      if (f) findings.push(f);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, sample.length) }, worker));
  if (opts.signal?.aborted) return { checked: 0, broken: 0, runId: null };
  const run = await recordRun(deps, actor, {
    siteId,
    source: 'redirects',
    asOf: beijingToday(deps.clock),
    startedAt,
    links: sample.length,
    findings,
  });
  return { checked: sample.length, broken: findings.length, runId: run.runId };
}

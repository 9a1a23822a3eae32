/**
 * Availability probes (站点无法访问): every registered site that is not closed has its homepage
 * fetched (GET, redirects followed up to 5, the whole page within the timeout — 15 s unless
 * the setting says otherwise). Each probe is stored; the rolling 7-day failure ratio then
 * decides the site's `site_unreachable` finding, recorded as a `probe` run (rules/availability.ts).
 * Runs as the job monitoring.probeSites, 48 times a day (platform/jobs/schedule.ts). Probes older
 * than the retention setting (400 days unless set) are deleted by the same run.
 */
import { randomUUID } from 'node:crypto';
import type { Finding } from '../../../common/schemas/monitoring.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { MonitoringProbeTable } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { monitoringRefs, probes } from '../monitoring.repository.ts';
import { homepageUrl, unreachableFinding, WINDOW_DAYS } from '../rules/availability.ts';
import { sharedHttpClient, type FetchErrorCode } from '../../platform/http-client.ts';
import { recordRun } from './record-run.ts';
import { loadMonitoringSettings } from './settings.ts';

const MAX_REDIRECTS = 5;
/** A homepage is read to its end (an open page, not just headers), up to this much. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Sites probed at once: 200 sites that all hang for 15 s still finish in about 3 minutes. */
const PARALLEL = 16;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ProbeResult {
  ok: boolean;
  status: number | null;
  /** Time until the page was read (or the probe gave up), in ms. */
  ms: number;
  error: string | null;
}

const PROBE_ERRORS: Partial<Record<FetchErrorCode, string>> = {
  badUrl: '地址格式不正确',
  badScheme: '地址不是 http 或 https',
  redirectLoop: '重定向循环',
  tooManyRedirects: '重定向次数过多',
  aborted: '探测被中止',
};

/** Opens `url` as a visitor would: GET, redirects followed (at most 5, loops caught), the whole page read within `timeoutMs`. */
export async function probeHomepage(url: string, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult> {
  const r = await sharedHttpClient().fetch(url, {
    method: 'GET',
    body: true,
    timeoutMs,
    maxBytes: MAX_BODY_BYTES,
    maxRedirects: MAX_REDIRECTS,
    ...(signal ? { signal } : {}),
  });
  if (r.error === 'timeout') return { ok: false, status: null, ms: r.ms, error: `超过 ${Math.round(timeoutMs / 100) / 10} 秒未能打开` };
  if (r.error) return { ok: false, status: null, ms: r.ms, error: PROBE_ERRORS[r.error] ?? '无法连接' };
  if (r.status === null || r.status < 200 || r.status >= 300)
    return { ok: false, status: r.status, ms: r.ms, error: `服务器返回 ${r.status}` };
  return { ok: true, status: r.status, ms: r.ms, error: null };
}

export interface ProbeSummary {
  /** Sites not closed. */
  sites: number;
  probed: number;
  failed: number;
  /** Sites without a domain or homepage address. */
  skipped: number;
  /** Sites whose window now holds a `site_unreachable` finding (alert or veto). */
  unreachable: number;
  /** Probes older than the retention setting, deleted by this run. */
  pruned: number;
}

/**
 * Probes the homepage of every site that is not closed (or of `siteIds`), stores the probes,
 * and records each probed site's `site_unreachable` finding from its rolling 7-day ratio.
 */
export async function probeSites(deps: Deps, actor: Actor, opts: { siteIds?: string[]; signal?: AbortSignal } = {}): Promise<ProbeSummary> {
  requirePermission(actor, 'system.jobs');
  const db = deps.db.kysely;
  const settings = await loadMonitoringSettings(db);
  const sites = await monitoringRefs.openSites(db, opts.siteIds);
  const targets = sites.flatMap((s) => {
    const url = homepageUrl({ domains: JSON.parse(s.domains) as string[], baseUrl: s.base_url });
    return url ? [{ siteId: s.id, url }] : [];
  });
  const summary: ProbeSummary = {
    sites: sites.length,
    probed: 0,
    failed: 0,
    skipped: sites.length - targets.length,
    unreachable: 0,
    pruned: 0,
  };
  const startedAt = deps.clock.now().toISOString();

  const rows: MonitoringProbeTable[] = [];
  const queue = [...targets];
  const work = async () => {
    for (let t = queue.shift(); t && !opts.signal?.aborted; t = queue.shift()) {
      const at = deps.clock.now().toISOString();
      const r = await probeHomepage(t.url, settings.probeTimeoutMs, opts.signal);
      if (opts.signal?.aborted) return;
      rows.push({ id: randomUUID(), site_id: t.siteId, url: t.url, at, ok: r.ok ? 1 : 0, http_status: r.status, ms: r.ms, error: r.error });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, targets.length) }, work));
  const now = deps.clock.now();
  const keepFrom = new Date(now.getTime() - settings.probeRetentionDays * DAY_MS).toISOString();
  await inTransaction(deps.db, async (tx) => {
    await probes.insertMany(tx.trx, rows);
    summary.pruned = await probes.pruneBefore(tx.trx, keepFrom);
  });
  summary.probed = rows.length;
  summary.failed = rows.filter((r) => !r.ok).length;

  const counts = await probes.windowCounts(
    db,
    rows.map((r) => r.site_id),
    new Date(now.getTime() - WINDOW_DAYS * DAY_MS).toISOString(),
    now.toISOString(),
  );
  const asOf = beijingToday(deps.clock);
  for (const r of rows) {
    const finding: Finding | null = unreachableFinding(r.url, counts.get(r.site_id) ?? { probes: 0, failures: 0 }, settings);
    if (finding) summary.unreachable++;
    await recordRun(deps, actor, { siteId: r.site_id, source: 'probe', asOf, startedAt, findings: finding ? [finding] : [] });
  }
  return summary;
}

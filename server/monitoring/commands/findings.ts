/**
 * Reading the findings store: findings with filters, one finding with its evidence and history,
 * a site's runs, and a site's health (availability series, open findings, freshness
 * countdowns). Supervisors (`monitoring.read`) see every site; a site's own people
 * (`sites.read` on it) see their site.
 */
import {
  FindingQuerySchema,
  RunQuerySchema,
  type Finding,
  type FindingDetail,
  type FindingEventKind,
  type FindingKind,
  type FindingList,
  type FindingSource,
  type FindingView,
  type FreshnessView,
  type RunList,
  type RunView,
  type Severity,
  type SiteHealth,
} from '../../../common/schemas/monitoring.ts';
import type { FreshnessClass } from '../../../common/schemas/sites.ts';
import { can, visibleSites } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Kysely } from 'kysely';
import type { Database, MonitoringFindingRow, MonitoringRunRow } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { freshnessDays } from '../../sites/index.ts';
import { findingEvents, findings, monitoringRefs, probes, runs } from '../monitoring.repository.ts';
import { availabilityLevel, beijingDayStart, dailySeries, homepageUrl, lastDays, SERIES_DAYS, WINDOW_DAYS } from '../rules/availability.ts';
import { byUrgency, countByKind, freshnessView } from '../rules/site-health.ts';
import { loadMonitoringSettings } from './settings.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const RECENT_FAILURES = 20;

/** May the actor read the monitoring of this site? */
export function mayReadSite(actor: Actor, siteId: string): boolean {
  return can(actor, 'monitoring.read', siteId) || can(actor, 'sites.read', siteId);
}

/** The sites whose findings the actor may list. */
function readableSites(actor: Actor): 'all' | string[] {
  const a = visibleSites(actor, 'monitoring.read');
  const b = visibleSites(actor, 'sites.read');
  if (a === 'all' || b === 'all') return 'all';
  return [...new Set([...a, ...b])];
}

/** The site, when it exists (404) and the actor may read its monitoring (403). */
async function readableSite(deps: Deps, actor: Actor, siteId: string) {
  const site = await monitoringRefs.site(deps.db.kysely, siteId);
  if (!site) throw Errors.notFound('网站不存在');
  if (!mayReadSite(actor, siteId)) throw Errors.forbidden();
  return site;
}

function parseParams(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A stored finding as the API shows it. */
export function presentFinding(r: MonitoringFindingRow, siteName: string): FindingView {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName,
    source: r.source as FindingSource,
    key: r.key,
    kind: r.kind as FindingKind,
    severity: r.severity as Severity,
    state: r.state === 'resolved' ? 'resolved' : 'open',
    url: r.url,
    parent: r.parent,
    column: r.column_name,
    element: r.element,
    status: r.http_status,
    lastUpdated: r.last_updated,
    days: r.days,
    detail: r.detail,
    rule: r.rule,
    params: parseParams(r.params),
    snippet: r.snippet,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    resolvedAt: r.resolved_at,
    lastRunId: r.last_run_id,
  };
}

export function presentRun(r: MonitoringRunRow): RunView {
  return {
    id: r.id,
    siteId: r.site_id,
    source: r.source as FindingSource,
    asOf: r.as_of,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    pages: r.pages,
    links: r.links,
    outcome: r.outcome === 'failed' ? 'failed' : 'ok',
    error: r.error,
    found: Number(r.found),
    opened: Number(r.opened),
    reopened: Number(r.reopened),
    resolved: Number(r.resolved),
  };
}

/** Findings the actor may see, filtered (site, kind, severity, state, source, text in URL or description) and paged. */
export async function listFindings(deps: Deps, actor: Actor, query: unknown): Promise<FindingList> {
  const q = parseInput(FindingQuerySchema, query ?? {});
  if (q.siteId) await readableSite(deps, actor, q.siteId);
  const scope = readableSites(actor);
  const filter = {
    scope,
    siteId: q.siteId,
    kind: q.kind,
    severity: q.severity,
    state: q.state,
    source: q.source,
    q: q.q || undefined,
  };
  const db = deps.db.kysely;
  const [rows, total] = await Promise.all([
    findings.list(db, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    findings.count(db, filter),
  ]);
  const names = await monitoringRefs.siteNames(
    db,
    rows.map((r) => r.site_id),
  );
  return { items: rows.map((r) => presentFinding(r, names.get(r.site_id) ?? '')), total, page: q.page, pageSize: q.pageSize };
}

/** One finding with its evidence, its history (oldest first) and the run that last saw it. */
export async function getFinding(deps: Deps, actor: Actor, id: string): Promise<FindingDetail> {
  const db = deps.db.kysely;
  const row = await findings.byId(db, id);
  if (!row) throw Errors.notFound('找不到该问题');
  const site = await readableSite(deps, actor, row.site_id);
  const [events, run] = await Promise.all([findingEvents.ofFinding(db, id), runs.byId(db, row.last_run_id)]);
  return {
    ...presentFinding(row, site.name),
    history: events.map((e) => ({
      seq: Number(e.seq),
      event: e.event as FindingEventKind,
      at: e.at,
      runId: e.run_id,
      severity: e.severity as Severity,
      previousSeverity: (e.previous_severity as Severity | null) ?? null,
    })),
    lastRun: run ? presentRun(run) : null,
  };
}

/** A site's monitoring runs, newest first. */
export async function listRuns(deps: Deps, actor: Actor, siteId: string, query: unknown): Promise<RunList> {
  const q = parseInput(RunQuerySchema, query ?? {});
  await readableSite(deps, actor, siteId);
  const db = deps.db.kysely;
  const [rows, total] = await Promise.all([
    runs.ofSite(db, { siteId, source: q.source, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    runs.countOfSite(db, { siteId, source: q.source }),
  ]);
  return { items: rows.map(presentRun), total, page: q.page, pageSize: q.pageSize };
}

/**
 * A site's health: the probes per day over 30 days with the latest failures, the rolling
 * 7-day ratio against the alert and veto lines, the open findings by kind and severity, and
 * the freshness findings with their windows for countdowns, most urgent first.
 */
export async function siteHealth(deps: Deps, actor: Actor, siteId: string): Promise<SiteHealth> {
  const site = await readableSite(deps, actor, siteId);
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const until = now.toISOString();
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS).toISOString();
  const today = beijingToday(deps.clock);
  const dates = lastDays(today, SERIES_DAYS);
  const [settings, window, series, failures, counts, freshRows, columns] = await Promise.all([
    loadMonitoringSettings(db),
    probes.windowCounts(db, [siteId], since, until),
    probes.ofSiteSince(db, siteId, beijingDayStart(dates[0] ?? today), until),
    probes.recentFailures(db, siteId, RECENT_FAILURES),
    findings.openCounts(db, siteId),
    findings.openOfKinds(db, siteId, ['column_stale', 'column_empty']),
    site.hosting === 'hosted' ? monitoringRefs.columns(db, siteId) : Promise.resolve([]),
  ]);
  const c = window.get(siteId) ?? { probes: 0, failures: 0 };
  // A hosted site's own column of that name gives the window when the finding does not.
  const columnWindow = new Map<string, number | null>();
  for (const col of columns.filter((x) => x.status !== 'closed'))
    if (!columnWindow.has(col.name)) columnWindow.set(col.name, freshnessDays(col.freshness_class as FreshnessClass, col.freshness_days));
  const freshness: FreshnessView[] = freshRows.map((r) =>
    freshnessView(
      {
        findingId: r.id,
        kind: r.kind === 'column_empty' ? 'column_empty' : 'column_stale',
        severity: r.severity as Severity,
        column: r.column_name,
        url: r.url,
        lastUpdated: r.last_updated,
        days: r.days,
        detail: r.detail,
        firstSeenAt: r.first_seen_at,
        params: parseParams(r.params),
      },
      (r.column_name !== null ? columnWindow.get(r.column_name) : null) ?? null,
    ),
  );
  freshness.sort(byUrgency);
  return {
    siteId,
    siteName: site.name,
    homepageUrl: homepageUrl({ domains: JSON.parse(site.domains) as string[], baseUrl: site.base_url }),
    asOf: today,
    settings,
    availability: {
      windowDays: WINDOW_DAYS,
      since,
      probes: c.probes,
      failures: c.failures,
      ratio: c.probes ? c.failures / c.probes : 0,
      level: availabilityLevel(c, settings),
      insufficient: c.probes < settings.minProbes,
    },
    daily: dailySeries(
      series.map((p) => ({ at: p.at, ok: Boolean(p.ok), ms: p.ms })),
      dates,
    ),
    recentFailures: failures.map((p) => ({ at: p.at, url: p.url, ok: Boolean(p.ok), status: p.http_status, ms: p.ms, error: p.error })),
    openFindings: countByKind(counts),
    freshness,
  };
}

/** What scoring reads of a stored finding. */
export type ScoringFinding = Pick<Finding, 'kind' | 'severity' | 'url' | 'parent' | 'column' | 'element' | 'params'> & {
  id: string;
  /** Which check made it (a re-check runs that check again). */
  source: FindingSource;
};

/** The open findings of the sites as scoring needs them, by site, oldest first. */
export async function openFindingsForScoring(db: Kysely<Database>, siteIds: readonly string[]): Promise<Map<string, ScoringFinding[]>> {
  const out = new Map<string, ScoringFinding[]>(siteIds.map((id) => [id, []]));
  for (const r of await findings.openForScoring(db, siteIds)) {
    const f: ScoringFinding = {
      id: r.id,
      source: r.source as FindingSource,
      kind: r.kind as Finding['kind'],
      severity: r.severity as Finding['severity'],
      url: r.url,
    };
    if (r.parent !== null) f.parent = r.parent;
    if (r.column_name !== null) f.column = r.column_name;
    if (r.element !== null) f.element = r.element;
    const params = parseParams(r.params);
    if (params) f.params = params;
    out.get(r.site_id)?.push(f);
  }
  return out;
}

/** Every site's open findings counted by kind and severity (the supervision dashboard). */
export async function openFindingCounts(deps: Deps, actor: Actor): Promise<{ kind: FindingKind; severity: Severity; n: number }[]> {
  if (visibleSites(actor, 'monitoring.read') !== 'all') throw Errors.forbidden();
  return (await findings.openCountsAll(deps.db.kysely)).map((r) => ({
    kind: r.kind as FindingKind,
    severity: r.severity as Severity,
    n: r.n,
  }));
}

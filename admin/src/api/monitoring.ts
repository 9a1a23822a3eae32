/**
 * The 网站监测 endpoints of the office: findings (list, one with its evidence and history), a
 * site's health and monitoring runs, the veto notices of the user's org, and the availability
 * policy.
 */
import type {
  FindingDetail,
  FindingKind,
  FindingList,
  FindingSource,
  FindingState,
  FindingView,
  MonitoringSettings,
  NoticeList,
  NoticeView,
  RunList,
  Severity,
  SiteHealth,
} from '../../../common/schemas/monitoring.ts';
import { api } from './client.ts';

export type { FindingDetail, FindingList, FindingView, MonitoringSettings, NoticeList, NoticeView, RunList, SiteHealth };

export interface FindingFilter {
  siteId?: string | undefined;
  kind?: FindingKind | undefined;
  severity?: Severity | undefined;
  state?: FindingState | undefined;
  source?: FindingSource | undefined;
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
const sitePath = (siteId: string) => `/api/monitoring/sites/${encodeURIComponent(siteId)}`;

/** Findings the user may see (supervisors: every site; a site's people: their sites), filtered and paged. */
export function fetchFindings(filter: FindingFilter = {}, signal?: AbortSignal): Promise<FindingList> {
  const query = {
    siteId: filter.siteId || undefined,
    kind: filter.kind || undefined,
    severity: filter.severity || undefined,
    state: filter.state || undefined,
    source: filter.source || undefined,
    q: filter.q?.trim() || undefined,
    page: filter.page,
    pageSize: filter.pageSize,
  };
  return api.get('/api/monitoring/findings', { query, ...withSignal(signal) });
}

/** One finding with its evidence, its history (oldest first) and the run that last saw it. */
export function fetchFinding(id: string, signal?: AbortSignal): Promise<FindingDetail> {
  return api.get(`/api/monitoring/findings/${encodeURIComponent(id)}`, withSignal(signal));
}

/** A site's availability over 7 and 30 days, its open findings by kind and its freshness countdowns. */
export function fetchSiteHealth(siteId: string, signal?: AbortSignal): Promise<SiteHealth> {
  return api.get(`${sitePath(siteId)}/health`, withSignal(signal));
}

/** A site's monitoring runs, newest first. */
export function fetchSiteRuns(
  siteId: string,
  query: { source?: FindingSource | undefined; page?: number; pageSize?: number } = {},
  signal?: AbortSignal,
): Promise<RunList> {
  return api.get(`${sitePath(siteId)}/runs`, {
    query: { source: query.source || undefined, page: query.page, pageSize: query.pageSize },
    ...withSignal(signal),
  });
}

/** The veto notices of the user's org: unread ones (default) or all, newest first. */
export function fetchNotices(
  query: { state?: 'unread' | 'all'; page?: number; pageSize?: number } = {},
  signal?: AbortSignal,
): Promise<NoticeList> {
  return api.get('/api/monitoring/notices', {
    query: { state: query.state, page: query.page, pageSize: query.pageSize },
    ...withSignal(signal),
  });
}

export function markNoticeRead(id: string): Promise<NoticeView> {
  return api.post(`/api/monitoring/notices/${encodeURIComponent(id)}/read`);
}

export function fetchMonitoringSettings(signal?: AbortSignal): Promise<MonitoringSettings> {
  return api.get('/api/monitoring/settings', withSignal(signal));
}

/** Supervisors (evaluation.manage): the probe timeout and the alert and veto lines. */
export function saveMonitoringSettings(body: MonitoringSettings): Promise<MonitoringSettings> {
  return api.put('/api/monitoring/settings', body);
}

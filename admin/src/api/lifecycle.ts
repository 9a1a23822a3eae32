/** The site lifecycle and the platform's consolidation view (集约化), typed as the server answers them. */
import type { ConsolidationRow, LifecycleStep, SiteLifecycle } from '../../../common/schemas/site-lifecycle.ts';
import { api } from './client.ts';
import type { ListResponse } from './orgs.ts';

export type { ConsolidationRow, LifecycleStep, SiteLifecycle };

const lifecyclePath = (siteId: string) => `/api/sites/${encodeURIComponent(siteId)}/lifecycle`;

export async function fetchConsolidation(signal?: AbortSignal): Promise<ConsolidationRow[]> {
  return (await api.get<ListResponse<ConsolidationRow>>('/api/sites/consolidation', signal ? { signal } : {})).items;
}

export function fetchLifecycle(siteId: string, signal?: AbortSignal): Promise<SiteLifecycle> {
  return api.get<SiteLifecycle>(lifecyclePath(siteId), signal ? { signal } : {});
}

/** Takes a step; `expectedSeq` is the lifecycle number the user saw (a stale view is refused with 409). */
export function takeLifecycleStep(siteId: string, step: LifecycleStep, body: Record<string, unknown>): Promise<SiteLifecycle> {
  return api.post<SiteLifecycle>(`${lifecyclePath(siteId)}/${encodeURIComponent(step)}`, body);
}

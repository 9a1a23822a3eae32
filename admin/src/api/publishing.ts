/** A site's publication: its latest full build, and a request to rebuild it. */
import type { SitePublication } from '../../../common/schemas/publishing.ts';
import { api } from './client.ts';

export type { SitePublication };

const publicationPath = (siteId: string) => `/api/sites/${encodeURIComponent(siteId)}/publication`;

export function fetchPublication(siteId: string, signal?: AbortSignal): Promise<SitePublication> {
  return api.get<SitePublication>(publicationPath(siteId), signal ? { signal } : undefined);
}

export function requestPublication(siteId: string): Promise<SitePublication> {
  return api.post<SitePublication>(publicationPath(siteId));
}

/** The site and column endpoints, typed as the server answers them. */
import type { z } from 'zod';
import type {
  Column,
  CreateColumnInput,
  CreateSiteInput,
  Site,
  SiteContact,
  UpdateColumnSchema,
  UpdateSiteInput,
} from '../../../common/schemas/sites.ts';
import { api } from './client.ts';
import type { ListResponse } from './orgs.ts';

export type { Column, Site, SiteContact };

export interface SiteFilter {
  status?: string | undefined;
  kind?: string | undefined;
  hosting?: string | undefined;
  countyOrgId?: string | undefined;
  q?: string | undefined;
}

export type UpdateColumnInput = z.input<typeof UpdateColumnSchema>;

const sitePath = (siteId: string) => `/api/sites/${encodeURIComponent(siteId)}`;
const columnPath = (siteId: string, columnId: string) => `${sitePath(siteId)}/columns/${encodeURIComponent(columnId)}`;

export async function fetchSites(filter: SiteFilter = {}, signal?: AbortSignal): Promise<Site[]> {
  const query = {
    status: filter.status || undefined,
    kind: filter.kind || undefined,
    hosting: filter.hosting || undefined,
    countyOrgId: filter.countyOrgId || undefined,
    q: filter.q?.trim() || undefined,
  };
  return (await api.get<ListResponse<Site>>('/api/sites', { query, ...(signal ? { signal } : {}) })).items;
}

export function createSite(body: CreateSiteInput): Promise<Site> {
  return api.post<Site>('/api/sites', body);
}

export function updateSite(siteId: string, body: UpdateSiteInput): Promise<Site> {
  return api.patch<Site>(sitePath(siteId), body);
}

export async function fetchColumns(siteId: string, signal?: AbortSignal): Promise<Column[]> {
  return (await api.get<ListResponse<Column>>(`${sitePath(siteId)}/columns`, signal ? { signal } : {})).items;
}

export function createColumn(siteId: string, body: CreateColumnInput): Promise<Column> {
  return api.post<Column>(`${sitePath(siteId)}/columns`, body);
}

export function updateColumn(siteId: string, columnId: string, body: UpdateColumnInput): Promise<Column> {
  return api.patch<Column>(columnPath(siteId, columnId), body);
}

export function closeColumn(siteId: string, columnId: string, reason: string): Promise<Column> {
  return api.post<Column>(`${columnPath(siteId, columnId)}/close`, { reason });
}

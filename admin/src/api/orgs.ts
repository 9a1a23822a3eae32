/** The org (单位) endpoints, typed as the server answers them. */
import type { CreateOrgInput, Org, UpdateOrgInput } from '../../../common/schemas/accounts.ts';
import { api } from './client.ts';

export type { Org };

export interface ListResponse<T> {
  items: T[];
}

export async function fetchOrgs(signal?: AbortSignal): Promise<Org[]> {
  return (await api.get<ListResponse<Org>>('/api/orgs', signal ? { signal } : {})).items;
}

export function createOrg(body: CreateOrgInput): Promise<Org> {
  return api.post<Org>('/api/orgs', body);
}

export function updateOrg(id: string, body: UpdateOrgInput): Promise<Org> {
  return api.patch<Org>(`/api/orgs/${encodeURIComponent(id)}`, body);
}

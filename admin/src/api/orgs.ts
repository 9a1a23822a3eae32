/** The org (单位) endpoints, typed as the server answers them. */
import type { CreateOrgInput, UpdateOrgInput } from '../../../common/schemas/accounts.ts';
import { api } from './client.ts';

export interface Org {
  id: string;
  name: string;
  parentId: string | null;
  creditCode: string | null;
  divisionCode: string | null;
  level: string;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

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

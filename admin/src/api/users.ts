/** The user-administration endpoints (accounts, passwords, lockout, role grants). */
import type { CreatedUser, CreateUserInput, GrantRoleInput, UserGrant, UserSummary } from '../../../common/schemas/accounts.ts';
import { api } from './client.ts';
import type { ListResponse } from './orgs.ts';

export type { CreatedUser, UserGrant, UserSummary };

export interface UserFilter {
  orgId?: string | undefined;
  q?: string | undefined;
}

const userPath = (id: string, action: string) => `/api/users/${encodeURIComponent(id)}/${action}`;

export async function fetchUsers(filter: UserFilter, signal?: AbortSignal): Promise<UserSummary[]> {
  const query = { orgId: filter.orgId || undefined, q: filter.q?.trim() || undefined };
  return (await api.get<ListResponse<UserSummary>>('/api/users', { query, ...(signal ? { signal } : {}) })).items;
}

export function createUser(body: CreateUserInput): Promise<CreatedUser> {
  return api.post<CreatedUser>('/api/users', body);
}

export function resetPassword(id: string): Promise<{ oneTimePassword: string }> {
  return api.post<{ oneTimePassword: string }>(userPath(id, 'reset-password'));
}

export function setUserDisabled(id: string, disabled: boolean): Promise<UserSummary> {
  return api.post<UserSummary>(userPath(id, disabled ? 'disable' : 'enable'));
}

export function unlockUser(id: string): Promise<UserSummary> {
  return api.post<UserSummary>(userPath(id, 'unlock'));
}

export function grantRole(userId: string, body: GrantRoleInput): Promise<UserGrant> {
  return api.post<UserGrant>(userPath(userId, 'grants'), body);
}

export function revokeGrant(grantId: string): Promise<{ ok: true }> {
  return api.delete<{ ok: true }>(`/api/grants/${encodeURIComponent(grantId)}`);
}

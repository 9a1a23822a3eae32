/** The user-administration endpoints (accounts, passwords, lockout, role grants). */
import type { CreateUserInput, GrantRoleInput } from '../../../common/schemas/accounts.ts';
import { api } from './client.ts';
import type { ListResponse } from './orgs.ts';

export interface UserGrant {
  id: string;
  role: string;
  /** '*' for a platform-wide grant, otherwise the site id. */
  scope: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string | null;
  disabled: boolean;
  /** Set only while the account is locked (ISO time). */
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  grants: UserGrant[];
}

export interface UserFilter {
  orgId?: string | undefined;
  q?: string | undefined;
}

export interface CreatedUser {
  user: User;
  oneTimePassword: string;
}

const userPath = (id: string, action: string) => `/api/users/${encodeURIComponent(id)}/${action}`;

export async function fetchUsers(filter: UserFilter, signal?: AbortSignal): Promise<User[]> {
  const query = { orgId: filter.orgId || undefined, q: filter.q?.trim() || undefined };
  return (await api.get<ListResponse<User>>('/api/users', { query, ...(signal ? { signal } : {}) })).items;
}

export function createUser(body: CreateUserInput): Promise<CreatedUser> {
  return api.post<CreatedUser>('/api/users', body);
}

export function resetPassword(id: string): Promise<{ oneTimePassword: string }> {
  return api.post<{ oneTimePassword: string }>(userPath(id, 'reset-password'));
}

export function setUserDisabled(id: string, disabled: boolean): Promise<User> {
  return api.post<User>(userPath(id, disabled ? 'disable' : 'enable'));
}

export function unlockUser(id: string): Promise<User> {
  return api.post<User>(userPath(id, 'unlock'));
}

export function grantRole(userId: string, body: GrantRoleInput): Promise<UserGrant> {
  return api.post<UserGrant>(userPath(userId, 'grants'), body);
}

export function revokeGrant(grantId: string): Promise<{ ok: true }> {
  return api.delete<{ ok: true }>(`/api/grants/${encodeURIComponent(grantId)}`);
}

/** The authentication and account endpoints, typed as the server answers them. */
import { api } from './client.ts';

export interface Grant {
  role: string;
  scope: string;
  siteId: string | null;
  siteName: string | null;
}

export interface SessionPolicy {
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
}

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  mustChangePassword: boolean;
  passwordExpired: boolean;
  grants: Grant[];
  permissions: string[];
  session: SessionPolicy;
}

export interface LastLogin {
  at: string;
  ip: string;
}

export interface LoginResponse {
  user: CurrentUser;
  csrfToken: string;
  lastLogin: LastLogin | null;
}

export interface MeResponse {
  user: CurrentUser;
  csrfToken: string;
}

export interface OkResponse {
  ok: true;
}

export interface HealthResponse {
  scheduler: { healthy: boolean; message: string };
}

export function login(username: string, password: string): Promise<LoginResponse> {
  return api.post<LoginResponse>('/api/auth/login', { username, password });
}

export function fetchMe(): Promise<MeResponse> {
  return api.get<MeResponse>('/api/auth/me');
}

export function logout(): Promise<OkResponse> {
  return api.post<OkResponse>('/api/auth/logout');
}

export function changePassword(currentPassword: string, newPassword: string): Promise<OkResponse> {
  return api.post<OkResponse>('/api/auth/change-password', { currentPassword, newPassword });
}

export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return api.get<HealthResponse>('/api/system/health', signal ? { signal } : {});
}

/** True when the server will refuse everything until the password is changed. */
export function mustChangePasswordNow(user: Pick<CurrentUser, 'mustChangePassword' | 'passwordExpired'>): boolean {
  return user.mustChangePassword || user.passwordExpired;
}

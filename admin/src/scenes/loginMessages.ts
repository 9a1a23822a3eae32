/** Texts of the login flow, kept pure for tests. */
import type { LastLogin } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from '../paths.ts';

/** "上次登录：2026-11-27 09:12，IP：10.0.0.8" */
export function lastLoginText(last: LastLogin): string {
  return `上次登录：${formatDateTime(last.at)}，IP：${last.ip}`;
}

/** The message shown in the login form for a failed sign-in. */
export function loginErrorText(e: unknown): string {
  if (!isApiError(e)) return '登录失败，请稍后重试';
  if (e.code === 'GK_ERR_BAD_CREDENTIALS') {
    const remaining = e.details.remainingAttempts;
    if (typeof remaining === 'number' && remaining > 0) {
      return `${e.message}，还可尝试 ${remaining} 次，连续输错将锁定账号`;
    }
  }
  if (e.code === 'GK_ERR_ACCOUNT_LOCKED') {
    const until = e.details.lockedUntil;
    // The server's message normally says when to retry; add it only if it does not.
    if (typeof until === 'string' && !e.message.includes('重试') && formatDateTime(until)) {
      return `${e.message}，请于 ${formatDateTime(until)} 后重试`;
    }
  }
  return e.message;
}

/** Where to go after signing in: back where the user came from, if they may open it. */
export function pathAfterLogin(state: unknown, canOpen: (path: string) => boolean): string {
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return '/';
  if (from.startsWith(LOGIN_PATH) || from.startsWith(CHANGE_PASSWORD_PATH)) return '/';
  return canOpen(from) ? from : '/';
}

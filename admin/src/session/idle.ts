/** Pure idle-timeout arithmetic (no timers, no DOM), shared by IdleWatcher and tests. */

export const IDLE_TIMEOUT_NOTICE = '登录已超时，请重新登录';

/** How long before the end the warning appears: one minute, or half the timeout if shorter. */
export function warningWindowMs(idleMs: number): number {
  return Math.min(60_000, Math.floor(idleMs / 2));
}

/** While the user is active, refresh the server session at most this often. */
export function keepAliveIntervalMs(idleMs: number): number {
  return Math.min(60_000, Math.floor(idleMs / 4));
}

export type IdlePhase = { phase: 'active' } | { phase: 'warning'; secondsLeft: number } | { phase: 'expired' };

export function idlePhase(now: number, lastContact: number, idleMs: number): IdlePhase {
  const remaining = lastContact + idleMs - now;
  if (remaining <= 0) return { phase: 'expired' };
  if (remaining <= warningWindowMs(idleMs)) return { phase: 'warning', secondsLeft: Math.ceil(remaining / 1000) };
  return { phase: 'active' };
}

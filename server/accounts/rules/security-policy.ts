/**
 * Password expiry, lockout and session rules; the policy's shape and the complexity rules
 * are shared with the admin in `common/security-policy.ts`. Pure: no clock, no database.
 */
import type { SecurityPolicy } from '../../../common/security-policy.ts';

export { DEFAULT_SECURITY_POLICY, SecurityPolicySchema, passwordProblems, type SecurityPolicy } from '../../../common/security-policy.ts';

/** True when a password changed at `changedAt` has expired at `now`. */
export function passwordExpired(policy: SecurityPolicy, changedAt: string, now: Date): boolean {
  if (policy.passwordMaxAgeDays === 0) return false;
  return now.getTime() - new Date(changedAt).getTime() > policy.passwordMaxAgeDays * 86_400_000;
}

/** After a wrong password: the new failure count, and the lock end when the threshold is reached. */
export function afterFailedLogin(
  policy: SecurityPolicy,
  failedAttempts: number,
  now: Date,
): { failedAttempts: number; lockedUntil: string | null } {
  const n = failedAttempts + 1;
  if (n >= policy.lockoutThreshold) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString() };
  }
  return { failedAttempts: n, lockedUntil: null };
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > now.getTime();
}

export type SessionState = 'active' | 'idle_timeout' | 'absolute_timeout' | 'ended';

/** Whether a session is still usable at `now`. */
export function sessionState(
  policy: SecurityPolicy,
  s: { created_at: string; last_seen_at: string; ended_at: string | null },
  now: Date,
): SessionState {
  if (s.ended_at) return 'ended';
  const t = now.getTime();
  if (t - new Date(s.created_at).getTime() > policy.absoluteTimeoutHours * 3_600_000) return 'absolute_timeout';
  if (t - new Date(s.last_seen_at).getTime() > policy.idleTimeoutMinutes * 60_000) return 'idle_timeout';
  return 'active';
}

/**
 * Password, lockout and session rules (等保2.0 level 3 practice values as defaults; every
 * number is set by the security administrator). Pure: no clock, no database.
 */
import { z } from 'zod';

export const SecurityPolicySchema = z.strictObject({
  passwordMinLength: z.number().int().min(8).max(64),
  /** How many of the four classes (lower, upper, digit, symbol) a password must mix. */
  passwordMinClasses: z.number().int().min(1).max(4),
  passwordMaxAgeDays: z.number().int().min(0).max(365),
  passwordHistory: z.number().int().min(0).max(24),
  lockoutThreshold: z.number().int().min(1).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(1).max(240),
  absoluteTimeoutHours: z.number().int().min(1).max(72),
});

export type SecurityPolicy = z.infer<typeof SecurityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  passwordHistory: 5,
  lockoutThreshold: 5,
  lockoutMinutes: 10,
  idleTimeoutMinutes: 30,
  absoluteTimeoutHours: 12,
};

function classesIn(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
}

/** Every reason the password breaks the policy (empty when it passes). */
export function passwordProblems(policy: SecurityPolicy, password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.passwordMinLength) problems.push(`密码长度至少 ${policy.passwordMinLength} 位`);
  if (password.length > 128) problems.push('密码长度不能超过 128 位');
  if (classesIn(password) < policy.passwordMinClasses)
    problems.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.passwordMinClasses} 类`);
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}

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

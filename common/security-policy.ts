/**
 * The security policy's shape, defaults (等保2.0 level 3 practice values) and the password
 * complexity rules, shared by server (authoritative) and admin (immediate feedback).
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

export const PASSWORD_MAX_LENGTH = 128;

type Complexity = Pick<SecurityPolicy, 'passwordMinLength' | 'passwordMinClasses'>;

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export function lengthProblem(policy: Complexity, password: string): string | null {
  if ([...password].length < policy.passwordMinLength) return `密码长度至少 ${policy.passwordMinLength} 位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码长度不能超过 ${PASSWORD_MAX_LENGTH} 位`;
  return null;
}

export function classesProblem(policy: Complexity, password: string): string | null {
  return characterClasses(password) < policy.passwordMinClasses
    ? `密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.passwordMinClasses} 类`
    : null;
}

export function usernameProblem(password: string, username: string): string | null {
  return username && password.toLowerCase().includes(username.toLowerCase()) ? '密码不能包含用户名' : null;
}

/** Every reason the password breaks the complexity rules (empty when it passes). */
export function passwordProblems(policy: Complexity, password: string, username: string): string[] {
  return [lengthProblem(policy, password), classesProblem(policy, password), usernameProblem(password, username)].filter(
    (p): p is string => p !== null,
  );
}

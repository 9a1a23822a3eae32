/**
 * Client-side check of the default password policy, for immediate feedback only: the server
 * applies the policy the security administrator has set and its answer is authoritative.
 * The rules themselves live in common/security-policy.ts, shared with the server.
 */
import {
  DEFAULT_SECURITY_POLICY,
  classesProblem as classesProblemFor,
  lengthProblem as lengthProblemFor,
  passwordProblems as passwordProblemsFor,
} from '../../../common/security-policy.ts';

export { characterClasses, usernameProblem, PASSWORD_MAX_LENGTH as MAX_LENGTH } from '../../../common/security-policy.ts';

export const DEFAULT_MIN_LENGTH = DEFAULT_SECURITY_POLICY.passwordMinLength;
export const DEFAULT_MIN_CLASSES = DEFAULT_SECURITY_POLICY.passwordMinClasses;

export const lengthProblem = (password: string): string | null => lengthProblemFor(DEFAULT_SECURITY_POLICY, password);
export const classesProblem = (password: string): string | null => classesProblemFor(DEFAULT_SECURITY_POLICY, password);

/** Every problem the default policy finds (empty when it passes). */
export function passwordProblems(password: string, username: string): string[] {
  return passwordProblemsFor(DEFAULT_SECURITY_POLICY, password, username);
}

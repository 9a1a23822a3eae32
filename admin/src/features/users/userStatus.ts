/** The 状态 column of the user list, from the account's flags. Pure. */
import { formatDateTime } from '../../lib/datetime.ts';

export type UserStatusKind = 'normal' | 'disabled' | 'locked' | 'mustChangePassword';

export interface UserStatus {
  kind: UserStatusKind;
  label: string;
}

export interface UserFlags {
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
}

/** True while a lockout is still running (the server clears expired ones, the clock may have moved since). */
export function isLocked(user: Pick<UserFlags, 'lockedUntil'>, now: Date = new Date()): boolean {
  if (!user.lockedUntil) return false;
  const until = new Date(user.lockedUntil).getTime();
  return Number.isFinite(until) && until > now.getTime();
}

/** Every state that applies, most serious first; 正常 only when none does. */
export function userStatuses(user: UserFlags, now: Date = new Date()): UserStatus[] {
  const out: UserStatus[] = [];
  if (user.disabled) out.push({ kind: 'disabled', label: '已停用' });
  if (isLocked(user, now)) out.push({ kind: 'locked', label: `已锁定至 ${formatDateTime(user.lockedUntil as string)}` });
  if (user.mustChangePassword) out.push({ kind: 'mustChangePassword', label: '须修改密码' });
  return out.length > 0 ? out : [{ kind: 'normal', label: '正常' }];
}

import { describe, expect, it } from 'vitest';
import { isLocked, userStatuses } from './userStatus.ts';

const now = new Date('2026-05-01T02:00:00Z');
const base = { disabled: false, lockedUntil: null, mustChangePassword: false };

describe('user status', () => {
  it('is 正常 without flags', () => {
    expect(userStatuses(base, now)).toEqual([{ kind: 'normal', label: '正常' }]);
  });

  it('shows the lockout end in China time', () => {
    expect(userStatuses({ ...base, lockedUntil: '2026-05-01T02:30:00Z' }, now)).toEqual([
      { kind: 'locked', label: '已锁定至 2026-05-01 10:30' },
    ]);
  });

  it('ignores a lockout that has already ended', () => {
    expect(isLocked({ lockedUntil: '2026-05-01T01:59:59Z' }, now)).toBe(false);
    expect(userStatuses({ ...base, lockedUntil: 'garbage' }, now)).toEqual([{ kind: 'normal', label: '正常' }]);
  });

  it('lists every state that applies', () => {
    expect(
      userStatuses({ disabled: true, lockedUntil: '2026-05-02T00:00:00Z', mustChangePassword: true }, now).map((s) => s.label),
    ).toEqual(['已停用', '已锁定至 2026-05-02 08:00', '须修改密码']);
  });
});

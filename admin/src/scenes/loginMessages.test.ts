import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { lastLoginText, loginErrorText, pathAfterLogin } from './loginMessages.ts';

describe('login messages', () => {
  it('formats the last login in China time', () => {
    expect(lastLoginText({ at: '2026-11-27T01:05:00.000Z', ip: '10.0.0.8' })).toBe('上次登录：2026-11-27 09:05，IP：10.0.0.8');
  });

  it('adds the remaining attempts to bad credentials', () => {
    const e = new ApiError(401, 'GK_ERR_BAD_CREDENTIALS', '用户名或密码错误', [], { remainingAttempts: 3 });
    expect(loginErrorText(e)).toBe('用户名或密码错误，还可尝试 3 次，连续输错将锁定账号');
    expect(loginErrorText(new ApiError(401, 'GK_ERR_BAD_CREDENTIALS', '用户名或密码错误'))).toBe('用户名或密码错误');
  });

  it('shows when a locked account may retry', () => {
    const withTime = new ApiError(423, 'GK_ERR_ACCOUNT_LOCKED', '账号已锁定，请于 2026-11-27 18:40 后重试', [], {
      lockedUntil: '2026-11-27T10:40:00.000Z',
    });
    expect(loginErrorText(withTime)).toBe('账号已锁定，请于 2026-11-27 18:40 后重试');
    const bare = new ApiError(423, 'GK_ERR_ACCOUNT_LOCKED', '账号已锁定', [], {
      lockedUntil: '2026-11-27T10:40:00.000Z',
    });
    expect(loginErrorText(bare)).toBe('账号已锁定，请于 2026-11-27 18:40 后重试');
  });

  it('passes other server messages through', () => {
    expect(loginErrorText(new ApiError(0, 'GK_ERR_NETWORK', '网络连接失败，请检查网络后重试'))).toBe('网络连接失败，请检查网络后重试');
    expect(loginErrorText(new Error('x'))).toBe('登录失败，请稍后重试');
  });

  it('returns to the page the user came from when allowed', () => {
    const all = () => true;
    expect(pathAfterLogin({ from: '/articles?page=2' }, all)).toBe('/articles?page=2');
    expect(pathAfterLogin({ from: '/articles' }, () => false)).toBe('/');
    expect(pathAfterLogin({ from: '//evil.example' }, all)).toBe('/');
    expect(pathAfterLogin({ from: '/login' }, all)).toBe('/');
    expect(pathAfterLogin({ from: '/change-password' }, all)).toBe('/');
    expect(pathAfterLogin(null, all)).toBe('/');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, setClientHooks, setCsrfToken } from './client.ts';

type FetchMock = ReturnType<typeof respond>;

function respond(status: number, body: unknown) {
  return vi.fn<typeof fetch>(() => Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status })));
}

function initOf(fetchMock: FetchMock): RequestInit {
  return fetchMock.mock.calls[0]?.[1] ?? {};
}

function headersOf(fetchMock: FetchMock): Record<string, string> {
  return (initOf(fetchMock).headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('api client', () => {
  it('sends the CSRF token on state-changing requests only, never on login', async () => {
    setCsrfToken('tok');
    const f = respond(200, { ok: true });
    vi.stubGlobal('fetch', f);
    await api.post('/api/things', { a: 1 });
    expect(headersOf(f)['x-csrf-token']).toBe('tok');
    expect(initOf(f).credentials).toBe('same-origin');

    const g = respond(200, {});
    vi.stubGlobal('fetch', g);
    await api.get('/api/things', { query: { page: 2, q: undefined } });
    expect(g.mock.calls[0]?.[0]).toBe('/api/things?page=2');
    expect(headersOf(g)['x-csrf-token']).toBeUndefined();

    const h = respond(200, {});
    vi.stubGlobal('fetch', h);
    await api.post('/api/auth/login', { username: 'a', password: 'b' });
    expect(headersOf(h)['x-csrf-token']).toBeUndefined();
  });

  it('turns error bodies into ApiError with fields and details', async () => {
    vi.stubGlobal(
      'fetch',
      respond(400, {
        code: 'GK_ERR_PASSWORD_POLICY',
        message: '密码不符合安全策略',
        fields: [
          { field: 'newPassword', message: '密码长度至少 8 位' },
          { field: 'newPassword', message: '密码不能包含用户名' },
        ],
        details: { x: 1 },
      }),
    );
    const e = await api.post('/api/auth/change-password', {}).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    const err = e as ApiError;
    expect([err.status, err.code, err.message]).toEqual([400, 'GK_ERR_PASSWORD_POLICY', '密码不符合安全策略']);
    expect(err.fieldMessages('newPassword')).toEqual(['密码长度至少 8 位', '密码不能包含用户名']);
    expect(err.details).toEqual({ x: 1 });
  });

  it('reports network failures in Chinese', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api.get('/api/x')).rejects.toMatchObject({
      code: 'GK_ERR_NETWORK',
      message: '网络连接失败，请检查网络后重试',
    });
  });

  it('notifies the session layer of lost sessions, except for login and me', async () => {
    const onSessionLost = vi.fn();
    const onServerContact = vi.fn();
    const remove = setClientHooks({ onSessionLost, onServerContact });
    try {
      vi.stubGlobal('fetch', respond(401, { code: 'GK_ERR_SESSION_EXPIRED', message: '登录已超时，请重新登录' }));
      await expect(api.get('/api/auth/me')).rejects.toBeInstanceOf(ApiError);
      await expect(api.post('/api/auth/login', {})).rejects.toBeInstanceOf(ApiError);
      expect(onSessionLost).not.toHaveBeenCalled();
      await expect(api.get('/api/sites')).rejects.toBeInstanceOf(ApiError);
      expect(onSessionLost).toHaveBeenCalledTimes(1);
      expect(onServerContact).not.toHaveBeenCalled();

      vi.stubGlobal('fetch', respond(200, { ok: true }));
      await api.get('/api/sites');
      expect(onServerContact).toHaveBeenCalledTimes(1);
    } finally {
      remove();
    }
  });

  it('does not mistake a bad current password for a lost session', async () => {
    const onSessionLost = vi.fn();
    const remove = setClientHooks({ onSessionLost });
    try {
      vi.stubGlobal('fetch', respond(401, { code: 'GK_ERR_BAD_CREDENTIALS', message: '用户名或密码错误' }));
      await expect(api.post('/api/auth/change-password', {})).rejects.toMatchObject({ code: 'GK_ERR_BAD_CREDENTIALS' });
      expect(onSessionLost).not.toHaveBeenCalled();
    } finally {
      remove();
    }
  });

  it('copes with a non-JSON error page', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('<html>Bad Gateway</html>', { status: 502 }))),
    );
    await expect(api.get('/api/x')).rejects.toMatchObject({ status: 502, code: 'GK_ERR_INTERNAL' });
  });
});

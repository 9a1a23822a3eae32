import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { fetchMe, logout, type CurrentUser, type LastLogin, type LoginResponse } from '../api/auth.ts';
import { ApiError, isApiError, setClientHooks, setCsrfToken } from '../api/client.ts';
import { session as sessionStore } from '../lib/storage.ts';
import { broadcastSessionEvent, markServerContact, onSessionEvent } from './activity.ts';
import { SessionContext, type RefreshOptions, type SessionStatus, type SessionValue } from './SessionContext.ts';

const LAST_LOGIN_KEY = 'gongkai.admin.lastLogin';
const OTHER_TAB_LOGOUT_NOTICE = '您已在其他窗口退出登录';

interface AuthState {
  status: SessionStatus;
  user: CurrentUser | null;
  csrfToken: string | null;
  loadError: ApiError | null;
}

function readLastLogin(): LastLogin | null {
  const raw = sessionStore.get(LAST_LOGIN_KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<LastLogin>;
    return typeof v.at === 'string' && typeof v.ip === 'string' ? { at: v.at, ip: v.ip } : null;
  } catch {
    return null;
  }
}

function sameUser(a: CurrentUser | null, b: CurrentUser): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** Holds who is signed in, keeps the API client's CSRF token in step, and ends lost sessions. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthState>({ status: 'loading', user: null, csrfToken: null, loadError: null });
  const [lastLogin, setLastLogin] = useState<LastLogin | null>(readLastLogin);
  const [exitNotice, setExitNotice] = useState<string | null>(null);
  const [unsaved, setUnsaved] = useState<ReadonlySet<string>>(() => new Set());
  const [loadAttempt, setLoadAttempt] = useState(0);
  const statusRef = useRef<SessionStatus>('loading');

  useEffect(() => {
    statusRef.current = auth.status;
  }, [auth.status]);

  const applyUser = useCallback((user: CurrentUser, csrfToken: string) => {
    setCsrfToken(csrfToken);
    setAuth((prev) =>
      prev.status === 'authenticated' && prev.csrfToken === csrfToken && sameUser(prev.user, user)
        ? prev
        : { status: 'authenticated', user, csrfToken, loadError: null },
    );
  }, []);

  /** Forgets the session locally (the server side is already gone or being ended). */
  const endSession = useCallback((notice: string | null, broadcast: boolean) => {
    setCsrfToken(null);
    setAuth({ status: 'anonymous', user: null, csrfToken: null, loadError: null });
    setExitNotice(notice);
    setLastLogin(null);
    sessionStore.remove(LAST_LOGIN_KEY);
    if (broadcast) broadcastSessionEvent({ type: 'logout', notice });
  }, []);

  const signIn = useCallback(
    (response: LoginResponse) => {
      applyUser(response.user, response.csrfToken);
      setExitNotice(null);
      setLastLogin(response.lastLogin);
      if (response.lastLogin) sessionStore.set(LAST_LOGIN_KEY, JSON.stringify(response.lastLogin));
      else sessionStore.remove(LAST_LOGIN_KEY);
      broadcastSessionEvent({ type: 'login' });
    },
    [applyUser],
  );

  const signOut = useCallback(
    async (notice?: string) => {
      try {
        await logout();
      } catch {
        // The session may already be gone on the server; signing out locally is what matters.
      }
      endSession(notice ?? null, true);
    },
    [endSession],
  );

  const refresh = useCallback(
    async (options: RefreshOptions = {}) => {
      try {
        const me = await fetchMe();
        applyUser(me.user, me.csrfToken);
        return me.user;
      } catch (e) {
        if (isApiError(e) && e.status === 401) {
          if (statusRef.current === 'authenticated') endSession(options.lostNotice ?? e.message, true);
          return null;
        }
        throw e;
      }
    },
    [applyUser, endSession],
  );

  // The initial session check (and its retries).
  useEffect(() => {
    let cancelled = false;
    fetchMe().then(
      (me) => {
        if (!cancelled) applyUser(me.user, me.csrfToken);
      },
      (e: unknown) => {
        if (cancelled) return;
        if (isApiError(e) && (e.status === 401 || e.code === 'GK_ERR_PASSWORD_CHANGE_REQUIRED')) {
          setAuth({ status: 'anonymous', user: null, csrfToken: null, loadError: null });
        } else {
          const error = isApiError(e) ? e : new ApiError(0, 'GK_ERR_INTERNAL', '无法获取登录状态，请稍后重试');
          setAuth({ status: 'error', user: null, csrfToken: null, loadError: error });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [applyUser, loadAttempt]);

  const retryLoad = useCallback(() => {
    setAuth({ status: 'loading', user: null, csrfToken: null, loadError: null });
    setLoadAttempt((n) => n + 1);
  }, []);

  // Hooks for the API client: lost sessions, forced password changes, and the idle clock.
  useEffect(
    () =>
      setClientHooks({
        onServerContact: () => markServerContact(),
        onSessionLost: (error) => {
          if (statusRef.current === 'authenticated') endSession(error.message, true);
        },
        onPasswordChangeRequired: () => {
          if (statusRef.current === 'authenticated') refresh().catch(() => undefined);
        },
      }),
    [endSession, refresh],
  );

  // Other tabs share the cookie: follow their sign-in and sign-out.
  useEffect(
    () =>
      onSessionEvent((event) => {
        if (event.type === 'logout') {
          if (statusRef.current === 'authenticated') endSession(event.notice ?? OTHER_TAB_LOGOUT_NOTICE, false);
        } else {
          refresh().catch(() => undefined);
        }
      }),
    [endSession, refresh],
  );

  const registerUnsaved = useCallback((id: string, dirty: boolean) => {
    setUnsaved((prev) => {
      if (prev.has(id) === dirty) return prev;
      const next = new Set(prev);
      if (dirty) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const clearExitNotice = useCallback(() => setExitNotice(null), []);

  const value = useMemo<SessionValue>(
    () => ({
      status: auth.status,
      user: auth.user,
      csrfToken: auth.csrfToken,
      loadError: auth.loadError,
      lastLogin,
      exitNotice,
      hasUnsavedChanges: unsaved.size > 0,
      signIn,
      signOut,
      refresh,
      retryLoad,
      clearExitNotice,
      registerUnsaved,
    }),
    [auth, lastLogin, exitNotice, unsaved, signIn, signOut, refresh, retryLoad, clearExitNotice, registerUnsaved],
  );

  return <SessionContext value={value}>{children}</SessionContext>;
}

import { createContext } from 'react';
import type { CurrentUser, LastLogin, LoginResponse } from '../api/auth.ts';
import type { ApiError } from '../api/client.ts';

export type SessionStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

export interface RefreshOptions {
  /** Notice for the login page if the session turns out to be gone (default: the server's message). */
  lostNotice?: string;
}

export interface SessionValue {
  status: SessionStatus;
  user: CurrentUser | null;
  csrfToken: string | null;
  /** The previous sign-in reported at this sign-in (kept for the browser tab's lifetime). */
  lastLogin: LastLogin | null;
  /** Why the last session ended, for the login page ("登录已超时，请重新登录"). */
  exitNotice: string | null;
  /** Set when status is 'error' (the initial session check failed). */
  loadError: ApiError | null;
  /** True while any mounted form reports unsaved changes. */
  hasUnsavedChanges: boolean;

  signIn: (response: LoginResponse) => void;
  /** Ends the session on the server and locally; `notice` is shown on the login page. */
  signOut: (notice?: string) => Promise<void>;
  /** Re-reads the user from /api/auth/me (also keeps the server session alive). */
  refresh: (options?: RefreshOptions) => Promise<CurrentUser | null>;
  /** Retries the initial session check after a failure. */
  retryLoad: () => void;
  clearExitNotice: () => void;
  registerUnsaved: (id: string, dirty: boolean) => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

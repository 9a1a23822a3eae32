import { useContext } from 'react';
import { SessionContext, type SessionValue } from './SessionContext.ts';

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for screens behind <RequireAuth>. */
export function useCurrentUser() {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser must be used behind <RequireAuth>');
  return user;
}

import { useCallback } from 'react';
import { isApiError } from '../api/client.ts';
import { useSession } from './useSession.ts';

/**
 * For calls made outside the API client (multipart uploads): the session's CSRF token, and a
 * guard that asks the session layer to re-check on a 401 (it signs out if the session is gone),
 * since the multipart helper cannot reach the session hooks itself.
 */
export function useSessionGuard() {
  const { csrfToken, refresh } = useSession();
  const guard = useCallback(
    async <T>(run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (e) {
        if (isApiError(e) && e.status === 401) void refresh().catch(() => undefined);
        throw e;
      }
    },
    [refresh],
  );
  return { csrfToken, guard };
}

import { lazy, type ReactNode } from 'react';
import type { Permission } from '../../../common/permissions.ts';
import { hasAnyPermission } from '../navigation.ts';
import { useCurrentUser } from '../session/useSession.ts';

const ForbiddenScene = lazy(() => import('../scenes/ForbiddenScene.tsx'));

/**
 * Shows `children` only to users holding one of `anyOf`. The server checks every request
 * anyway; this only spares users screens they cannot use.
 */
export function RequirePermission({ anyOf, children }: { anyOf: readonly Permission[]; children: ReactNode }) {
  const user = useCurrentUser();
  return hasAnyPermission(user.permissions, anyOf) ? children : <ForbiddenScene />;
}

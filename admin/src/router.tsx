/** The route table. Every screen is a lazy chunk; the menu screens come from navigation.ts. */
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { RequireAuth } from './components/RequireAuth.tsx';
import { RequirePermission } from './components/RequirePermission.tsx';
import { NAV_ITEMS } from './navigation.ts';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from './paths.ts';

const AppLayout = lazy(() => import('./components/AppLayout.tsx'));
const LoginScene = lazy(() => import('./scenes/LoginScene.tsx'));
const ChangePasswordScene = lazy(() => import('./scenes/ChangePasswordScene.tsx'));
const DashboardScene = lazy(() => import('./scenes/DashboardScene.tsx'));
const UnderConstructionScene = lazy(() => import('./scenes/UnderConstructionScene.tsx'));
const NotFoundScene = lazy(() => import('./scenes/NotFoundScene.tsx'));

export const BASENAME = '/admin';

function page(node: ReactNode): ReactNode {
  return <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;
}

const menuRoutes: RouteObject[] = NAV_ITEMS.map((item) => ({
  path: item.path.slice(1),
  element: (
    <RequirePermission anyOf={item.anyOf}>
      {/* `key` gives each placeholder its own state and title. */}
      <UnderConstructionScene key={item.path} title={item.label} />
    </RequirePermission>
  ),
}));

export const routes: RouteObject[] = [
  { path: LOGIN_PATH, element: page(<LoginScene />) },
  {
    element: <RequireAuth />,
    children: [
      {
        element: page(<AppLayout />),
        children: [
          { index: true, element: <DashboardScene /> },
          { path: CHANGE_PASSWORD_PATH.slice(1), element: <ChangePasswordScene /> },
          ...menuRoutes,
          { path: '*', element: <NotFoundScene /> },
        ],
      },
    ],
  },
];

export function createAdminRouter() {
  return createBrowserRouter(routes, { basename: BASENAME });
}

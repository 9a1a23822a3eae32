/** The route table. Every screen is a lazy chunk; the menu screens come from navigation.ts. */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { RequireAuth } from './components/RequireAuth.tsx';
import { RequirePermission } from './components/RequirePermission.tsx';
import { CONTENT_PERMISSIONS, NAV_ITEMS } from './navigation.ts';
import {
  CHANGE_PASSWORD_PATH,
  DASHBOARD_PATH,
  GUIDES_OVERSIGHT_PATH,
  LEGACY_IMPORTS_PATH,
  LOGIN_PATH,
  MONITORING_FINDINGS_PATH,
  MONITORING_SITES_PATH,
  NEW_SERVICE_ITEM_PATH,
  RECTIFICATION_PATH,
  SERVICE_ITEMS_PATH,
  SPOT_CHECKS_PATH,
  SYSTEMS_PATH,
  WEBSITE_REPORT_PATH,
  SYNDICATION_PATH,
} from './paths.ts';

// AppLayout is a named export (components/ rule); lazy() wants a default, hence the mapping.
const AppLayout = lazy(() => import('./components/AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const LoginScene = lazy(() => import('./scenes/LoginScene.tsx'));
const ChangePasswordScene = lazy(() => import('./scenes/ChangePasswordScene.tsx'));
const DashboardScene = lazy(() => import('./scenes/DashboardScene.tsx'));
const UnderConstructionScene = lazy(() => import('./scenes/UnderConstructionScene.tsx'));
const NotFoundScene = lazy(() => import('./scenes/NotFoundScene.tsx'));

/** Menu screens that exist so far, by path; the others show the placeholder. Each is its own chunk. */
const MENU_SCENES: Readonly<Record<string, LazyExoticComponent<ComponentType>>> = {
  '/orgs': lazy(() => import('./scenes/OrgsScene.tsx')),
  '/users': lazy(() => import('./scenes/UsersScene.tsx')),
  '/sites': lazy(() => import('./scenes/SitesScene.tsx')),
  '/columns': lazy(() => import('./scenes/ColumnsScene.tsx')),
  '/review-stages': lazy(() => import('./scenes/ReviewStagesScene.tsx')),
  '/articles': lazy(() => import('./scenes/ArticlesScene.tsx')),
  '/reviews': lazy(() => import('./scenes/ReviewsScene.tsx')),
  '/deadlines': lazy(() => import('./scenes/DeadlinesScene.tsx')),
  '/dictionaries': lazy(() => import('./scenes/DictionariesScene.tsx')),
  '/calendar': lazy(() => import('./scenes/CalendarScene.tsx')),
  '/disclosure/catalog': lazy(() => import('./scenes/DisclosureCatalogueScene.tsx')),
  '/disclosure/requests': lazy(() => import('./scenes/DisclosureRequestsScene.tsx')),
  '/disclosure/overdue': lazy(() => import('./scenes/DisclosureOverdueScene.tsx')),
  '/disclosure/annual-reports': lazy(() => import('./scenes/DisclosureAnnualReportScene.tsx')),
  '/letters': lazy(() => import('./scenes/LettersScene.tsx')),
  '/letters/overdue': lazy(() => import('./scenes/LettersOverdueScene.tsx')),
  '/surveys': lazy(() => import('./scenes/InteractionSurveysScene.tsx')),
  '/interaction/channels': lazy(() => import('./scenes/InteractionChannelsScene.tsx')),
  '/interaction/oversight': lazy(() => import('./scenes/InteractionOversightScene.tsx')),
  [SERVICE_ITEMS_PATH]: lazy(() => import('./scenes/ServiceItemsScene.tsx')),
  [GUIDES_OVERSIGHT_PATH]: lazy(() => import('./scenes/GuidesOversightScene.tsx')),
  [MONITORING_SITES_PATH]: lazy(() => import('./scenes/MonitoringSitesScene.tsx')),
  [MONITORING_FINDINGS_PATH]: lazy(() => import('./scenes/MonitoringFindingsScene.tsx')),
  [SPOT_CHECKS_PATH]: lazy(() => import('./scenes/SpotChecksScene.tsx')),
  [DASHBOARD_PATH]: lazy(() => import('./scenes/SupervisionDashboardScene.tsx')),
  [RECTIFICATION_PATH]: lazy(() => import('./scenes/RectificationScene.tsx')),
  [SYSTEMS_PATH]: lazy(() => import('./scenes/IndicatorSystemsScene.tsx')),
  [WEBSITE_REPORT_PATH]: lazy(() => import('./scenes/WebsiteReportScene.tsx')),
  '/sites/consolidation': lazy(() => import('./scenes/ConsolidationScene.tsx')),
  [LEGACY_IMPORTS_PATH]: lazy(() => import('./scenes/LegacyImportsScene.tsx')),
  [SYNDICATION_PATH]: lazy(() => import('./scenes/SyndicationScene.tsx')),
};

// Article screens outside the menu. The editor is its own chunk (and Tiptap a further one it loads).
const ArticleEditScene = lazy(() => import('./scenes/ArticleEditScene.tsx'));
const ArticleViewScene = lazy(() => import('./scenes/ArticleViewScene.tsx'));
const DisclosureRequestViewScene = lazy(() => import('./scenes/DisclosureRequestViewScene.tsx'));
const LetterViewScene = lazy(() => import('./scenes/LetterViewScene.tsx'));
const ServiceItemEditScene = lazy(() => import('./scenes/ServiceItemEditScene.tsx'));
const FindingViewScene = lazy(() => import('./scenes/FindingViewScene.tsx'));
const SiteHealthScene = lazy(() => import('./scenes/SiteHealthScene.tsx'));
const SpotCheckScene = lazy(() => import('./scenes/SpotCheckScene.tsx'));
const LegacyImportScene = lazy(() => import('./scenes/LegacyImportScene.tsx'));

function menuScene(path: string, label: string): ReactNode {
  const Scene = MENU_SCENES[path];
  // `key` gives each screen (and each placeholder) its own state and title.
  return Scene ? <Scene key={path} /> : <UnderConstructionScene key={path} title={label} />;
}

export const BASENAME = '/admin';

function page(node: ReactNode): ReactNode {
  return <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;
}

const menuRoutes: RouteObject[] = NAV_ITEMS.map((item) => ({
  path: item.path.slice(1),
  element: <RequirePermission anyOf={item.anyOf}>{menuScene(item.path, item.label)}</RequirePermission>,
}));

const articleRoutes: RouteObject[] = [
  {
    path: 'articles/new',
    element: (
      <RequirePermission anyOf={['content.author']}>
        <ArticleEditScene key="new" />
      </RequirePermission>
    ),
  },
  {
    path: 'articles/:id/edit',
    element: (
      <RequirePermission anyOf={['content.author']}>
        <ArticleEditScene key="edit" />
      </RequirePermission>
    ),
  },
  // Site administrators may retract published articles, so they may open one too.
  {
    path: 'articles/:id',
    element: (
      <RequirePermission anyOf={[...CONTENT_PERMISSIONS, 'sites.edit']}>
        <ArticleViewScene />
      </RequirePermission>
    ),
  },
];

const disclosureRoutes: RouteObject[] = [
  {
    path: 'disclosure/requests/:id',
    element: (
      <RequirePermission anyOf={['disclosure.handle']}>
        <DisclosureRequestViewScene />
      </RequirePermission>
    ),
  },
];

// Everyone who takes part in a letter may open it (handlers, leaders who review replies) and supervisors.
const interactionRoutes: RouteObject[] = [
  {
    path: 'letters/:id',
    element: (
      <RequirePermission anyOf={['interaction.handle', 'interaction.approveReply', 'monitoring.read']}>
        <LetterViewScene />
      </RequirePermission>
    ),
  },
];

// Officers write items; reviewers open them to publish or withdraw (the form is read-only for them).
const guideRoutes: RouteObject[] = [
  {
    path: NEW_SERVICE_ITEM_PATH.slice(1),
    element: (
      <RequirePermission anyOf={['guides.edit']}>
        <ServiceItemEditScene key="new" />
      </RequirePermission>
    ),
  },
  {
    path: `${SERVICE_ITEMS_PATH.slice(1)}/:id`,
    element: (
      <RequirePermission anyOf={['guides.edit', 'guides.publish']}>
        <ServiceItemEditScene key="edit" />
      </RequirePermission>
    ),
  },
];

// One finding and one site's health: supervisors, and the site's own people (the notices link here).
const monitoringRoutes: RouteObject[] = [
  {
    path: `${MONITORING_FINDINGS_PATH.slice(1)}/:id`,
    element: (
      <RequirePermission anyOf={['monitoring.read', 'sites.read']}>
        <FindingViewScene />
      </RequirePermission>
    ),
  },
  {
    path: `${MONITORING_SITES_PATH.slice(1)}/:siteId`,
    element: (
      <RequirePermission anyOf={['monitoring.read', 'sites.read']}>
        <SiteHealthScene />
      </RequirePermission>
    ),
  },
  {
    path: `${SPOT_CHECKS_PATH.slice(1)}/:id`,
    element: (
      <RequirePermission anyOf={['evaluation.manage']}>
        <SpotCheckScene />
      </RequirePermission>
    ),
  },
  {
    path: `${LEGACY_IMPORTS_PATH.slice(1)}/:id`,
    element: (
      <RequirePermission anyOf={['migration.manage']}>
        <LegacyImportScene />
      </RequirePermission>
    ),
  },
];

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
          ...articleRoutes,
          ...disclosureRoutes,
          ...interactionRoutes,
          ...guideRoutes,
          ...monitoringRoutes,
          { path: '*', element: <NotFoundScene /> },
        ],
      },
    ],
  },
];

export function createAdminRouter() {
  return createBrowserRouter(routes, { basename: BASENAME });
}

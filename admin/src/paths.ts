/** Router paths outside the menu table (relative to the /admin basename). */
export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/change-password';

/** State the login page receives: where to return after signing in. */
export interface LoginLocationState {
  from?: string;
}

/** 办事服务: the service items of a site, one item (new or existing) and the supervision view. */
export const SERVICE_ITEMS_PATH = '/service-items';
export const NEW_SERVICE_ITEM_PATH = '/service-items/new';
export const GUIDES_OVERSIGHT_PATH = '/service-oversight';

export function serviceItemPath(id: string): string {
  return `${SERVICE_ITEMS_PATH}/${encodeURIComponent(id)}`;
}

/** 网站监测: every site's monitoring at a glance, the findings, one finding and one site's health. */
export const MONITORING_SITES_PATH = '/monitoring/sites';
export const MONITORING_FINDINGS_PATH = '/monitoring/findings';

export function findingPath(id: string): string {
  return `${MONITORING_FINDINGS_PATH}/${encodeURIComponent(id)}`;
}

export function siteHealthPath(siteId: string): string {
  return `${MONITORING_SITES_PATH}/${encodeURIComponent(siteId)}`;
}

/** 检查评估: spot checks, one spot check, and the rectification tasks. */
export const SPOT_CHECKS_PATH = '/monitoring/evaluations';
export const DASHBOARD_PATH = '/monitoring/dashboard';
export const RECTIFICATION_PATH = '/monitoring/rectification';
export const SYSTEMS_PATH = '/monitoring/systems';
/** 政府网站工作年度报表 of the hosted sites. */
export const WEBSITE_REPORT_PATH = '/sites/annual-report';

export function spotCheckPath(id: string): string {
  return `${SPOT_CHECKS_PATH}/${encodeURIComponent(id)}`;
}

/** 网站迁移: the imports of old sites, and one import. */
export const LEGACY_IMPORTS_PATH = '/sites/migration';

export function legacyImportPath(id: string): string {
  return `${LEGACY_IMPORTS_PATH}/${encodeURIComponent(id)}`;
}

/** 信息共享 (统一信息资源库): a receiving site's offers and subscriptions. */
export const SYNDICATION_PATH = '/syndication';

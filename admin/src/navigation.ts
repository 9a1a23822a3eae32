/**
 * The admin menu as data: every screen, where it lives and which permissions show it (any one
 * of `anyOf`). The menu, the routes and the route guards are all built from this table.
 * Paths are relative to the router basename (/admin).
 */
import type { Permission } from '../../common/permissions.ts';
import {
  DASHBOARD_PATH,
  GUIDES_OVERSIGHT_PATH,
  LEGACY_IMPORTS_PATH,
  MONITORING_FINDINGS_PATH,
  MONITORING_SITES_PATH,
  RECTIFICATION_PATH,
  SERVICE_ITEMS_PATH,
  SPOT_CHECKS_PATH,
  SYSTEMS_PATH,
  WEBSITE_REPORT_PATH,
  SYNDICATION_PATH,
} from './paths.ts';

export type NavGroupKey = 'sites' | 'content' | 'disclosure' | 'interaction' | 'services' | 'monitoring' | 'system';

export interface NavItem {
  readonly path: string;
  readonly label: string;
  /** Shown when the user holds any one of these permissions. */
  readonly anyOf: readonly Permission[];
}

export interface NavGroup {
  readonly key: NavGroupKey;
  readonly label: string;
  readonly items: readonly NavItem[];
}

const CONTENT_ANY: readonly Permission[] = ['content.author', 'content.firstReview', 'content.sectionReview', 'content.leaderApproval'];
const REVIEW_ANY: readonly Permission[] = ['content.firstReview', 'content.sectionReview', 'content.leaderApproval'];

export const HOME: NavItem = { path: '/', label: '工作台', anyOf: [] };

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    key: 'sites',
    label: '网站管理',
    items: [
      { path: '/sites', label: '网站列表', anyOf: ['sites.manage', 'sites.edit', 'sites.read'] },
      { path: '/columns', label: '栏目管理', anyOf: ['columns.manage'] },
      { path: '/review-stages', label: '审核流程', anyOf: ['sites.edit'] },
      // A site's administrators fill it in and its editors submit it; supervisors follow every site's.
      { path: WEBSITE_REPORT_PATH, label: '网站年度报表', anyOf: ['sites.edit', 'content.author', 'evaluation.manage'] },
      // The platform view of the site lifecycle (集约化); each site's steps in its drawer.
      { path: '/sites/consolidation', label: '集约化', anyOf: ['sites.lifecycle.request', 'sites.lifecycle.approve'] },
      // Old sites are read into hosted ones by the platform's or the target site's administrators.
      { path: LEGACY_IMPORTS_PATH, label: '网站迁移', anyOf: ['migration.manage'] },
      // Between sites (统一信息资源库): a receiving site's editors take offers, its administrators keep
      // the subscriptions. Kept out of 内容发布 so the platform administrator (三员) sees no content menu.
      { path: SYNDICATION_PATH, label: '信息共享', anyOf: ['content.author', 'content.firstReview', 'columns.manage'] },
    ],
  },
  {
    key: 'content',
    label: '内容发布',
    items: [
      { path: '/articles', label: '信息管理', anyOf: CONTENT_ANY },
      { path: '/reviews', label: '待我审核', anyOf: REVIEW_ANY },
      { path: '/deadlines', label: '发布时限', anyOf: CONTENT_ANY },
    ],
  },
  {
    key: 'disclosure',
    label: '信息公开',
    items: [
      // Officers keep their site's catalogue and guide; supervisors see every site's.
      { path: '/disclosure/catalog', label: '公开目录', anyOf: ['disclosure.handle', 'evaluation.manage'] },
      { path: '/disclosure/requests', label: '依申请公开', anyOf: ['disclosure.handle'] },
      { path: '/disclosure/overdue', label: '逾期申请', anyOf: ['evaluation.manage'] },
      // Supervisors read and check every org's report; an org's officers write their own.
      { path: '/disclosure/annual-reports', label: '年报', anyOf: ['disclosure.handle', 'evaluation.manage'] },
    ],
  },
  {
    key: 'interaction',
    label: '互动交流',
    items: [
      // Leaders (答复审核) open the list too: the replies waiting for their review are there.
      { path: '/letters', label: '信件办理', anyOf: ['interaction.handle', 'interaction.approveReply'] },
      { path: '/letters/overdue', label: '超期预警', anyOf: ['interaction.handle', 'monitoring.read'] },
      { path: '/surveys', label: '征集调查', anyOf: ['interaction.handle'] },
      // Channels and 屏蔽词 are site configuration, kept by the site's administrators.
      { path: '/interaction/channels', label: '互动渠道', anyOf: ['sites.edit'] },
      { path: '/interaction/oversight', label: '互动监管', anyOf: ['monitoring.read'] },
    ],
  },
  {
    key: 'services',
    label: '办事服务',
    // Guides are written by a department's 办事服务专员 and published by a reviewer; supervisors
    // watch every site's services (and set the required elements) from the oversight screen.
    items: [
      { path: SERVICE_ITEMS_PATH, label: '办事事项', anyOf: ['guides.edit', 'guides.publish'] },
      { path: GUIDES_OVERSIGHT_PATH, label: '办事服务监管', anyOf: ['monitoring.read'] },
    ],
  },
  {
    key: 'monitoring',
    label: '网站监测',
    // Supervisors watch every site (and set the availability lines on 监测概况); a site's own
    // people reach their site's findings and health from the dashboard's notices.
    items: [
      { path: DASHBOARD_PATH, label: '监管驾驶舱', anyOf: ['evaluation.manage'] },
      { path: MONITORING_SITES_PATH, label: '监测概况', anyOf: ['monitoring.read'] },
      { path: MONITORING_FINDINGS_PATH, label: '问题清单', anyOf: ['monitoring.read'] },
      { path: SPOT_CHECKS_PATH, label: '检查评估', anyOf: ['evaluation.manage'] },
      { path: SYSTEMS_PATH, label: '指标体系', anyOf: ['evaluation.manage'] },
      // Supervisors follow every task; a site's administrators report their own site's fixes.
      { path: RECTIFICATION_PATH, label: '整改任务', anyOf: ['evaluation.manage', 'rectification.report'] },
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    items: [
      { path: '/orgs', label: '单位管理', anyOf: ['orgs.manage'] },
      { path: '/users', label: '用户管理', anyOf: ['users.manage', 'roles.grant', 'users.unlock'] },
      { path: '/security-policy', label: '安全策略', anyOf: ['security.policy'] },
      { path: '/audit-logs', label: '审计日志', anyOf: ['audit.read'] },
      // Check dictionaries are configuration, not content work: kept away from 内容发布 so the
      // system administrator (三员) is never shown a content menu.
      { path: '/dictionaries', label: '检查词库', anyOf: ['sites.manage', 'sites.edit'] },
      // One working-day calendar serves every site's deadlines: the platform administrator keeps it.
      { path: '/calendar', label: '节假日管理', anyOf: ['orgs.manage'] },
      { path: '/jobs', label: '任务运行', anyOf: ['system.jobs'] },
    ],
  },
];

/** Every screen in the menu (without the dashboard). */
export const NAV_ITEMS: readonly NavItem[] = NAV_GROUPS.flatMap((g) => g.items);

/** Content permissions: who may open an article (view, edit, review). */
export const CONTENT_PERMISSIONS = CONTENT_ANY;

/** Review permissions: who has a review queue (待我审核). */
export const REVIEW_PERMISSIONS = REVIEW_ANY;

/** True when `granted` holds any of `anyOf` (or `anyOf` is empty). */
export function hasAnyPermission(granted: readonly string[], anyOf: readonly Permission[]): boolean {
  return anyOf.length === 0 || anyOf.some((p) => granted.includes(p));
}

/** The menu for a user: items they may open, groups that keep at least one item. */
export function visibleNavigation(granted: readonly string[]): NavGroup[] {
  return NAV_GROUPS.map((g) => ({ ...g, items: g.items.filter((i) => hasAnyPermission(granted, i.anyOf)) })).filter(
    (g) => g.items.length > 0,
  );
}

/** The menu entry a location belongs to (longest matching path), or undefined. */
export function navItemFor(pathname: string): NavItem | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  let best: NavItem | undefined;
  for (const item of [HOME, ...NAV_ITEMS]) {
    const matches = item.path === '/' ? path === '/' : path === item.path || path.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best;
}

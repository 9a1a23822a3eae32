import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS } from '../../common/permissions.ts';
import { HOME, NAV_GROUPS, NAV_ITEMS, hasAnyPermission, navItemFor, visibleNavigation } from './navigation.ts';

const labels = (perms: readonly string[]) => visibleNavigation(perms).map((g) => `${g.label}: ${g.items.map((i) => i.label).join(' ')}`);

describe('navigation', () => {
  it('names only known permissions and unique paths', () => {
    const known = new Set<string>(PERMISSIONS);
    for (const item of NAV_ITEMS) for (const p of item.anyOf) expect(known.has(p)).toBe(true);
    const paths = NAV_ITEMS.map((i) => i.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(
      expect.arrayContaining(['/sites', '/columns', '/review-stages', '/articles', '/reviews', '/deadlines', '/dictionaries', '/calendar']),
    );
  });

  it('gives every menu entry at least one permission', () => {
    for (const group of NAV_GROUPS) for (const item of group.items) expect(item.anyOf.length).toBeGreaterThan(0);
  });

  it('shows an editor the content screens but no system administration', () => {
    expect(labels(ROLE_PERMISSIONS.editor)).toEqual(['网站管理: 网站列表 网站年度报表 信息共享', '内容发布: 信息管理 待我审核 发布时限']);
    expect(labels(ROLE_PERMISSIONS.leader)).toEqual([
      '网站管理: 网站列表',
      '内容发布: 信息管理 待我审核 发布时限',
      '互动交流: 信件办理',
      '办事服务: 办事事项',
    ]);
    expect(labels(ROLE_PERMISSIONS.siteAdmin)).toEqual([
      // 信息共享: subscriptions of its columns to other sites' columns.
      '网站管理: 网站列表 栏目管理 审核流程 网站年度报表 集约化 网站迁移 信息共享',
      '互动交流: 互动渠道',
      '网站监测: 整改任务',
      '系统管理: 检查词库',
    ]);
  });

  it('keeps the three administrators apart', () => {
    expect(labels(ROLE_PERMISSIONS.platformAdmin)).toEqual([
      // 信息共享: column subscriptions only (columns.manage); taking offers needs a content permission.
      // No 内容发布 menu at all: the system administrator does no content work.
      '网站管理: 网站列表 栏目管理 审核流程 网站年度报表 集约化 网站迁移 信息共享',
      '互动交流: 互动渠道',
      '系统管理: 单位管理 用户管理 检查词库 节假日管理 任务运行',
    ]);
    expect(labels(ROLE_PERMISSIONS.securityAdmin)).toEqual(['网站管理: 网站列表', '系统管理: 用户管理 安全策略']);
    expect(labels(ROLE_PERMISSIONS.auditor)).toEqual(['网站管理: 网站列表', '系统管理: 审计日志']);
  });

  it('shows the supervisor both monitoring screens and handlers their own module', () => {
    expect(labels(ROLE_PERMISSIONS.supervisor)).toContain('网站监测: 监管驾驶舱 监测概况 问题清单 检查评估 指标体系 整改任务');
    expect(labels(ROLE_PERMISSIONS.letterHandler)).toContain('互动交流: 信件办理 超期预警 征集调查');
    expect(labels(ROLE_PERMISSIONS.supervisor)).toContain('互动交流: 超期预警 互动监管');
    expect(labels(ROLE_PERMISSIONS.disclosureOfficer)).toContain('信息公开: 公开目录 依申请公开 年报');
    expect(labels(ROLE_PERMISSIONS.supervisor)).toContain('办事服务: 办事服务监管');
    expect(labels(ROLE_PERMISSIONS.supervisor)).toContain('网站管理: 网站列表 网站年度报表 集约化');
    expect(
      visibleNavigation(ROLE_PERMISSIONS.supervisor)
        .find((g) => g.key === 'disclosure')
        ?.items.map((i) => i.label),
    ).toContain('年报');
  });

  it('shows service officers and the reviewers who publish their items the 办事事项 screen', () => {
    expect(labels(ROLE_PERMISSIONS.serviceOfficer)).toEqual(['网站管理: 网站列表', '办事服务: 办事事项']);
    expect(labels(ROLE_PERMISSIONS.sectionReviewer)).toContain('办事服务: 办事事项');
    expect(labels(ROLE_PERMISSIONS.platformAdmin).some((g) => g.startsWith('办事服务'))).toBe(false);
  });

  it('shows nothing without permissions', () => {
    expect(visibleNavigation([])).toEqual([]);
    expect(hasAnyPermission([], [])).toBe(true);
  });

  it('finds the menu entry of a location', () => {
    expect(navItemFor('/')).toBe(HOME);
    expect(navItemFor('/articles')?.label).toBe('信息管理');
    expect(navItemFor('/articles/42/edit')?.label).toBe('信息管理');
    expect(navItemFor('/articles/new')?.label).toBe('信息管理');
    expect(navItemFor('/disclosure/requests/')?.label).toBe('依申请公开');
    expect(navItemFor('/articlesx')).toBeUndefined();
    expect(navItemFor('/change-password')).toBeUndefined();
    expect(navItemFor('/calendar')?.label).toBe('节假日管理');
    expect(navItemFor('/review-stages')?.label).toBe('审核流程');
    expect(navItemFor('/letters/overdue')?.label).toBe('超期预警');
    expect(navItemFor('/letters/3f2a')?.label).toBe('信件办理');
    expect(navItemFor('/interaction/channels')?.label).toBe('互动渠道');
    expect(navItemFor('/service-items/new')?.label).toBe('办事事项');
    expect(navItemFor('/service-items/3f2a')?.label).toBe('办事事项');
    expect(navItemFor('/service-oversight')?.label).toBe('办事服务监管');
    expect(navItemFor('/monitoring/findings/3f2a')?.label).toBe('问题清单');
    expect(navItemFor('/monitoring/sites/3f2a')?.label).toBe('监测概况');
  });
});

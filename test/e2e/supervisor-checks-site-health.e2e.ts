/**
 * 网站监测 from the findings store to the screens: monitoring records a week of homepage probes
 * (6.25 % failed: over the 5 % veto line) and crawls of the demo city's education bureau site
 * (a column not updated for 20 days against a 14-day window, broken links — one resolved and
 * then found again —, a missing ICP number). The bureau's own editor sees the veto notices on the
 * dashboard, marks one read and opens the other's finding. The supervisor filters the findings
 * by kind, opens one with its evidence and history, opens the site's health (the ratio against
 * the lines, the probe chart, the overdue column's countdown) and the overview of every site,
 * and sets the availability lines. Every screen passes axe.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#common/dates.ts';
import type { Finding, MonitoringSettings } from '#common/schemas/monitoring.ts';
import { seedDemo } from '#server/demo/index.ts';
import { recordRun } from '#server/monitoring/index.ts';
import { systemActor } from '#server/platform/actor.ts';
import { TEST_PASSWORD } from '#test/factories.ts';
import {
  apiGet,
  choose,
  chromiumAvailable,
  expectAccessible,
  launchBrowser,
  logIn,
  newPage,
  openMenu,
  startPlatform,
  step,
  type Platform,
} from './harness.ts';

const SITE_NAME = '示例市教育和体育局网站（示例数据）';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const monitor = systemActor('monitoring-e2e');

describe.runIf(chromiumAvailable)('a supervisor checks a site’s health; the site’s people get the veto notices', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let siteId: string;
  let home: string;
  const brokenKept = () => `${home}uploads/2026/zsjh.pdf`;
  const brokenReturning = () => `${home}uploads/2026/xqap.doc`;

  beforeAll(async () => {
    platform = await startPlatform();
    const { deps } = platform;
    await seedDemo(deps, { password: TEST_PASSWORD });
    await deps.db.kysely.updateTable('users').set({ must_change_password: 0 }).where('username', 'in', ['supervisor', 'editor']).execute();
    const site = await deps.db.kysely.selectFrom('sites').select(['id', 'domains']).where('name', '=', SITE_NAME).executeTakeFirstOrThrow();
    siteId = site.id;
    home = `http://${(JSON.parse(site.domains) as string[])[0]}/`;

    // Probes: the last 160 hours every 30 minutes, 20 of 320 failed (6.25 %), on two bad days;
    // and a quieter earlier fortnight for the 30-day chart.
    const now = Date.now();
    const probe = (at: number, ok: boolean) => ({
      id: randomUUID(),
      site_id: siteId,
      url: home,
      at: new Date(at).toISOString(),
      ok: ok ? 1 : 0,
      http_status: ok ? 200 : null,
      ms: ok ? 420 : 15_000,
      error: ok ? null : '超过 15 秒未能打开',
    });
    const rows = [];
    for (let k = 1; k <= 320; k++) rows.push(probe(now - k * 30 * 60 * 1000, !((k >= 20 && k < 30) || (k >= 200 && k < 210))));
    for (let d = 8; d <= 22; d++) for (let h = 0; h < 24; h++) rows.push(probe(now - d * DAY_MS - h * HOUR_MS, !(d === 12 && h < 2)));
    await deps.db.kysely.insertInto('monitoring_probes').values(rows).execute();

    const asOf = beijingDate(new Date(now).toISOString());
    const run = (source: 'probe' | 'crawl', findings: Finding[]) =>
      recordRun(deps, monitor, {
        siteId,
        source,
        asOf,
        startedAt: new Date().toISOString(),
        ...(source === 'crawl' ? { pages: 120, links: 860 } : {}),
        findings,
      });
    await run('probe', [
      {
        kind: 'site_unreachable',
        severity: 'veto',
        url: home,
        detail: '近 7 天首页访问失败率 6.25%（探测 320 次，失败 20 次），达到单项否决线 5%',
        rule: 'veto.site_unreachable',
        params: { probes: 320, failures: 20, vetoPercent: 5 },
      },
    ]);

    const lastUpdated = beijingDate(new Date(now - 20 * DAY_MS).toISOString());
    const stale: Finding = {
      kind: 'column_stale',
      severity: 'veto',
      url: `${home}tzgg/`,
      parent: home,
      column: '通知公告',
      lastUpdated,
      days: 20,
      detail: `栏目“通知公告”最新信息发布于${lastUpdated}，已20天未更新（要求14天内）；动态要闻类及通知公告、政策文件类一级栏目共1个不更新，达到单项否决线`,
      rule: 'veto.column_stale',
      params: { windowDays: 14, class: 'notice', asOf },
    };
    const broken = (url: string): Finding => ({
      kind: 'broken_link',
      severity: 'deduction',
      url,
      parent: `${home}zwgk/`,
      status: 404,
      detail: '链接不可用（404）',
      rule: 'deduction.broken_link',
      snippet: `<a href="${url}">2026 年招生计划</a>`,
    });
    const icp: Finding = {
      kind: 'identity_missing',
      severity: 'deduction',
      url: home,
      element: 'icp',
      detail: '首页底部未列明ICP备案编号',
      rule: 'deduction.identity',
      params: { pages: 1 },
    };
    // Three crawls: the second no longer finds one broken link (resolved), the third finds it again (reopened).
    await run('crawl', [stale, broken(brokenKept()), broken(brokenReturning()), icp]);
    await run('crawl', [stale, broken(brokenKept()), icp]);
    await run('crawl', [stale, broken(brokenKept()), broken(brokenReturning()), icp]);

    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await platform?.close();
  });

  async function person(): Promise<Page> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    return page;
  }

  it('the bureau’s editor sees the veto notices, marks one read and opens the other’s finding', async () => {
    const page = await person();
    const notices = page.getByRole('list', { name: '未读的监测通知' });
    await step(page, 'notices', async () => {
      await logIn(page, platform.url, 'editor');
      await notices.getByRole('listitem').filter({ hasText: '站点无法访问' }).waitFor();
      await notices.getByRole('listitem').filter({ hasText: '栏目不更新' }).waitFor();
      await page.getByText('您单位的网站有 2 条未读的单项否决通知').waitFor();
      await expectAccessible(page);
    });
    await step(page, 'notice-read', async () => {
      await notices.getByRole('listitem').filter({ hasText: '站点无法访问' }).getByRole('button', { name: '标为已读' }).click();
      await page.getByText('通知已标为已读').first().waitFor();
      await page.getByText('您单位的网站有 1 条未读的单项否决通知').waitFor();
      expect(await notices.getByRole('listitem').count()).toBe(1);
      const unread = await apiGet<{ unread: number }>(page, '/api/monitoring/notices');
      expect(unread.body.unread).toBe(1);
    });
    await step(page, 'notice-finding', async () => {
      await notices.getByRole('link', { name: '查看问题' }).click();
      await page.getByRole('heading', { level: 1, name: '问题详情：栏目不更新' }).waitFor();
      await page.getByText('通知公告', { exact: true }).waitFor();
      await page.getByText('veto.column_stale').waitFor();
      await page.getByText('发现（否决）').waitFor();
      await expectAccessible(page);
    });
  });

  it('the supervisor filters the findings, opens one with its history, and checks the site’s health', async () => {
    const page = await person();
    await step(page, 'findings', async () => {
      await logIn(page, platform.url, 'supervisor');
      await openMenu(page, '问题清单');
      await page.getByRole('row').filter({ hasText: brokenReturning() }).waitFor();
      await page.getByRole('row').filter({ hasText: '网站标识缺失' }).getByRole('cell', { name: 'ICP备案编号', exact: true }).waitFor();
      await expectAccessible(page);
    });
    await step(page, 'findings-by-kind', async () => {
      await choose(page, page.getByLabel('问题类型'), '链接不可用');
      await page.getByText('共 2 个问题').waitFor();
      const table = page.getByRole('table', { name: '问题清单' });
      expect(await table.getByRole('button', { name: '栏目不更新' }).count()).toBe(0);
      const row = table.getByRole('row').filter({ hasText: brokenReturning() });
      // The address opens the page in a new tab, without a handle on this one.
      const link = row.getByRole('link', { name: new RegExp(brokenReturning().replace(/[.?*+^$()[\]{}|\\/]/g, '\\$&')) });
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
      await row.getByRole('button', { name: '链接不可用' }).click();
    });
    await step(page, 'finding-drawer', async () => {
      const drawer = page.getByRole('dialog', { name: '问题详情' });
      await drawer.getByText('deduction.broken_link').waitFor();
      await drawer.getByText('404', { exact: true }).waitFor();
      await drawer.getByText(`${home}zwgk/`).waitFor();
      await drawer.getByText('2026 年招生计划', { exact: false }).waitFor();
      // Its history: found, gone in the second crawl, back in the third.
      await drawer.getByText('发现（扣分）').waitFor();
      await drawer.getByText('已消除').waitFor();
      await drawer.getByText('再次出现（扣分）').waitFor();
      await expectAccessible(page);
      await drawer.getByRole('button', { name: /关闭|Close/ }).click();
      await drawer.waitFor({ state: 'hidden' });
    });
    await step(page, 'site-health', async () => {
      await page.getByRole('table', { name: '问题清单' }).getByRole('link', { name: SITE_NAME }).first().click();
      await page.getByRole('heading', { level: 1, name: `网站监测情况：${SITE_NAME}` }).waitFor();
      await expect.poll(() => page.getByTestId('failure-ratio').textContent()).toBe('6.25%');
      await page.getByText('达到否决线').first().waitFor();
      await page.getByText('否决线 5%').first().waitFor();
      await page.getByRole('img', { name: /近 30 天每日探测失败次数/ }).waitFor();
      const countdown = page.getByRole('table', { name: '栏目更新倒计时' }).getByRole('row').filter({ hasText: '通知公告' });
      await countdown.getByText('已超期 6 天').waitFor();
      await countdown.getByText('14 天内').waitFor();
      await expectAccessible(page);
    });
    await step(page, 'site-health-findings', async () => {
      // 未解决的问题 by kind: the broken links open in the site's own list below.
      await page.getByRole('button', { name: '链接不可用：扣分 2 个' }).click();
      await page.getByText('共 2 个问题').waitFor();
      await page.getByRole('table', { name: '本网站的问题' }).getByRole('row').filter({ hasText: brokenKept() }).waitFor();
      expect(await page.getByRole('table', { name: '本网站的问题' }).getByRole('button', { name: '网站标识缺失' }).count()).toBe(0);
      await page.getByRole('table', { name: '监测记录' }).getByRole('row').filter({ hasText: '可用性探测' }).waitFor();
    });
    await step(page, 'overview', async () => {
      await openMenu(page, '监测概况');
      const row = page.getByRole('row').filter({ hasText: SITE_NAME });
      await row.getByText('6.25%（20/320）').waitFor();
      await row.getByText('达到否决线').waitFor();
      await expectAccessible(page);
    });
    await step(page, 'settings', async () => {
      const alert = page.getByLabel('预警比例（%）');
      await alert.fill('2');
      await page.getByRole('button', { name: '保存设置' }).click();
      await page.getByText('可用性监测设置已保存').first().waitFor();
      const saved = await apiGet<MonitoringSettings>(page, '/api/monitoring/settings');
      expect(saved.body).toMatchObject({ alertPercent: 2, vetoPercent: 5 });
      await expectAccessible(page);
    });
  });
});

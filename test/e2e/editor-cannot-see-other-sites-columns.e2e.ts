import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildColumn, buildSite, buildUser } from '#test/factories.ts';
import {
  apiGet,
  choose,
  chromiumAvailable,
  launchBrowser,
  logIn,
  newPage,
  openMenu,
  optionsOf,
  screenshot,
  startPlatform,
  step,
  type Platform,
  expectAccessible,
} from './harness.ts';

const SITE_A = '甲局门户网站';
const SITE_B = '乙局门户网站';
const A_COLUMNS = [
  { name: '甲局动态', slug: 'jjdt', freshnessClass: 'news' },
  { name: '甲局公告', slug: 'jjgg', freshnessClass: 'notice' },
] as const;
const B_COLUMNS = [
  { name: '乙局动态', slug: 'yjdt', freshnessClass: 'news' },
  { name: '乙局公告', slug: 'yjgg', freshnessClass: 'notice' },
] as const;
const B_NAMES = B_COLUMNS.map((c) => c.name);

/** Nothing of site B on the screen: neither its name nor any of its columns. */
async function expectNothingOfSiteB(page: Page): Promise<void> {
  for (const text of [SITE_B, ...B_NAMES]) expect(await page.getByText(text).count(), text).toBe(0);
}

describe.runIf(chromiumAvailable)('an editor of one site cannot see another site’s columns', () => {
  let platform: Platform;
  let browser: Browser;
  let siteA: { id: string };
  let siteB: { id: string };

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    siteA = await buildSite(platform.deps, { name: SITE_A });
    siteB = await buildSite(platform.deps, { name: SITE_B });
    for (const c of A_COLUMNS) await buildColumn(platform.deps, siteA.id, c);
    for (const c of B_COLUMNS) await buildColumn(platform.deps, siteB.id, c);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  /** Site B's columns asked for directly: refused, and nothing of them in the answer. */
  async function expectSiteBRefused(page: Page): Promise<void> {
    const own = await apiGet<{ items: { name: string }[] }>(page, `/api/sites/${siteA.id}/columns`);
    expect(own.status).toBe(200);
    expect(own.body.items.map((c) => c.name).sort()).toEqual(A_COLUMNS.map((c) => c.name).sort());
    const other = await apiGet(page, `/api/sites/${siteB.id}/columns`);
    expect(other.status).toBe(403);
    for (const name of B_NAMES) expect(JSON.stringify(other.body)).not.toContain(name);
  }

  it('the editor works only with site A: its columns when writing, site B refused by URL and API', async () => {
    const editor = await buildUser(platform.deps, { displayName: '甲局信息员', grants: [{ role: 'editor', siteId: siteA.id }] });
    const { context, page } = await newPage(browser);
    try {
      await step(page, 'editor-login', async () => {
        await logIn(page, platform.url, editor.username);
        // The header offers site A only.
        expect(await optionsOf(page, page.getByLabel('当前网站'))).toEqual([SITE_A]);
        // 栏目管理 is for those who manage columns: not in an editor's menu.
        const menu = page.getByRole('navigation', { name: '主菜单' });
        await menu.getByRole('link', { name: '信息管理' }).waitFor();
        expect(await menu.getByRole('link', { name: '栏目管理' }).count()).toBe(0);
        await expectAccessible(page);
      });

      await step(page, 'editor-articles-filter', async () => {
        await openMenu(page, '信息管理');
        expect(await optionsOf(page, page.getByLabel('栏目', { exact: true }))).toEqual(['全部栏目', ...A_COLUMNS.map((c) => c.name)]);
        await expectNothingOfSiteB(page);
        await expectAccessible(page);
      });

      await step(page, 'editor-new-article-for-site-b', async () => {
        // A link naming site B still opens the editor on the editor's own site, with its columns.
        await page.goto(`${platform.url}/admin/articles/new?siteId=${siteB.id}`);
        await page.getByRole('heading', { level: 1, name: '新建稿件' }).waitFor();
        await page.locator('form#article').getByTitle(SITE_A, { exact: true }).waitFor();
        expect(await optionsOf(page, page.getByLabel('栏目', { exact: true }))).toEqual(['甲局动态']);
        await choose(page, page.getByLabel('信息类型'), '通知公告');
        expect(await optionsOf(page, page.getByLabel('栏目', { exact: true }))).toEqual(['甲局公告']);
        await expectNothingOfSiteB(page);
        await expectAccessible(page);
      });

      await step(page, 'editor-columns-by-url', async () => {
        await page.goto(`${platform.url}/admin/columns`);
        await page.getByRole('heading', { level: 1, name: '没有权限访问该页面' }).waitFor();
        await expectNothingOfSiteB(page);
        await expectAccessible(page);
        await expectSiteBRefused(page);
        await screenshot(page, 'editor-cannot-see-other-sites-columns');
      });
    } finally {
      await context.close();
    }
  });

  it('site A’s administrator sees only site A in 栏目管理, even with site B remembered as the current site', async () => {
    const siteAdmin = await buildUser(platform.deps, { displayName: '甲局网站管理员', grants: [{ role: 'siteAdmin', siteId: siteA.id }] });
    const { context, page } = await newPage(browser);
    try {
      await step(page, 'site-admin-columns', async () => {
        await logIn(page, platform.url, siteAdmin.username);
        expect(await optionsOf(page, page.getByLabel('当前网站'))).toEqual([SITE_A]);
        await openMenu(page, '栏目管理');
        const tree = page.getByRole('tree', { name: `${SITE_A}栏目结构` });
        for (const c of A_COLUMNS) await tree.getByText(c.name, { exact: true }).waitFor();
        expect(await tree.getByRole('treeitem').count()).toBe(A_COLUMNS.length);
        // No site choice beyond the header: the only site is site A.
        expect(await page.getByLabel('网站', { exact: true }).count()).toBe(0);
        await expectNothingOfSiteB(page);
        await expectAccessible(page);
      });

      await step(page, 'site-admin-tampered-site-choice', async () => {
        // Site B written into the remembered site choice is ignored after a reload.
        await page.evaluate(`localStorage.setItem(${JSON.stringify(`gongkai.admin.site.${siteAdmin.id}`)}, ${JSON.stringify(siteB.id)})`);
        await page.reload();
        const tree = page.getByRole('tree', { name: `${SITE_A}栏目结构` });
        for (const c of A_COLUMNS) await tree.getByText(c.name, { exact: true }).waitFor();
        await page.locator('.gk-site-switcher').getByTitle(SITE_A, { exact: true }).waitFor();
        await expectNothingOfSiteB(page);
        await expectSiteBRefused(page);
        await expectAccessible(page);
        await screenshot(page, 'site-admin-sees-only-own-columns');
      });
    } finally {
      await context.close();
    }
  });
});

/**
 * 集约化: a county bureau's legacy site (a local server with about 500 pages, a third of them
 * GBK) is imported into the county portal by the platform administrator — analysed, its columns
 * mapped, imported — and then closed with a notice naming the portal, approved by the
 * supervision office. Its host name then reaches the platform: the old home page shows the
 * notice and links the portal, and every old URL redirects to its article.
 *
 * The browser reaches the old and new host names through a route that hands each request to the
 * platform with its Host header, as DNS would once the names point at the platform.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRegistry } from '#server/composition.ts';
import { drainJobs } from '#server/platform/jobs/index.ts';
import { publishSite, refreshPublicHosts } from '#server/publishing/index.ts';
import { activateSite, buildColumn, buildOrg, buildSite, buildUser } from '#test/factories.ts';
import { serveLegacySite, type LegacySite } from '#test/fixtures/legacy-site.ts';
import { rawRequest } from '../serve/support.ts';
import {
  animationsSettled,
  chromiumAvailable,
  choose,
  expectAccessible,
  launchBrowser,
  logIn,
  newPage,
  openMenu,
  startPlatform,
  step,
  type Platform,
} from './harness.ts';

const OLD_HOST = 'nyj.old-nanling.gov.cn';
const NEW_HOST = 'www.nanling-e2e.gov.cn';
const PORTAL = '南岭县人民政府';
const LEGACY = '南岭县农业农村局（原网站）';
/** The portal's columns: the old site's news, notices, policies and personnel go there; the rest is left out. */
const IMPORTED = ['工作动态', '通知公告', '政策文件', '人事信息'];

describe.runIf(chromiumAvailable)("a bureau's legacy site moves onto the platform", () => {
  let platform: Platform;
  let browser: Browser;
  let legacy: LegacySite;
  const contexts: BrowserContext[] = [];
  let admin: { username: string };
  let supervisor: { username: string };
  let port: number;
  const registry = jobRegistry();
  const drain = async () => {
    await drainJobs(platform.deps, registry, { maxRounds: 2000 });
    await refreshPublicHosts();
  };

  beforeAll(async () => {
    platform = await startPlatform();
    port = Number(new URL(platform.url).port);
    legacy = await serveLegacySite({ pages: 500, seed: 2017 });
    const county = await buildOrg(platform.deps, { level: 'county', name: PORTAL });
    const bureau = await buildOrg(platform.deps, { level: 'department', name: '南岭县农业农村局', parentId: county.id });
    const portal = await buildSite(platform.deps, { name: PORTAL, kind: 'portal', sponsorOrgId: county.id });
    await activateSite(platform.deps, portal.id, { code: '9901000452', domains: [NEW_HOST] });
    await buildColumn(platform.deps, portal.id, { name: '工作动态', slug: 'gzdt', freshnessClass: 'news' });
    await buildColumn(platform.deps, portal.id, { name: '通知公告', slug: 'tzgg', freshnessClass: 'notice' });
    await buildColumn(platform.deps, portal.id, { name: '文件资料', slug: 'wjzl', freshnessClass: 'policy' });
    await buildColumn(platform.deps, portal.id, { name: '人事任免', slug: 'rsrm', freshnessClass: 'personnel' });
    await publishSite(platform.deps, portal.id);
    await buildSite(platform.deps, {
      name: LEGACY,
      sponsorOrgId: bureau.id,
      hosting: 'external',
      status: 'active',
      baseUrl: legacy.url('/'),
      domains: [OLD_HOST],
    });
    admin = await buildUser(platform.deps, { grants: [{ role: 'platformAdmin' }], displayName: '平台管理员' });
    supervisor = await buildUser(platform.deps, { grants: [{ role: 'supervisor' }], displayName: '督查室' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await legacy?.close();
    await platform?.close();
  });

  async function person(username: string): Promise<Page> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    // The old and the new host names reach the platform, as once DNS points them there.
    await context.route(
      (url) => url.hostname === OLD_HOST || url.hostname === NEW_HOST,
      async (route) => {
        const u = new URL(route.request().url());
        const r = await rawRequest(port, u.pathname + u.search, { host: u.host, method: route.request().method() });
        const headers = Object.fromEntries(
          Object.entries(r.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : String(v)]])),
        );
        await route.fulfill({ status: r.status, headers, body: r.body });
      },
    );
    await logIn(page, platform.url, username);
    return page;
  }

  it('is imported, closed with a notice, and every old URL leads to its article', async () => {
    const page = await person(admin.username);

    await step(page, 'a new import of the old site into the portal', async () => {
      await openMenu(page, '网站迁移');
      await page.getByRole('button', { name: '新建迁移' }).click();
      const dialog = page.getByRole('dialog', { name: '新建迁移' });
      await dialog.waitFor();
      await animationsSettled(page);
      await choose(page, dialog.getByLabel('原网站'), LEGACY);
      await expect.poll(() => dialog.getByLabel('起始网址').inputValue()).toBe(legacy.url('/'));
      await choose(page, dialog.getByLabel('迁入网站'), PORTAL);
      await dialog.getByRole('button', { name: '开始分析' }).click();
      await page.getByRole('heading', { level: 1, name: '迁移任务' }).waitFor();
      await page.getByText('分析中', { exact: true }).waitFor();
    });

    await step(page, 'the analysis suggests the columns', async () => {
      await drain();
      await page.getByText('待确认栏目对应', { exact: true }).waitFor({ timeout: 30_000 });
      const columns = page.getByRole('table', { name: '栏目对应' });
      for (const name of IMPORTED) await columns.getByText(name, { exact: true }).first().waitFor();
      // Columns the portal has no place for are left out; the suggestions are kept for the rest.
      const left = page.getByRole('combobox', { name: '领导讲话 迁入栏目' });
      await expect.poll(() => left.locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').textContent()).toContain('不导入');
      await expectAccessible(page);
      await page.getByRole('button', { name: '确认栏目对应' }).click();
      await page.getByText('已确认栏目对应').waitFor();
      const start = page.getByRole('button', { name: '开始导入' });
      await expect.poll(() => start.isEnabled()).toBe(true);
      await start.click();
      await page.getByText('已开始导入').waitFor();
    });

    await step(page, 'the import finishes with a report of every page', async () => {
      await drain();
      await page.getByText('已完成', { exact: true }).waitFor({ timeout: 30_000 });
      const report = page.getByRole('table', { name: '页面报告' });
      await report.getByRole('cell', { name: '已导入' }).first().waitFor();
      await choose(page, page.getByLabel('结果'), '失败');
      await report.getByRole('cell', { name: '失败', exact: true }).first().waitFor();
      await expectAccessible(page);
    });

    await step(page, 'the old site is asked to close, naming the portal', async () => {
      await openMenu(page, '集约化');
      await page.getByRole('button', { name: `${LEGACY}的生命周期` }).click();
      const drawer = page.getByRole('dialog', { name: `网站生命周期：${LEGACY}` });
      await drawer.waitFor();
      await animationsSettled(page);
      await drawer.getByRole('button', { name: '申请关停' }).click();
      await drawer.getByLabel('理由').fill('县级部门网站整合到县政府门户网站，原网站内容已迁移。');
      await choose(page, drawer.getByLabel('新网站（平台上的网站）'), PORTAL);
      await drawer.getByRole('checkbox', { name: '数据已迁移或归档' }).check();
      await drawer.getByRole('button', { name: '确定' }).click();
      await page.getByText('已申请关停').waitFor();
      await drawer.getByText('关停网站申请待审批').waitFor();
      await expectAccessible(page);
    });

    const office = await person(supervisor.username);
    await step(office, 'the supervision office approves', async () => {
      await openMenu(office, '集约化');
      await office.getByRole('button', { name: `${LEGACY}的生命周期` }).click();
      const drawer = office.getByRole('dialog', { name: `网站生命周期：${LEGACY}` });
      await drawer.waitFor();
      await animationsSettled(office);
      await drawer.getByRole('button', { name: '批准', exact: true }).click();
      await drawer.getByRole('button', { name: '确定' }).click();
      await office.getByText('已批准').waitFor();
    });
    await drain();

    await step(page, 'the old home page shows the notice and links the portal', async () => {
      await page.goto(`http://${OLD_HOST}/`);
      await page.getByRole('heading', { level: 1, name: `${LEGACY}关停公告` }).waitFor();
      await page.getByText(`已迁移至「${PORTAL}」`).waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: new RegExp(PORTAL) }).click();
      await page.waitForURL(`https://${NEW_HOST}/`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    });

    await step(page, 'an old article URL leads to its article, which opens on the portal', async () => {
      // The redirect itself is checked over HTTP (a browser route cannot hand a redirect on); the browser opens where it leads.
      const a = legacy.truth.articles.find((x) => x.column === '通知公告' && x.paths.length > 1)!;
      const r = await rawRequest(port, a.paths[1]!, { host: OLD_HOST });
      expect(r.status).toBe(301);
      const location = String(r.headers.location);
      expect(location).toMatch(new RegExp(`^https://${NEW_HOST.replace(/\./g, '\\.')}/tzgg/`));
      await page.goto(location);
      await page.getByRole('heading', { level: 1, name: a.title }).waitFor();
      await expectAccessible(page);
    });

    // Every old URL of every imported article, under each of its addresses.
    const articles = legacy.truth.articles.filter((a) => IMPORTED.includes(a.column));
    expect(articles.length).toBeGreaterThan(150);
    const pathOf = new Map(
      (
        await platform.deps.db.kysely
          .selectFrom('articles as a')
          .innerJoin('published_articles as p', 'p.article_id', 'a.id')
          .select(['a.title', 'p.path'])
          .execute()
      ).map((r) => [r.title, r.path]),
    );
    for (const a of articles) {
      const path = pathOf.get(a.title);
      expect(path, a.title).toBeDefined();
      for (const oldPath of a.paths) {
        const r = await rawRequest(port, oldPath, { host: OLD_HOST });
        expect(r.status, oldPath).toBe(301);
        expect(r.headers.location, oldPath).toBe(`https://${NEW_HOST}${path}`);
      }
    }
  });
});

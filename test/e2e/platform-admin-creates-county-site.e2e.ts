import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '#common/codes.ts';
import { buildOrg, buildSite, buildUser } from '#test/factories.ts';
import {
  choose,
  chromiumAvailable,
  launchBrowser,
  logIn,
  newPage,
  openMenu,
  screenshot,
  startPlatform,
  step,
  type Platform,
  expectAccessible,
} from './harness.ts';

const CITY = '测试市人民政府';
const COUNTY = '测试市东湖区人民政府';
const CREDIT_BODY = '11990199MB0000123';
const SITE_NAME = '测试市东湖区人民政府门户网站';
const SITE_CODE = '9901020001';
const DOMAIN = 'www.donghu.gov.cn';
const COLUMNS = [
  { name: '工作动态', slug: 'gzdt', freshness: '动态要闻类（14 天）' },
  { name: '通知公告', slug: 'tzgg', freshness: '通知公告类（6 个月）' },
  { name: '政策文件', slug: 'zcwj', freshness: '政策文件类（6 个月）' },
] as const;

describe.runIf(chromiumAvailable)('the platform admin creates a county site and its columns', () => {
  let platform: Platform;
  let browser: Browser;
  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('creates the county org, registers its portal and builds three columns that survive a reload', async () => {
    const admin = await buildUser(platform.deps, { displayName: '平台管理员', grants: [{ role: 'platformAdmin' }] });
    const city = await buildOrg(platform.deps, { name: CITY, level: 'city' });
    // The city's portal is already registered: the platform is not empty.
    await buildSite(platform.deps, { name: '测试市人民政府门户网站', kind: 'portal', sponsorOrgId: city.id });
    const check = creditCodeCheckChar(CREDIT_BODY);
    if (!check) throw new Error('bad credit code body');
    const creditCode = `${CREDIT_BODY}${check}`;

    const { context, page } = await newPage(browser);
    try {
      await step(page, 'county-login', async () => {
        await logIn(page, platform.url, admin.username);
        await expectAccessible(page);
      });

      await step(page, 'county-org', async () => {
        await openMenu(page, '单位管理');
        const tree = page.getByRole('tree', { name: '单位结构' });
        await tree.getByText(CITY, { exact: true }).click();
        await page.getByRole('heading', { level: 2, name: CITY }).waitFor();
        await expectAccessible(page);

        await page.getByRole('button', { name: '新建下级单位' }).click();
        const dialog = page.getByRole('dialog', { name: `新建「${CITY}」的下级单位` });
        await dialog.getByLabel('单位名称').fill(COUNTY);
        await choose(page, dialog.getByLabel('单位层级'), '县（区）级');
        await dialog.getByLabel('统一社会信用代码').fill(creditCode);
        await dialog.getByLabel('行政区划代码').fill('990102');
        await expectAccessible(page);
        await dialog.getByRole('button', { name: '新建单位' }).click();
        await page.getByText(`已新建单位「${COUNTY}」`).waitFor();
        await dialog.waitFor({ state: 'hidden' });
        // The new org shows under the city with its level and credit code.
        const node = tree.getByRole('treeitem').filter({ hasText: COUNTY });
        await node.getByText('县（区）级').waitFor();
        await node.getByText(creditCode).waitFor();
        await expectAccessible(page);
      });

      await step(page, 'county-site', async () => {
        await openMenu(page, '网站列表');
        await page.getByRole('button', { name: '登记网站' }).click();
        const drawer = page.getByRole('dialog', { name: '登记网站' });
        await drawer.getByLabel('网站标识码').fill(SITE_CODE);
        await drawer.getByLabel('网站名称').fill(SITE_NAME);
        await choose(page, drawer.getByLabel('网站类型'), '门户网站');
        await choose(page, drawer.getByLabel('托管方式'), '平台托管');
        await choose(page, drawer.getByLabel('主办单位'), COUNTY, { search: '东湖区' });
        await choose(page, drawer.getByLabel('网站状态'), '运行中');
        const domains = drawer.getByLabel('域名');
        await domains.fill(DOMAIN);
        await domains.press('Enter');
        await drawer.locator('.ant-select-selection-item').filter({ hasText: DOMAIN }).waitFor();
        // Moving on to the next field closes the tags dropdown.
        await drawer.getByLabel('网站首页地址').click();
        await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' });
        await drawer.getByLabel('网站首页地址').fill(`https://${DOMAIN}/`);
        await expectAccessible(page);
        await drawer.getByRole('button', { name: '登记网站' }).click();
        await page.getByText(`已登记网站「${SITE_NAME}」`).waitFor();
        await drawer.waitFor({ state: 'hidden' });

        const row = page.getByRole('row').filter({ hasText: SITE_NAME });
        for (const cell of [SITE_CODE, '门户网站', COUNTY, '平台托管', '运行中']) {
          await row.getByRole('cell', { name: cell, exact: true }).waitFor();
        }
        await row.getByText(DOMAIN, { exact: true }).waitFor();
        await expectAccessible(page);
      });

      await step(page, 'county-columns', async () => {
        await openMenu(page, '栏目管理');
        // A platform admin has no site of their own in the header: the page asks which site.
        await choose(page, page.getByLabel('网站', { exact: true }), `${SITE_NAME}（${SITE_CODE}）`);
        await page.getByText('本网站还没有栏目').waitFor();
        await expectAccessible(page);

        for (const col of COLUMNS) {
          await page.getByRole('button', { name: '新建一级栏目' }).click();
          const form = page.locator('form[id="column-create"]');
          await form.getByLabel('栏目名称').fill(col.name);
          await form.getByLabel('路径').fill(col.slug);
          await choose(page, form.getByLabel('更新要求'), col.freshness);
          await form.getByRole('button', { name: '新建栏目' }).click();
          await page.getByText(`已新建栏目「${col.name}」`).waitFor();
          await page.getByRole('heading', { level: 2, name: col.name }).waitFor();
        }
        const tree = page.getByRole('tree', { name: `${SITE_NAME}栏目结构` });
        for (const col of COLUMNS) await tree.getByText(`/${col.slug}`, { exact: true }).waitFor();
        await expectAccessible(page);
      });

      await step(page, 'county-reload', async () => {
        await page.reload();
        await page.getByRole('heading', { level: 1, name: '栏目管理' }).waitFor();
        await choose(page, page.getByLabel('网站', { exact: true }), `${SITE_NAME}（${SITE_CODE}）`);
        const tree = page.getByRole('tree', { name: `${SITE_NAME}栏目结构` });
        for (const col of COLUMNS) {
          const node = tree.getByRole('treeitem').filter({ hasText: `/${col.slug}` });
          await node.getByText(col.name, { exact: true }).waitFor();
        }
        expect(await tree.getByRole('treeitem').count()).toBe(COLUMNS.length);
        // The freshness class was saved, not just the name: open one column's form.
        await tree.getByText('通知公告', { exact: true }).click();
        const edit = page.locator('form[id="column-edit"]');
        await edit.getByTitle('通知公告类（6 个月）').waitFor();
        await expectAccessible(page);
        await screenshot(page, 'platform-admin-creates-county-site');
      });

      await step(page, 'county-audit', async () => {
        const site = await platform.deps.db.kysely.selectFrom('sites').selectAll().where('code', '=', SITE_CODE).executeTakeFirstOrThrow();
        expect(site).toMatchObject({ name: SITE_NAME, kind: 'portal', hosting: 'hosted', status: 'active' });
        expect(JSON.parse(site.domains)).toEqual([DOMAIN]);
        const org = await platform.deps.db.kysely
          .selectFrom('orgs')
          .selectAll()
          .where('id', '=', site.sponsor_org_id)
          .executeTakeFirstOrThrow();
        expect(org).toMatchObject({ name: COUNTY, level: 'county', credit_code: creditCode });

        const events = await platform.deps.db.kysely
          .selectFrom('audit_events')
          .select(['action', 'actor_id', 'site_id', 'target_id', 'result', 'details'])
          .where('actor_id', '=', admin.id)
          .orderBy('seq')
          .execute();
        const actions = events.map((e) => e.action);
        expect(actions.filter((a) => a === 'sites.site.create')).toHaveLength(1);
        expect(actions.filter((a) => a === 'sites.column.create')).toHaveLength(COLUMNS.length);
        expect(actions.indexOf('sites.site.create')).toBeLessThan(actions.indexOf('sites.column.create'));
        const siteEvent = events.find((e) => e.action === 'sites.site.create');
        expect(siteEvent).toMatchObject({ target_id: site.id, site_id: site.id, result: 'success' });
        const columnEvents = events.filter((e) => e.action === 'sites.column.create');
        expect(columnEvents.every((e) => e.site_id === site.id && e.result === 'success')).toBe(true);
      });
    } finally {
      await context.close();
    }
  });
});

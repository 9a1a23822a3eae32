import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSite } from '#server/publishing/index.ts';
import { activateSite, buildNewsroom, buildUser, publishThroughReview } from '#test/factories.ts';
import {
  choose,
  chromiumAvailable,
  launchBrowser,
  logIn,
  newPage,
  openMenu,
  startPlatform,
  step,
  type Platform,
  expectAccessible,
} from './harness.ts';

const CODE = '9901990003';
const POLICY = '示例市城乡居民医疗保险办法（目录测试）';
const DOC_NUMBER = '示医保发〔2026〕7号';
const OFFICE = '示例市医疗保障局办公室';

describe.runIf(chromiumAvailable)('the 政府信息公开目录 is kept by the site’s own staff', () => {
  let platform: Platform;
  let browser: Browser;
  let room: Awaited<ReturnType<typeof buildNewsroom>>;
  let officerName: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    room = await buildNewsroom(platform.deps);
    await activateSite(platform.deps, room.site.id, { code: CODE, domains: ['gkml.e2e-city.gov.cn'] });
    officerName = (
      await buildUser(platform.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }], displayName: '公开专员' })
    ).username;
    await publishThroughReview(platform.deps, room, {
      columnId: room.columns.policy.id,
      type: 'policy',
      title: POLICY,
      summary: '规定城乡居民医疗保险的参保、缴费和待遇。',
      metadata: { issuingOrg: '示例市医疗保障局', writtenOn: '2026-03-02', validity: 'valid', docNumber: DOC_NUMBER, topic: '卫生、体育' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('the site admin maps the policy column onto the catalogue, the officer fills in the guide, and a citizen finds both', async () => {
    const { context, page } = await newPage(browser);
    try {
      await step(page, 'catalogue-map-column', async () => {
        await logIn(page, platform.url, room.siteAdmin.username);
        await openMenu(page, '栏目管理');
        await page.getByRole('tree').getByText('政策文件', { exact: true }).click();
        const edit = page.locator('form[id="column-edit"]');
        await choose(page, edit.getByLabel('公开目录分类'), '行政法规、规章和规范性文件（条例第二十条第（一）项）', {
          search: '规范性文件',
        });
        await edit.getByRole('button', { name: '保存修改' }).click();
        await page.getByText('栏目已保存').waitFor();
        await expectAccessible(page);
      });
      // The column change queued a full build; run it now rather than wait for the worker.
      await publishSite(platform.deps, room.site.id);

      const office = await newPage(browser);
      const officePage = office.page;
      await step(officePage, 'catalogue-coverage-and-guide', async () => {
        await logIn(officePage, platform.url, officerName);
        await openMenu(officePage, '公开目录');
        const row = officePage.getByRole('row').filter({ hasText: '行政法规、规章和规范性文件' });
        await row.getByText('政策文件', { exact: true }).waitFor();
        await row.getByText('完整').waitFor();
        // The guide is not filled in yet: the catalogue says so.
        await officePage
          .getByRole('row')
          .filter({ hasText: '政府信息公开指南' })
          .getByText(/未填写完整/)
          .waitFor();
        await officePage.getByLabel('政府信息公开工作机构名称').fill(OFFICE);
        await officePage.getByLabel('办公地址').fill('示例市东区人民街 9 号');
        await officePage.getByLabel('联系电话').fill('0812-3330000');
        await officePage.getByLabel('传真号码').fill('0812-3330001');
        await officePage.getByLabel('办公时间').fill('工作日 8:30—12:00，14:30—18:00');
        await officePage.getByLabel('互联网联系方式').fill('ybj@e2e-city.gov.cn');
        await officePage.getByLabel('信息分类与编排体系').fill('本机关的政府信息按政府信息公开目录分类编排。');
        await officePage.getByLabel('获取方式').fill('主动公开的信息可在本网站查阅，其他信息可依申请获取。');
        await officePage.getByRole('button', { name: '保存指南' }).click();
        await officePage.getByText('政府信息公开指南已保存').waitFor();
        await officePage.getByRole('row').filter({ hasText: '政府信息公开指南' }).getByText('完整').waitFor();
        await expectAccessible(officePage);
      });
      await office.context.close();

      await step(page, 'catalogue-citizen', async () => {
        expect((await page.goto(`${platform.url}/sites/${CODE}/gkzn`))?.status()).toBe(200);
        await page.getByRole('table', { name: '政府信息公开工作机构联系方式' }).getByText(OFFICE).waitFor();
        await expectAccessible(page);
        await page.getByRole('link', { name: '政府信息公开目录' }).first().click();
        await page.getByRole('search', { name: '目录检索' }).getByLabel('文号').fill(DOC_NUMBER);
        await Promise.all([page.waitForURL(/gkml\?/), page.getByRole('button', { name: '检索' }).click()]);
        const table = page.getByRole('table', { name: /政府信息公开目录/ });
        await table.getByRole('link', { name: POLICY }).waitFor();
        const indexNo = await platform.deps.db.kysely
          .selectFrom('index_numbers')
          .select('index_no')
          .innerJoin('articles', 'articles.id', 'index_numbers.article_id')
          .where('articles.title', '=', POLICY)
          .executeTakeFirstOrThrow();
        await table.getByText(indexNo.index_no).waitFor();
        await expectAccessible(page);
        await Promise.all([page.waitForURL(/\.html$/), table.getByRole('link', { name: POLICY }).click()]);
        await page.getByRole('heading', { level: 1, name: POLICY }).waitFor();
      });
    } finally {
      await context.close();
    }
  });
});

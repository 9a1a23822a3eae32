import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retractArticle } from '#server/content/index.ts';
import { jobRegistry } from '#server/composition.ts';
import { drainJobs } from '#server/platform/jobs/index.ts';
import { activateSite, asActor, buildNewsroom, publishThroughReview } from '#test/factories.ts';
import { chromiumAvailable, launchBrowser, newPage, startPlatform, step, type Platform, expectAccessible } from './harness.ts';

const CODE = '9901990001';
const POLICY = '示例市关于调整城乡居民社保缴费标准的通知';
const INTERPRETATION = '一图读懂：城乡居民社保缴费标准调整';
const NEWS = '示例市召开社保经办服务推进会';

/** Searches the site from the search box of the page shown, as a visitor does (a plain GET form). */
async function searchFor(page: Page, words: string): Promise<void> {
  await page.getByRole('search').first().getByLabel('站内搜索').fill(words);
  await Promise.all([page.waitForURL(/\/search\?/), page.getByRole('search').first().getByRole('button', { name: '搜索' }).click()]);
}

describe.runIf(chromiumAvailable)('citizens on a published site', () => {
  let platform: Platform;
  let browser: Browser;
  let room: Awaited<ReturnType<typeof buildNewsroom>>;
  let home: string;

  /** Runs the publishing jobs the editors' actions queued (the server's worker does this in production). */
  const runJobs = () => drainJobs(platform.deps, jobRegistry(), { concurrency: 1 });

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    room = await buildNewsroom(platform.deps);
    await activateSite(platform.deps, room.site.id, {
      code: CODE,
      domains: ['www.e2e-city.gov.cn'],
      contact: { phone: '0812-1234567', email: 'web@e2e-city.gov.cn' },
    });
    await publishThroughReview(platform.deps, room, {
      columnId: room.columns.news.id,
      type: 'news',
      title: '示例市召开全市政务公开工作会议',
    });
    await runJobs();
    home = `${platform.url}/sites/${CODE}/`;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('a citizen finds the new policy by searching 社保 and opens its interpretation', async () => {
    const policyId = await publishThroughReview(platform.deps, room, {
      columnId: room.columns.policy.id,
      type: 'policy',
      title: POLICY,
      bodyHtml: '<p>为做好城乡居民社保工作，现将缴费标准调整事项通知如下。</p><p>一、调整后的缴费档次。</p>',
      metadata: { issuingOrg: '示例市人力资源和社会保障局', docNumber: '示人社发〔2026〕8号', writtenOn: '2026-11-20', validity: 'valid' },
    });
    await publishThroughReview(platform.deps, room, {
      columnId: room.columns.policy.id,
      type: 'interpretation',
      title: INTERPRETATION,
      bodyHtml: '<p>一、为什么调整？</p><p>二、调整了什么？</p>',
      metadata: { issuingOrg: '示例市人力资源和社会保障局', relatedPolicies: [policyId] },
    });
    await runJobs();

    const { context, page } = await newPage(browser);
    try {
      await step(page, 'citizen-home', async () => {
        const res = await page.goto(home);
        expect(res?.status()).toBe(200);
        await page.getByRole('link', { name: POLICY }).first().waitFor();
        await expectAccessible(page);
      });
      await step(page, 'citizen-search', async () => {
        await searchFor(page, '社保');
        await page.getByRole('heading', { level: 1, name: '站内搜索' }).waitFor();
        const results = page.locator('.search-results');
        await results.getByRole('link', { name: POLICY }).waitFor();
        expect(await results.locator('mark', { hasText: '社保' }).count()).toBeGreaterThan(0);
        await expectAccessible(page);
      });
      await step(page, 'citizen-policy', async () => {
        await page.locator('.search-results').getByRole('link', { name: POLICY }).click();
        await page.getByRole('heading', { level: 1, name: POLICY }).waitFor();
        await page.getByRole('table').getByText('示人社发〔2026〕8号').waitFor();
        await expectAccessible(page);
      });
      await step(page, 'citizen-interpretation', async () => {
        await page.getByRole('region', { name: '相关政策解读' }).getByRole('link', { name: INTERPRETATION }).click();
        await page.getByRole('heading', { level: 1, name: INTERPRETATION }).waitFor();
        // And back to the policy it explains.
        await page.getByRole('region', { name: '相关政策文件' }).getByRole('link', { name: POLICY }).waitFor();
        await expectAccessible(page);
      });
    } finally {
      await context.close();
    }
  });

  it('a retracted article disappears from its page, its column list and search', async () => {
    const id = await publishThroughReview(platform.deps, room, { columnId: room.columns.news.id, type: 'news', title: NEWS });
    await runJobs();
    const { context, page } = await newPage(browser);
    try {
      let articleUrl = '';
      await step(page, 'retract-before', async () => {
        await page.goto(`${home}gzdt/`);
        await page.getByRole('link', { name: NEWS }).click();
        await page.getByRole('heading', { level: 1, name: NEWS }).waitFor();
        articleUrl = page.url();
        expect(articleUrl).toContain(id);
        await searchFor(page, '社保经办');
        await page.locator('.search-results').getByRole('link', { name: NEWS }).waitFor();
      });

      await retractArticle(platform.deps, asActor(room.leader), id, { reason: '信息有误，撤回更正' });
      await runJobs();

      await step(page, 'retract-page-gone', async () => {
        const res = await page.goto(articleUrl);
        expect(res?.status()).toBe(404);
        await page.getByRole('heading', { level: 1, name: '抱歉，您访问的页面不存在或已删除' }).waitFor();
        await expectAccessible(page);
      });
      await step(page, 'retract-list-gone', async () => {
        await page.goto(`${home}gzdt/`);
        await page.getByRole('heading', { level: 1, name: '工作动态' }).waitFor();
        expect(await page.getByText(NEWS).count()).toBe(0);
        await page.goto(home);
        expect(await page.getByText(NEWS).count()).toBe(0);
      });
      await step(page, 'retract-search-gone', async () => {
        await searchFor(page, '社保经办');
        await page.locator('.search-summary').waitFor();
        expect(await page.getByText(NEWS).count()).toBe(0);
      });
    } finally {
      await context.close();
    }
  });
});

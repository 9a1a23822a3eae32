/**
 * A 征集调查 from start to result: the portal's letter office drafts a survey in the back office
 * and publishes it; a citizen reads it on the portal (plain HTML, no script) and sends an
 * opinion with a phone number; the office reads the opinion (the phone masked), ends the survey
 * early and publishes the result feedback, which the citizen then reads on the survey's page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#common/dates.ts';
import { seedDemo } from '#server/demo/index.ts';
import { TEST_PASSWORD } from '#test/factories.ts';
import {
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

const PORTAL = '9901000001';
const DIGITS = '零一二三四五六七八九';
const TITLE = '《示例市公园绿地管理办法（征求意见稿）》公开征求意见';
const DESCRIPTION = '为加强公园绿地管理，市住房和城乡建设局起草了《示例市公园绿地管理办法（征求意见稿）》，现公开征求意见。';
const OPINION = '建议公园夜间延长开放时间至晚上十点，并增加照明。';
const PHONE = '13987654321';
const RESULT = '共收到意见 1 条。关于延长夜间开放时间的建议已采纳，办法第十二条修改为“开放时间不早于晚上十点结束”。';

describe.runIf(chromiumAvailable)('a survey: drafted, published, answered by a citizen, ended, and its result published', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    await seedDemo(platform.deps, { password: TEST_PASSWORD });
    await platform.deps.db.kysely.updateTable('users').set({ must_change_password: 0 }).where('username', '=', 'letters').execute();
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

  /** The survey's row in the office's list. */
  const row = (office: Page) => office.getByRole('row').filter({ hasText: TITLE });

  it('runs from the office to the citizen and back, with the result public', async () => {
    const today = beijingDate(new Date().toISOString());
    const inTenDays = beijingDate(new Date(Date.now() + 10 * 86_400_000).toISOString());
    const office = await person();
    await step(office, 'login', () => logIn(office, platform.url, 'letters'));

    await step(office, 'draft', async () => {
      await openMenu(office, '征集调查');
      await office.getByRole('button', { name: '新建征集' }).click();
      const dialog = office.getByRole('dialog', { name: '新建征集' });
      await dialog.getByLabel('标题').fill(TITLE);
      await dialog.getByLabel('征集说明').fill(DESCRIPTION);
      for (const [label, date] of [
        ['开始日期', today],
        ['结束日期', inTenDays],
      ] as const) {
        const input = dialog.getByLabel(label);
        await input.click();
        await input.fill(date);
        await input.press('Tab');
      }
      await expectAccessible(office);
      await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row(office).getByText('草稿').waitFor();
    });

    await step(office, 'publish', async () => {
      await row(office).getByRole('button', { name: /^发布/ }).click();
      await office
        .getByRole('tooltip')
        .getByRole('button', { name: /^发\s*布$/ })
        .click();
      await row(office).getByText('征集中').waitFor();
      await expectAccessible(office);
    });

    const citizen = await person();
    await step(citizen, 'opinion', async () => {
      const list = await citizen.goto(`${platform.url}/sites/${PORTAL}/hdjl/zjdc/`);
      expect(list?.status()).toBe(200);
      await expectAccessible(citizen);
      await citizen.getByRole('link', { name: TITLE }).click();
      await citizen.getByRole('heading', { name: TITLE }).waitFor();
      expect(await citizen.locator('main').textContent()).toContain(DESCRIPTION);
      await expectAccessible(citizen);
      await citizen.getByLabel(/意见内容/).fill(OPINION);
      await citizen.getByLabel(/联系电话/).fill(PHONE);
      const q = /([零一二三四五六七八九])加([零一二三四五六七八九])等于几/.exec((await citizen.locator('main form').textContent()) ?? '');
      expect(q).not.toBeNull();
      await citizen.getByLabel(/等于几/).fill(String(DIGITS.indexOf(q![1]!) + DIGITS.indexOf(q![2]!)));
      // A person takes a few seconds; the server refuses faster posts.
      await citizen.waitForTimeout(3_500);
      const [answer] = await Promise.all([
        citizen.waitForResponse((r) => r.request().method() === 'POST'),
        citizen.getByRole('button', { name: '提交意见' }).click(),
      ]);
      expect(answer.status()).toBe(201);
      await citizen.getByText(/感谢/).first().waitFor();
      await expectAccessible(citizen);
    });

    await step(office, 'read, end, result', async () => {
      await office.reload();
      await row(office).getByRole('button', { name: /1 条/ }).click();
      const opinions = office.getByRole('dialog').or(office.locator('.ant-drawer-content')).first();
      await opinions.getByText(OPINION).waitFor();
      const shown = (await opinions.textContent()) ?? '';
      expect(shown).not.toContain(PHONE);
      expect(shown).toContain('139****4321');
      await office.keyboard.press('Escape');

      await row(office)
        .getByRole('button', { name: /^提前结束/ })
        .click();
      await office.getByRole('tooltip').getByRole('button', { name: '结束征集' }).click();
      await row(office)
        .getByRole('button', { name: /^反馈结果/ })
        .waitFor();
      await row(office)
        .getByRole('button', { name: /^反馈结果/ })
        .click();
      const dialog = office.getByRole('dialog', { name: /结果反馈/ });
      await dialog.getByLabel('结果反馈').fill(RESULT);
      await expectAccessible(office);
      await dialog.getByRole('button', { name: /^发\s*布$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row(office).getByText('已反馈结果').waitFor();
    });

    await step(citizen, 'result', async () => {
      await citizen.goto(`${platform.url}/sites/${PORTAL}/hdjl/zjdc/`);
      await citizen.getByRole('link', { name: TITLE }).click();
      await citizen.getByText(RESULT).waitFor();
      const page = (await citizen.locator('main').textContent()) ?? '';
      expect(page).not.toContain(PHONE);
      // Ended: no form any more.
      expect(await citizen.getByRole('button', { name: '提交意见' }).count()).toBe(0);
      await expectAccessible(citizen);
    });
  });
});

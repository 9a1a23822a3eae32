import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#common/dates.ts';
import { loadCalendar } from '#server/calendar/index.ts';
import { requestClock } from '#server/disclosure/index.ts';
import { activateSite, buildNewsroom, buildUser } from '#test/factories.ts';
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

const CODE = '9901990002';
const DIGITS = '零一二三四五六七八九';

describe.runIf(chromiumAvailable)('a citizen asks for government information', () => {
  let platform: Platform;
  let browser: Browser;
  let officerName: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    const room = await buildNewsroom(platform.deps);
    await activateSite(platform.deps, room.site.id, { code: CODE, domains: ['ysq.e2e-city.gov.cn'] });
    officerName = (
      await buildUser(platform.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }], displayName: '公开专员' })
    ).username;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  /** The due date the rules give for these events, today. */
  async function dueBy(events: Parameters<typeof requestClock>[1]): Promise<string | null> {
    const today = beijingDate(new Date().toISOString());
    return requestClock(await loadCalendar(platform.deps), events, today).dueDate;
  }

  it('a citizen submits a request, is asked to amend it, amends it, and sees the reply', async () => {
    const { context, page } = await newPage(browser);
    const today = beijingDate(new Date().toISOString());
    let trackingNo = '';
    let queryCode = '';
    try {
      await step(page, 'request-form', async () => {
        const opened = Date.now();
        expect((await page.goto(`${platform.url}/sites/${CODE}/ysqgk`))?.status()).toBe(200);
        await expectAccessible(page);
        await page.getByLabel('姓名或名称 *').fill('王五');
        await page.getByLabel('证件号码 *').fill('11010519491231002X');
        await page.getByLabel('联系电话 *').fill('13712345678');
        await page.getByLabel('电子邮箱').fill('wangwu@example.cn');
        await page.getByLabel('所需政府信息的名称、文号或者便于查询的其他特征性描述 *').fill('本市老旧小区改造的有关文件');
        await page.getByLabel('电子数据').check();
        await page.getByLabel('电子邮件').check();
        const question = (await page.locator('label[for="f-answer"]').textContent()) ?? '';
        const [, a, b] = /([零一二三四五六七八九])加([零一二三四五六七八九])/.exec(question)!;
        await page.getByLabel(/等于几/).fill(String(DIGITS.indexOf(a!) + DIGITS.indexOf(b!)));
        // A person takes more than a few seconds to fill the form; the server refuses faster posts.
        await page.waitForTimeout(Math.max(0, 3_500 - (Date.now() - opened)));
        await Promise.all([page.waitForURL(/ysqgk$/), page.getByRole('button', { name: '下一步：核对申请' }).click()]);
      });

      await step(page, 'request-confirm', async () => {
        await page.getByRole('heading', { name: '核对申请' }).waitFor();
        await page.getByText('本市老旧小区改造的有关文件').waitFor();
        await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: '确认提交' }).click()]);
        await page.getByRole('heading', { name: '申请已提交' }).waitFor();
        await expectAccessible(page);
        trackingNo = (await page.locator('#tracking-no').textContent())!.trim();
        queryCode = (await page.locator('#query-code').textContent())!.trim();
        expect(trackingNo).toMatch(/^\d{14}$/);
        const due = await dueBy([{ type: 'received', channel: 'online', submittedOn: today, confirmedOn: today }]);
        await page.getByText(`${due} 前`).waitFor();
      });

      // The disclosure officer asks for an amendment in the back office.
      const office = await newPage(browser);
      const officePage = office.page;
      const deadline = beijingDate(new Date(Date.now() + 15 * 86_400_000).toISOString());
      /** Records the next step of the request on its screen, as the officer does. */
      const record = async (event: string, fill: () => Promise<void>) => {
        await choose(officePage, officePage.getByLabel('环节'), event);
        await fill();
        await officePage.getByRole('button', { name: '记录' }).click();
        await officePage.getByRole('listitem').filter({ hasText: event }).first().waitFor();
      };
      await step(officePage, 'office-amendment', async () => {
        await logIn(officePage, platform.url, officerName);
        await openMenu(officePage, '依申请公开');
        await Promise.all([
          officePage.waitForURL(/\/disclosure\/requests\/.+/),
          officePage.getByRole('link', { name: trackingNo }).click(),
        ]);
        await officePage.getByRole('heading', { level: 1, name: `依申请公开 ${trackingNo}` }).waitFor();
        await expectAccessible(officePage);
        await record('发出补正通知', async () => {
          await officePage.getByLabel('补正事项（申请人可在查询页面看到）').fill('请写明所需文件的名称、文号或发文时间。');
          const picker = officePage.getByLabel('申请人补正期限');
          await picker.click();
          await picker.fill(deadline);
          // Tab keeps the typed date and leaves the picker (Enter would submit the form).
          await picker.press('Tab');
        });
        await officePage.getByText('待补正').first().waitFor();
      });

      const lookUp = async () => {
        await page.goto(`${platform.url}/sites/${CODE}/ysqgkcx`);
        await page.getByLabel('受理编号').fill(trackingNo);
        await page.getByLabel('查询码').fill(queryCode);
        await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: '查询' }).click()]);
        await page.getByRole('heading', { name: '申请办理情况' }).waitFor();
      };

      await step(page, 'request-amend', async () => {
        await lookUp();
        expect(await page.locator('#request-state').textContent()).toBe('待补正');
        expect(await page.locator('#request-due').textContent()).toBe('待补正后重新计算');
        await page.getByText('请写明所需文件的名称、文号或发文时间。').waitFor();
        await expectAccessible(page);
        await page.getByLabel('按补正通知的要求补充或更正申请内容 *').fill('示例市住房和城乡建设局关于老旧小区改造的 2025 年度实施方案');
        await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: '提交补正' }).click()]);
        await page.getByText('补正已提交，答复期限自今日起重新计算').waitFor();
        const due = await dueBy([
          { type: 'received', channel: 'online', submittedOn: today, confirmedOn: today },
          { type: 'amendmentRequested', on: today, applicantDeadline: deadline },
          { type: 'amendmentReceived', on: today },
        ]);
        expect(await page.locator('#request-state').textContent()).toBe('办理中');
        expect(await page.locator('#request-due').textContent()).toBe(due);
      });

      await step(officePage, 'office-reply', async () => {
        await officePage.reload();
        await officePage.getByRole('heading', { level: 1, name: `依申请公开 ${trackingNo}` }).waitFor();
        await record('答复', async () => {
          await choose(officePage, officePage.getByLabel('答复结果'), '予以公开');
          await officePage.getByLabel('答复内容（申请人可在查询页面看到）').fill('您申请的实施方案已通过电子邮件发送，请查收。');
        });
        await officePage.getByText('已答复').first().waitFor();
        const letter = officePage.getByRole('link', { name: /下载答复书（DOCX）/ });
        const res = await officePage.request.get(new URL((await letter.getAttribute('href'))!, platform.url).href);
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toContain('wordprocessingml');
        await expectAccessible(officePage);
      });
      await office.context.close();

      await step(page, 'request-reply', async () => {
        await lookUp();
        expect(await page.locator('#request-state').textContent()).toBe('已答复');
        await page.getByText('您申请的实施方案已通过电子邮件发送，请查收。').waitFor();
        await page
          .getByText(/予以公开/)
          .first()
          .waitFor();
        await expectAccessible(page);
      });
    } finally {
      await context.close();
    }
  });
});

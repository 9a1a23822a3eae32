/**
 * A citizen writes to a site's 政务咨询 channel from the interaction home, is told what to fix
 * (a phone number, an attachment that is not what its name says), sends the letter with a
 * picture, keeps the tracking number and query code, later reads the reply and rates it; the
 * answered letter then appears in 信件选登 without the writer's name or phone. Every page the
 * citizen sees, as served, passes axe-core (all WCAG 2.0/2.1 A and AA rules) and the Nu HTML
 * checker, and has no script: the forms are plain HTML.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnLetter, createChannel } from '#server/interaction/index.ts';
import { publishSite } from '#server/publishing/index.ts';
import { activateSite, buildSite, factoryActor } from '#test/factories.ts';
import { chromiumAvailable, launchBrowser, newPage, screenshot, startPlatform, step, type Platform } from './harness.ts';
import { formatVnu, vnuAvailable, vnuErrors } from './vnu.ts';

const CODE = '9901990031';
const DIGITS = '零一二三四五六七八九';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const WRITER = { name: '林示例', phone: '13700001234' };

describe.runIf(chromiumAvailable)('a citizen writes to a mailbox, tracks the letter and rates the reply', () => {
  let platform: Platform;
  let browser: Browser;
  let base: string;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-letter-'));
  const saved: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    const site = await buildSite(platform.deps, { name: '示例市人民政府门户网站' });
    await activateSite(platform.deps, site.id, { code: CODE, domains: ['hd.e2e-city.gov.cn'] });
    await createChannel(platform.deps, factoryActor, site.id, {
      kind: 'consultation',
      name: '政务咨询',
      handlingOrgId: site.sponsorOrgId,
      replyDays: 5,
      publishReplies: true,
      reviewReplies: false,
      reopenOnUnsatisfied: true,
      intro: '咨询政策规定、办事流程等问题。',
      enabled: true,
    });
    // Published: the pages have the site's stylesheet, as visitors get them.
    await publishSite(platform.deps, site.id);
    base = `${platform.url}/sites/${CODE}/`;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  /** Every axe violation on the page, whatever its impact. */
  async function axeViolations(page: Page): Promise<string[]> {
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    return results.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  }

  /** The page as served: kept for the Nu checker, checked by axe, with one h1 and no script. */
  async function check(page: Page, name: string, res: Response | null, status: number): Promise<void> {
    if (!res) throw new Error(`${name}: no response`);
    expect(res.status(), name).toBe(status);
    const file = path.join(outDir, `${name}.html`);
    fs.writeFileSync(file, await res.body());
    saved.push(file);
    expect(await axeViolations(page), `${name}: axe`).toEqual([]);
    expect(await page.getByRole('heading', { level: 1 }).count(), `${name}: one h1`).toBe(1);
    expect(await page.locator('script').count(), `${name}: no script`).toBe(0);
  }

  /** Submits the page's form with its button; answers the response to the POST. */
  async function submit(page: Page, button: string): Promise<Response> {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
      page.getByRole('button', { name: button }).click(),
    ]);
    await page.waitForLoadState();
    return res;
  }

  /** Follows a link; answers the response of the page it leads to. */
  async function follow(page: Page, link: ReturnType<Page['getByRole']>): Promise<Response> {
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().isNavigationRequest()), link.click()]);
    await page.waitForLoadState();
    return res;
  }

  async function answerChallenge(page: Page): Promise<void> {
    const question = (await page.locator('label[for="f-answer"]').textContent()) ?? '';
    const [, a, b] = /([零一二三四五六七八九])加([零一二三四五六七八九])/.exec(question)!;
    await page.getByLabel(/等于几/).fill(String(DIGITS.indexOf(a!) + DIGITS.indexOf(b!)));
  }

  it('a citizen is told what to fix, sends the letter, reads the reply and rates it; the answer is published without the name', async () => {
    const { context, page } = await newPage(browser);
    let trackingNo = '';
    let queryCode = '';
    try {
      await step(page, 'letter-home', async () => {
        await check(page, 'home', await page.goto(`${base}hdjl/`), 200);
        await page.getByText('5 个工作日内答复').waitFor();
      });

      let opened = 0;
      await step(page, 'letter-form-refused', async () => {
        const res = await follow(page, page.getByRole('link', { name: '给政务咨询写信' }));
        opened = Date.now();
        await check(page, 'form', res, 200);
        expect(await page.getByLabel('信件类型 *').inputValue()).not.toBe('');
        await page.getByLabel('信件分类 *').selectOption('社会保障');
        await page.getByLabel('标题 *').fill('灵活就业人员如何缴纳养老保险？');
        await page.getByLabel(/^内容 \*/).fill(`我是灵活就业人员，想了解养老保险的缴费档次和办理地点。\n联系人${WRITER.name}。`);
        await page.getByLabel('姓名 *').fill(WRITER.name);
        await page.getByLabel('联系电话 *').fill('12345');
        await page.getByLabel('同意在网站上公开本信件的标题、内容及答复').check();
        await page.getByLabel('选择附件').setInputFiles([
          { name: '照片.png', mimeType: 'image/png', buffer: PNG },
          { name: '证明.pdf', mimeType: 'application/pdf', buffer: randomBytes(2048) },
        ]);
        await answerChallenge(page);
        // A person takes more than a few seconds to fill the form; the server refuses faster posts.
        await page.waitForTimeout(Math.max(0, 3_500 - (Date.now() - opened)));
        await check(page, 'form-refused', await submit(page, '提交信件'), 400);
        const alert = page.getByRole('alert');
        await alert.getByText('联系电话应为 11 位手机号码或带区号的固定电话').waitFor();
        await alert.getByText('附件“证明.pdf”的内容与扩展名不符', { exact: false }).waitFor();
        // What was typed is still there; the challenge is new and its answer empty.
        expect(await page.getByLabel('标题 *').inputValue()).toBe('灵活就业人员如何缴纳养老保险？');
        expect(await page.getByLabel(/等于几/).inputValue()).toBe('');
      });

      await step(page, 'letter-receipt', async () => {
        opened = Date.now();
        await page.getByLabel('联系电话 *').fill(WRITER.phone);
        await page.getByLabel('选择附件').setInputFiles([{ name: '照片.png', mimeType: 'image/png', buffer: PNG }]);
        await answerChallenge(page);
        await page.waitForTimeout(Math.max(0, 3_500 - (Date.now() - opened)));
        await check(page, 'receipt', await submit(page, '提交信件'), 201);
        trackingNo = (await page.locator('#tracking-no').textContent())!.trim();
        queryCode = (await page.locator('#query-code').textContent())!.trim();
        expect(trackingNo).toMatch(/^\d{14}$/);
        expect(queryCode).toMatch(/^\d{8}$/);
        await screenshot(page, 'citizen-writes-letter-receipt');
      });

      const lookUp = async (name: string) => {
        expect((await page.goto(`${base}hdjl/cx/`))?.status()).toBe(200);
        await page.getByLabel('信件编号').fill(trackingNo);
        await page.getByLabel('查询码').fill(queryCode);
        await check(page, name, await submit(page, '查询'), 200);
      };

      await step(page, 'letter-tracked', async () => {
        // The receipt links to the tracking page.
        expect(await page.getByRole('link', { name: '查询办理情况' }).getAttribute('href')).toBe('../cx/');
        await lookUp('tracked');
        expect(await page.locator('#letter-state').textContent()).toBe('待受理');
        expect(await page.getByRole('radio').count()).toBe(0);
      });

      // The office answers in the back office (its screens have their own journeys).
      const row = await platform.deps.db.kysely
        .selectFrom('letters')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow();
      for (const action of [
        { action: 'accept' },
        {
          action: 'draftReply',
          reply: '您好！灵活就业人员可在户籍地或居住地的社保经办机构办理参保，缴费基数在全省上年度平均工资的 60% 至 300% 之间自选。',
        },
        { action: 'submitReply' },
      ])
        await actOnLetter(platform.deps, factoryActor, row.id, action);

      await step(page, 'letter-rated', async () => {
        await lookUp('replied');
        expect(await page.locator('#letter-state').textContent()).toBe('已答复');
        await page.getByText('缴费基数在全省上年度平均工资的 60% 至 300% 之间自选').waitFor();
        await page.getByRole('group', { name: '您对答复是否满意 *' }).getByLabel('满意', { exact: true }).check();
        await page.getByLabel(/评价意见/).fill('答复清楚，谢谢。');
        await check(page, 'rated', await submit(page, '提交评价'), 200);
        await page.getByRole('status').getByText('感谢您的评价').waitFor();
        expect(await page.locator('#letter-rating').textContent()).toBe('您的评价：满意（答复清楚，谢谢。）');
      });

      await step(page, 'letter-published', async () => {
        await page.goto(`${base}hdjl/`);
        await check(page, 'list', await follow(page, page.getByRole('link', { name: '查看已答复的信件' })), 200);
        const item = page.getByRole('table', { name: /已答复信件/ }).getByRole('link', { name: '灵活就业人员如何缴纳养老保险？' });
        await check(page, 'letter', await follow(page, item), 200);
        await page.getByText('答复单位').waitFor();
        const html = await page.content();
        expect(html).not.toContain(WRITER.name);
        expect(html).not.toContain(WRITER.phone);
      });
    } finally {
      await context.close();
    }
  });

  it.runIf(vnuAvailable)('the Nu HTML checker finds no error in any page the citizen saw', async () => {
    expect(saved.length).toBe(9);
    const errors = await vnuErrors(saved);
    expect(formatVnu(errors)).toEqual([]);
  });
});

/**
 * WCAG 2.1 AA on the public sites: every page type of the demo city's education site, as a
 * visitor's browser gets it under /sites/<code>/, passes axe-core (all WCAG 2.0/2.1 A and AA
 * rules, every impact) and the Nu HTML checker; each has the landmarks, a skip link that is the
 * first thing Tab reaches and shows, and a visible focus on everything Tab reaches after it.
 * The 适老化 switch works with JavaScript turned off and is remembered by a cookie.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '#server/demo/index.ts';
import { actOnLetter, publicChannels, submitLetter } from '#server/interaction/index.ts';
import { publishSite } from '#server/publishing/index.ts';
import { elderStylesheet } from '#server/publishing/render/theme.ts';
import { getSite, listColumns } from '#server/sites/index.ts';
import { buildUser, factoryActor, publishThroughReview } from '#test/factories.ts';
import { chromiumAvailable, launchBrowser, newPage, screenshot, startPlatform, step, type Platform } from './harness.ts';
import { formatVnu, vnuAvailable, vnuErrors } from './vnu.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Every page type the checks must have seen (the Nu checker test counts them). */
const PAGE_TYPES = [
  'home',
  'column',
  'column-page-2',
  'news-article',
  'policy-article',
  'interpretation',
  'site-map',
  'not-found',
  'search-empty',
  'search-results',
  'search-refused',
  'request-form',
  'tracking-form',
  'catalogue',
  'catalogue-search',
  'guide',
  'interaction-home',
  'letter-form',
  'letter-tracking',
  'letter-list',
  'letter-page',
  'letter-statistics',
  'services-home',
  'services-life-event',
  'service-item',
  'home-elder',
] as const;
type PageType = (typeof PAGE_TYPES)[number];

/** Every axe violation on the page, whatever its impact, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes
        .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`)
        .slice(0, 3)
        .join('; ')}`,
  );
}

interface FocusState {
  tag: string;
  text: string;
  className: string;
  inViewport: boolean;
  indicator: boolean;
  nav: string | null;
}

/**
 * What has the keyboard focus: where it is and whether a focus indicator is drawn (browser-side
 * code as a string: the server's TypeScript program has no DOM types).
 */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || '').trim().slice(0, 40),
    className: String(el.className),
    inViewport: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
    indicator: outline || style.boxShadow !== 'none',
    nav: el.closest('nav') ? el.closest('nav').getAttribute('aria-label') : null,
  };
})()`;

function focused(page: Page): Promise<FocusState | null> {
  return page.evaluate<FocusState | null>(FOCUSED);
}

/** The computed root font size (px) and body text colour of the page. */
function typography(page: Page): Promise<{ rootPx: number; color: string }> {
  return page.evaluate<{ rootPx: number; color: string }>(
    '({ rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize), color: getComputedStyle(document.body).color })',
  );
}

describe.runIf(chromiumAvailable)('a citizen uses every kind of public page with a keyboard, a screen reader and in 适老化 mode', () => {
  let platform: Platform;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const saved = new Map<PageType, string>();
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-a11y-'));

  beforeAll(async () => {
    platform = await startPlatform();
    const { deps } = platform;
    await seedDemo(deps);
    const edu = await deps.db.kysely
      .selectFrom('sites')
      .select(['id', 'code'])
      .where('name', 'like', '示例市教育和体育局网站%')
      .executeTakeFirstOrThrow();
    if (!edu.code) throw new Error('the demo education site has no code');
    // Twenty more news items: the news column gets a second list page.
    const site = await getSite(deps, factoryActor, edu.id);
    const columns = await listColumns(deps, factoryActor, edu.id);
    const col = (slug: string) => {
      const c = columns.find((x) => x.slug === slug);
      if (!c) throw new Error(`demo column ${slug} missing`);
      return c;
    };
    const on = (role: 'editor' | 'sectionReviewer' | 'leader' | 'siteAdmin') => ({ grants: [{ role, siteId: edu.id }] });
    const room = {
      site,
      columns: { news: col('gzdt'), policy: col('zcwj') },
      author: await buildUser(deps, { ...on('editor'), displayName: '信息员' }),
      firstReviewer: await buildUser(deps, { ...on('editor'), displayName: '初审人' }),
      sectionReviewer: await buildUser(deps, { ...on('sectionReviewer'), displayName: '科室审核人' }),
      leader: await buildUser(deps, { ...on('leader'), displayName: '分管领导' }),
      siteAdmin: await buildUser(deps, { ...on('siteAdmin'), displayName: '网站管理员' }),
    };
    for (let i = 1; i <= 20; i++) {
      await publishThroughReview(deps, room, {
        columnId: room.columns.news.id,
        type: 'news',
        title: `示例市教育工作简报第${i}期（示例）`,
        bodyHtml: `<p>本期简报介绍全市学校第${i}项重点工作的进展。</p>`,
      });
    }
    // One answered letter on the site's 局长信箱, published: the answered list and its page have content.
    const mailbox = (await publicChannels(deps, edu.id))[0];
    if (!mailbox) throw new Error('the demo education site has no open letter channel');
    const letter = await submitLetter(deps, {
      siteId: edu.id,
      form: {
        channelId: mailbox.id,
        category: '教育',
        title: '关于小学课后服务结束时间的咨询（示例）',
        content: '请问本学期小学课后服务每天几点结束？\n周五是否也提供课后服务？',
        name: '示例来信人',
        phone: '13800000099',
        consentPublish: true,
      },
      attachments: [],
      idempotencyKey: 'a11y-letter',
    });
    for (const action of [
      { action: 'accept' },
      { action: 'draftReply', reply: '您好！本学期课后服务每天 17:30 结束，周五同样提供。\n感谢您的关注。' },
      { action: 'submitReply' },
      { action: 'approveReply' },
    ])
      await actOnLetter(deps, factoryActor, letter.id, action);
    await publishSite(deps, edu.id);
    base = `${platform.url}/sites/${edu.code}/`;
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.close();
    if (saved.size === PAGE_TYPES.length) fs.rmSync(outDir, { recursive: true, force: true });
  });

  /** Opens `url`, checks its status, keeps the HTML exactly as served for the Nu checker. */
  async function open(type: PageType, url: string, status = 200, on: Page = page): Promise<Response> {
    const res = await on.goto(url);
    if (!res) throw new Error(`no response for ${url}`);
    expect(res.status(), `${type}: ${url}`).toBe(status);
    expect(res.headers()['content-type']).toMatch(/^text\/html/);
    const file = path.join(outDir, `${type}.html`);
    fs.writeFileSync(file, await res.body());
    saved.set(type, file);
    return res;
  }

  /** The checks every page gets: axe, landmarks, skip link first and visible, visible focus after it. */
  async function checkPage(type: PageType, on: Page = page): Promise<void> {
    expect(await axeViolations(on), `${type}: axe violations`).toEqual([]);

    expect(await on.getByRole('banner').count(), `${type}: one banner`).toBe(1);
    expect(await on.getByRole('main').count(), `${type}: one main`).toBe(1);
    expect(await on.getByRole('contentinfo').count(), `${type}: one contentinfo`).toBe(1);
    await on.getByRole('navigation', { name: '主导航' }).waitFor();
    await on.getByRole('navigation', { name: '阅读模式' }).waitFor();
    expect(await on.getByRole('heading', { level: 1 }).count(), `${type}: one h1`).toBe(1);

    // From the top of a freshly loaded page, Tab reaches the skip link first, and it shows.
    await on.reload();
    await on.keyboard.press('Tab');
    const skip = await focused(on);
    expect(skip, `${type}: first Tab stop`).toMatchObject({
      tag: 'a',
      className: 'skip-link',
      text: '跳转到主要内容',
      inViewport: true,
      indicator: true,
    });
    // Every later Tab stop shows where the focus is (up to 60 of them).
    for (let i = 0; i < 60; i++) {
      await on.keyboard.press('Tab');
      const f = await focused(on);
      if (!f) break;
      expect(f.indicator, `${type}: focus indicator on Tab stop ${i + 2} (${f.tag} "${f.text}")`).toBe(true);
    }
    // The skip link moves the focus to the main content.
    await on.reload();
    await on.keyboard.press('Tab');
    await on.keyboard.press('Enter');
    await on.waitForFunction("document.activeElement && document.activeElement.id === 'main'");
  }

  it('every page type passes axe-core, has the landmarks and a visible skip link first, and works by keyboard', async () => {
    await step(page, 'a11y-home', async () => {
      await open('home', base);
      await checkPage('home');
    });

    await step(page, 'a11y-keyboard-to-column', async () => {
      // Keyboard only: Tab to 工作动态 in the main navigation and follow it with Enter.
      await page.goto(base);
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        reached = f?.nav === '主导航' && f.text === '工作动态';
      }
      expect(reached, 'Tab reaches 工作动态 in the main navigation').toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}gzdt/`);
      await page.getByRole('heading', { level: 1, name: '工作动态' }).waitFor();
    });

    await step(page, 'a11y-column', async () => {
      await open('column', `${base}gzdt/`);
      await page.getByRole('navigation', { name: '分页' }).waitFor();
      await checkPage('column');
    });

    await step(page, 'a11y-column-page-2', async () => {
      const next = await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).getAttribute('href');
      await open('column-page-2', new URL(next ?? '', page.url()).href);
      await page.getByRole('heading', { level: 1, name: '工作动态' }).waitFor();
      expect(await page.title()).toContain('第 2 页');
      await checkPage('column-page-2');
    });

    await step(page, 'a11y-news-article', async () => {
      await page.goto(`${base}gzdt/`);
      const href = await page.getByRole('main').getByRole('link', { name: '示例市教育工作简报第20期（示例）' }).getAttribute('href');
      await open('news-article', new URL(href ?? '', page.url()).href);
      await page.getByRole('heading', { level: 1, name: '示例市教育工作简报第20期（示例）' }).waitFor();
      await checkPage('news-article');
    });

    let interpretationUrl = '';
    await step(page, 'a11y-policy-article', async () => {
      await page.goto(`${base}zcwj/`);
      const title = '示例市教育和体育局关于做好2026年度学生社保和医保参保工作的通知（示例）';
      const href = await page.getByRole('main').getByRole('link', { name: title }).getAttribute('href');
      await open('policy-article', new URL(href ?? '', page.url()).href);
      await page.getByRole('table', { name: '信息公开元数据' }).getByText('示教体发〔2026〕21号').waitFor();
      const related = page.getByRole('region', { name: '相关政策解读' });
      const link = related.getByRole('link', { name: '一图读懂：2026年度学生社保和医保参保（示例）' });
      interpretationUrl = new URL((await link.getAttribute('href')) ?? '', page.url()).href;
      await checkPage('policy-article');
    });

    await step(page, 'a11y-interpretation', async () => {
      await open('interpretation', interpretationUrl);
      await page.getByRole('heading', { level: 1, name: '一图读懂：2026年度学生社保和医保参保（示例）' }).waitFor();
      await page.getByRole('region', { name: '相关政策文件' }).getByRole('link').first().waitFor();
      await checkPage('interpretation');
    });

    await step(page, 'a11y-site-map', async () => {
      await page.goto(base);
      const href = await page.getByRole('contentinfo').getByRole('link', { name: '网站地图' }).getAttribute('href');
      await open('site-map', new URL(href ?? '', page.url()).href);
      await page.getByRole('navigation', { name: '网站地图' }).getByRole('link', { name: '工作动态' }).waitFor();
      await checkPage('site-map');
    });

    await step(page, 'a11y-not-found', async () => {
      await open('not-found', `${base}no-such-page.html`, 404);
      await page.getByRole('heading', { level: 1, name: '抱歉，您访问的页面不存在或已删除' }).waitFor();
      await checkPage('not-found');
    });

    await step(page, 'a11y-search-empty', async () => {
      await open('search-empty', `${base}search`);
      await page.getByRole('search', { name: '搜索条件' }).waitFor();
      expect(await page.locator('.search-results').count()).toBe(0);
      await checkPage('search-empty');
    });

    await step(page, 'a11y-search-results', async () => {
      // The visitor types into the header's search box and submits with Enter.
      await page.getByRole('search', { name: '全站搜索' }).getByLabel('站内搜索').fill('社保');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search\?q=/);
      await open('search-results', page.url());
      await page.getByRole('status').getByText('社保').waitFor();
      expect(await page.locator('.search-results > li').count()).toBeGreaterThanOrEqual(2);
      await checkPage('search-results');
    });

    await step(page, 'a11y-search-refused', async () => {
      await open('search-refused', `${base}search?q=${encodeURIComponent('社保')}&from=2026-02-30`, 400);
      await page.getByRole('alert').getByText('日期格式应为 YYYY-MM-DD').waitFor();
      await checkPage('search-refused');
    });
    await screenshot(page, 'public-accessibility-search-refused');

    await step(page, 'a11y-request-form', async () => {
      await open('request-form', `${base}ysqgk`);
      await page.getByRole('heading', { level: 1, name: '政府信息公开申请' }).waitFor();
      await checkPage('request-form');
    });

    await step(page, 'a11y-tracking-form', async () => {
      await open('tracking-form', `${base}ysqgkcx`);
      await page.getByRole('heading', { level: 1, name: '依申请公开办理情况查询' }).waitFor();
      await checkPage('tracking-form');
    });

    await step(page, 'a11y-catalogue', async () => {
      // From the home page's catalogue block to the 政府信息公开目录, then a search by 文号.
      await page.goto(base);
      const href = await page.getByRole('link', { name: '进入政府信息公开目录' }).getAttribute('href');
      await open('catalogue', new URL(href ?? '', page.url()).href);
      await page.getByRole('navigation', { name: '目录分类' }).getByRole('link', { name: '全部信息' }).waitFor();
      await checkPage('catalogue');
      await page.getByRole('search', { name: '目录检索' }).getByLabel('文号').fill('示教体发〔2026〕21号');
      await page.getByRole('search', { name: '目录检索' }).getByRole('button', { name: '检索' }).click();
      await page.waitForURL(/gkml\?/);
      await open('catalogue-search', page.url());
      const table = page.getByRole('table', { name: /政府信息公开目录/ });
      await table.getByText('示教体发〔2026〕21号').waitFor();
      expect(await table.locator('tbody tr').count()).toBe(1);
      await checkPage('catalogue-search');
    });

    await step(page, 'a11y-guide', async () => {
      await open('guide', `${base}gkzn`);
      await page.getByRole('heading', { level: 1, name: /政府信息公开指南/ }).waitFor();
      await page.getByRole('table', { name: '政府信息公开工作机构联系方式' }).getByText('0812-2220001').waitFor();
      await checkPage('guide');
    });
  });

  it('the 政民互动 pages pass axe-core, have the landmarks and a visible skip link first, and work by keyboard', async () => {
    await step(page, 'a11y-interaction-home', async () => {
      await open('interaction-home', `${base}hdjl/`);
      await page.getByRole('heading', { level: 1, name: '政民互动' }).waitFor();
      await page.getByText('5 个工作日内答复').first().waitFor();
      await checkPage('interaction-home');
      await screenshot(page, 'public-accessibility-interaction-home');
    });

    await step(page, 'a11y-letter-form', async () => {
      await page.goto(`${base}hdjl/`);
      const href = await page
        .getByRole('link', { name: /^给.+写信$/ })
        .first()
        .getAttribute('href');
      await open('letter-form', new URL(href ?? '', page.url()).href);
      await page.getByRole('heading', { level: 1, name: '我要写信' }).waitFor();
      // The channel of the link is chosen already.
      expect(await page.getByLabel('信件类型 *').inputValue()).not.toBe('');
      await checkPage('letter-form');
      await screenshot(page, 'public-accessibility-letter-form');
    });

    await step(page, 'a11y-letter-tracking', async () => {
      await page.goto(`${base}hdjl/`);
      await page.getByRole('link', { name: '查询信件办理情况' }).click();
      await page.waitForURL(`${base}hdjl/cx/`);
      await open('letter-tracking', page.url());
      await page.getByRole('heading', { level: 1, name: '信件办理情况查询' }).waitFor();
      await checkPage('letter-tracking');
    });

    await step(page, 'a11y-letter-list', async () => {
      await page.goto(`${base}hdjl/`);
      await page.getByRole('link', { name: '查看已答复的信件' }).click();
      await page.waitForURL(`${base}hdjl/xj/`);
      await open('letter-list', page.url());
      await page
        .getByRole('table', { name: /已答复信件/ })
        .getByRole('link', { name: '关于小学课后服务结束时间的咨询（示例）' })
        .waitFor();
      await checkPage('letter-list');
    });

    await step(page, 'a11y-letter-page', async () => {
      await page.goto(`${base}hdjl/xj/`);
      const href = await page.getByRole('link', { name: '关于小学课后服务结束时间的咨询（示例）' }).getAttribute('href');
      await open('letter-page', new URL(href ?? '', page.url()).href);
      await page.getByRole('heading', { level: 1, name: '关于小学课后服务结束时间的咨询（示例）' }).waitFor();
      await page.getByText('本学期课后服务每天 17:30 结束').waitFor();
      expect(await page.content()).not.toContain('示例来信人');
      await checkPage('letter-page');
      await screenshot(page, 'public-accessibility-letter-page');
    });

    await step(page, 'a11y-letter-statistics', async () => {
      await page.goto(`${base}hdjl/`);
      await page.getByRole('link', { name: '查看来信办理统计' }).click();
      await page.waitForURL(`${base}hdjl/tj/`);
      await open('letter-statistics', page.url());
      await page.getByRole('table', { name: /各渠道来信办理情况/ }).waitFor();
      await checkPage('letter-statistics');
    });

    await step(page, 'a11y-services', async () => {
      await page.goto(base);
      await page.getByRole('navigation').getByRole('link', { name: '办事服务', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: '办事服务' }).waitFor();
      await open('services-home', page.url());
      await checkPage('services-home');
      await page.getByRole('link', { name: '上学' }).click();
      await page.getByRole('heading', { level: 1, name: /上学/ }).waitFor();
      await open('services-life-event', page.url());
      await checkPage('services-life-event');
      await page.getByRole('link', { name: '家庭经济困难学生资助申请' }).click();
      await page.getByRole('heading', { level: 1, name: '家庭经济困难学生资助申请' }).waitFor();
      await open('service-item', page.url());
      await page.getByRole('link', { name: /下载“家庭经济困难学生认定申请表”空白表格/ }).waitFor();
      await checkPage('service-item');
      await screenshot(page, 'public-accessibility-service-item');
    });
  });

  it('the 适老化 switch works without JavaScript, is remembered, and the larger high-contrast pages pass axe-core', async () => {
    const noJs = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1366, height: 900 },
      javaScriptEnabled: false,
    });
    await page.goto(`${base}gzdt/`);
    const standard = await typography(page);
    try {
      const p = await noJs.newPage();
      await step(p, 'a11y-elder-switch', async () => {
        await p.goto(`${base}gzdt/`);
        expect((await p.request.get(`${base}assets/mode.css`)).ok()).toBe(true);
        expect(await (await p.request.get(`${base}assets/mode.css`)).text()).toBe('');
        await p.getByRole('navigation', { name: '阅读模式' }).getByRole('link', { name: '适老化模式' }).click();
        // Back on the same page, now with the cookie and the 适老化 stylesheet.
        await p.waitForURL(`${base}gzdt/index.html`);
        const cookie = (await noJs.cookies()).find((c) => c.name === 'gk_mode');
        expect(cookie).toMatchObject({ value: 'elder', httpOnly: true });
        // Remembered: a persistent cookie (about a year), not one that ends with the browser session.
        expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 300 * 86_400_000);
        expect(await (await p.request.get(`${base}assets/mode.css`)).text()).toBe(elderStylesheet());
        await screenshot(p, 'public-accessibility-elder-column');
      });
      await step(p, 'a11y-elder-later-visit', async () => {
        // A later visit in the same browser, in a new tab: the 适老化 look, larger and black on white.
        const later = await noJs.newPage();
        expect((await later.goto(`${base}sitemap.html`))?.status()).toBe(200);
        const elder = await typography(later);
        expect(elder.rootPx).toBeGreaterThanOrEqual(standard.rootPx * 1.2);
        expect(elder.color).toBe('rgb(0, 0, 0)');
        await screenshot(later, 'public-accessibility-site-map-elder');
        await later.close();
      });
      // axe-core runs as a script: the 适老化 pages are checked with the same cookie in the
      // browser of the other checks.
      await context.addCookies(await noJs.cookies());
      await step(page, 'a11y-home-elder', async () => {
        await open('home-elder', base);
        expect((await typography(page)).rootPx).toBeGreaterThanOrEqual(standard.rootPx * 1.2);
        await checkPage('home-elder');
        await screenshot(page, 'public-accessibility-home-elder');
      });
      // And switched back the same way.
      await step(p, 'a11y-standard-switch', async () => {
        await p.goto(base);
        await p.getByRole('navigation', { name: '阅读模式' }).getByRole('link', { name: '标准模式' }).click();
        await p.waitForURL(`${base}index.html`);
        expect((await noJs.cookies()).find((c) => c.name === 'gk_mode')?.value).toBe('standard');
        expect(await (await p.request.get(`${base}assets/mode.css`)).text()).toBe('');
      });
    } finally {
      await noJs.close();
    }
  });

  it.runIf(vnuAvailable)('the Nu HTML checker finds no error in any page type, as served', async () => {
    expect([...saved.keys()].sort()).toEqual([...PAGE_TYPES].sort());
    const errors = await vnuErrors([...saved.values()]);
    if (errors.length) console.error(`Nu HTML checker (${outDir}):\n${formatVnu(errors).join('\n')}`);
    expect(formatVnu(errors)).toEqual([]);
  });
});

/**
 * 政府网站工作年度报表: the site's administrator opens the year's report, finds the platform's
 * figures counted and the two hand-entered fields still empty, fills them in and saves; the
 * editor submits it; once the three reviews pass, the public home page links it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANUAL_FIELDS, type ManualValues, type WebsiteReport } from '#common/schemas/website-report.ts';
import { jobRegistry } from '#server/composition.ts';
import { approveArticle, getArticle } from '#server/content/index.ts';
import { saveWebsiteReport } from '#server/evaluation/index.ts';
import { drainJobs } from '#server/platform/jobs/index.ts';
import { activateSite, asActor, buildColumn, buildNewsroom, factoryActor } from '#test/factories.ts';
import {
  apiGet,
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

const CODE = '5104000077';
const LEFT_FOR_THE_FORM = ['casesNatural', 'smartQa'];

describe.runIf(chromiumAvailable)('a site files its annual website report', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let room: Awaited<ReturnType<typeof buildNewsroom>>;
  const year = new Date().getFullYear() - 1;

  beforeAll(async () => {
    platform = await startPlatform();
    room = await buildNewsroom(platform.deps);
    await activateSite(platform.deps, room.site.id, { code: CODE, domains: ['www.e2e-report.gov.cn'] });
    await buildColumn(platform.deps, room.site.id, {
      name: '政府网站工作年度报表',
      slug: 'ndbb',
      freshnessClass: 'none',
      accepts: ['statistics'],
    });
    // Everything by hand but two fields, saved earlier.
    const values: ManualValues = Object.fromEntries(
      MANUAL_FIELDS.filter((f) => !LEFT_FOR_THE_FORM.includes(f.key)).map((f) => [
        f.key,
        f.type === 'yesno' ? false : f.type === 'text' ? '无' : 0,
      ]),
    );
    await saveWebsiteReport(platform.deps, asActor(room.siteAdmin), room.site.id, year, { expectedVersion: 0, values });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await platform?.close();
  });

  async function person(username: string): Promise<Page> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    await logIn(page, platform.url, username);
    return page;
  }

  it('is completed by the administrator, submitted by the editor and linked on the home page once reviewed', async () => {
    const admin = await person(room.siteAdmin.username);
    await step(admin, 'open the report', async () => {
      await openMenu(admin, '网站年度报表');
      await admin.getByRole('heading', { level: 2, name: '办事服务' }).waitFor();
      await admin.getByText('还有 2 项人工填报内容未填写').waitFor();
      await expectAccessible(admin);
    });
    await step(admin, 'fill in and save', async () => {
      await admin.getByRole('spinbutton', { name: '自然人办件量' }).fill('120');
      await admin.getByRole('radiogroup', { name: '是否提供智能问答功能' }).getByText('否').click();
      await admin.getByRole('button', { name: '保存' }).click();
      await admin.getByText('已保存年度报表').waitFor();
      const saved = await apiGet<WebsiteReport>(admin, `/api/evaluation/website-reports/${year}/sites/${room.site.id}`);
      expect(saved.body).toMatchObject({ version: 2, missing: [] });
      expect(saved.body.values).toMatchObject({ casesNatural: 120, casesTotal: 120, smartQa: false });
      await admin.getByText('还有 2 项人工填报内容未填写').waitFor({ state: 'detached' });
    });

    const editor = await person(room.author.username);
    await step(editor, 'submit', async () => {
      await openMenu(editor, '网站年度报表');
      await editor.getByRole('button', { name: '提交发布' }).click();
      await editor.getByText('年度报表已提交审核，审核通过后在网站首页发布').waitFor();
      await editor.getByText('审核中', { exact: true }).waitFor();
    });

    // The three reviews (their screens have journeys of their own), then the publishing jobs.
    const report = await apiGet<WebsiteReport>(editor, `/api/evaluation/website-reports/${year}/sites/${room.site.id}`);
    const articleId = report.body.article!.id;
    for (const who of [room.firstReviewer, room.sectionReviewer, room.leader]) {
      const current = (await getArticle(platform.deps, factoryActor, articleId)).current?.id as string;
      await approveArticle(platform.deps, asActor(who), articleId, {
        revisionId: current,
        opinion: '同意',
        ...(who === room.leader ? { publish: 'now' } : {}),
      });
    }
    await drainJobs(platform.deps, jobRegistry(), { concurrency: 1 });

    await step(editor, 'home page', async () => {
      await editor.goto(`${platform.url}/sites/${CODE}/`);
      const link = editor.getByRole('link', { name: `${room.site.name}政府网站工作年度报表（${year}年度）` });
      await link.click();
      await editor.getByRole('heading', { level: 1, name: `${room.site.name}政府网站工作年度报表（${year}年度）` }).waitFor();
      await editor.getByRole('cell', { name: '自然人办件量' }).waitFor();
    });
  });
});

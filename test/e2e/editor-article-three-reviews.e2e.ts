import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNewsroom } from '#test/factories.ts';
import {
  animationsSettled,
  apiGet,
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

const TITLE = '市政府办公室召开全市政务公开工作推进会';
const SOURCE = '市人民政府办公室';
const BODY = '本周，市政府办公室召开全市政务公开工作推进会，部署下一阶段重点任务。';
const ADDED = '会议要求各单位按时更新政府网站栏目内容。';

/** The status an approval at each stage leads to (审签 here always publishes at once). */
const NEXT_STATUS: Record<string, string> = { 初审: '审核中（审核）', 审核: '审核中（审签）', 审签: '已发布' };

/** The status tag in the article screen's title bar. */
const statusTag = (page: Page, text: string) => page.locator('.gk-page-title .ant-tag').filter({ hasText: new RegExp(`^${text}$`) });

interface ArticleEventView {
  kind: string;
  stage: string | null;
  actorId: string | null;
  opinion: string | null;
}

describe.runIf(chromiumAvailable)('an article through 初审, 审核 and 审签', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await platform?.close();
  });

  /** A browser of its own for one person, logged in. */
  async function signedIn(username: string, role: string): Promise<Page> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    await step(page, `login-${role}`, () => logIn(page, platform.url, username));
    return page;
  }

  /**
   * From 待我审核, opens the article and approves the stage it waits at. `a11y: false` when
   * this reviewer's screens were already checked in the first round.
   */
  async function approveFromQueue(
    page: Page,
    name: string,
    stage: string,
    opinion: string,
    opts: { publishNow?: boolean; a11y?: boolean } = {},
  ): Promise<void> {
    const { publishNow = false, a11y = true } = opts;
    const expectAccessibleHere = async () => {
      if (a11y) await expectAccessible(page);
    };
    await step(page, name, async () => {
      await openMenu(page, '待我审核');
      const row = page.getByRole('row').filter({ hasText: TITLE });
      await row.getByRole('cell', { name: stage, exact: true }).waitFor();
      await expectAccessibleHere();
      await row.getByRole('link', { name: TITLE }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await statusTag(page, `审核中（${stage}）`).waitFor();
      await expectAccessibleHere();

      await page.getByRole('button', { name: '审核通过' }).click();
      const dialog = page.getByRole('dialog', { name: `审核通过（${stage}）` });
      await dialog.getByLabel('审核意见').fill(opinion);
      if (publishNow) await dialog.getByRole('radio', { name: '通过并立即发布' }).check();
      await expectAccessibleHere();
      // A click that lands while the dialog is still opening can be lost on a busy machine.
      await animationsSettled(page);
      await dialog.getByRole('button', { name: '确定通过' }).click();
      await page
        .getByRole('alert')
        .getByText(publishNow ? '审核通过，稿件已发布' : '审核通过', { exact: true })
        .waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await statusTag(page, NEXT_STATUS[stage] ?? '').waitFor();
    });
  }

  it('passes three reviewers, goes back to 初审 after an edit, then passes again and is published', async () => {
    const room = await buildNewsroom(platform.deps);
    const { author, firstReviewer, sectionReviewer, leader } = room;

    // Everyone works in a browser of their own, all logged in from the start.
    const [authorPage, firstPage, sectionPage, leaderPage] = await Promise.all([
      signedIn(author.username, 'author'),
      signedIn(firstReviewer.username, 'first-reviewer'),
      signedIn(sectionReviewer.username, 'section-reviewer'),
      signedIn(leader.username, 'leader'),
    ]);

    // The author writes the article in the editor and submits it.
    let articleId = '';
    await step(authorPage, 'author-new-article', async () => {
      await openMenu(authorPage, '信息管理');
      await expectAccessible(authorPage);
      await authorPage.getByRole('button', { name: '新建稿件' }).click();
      await authorPage.getByRole('heading', { level: 1, name: '新建稿件' }).waitFor();
      await choose(authorPage, authorPage.getByLabel('信息类型'), '工作动态');
      await choose(authorPage, authorPage.getByLabel('栏目', { exact: true }), '工作动态');
      await authorPage.getByLabel('标题', { exact: true }).fill(TITLE);
      await authorPage.getByLabel('来源', { exact: true }).fill(SOURCE);
      const body = authorPage.getByRole('textbox', { name: '正文' });
      await body.click();
      await authorPage.keyboard.type(BODY);
      await body.getByText(BODY).waitFor();
      await expectAccessible(authorPage);

      await authorPage.getByRole('button', { name: '保存并提交审核' }).click();
      await authorPage.waitForURL(/\/admin\/articles\/[^/]+$/);
      await authorPage.getByRole('alert').getByText('已提交审核', { exact: true }).waitFor();
      await authorPage.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await statusTag(authorPage, '审核中（初审）').waitFor();
      articleId = decodeURIComponent(new URL(authorPage.url()).pathname.split('/').at(-1) ?? '');
      expect(articleId).not.toBe('');
      await expectAccessible(authorPage);
    });

    // 初审 by the other editor, 审核 by the section reviewer.
    await approveFromQueue(firstPage, 'first-review', '初审', '内容属实，同意。');
    await approveFromQueue(sectionPage, 'section-review', '审核', '同意报分管领导审签。');

    // The author edits the article while it waits for 审签: it goes back to 初审.
    await step(authorPage, 'author-edits-after-approval', async () => {
      await authorPage.reload();
      await statusTag(authorPage, '审核中（审签）').waitFor();
      await authorPage.getByRole('button', { name: '编辑' }).click();
      await authorPage.getByRole('heading', { level: 1, name: '编辑稿件' }).waitFor();
      await authorPage.getByText('稿件正在审核流程中').waitFor();
      const body = authorPage.getByRole('textbox', { name: '正文' });
      const paragraph = body.getByText(BODY, { exact: true });
      await expectAccessible(authorPage);
      // A new paragraph after the (one-line) first one. On a loaded machine the editor may still
      // be settling when the first keys arrive; type again only if the text did not land.
      const added = body.getByText(ADDED, { exact: true });
      for (let attempt = 1; ; attempt++) {
        await paragraph.click();
        const focused = await body.evaluate((el: { contains(n: unknown): boolean; ownerDocument: { activeElement: unknown } }) =>
          el.contains(el.ownerDocument.activeElement),
        );
        if (!focused && attempt < 3) continue;
        await authorPage.keyboard.press('End');
        await authorPage.keyboard.press('Enter');
        await authorPage.keyboard.type(ADDED);
        try {
          await added.waitFor({ timeout: 5_000 });
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
      await paragraph.waitFor();
      expect(await added.count()).toBe(1);

      await authorPage.getByRole('button', { name: '保存', exact: true }).click();
      const confirm = authorPage.getByRole('dialog').filter({ hasText: '保存修改？' });
      await confirm.getByText('修改后稿件将退回初审，已有审核意见作废，确定保存？').waitFor();
      await expectAccessible(authorPage);
      await confirm.getByRole('button', { name: '保存并退回初审' }).click();
      await authorPage.getByRole('alert').getByText('已保存为第 2 版，稿件已退回初审', { exact: true }).waitFor();

      await authorPage.getByRole('link', { name: '查看稿件' }).click();
      await authorPage.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await statusTag(authorPage, '审核中（初审）').waitFor();
      await authorPage.getByText(ADDED).first().waitFor();
      await expectAccessible(authorPage);
    });

    // The whole review again, on the new version; the leader signs and publishes at once.
    await approveFromQueue(firstPage, 'first-review-again', '初审', '修改后内容属实，同意。', { a11y: false });
    await approveFromQueue(sectionPage, 'section-review-again', '审核', '同意。', { a11y: false });
    await approveFromQueue(leaderPage, 'leader-approval', '审签', '同意发布。', { publishNow: true });

    await step(leaderPage, 'published', async () => {
      await statusTag(leaderPage, '已发布').waitFor();
      // The review record on the screen lists every decision.
      expect(await leaderPage.getByText('意见：修改后内容属实，同意。').count()).toBe(1);
      await expectAccessible(leaderPage);
      await screenshot(leaderPage, 'editor-article-three-reviews');
      // The author's list shows it published too.
      await openMenu(authorPage, '信息管理');
      await authorPage.getByRole('row').filter({ hasText: TITLE }).getByText('已发布', { exact: true }).waitFor();
    });

    await step(leaderPage, 'history-and-audit', async () => {
      const { status, body: a } = await apiGet<{
        status: string;
        live: boolean;
        liveRevisionNumber: number | null;
        current: { number: number; bodyHtml: string } | null;
        events: ArticleEventView[];
      }>(leaderPage, `/api/articles/${articleId}`);
      expect(status).toBe(200);
      expect(a).toMatchObject({ status: 'published', live: true, liveRevisionNumber: 2, current: { number: 2 } });
      expect(a.current?.bodyHtml).toBe(`<p>${BODY}</p><p>${ADDED}</p>`);
      expect(a.events.map((e) => [e.kind, e.stage, e.actorId, e.opinion])).toEqual([
        ['create', null, author.id, null],
        ['submit', 'firstReview', author.id, null],
        ['approve', 'firstReview', firstReviewer.id, '内容属实，同意。'],
        ['approve', 'sectionReview', sectionReviewer.id, '同意报分管领导审签。'],
        ['edit', null, author.id, '修改后退回初审'],
        ['approve', 'firstReview', firstReviewer.id, '修改后内容属实，同意。'],
        ['approve', 'sectionReview', sectionReviewer.id, '同意。'],
        ['approve', 'leaderApproval', leader.id, '同意发布。'],
        ['publish', null, leader.id, null],
      ]);

      const audit = await platform.deps.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'actor_id', 'result'])
        .where('target_id', '=', articleId)
        .where('action', 'like', 'content.article.%')
        .orderBy('seq')
        .execute();
      expect(audit.map((e) => [e.action, e.actor_id, e.result])).toEqual([
        ['content.article.create', author.id, 'success'],
        ['content.article.submit', author.id, 'success'],
        ['content.article.approve', firstReviewer.id, 'success'],
        ['content.article.approve', sectionReviewer.id, 'success'],
        ['content.article.update', author.id, 'success'],
        ['content.article.approve', firstReviewer.id, 'success'],
        ['content.article.approve', sectionReviewer.id, 'success'],
        ['content.article.approve', leader.id, 'success'],
        ['content.article.publish', leader.id, 'success'],
      ]);
    });
  });
});

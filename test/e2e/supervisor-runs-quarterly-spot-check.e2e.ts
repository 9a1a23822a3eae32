/**
 * 检查评估 from the monitoring to the rectification: the night's checks of the demo city's
 * hosted sites have run. The supervisor starts the quarter's spot check over every site, sees
 * the ranking once it is scored, drafts the circular (a DOCX in 公文 layout, read back) and
 * issues the rectification tasks. The portal's site administrator finds the portal's tasks,
 * reports one fixed and asks for another to be dismissed; the supervisor rejects the dismissal
 * with an opinion, which the history keeps. Every screen passes axe.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskList } from '#common/schemas/evaluation.ts';
import { seedDemo } from '#server/demo/index.ts';
import { docxToText } from '#server/documents/index.ts';
import { evaluationJobs } from '#server/evaluation/index.ts';
import { checkHostedSites } from '#server/monitoring/index.ts';
import { systemActor } from '#server/platform/actor.ts';
import { drainJobs, JobRegistry } from '#server/platform/jobs/index.ts';
import { TEST_PASSWORD } from '#test/factories.ts';
import {
  apiGet,
  choose,
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

const PORTAL = '示例市人民政府门户网站（示例数据）';

describe.runIf(chromiumAvailable)('a supervisor runs the quarter’s spot check; the portal answers its rectification tasks', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const jobs = new JobRegistry(evaluationJobs);

  beforeAll(async () => {
    platform = await startPlatform();
    const { deps } = platform;
    await seedDemo(deps, { password: TEST_PASSWORD });
    await deps.db.kysely
      .updateTable('users')
      .set({ must_change_password: 0 })
      .where('username', 'in', ['supervisor', 'siteadmin'])
      .execute();
    await checkHostedSites(deps, systemActor('e2e-monitoring'));
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

  it('runs from the spot check to the circular, the tasks, the owner’s answers and the decision', async () => {
    const supervisor = await person();
    await step(supervisor, 'new spot check', async () => {
      await logIn(supervisor, platform.url, 'supervisor');
      await openMenu(supervisor, '检查评估');
      await expectAccessible(supervisor);
      await supervisor.getByRole('button', { name: '新建抽查' }).click();
      const dialog = supervisor.getByRole('dialog', { name: '新建抽查' });
      await dialog.getByLabel('抽查名称').fill('第三季度全市政府网站检查');
      await expectAccessible(supervisor);
      await dialog.getByRole('button', { name: '开始抽查' }).click();
      await supervisor.getByRole('heading', { level: 1, name: '第三季度全市政府网站检查' }).waitFor();
    });
    await step(supervisor, 'ranking', async () => {
      // The worker scores the batch; the page refreshes itself until it is done.
      await drainJobs(platform.deps, jobs);
      const ranking = supervisor.getByRole('table', { name: '检查结果排名' });
      await ranking.getByRole('row').filter({ hasText: PORTAL }).getByText('不合格').waitFor({ timeout: 20_000 });
      await supervisor.getByText('已完成').first().waitFor();
      await ranking.getByText('首页不更新（否决', { exact: false }).first().waitFor();
      await supervisor.getByRole('table', { name: '按区县统计' }).getByRole('row').filter({ hasText: '市级' }).waitFor();
      await supervisor.getByRole('table', { name: '按问题类型统计' }).getByRole('row').filter({ hasText: '更新不及时' }).waitFor();
      await supervisor.getByText(/本期收到来信不少于 10 件的网站参与排名/).waitFor();
      // The ranking appears under the pointer: judge it at rest, not hovered.
      await supervisor.mouse.move(0, 0);
      await expectAccessible(supervisor);
    });
    await step(supervisor, 'circular', async () => {
      await supervisor.getByRole('button', { name: '起草通报' }).click();
      const dialog = supervisor.getByRole('dialog', { name: '起草通报' });
      await dialog.getByLabel('发文机关').fill('示例市人民政府办公室');
      await dialog.getByLabel('发文字号').fill('示办函〔2026〕41号');
      const [download] = await Promise.all([
        supervisor.waitForEvent('download'),
        dialog.getByRole('button', { name: '生成通报草稿' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('抽查情况通报（草稿）.docx');
      const text = await docxToText(fs.readFileSync(await download.path()));
      expect(text).toContain('示办函〔2026〕41号');
      expect(text).toMatch(/关于\d{4}年第.季度全市政府网站检查情况的通报/);
      expect(text).toContain(PORTAL);
      await supervisor.getByText('通报草稿已生成').first().waitFor();
    });
    await step(supervisor, 'issue tasks', async () => {
      await supervisor.getByRole('button', { name: '下发整改' }).click();
      const dialog = supervisor.getByRole('dialog', { name: '下发整改' });
      await dialog.getByRole('button', { name: '下发整改' }).click();
      await supervisor
        .getByText(/已下发 \d+ 项整改任务/)
        .first()
        .waitFor();
    });

    await step(supervisor, 'annual results', async () => {
      await openMenu(supervisor, '检查评估');
      const annual = supervisor.getByRole('table', { name: '年度结果' });
      await annual.getByRole('row').filter({ hasText: PORTAL }).waitFor();
      await supervisor.getByText(/年度得分为各期检查得分的加权平均/).waitFor();
      await supervisor.mouse.move(0, 0);
      await expectAccessible(supervisor);
      const [download] = await Promise.all([
        supervisor.waitForEvent('download'),
        supervisor.getByRole('link', { name: /导出 XLSX/ }).click(),
      ]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
      const rows = book.getWorksheet('年度结果')!.getSheetValues().flat().map(String);
      expect(rows).toContain(PORTAL);
    });

    await step(supervisor, 'dashboard', async () => {
      await openMenu(supervisor, '监管驾驶舱');
      await supervisor.getByRole('img', { name: '最近各次抽查的合格率和平均分' }).locator('svg').first().waitFor();
      await supervisor.getByRole('img', { name: '最近一次抽查各区县的合格率' }).locator('svg').first().waitFor();
      await supervisor.getByRole('img', { name: '各类未解决问题的数量' }).locator('svg').first().waitFor();
      await supervisor
        .getByRole('table', { name: '各次抽查的合格率和平均分' })
        .getByRole('row')
        .filter({ hasText: '第三季度全市政府网站检查' })
        .waitFor();
      await supervisor.getByRole('table', { name: '各类未解决问题的数量' }).getByRole('link', { name: '栏目不更新' }).waitFor();
      await supervisor.getByText('整改任务（逾期）').waitFor();
      await supervisor.mouse.move(0, 0);
      await expectAccessible(supervisor);
    });

    const owner = await person();
    let dismissed = '';
    await step(owner, 'owner tasks', async () => {
      await logIn(owner, platform.url, 'siteadmin');
      await openMenu(owner, '整改任务');
      const table = owner.getByRole('table', { name: '整改任务' });
      await table.getByRole('row').filter({ hasText: '首页不更新' }).waitFor();
      const mine = await apiGet<TaskList>(owner, '/api/evaluation/rectification');
      expect(mine.body.items.length).toBeGreaterThan(1);
      expect(mine.body.items.every((t) => t.siteName === PORTAL)).toBe(true);
      await expectAccessible(owner);
    });
    await step(owner, 'report fix', async () => {
      const table = owner.getByRole('table', { name: '整改任务' });
      await table.getByRole('row').filter({ hasText: '首页不更新' }).getByRole('link', { name: PORTAL }).click();
      const drawer = owner.getByRole('dialog', { name: '整改任务' });
      await drawer.getByText('下发整改').waitFor();
      await drawer.getByRole('textbox', { name: /整改情况/ }).fill('已安排专人每日更新首页要闻');
      await expectAccessible(owner);
      await drawer.getByRole('button', { name: '报送整改情况' }).click();
      await drawer.getByText('已报整改，待复查').first().waitFor();
      await drawer.getByText('已安排专人每日更新首页要闻').waitFor();
      // Only dismissal is left to ask for while the re-check runs.
      expect(await drawer.getByRole('button', { name: '报送整改情况' }).count()).toBe(0);
      await drawer.getByRole('button', { name: '申请核销' }).waitFor();
      await owner.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    });
    await step(owner, 'ask dismissal', async () => {
      const table = owner.getByRole('table', { name: '整改任务' });
      const row = table.getByRole('row').filter({ hasText: '服务不实用' });
      await row.getByRole('link', { name: PORTAL }).click();
      const drawer = owner.getByRole('dialog', { name: '整改任务' });
      await drawer.getByRole('radio', { name: '申请核销' }).check();
      await drawer.getByRole('textbox', { name: /核销理由/ }).fill('办事服务已统一由政务服务网提供，门户网站设有入口');
      await drawer.getByRole('button', { name: '申请核销' }).click();
      await drawer.getByText('申请核销，待审批').first().waitFor();
      const list = await apiGet<TaskList>(owner, '/api/evaluation/rectification?state=dismissalRequested');
      dismissed = list.body.items[0]!.id;
    });

    await step(supervisor, 'decide dismissal', async () => {
      await openMenu(supervisor, '整改任务');
      await choose(supervisor, supervisor.getByLabel('状态'), '申请核销，待审批');
      const row = supervisor.getByRole('table', { name: '整改任务' }).getByRole('row').filter({ hasText: '服务不实用' });
      await row.getByRole('link', { name: PORTAL }).click();
      const drawer = supervisor.getByRole('dialog', { name: '整改任务' });
      await drawer.getByText('办事服务已统一由政务服务网提供，门户网站设有入口').waitFor();
      await drawer.getByRole('radio', { name: '驳回' }).check();
      await drawer.getByRole('textbox', { name: /审批意见/ }).fill('门户网站须提供可用的办事入口，请按期整改');
      await expectAccessible(supervisor);
      await drawer.getByRole('button', { name: '审批核销' }).click();
      await drawer.getByText('驳回核销申请').waitFor();
      await drawer.getByText('待整改', { exact: true }).first().waitFor();
      const task = await apiGet<{ state: string }>(supervisor, `/api/evaluation/rectification/${dismissed}`);
      expect(task.body.state).toBe('open');
    });
  });
});

/**
 * 指标体系: the supervisor makes the city's quarterly evaluation from the national table with a
 * stricter pass line, is told exactly which group no longer adds up when a weight is wrong,
 * saves it, saves a second version, and finds that version offered for a new spot check.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemDetail } from '#common/schemas/evaluation.ts';
import { buildUser } from '#test/factories.ts';
import {
  animationsSettled,
  apiGet,
  chromiumAvailable,
  expectAccessible,
  launchBrowser,
  logIn,
  newPage,
  openMenu,
  optionsOf,
  startPlatform,
  step,
  type Platform,
} from './harness.ts';

describe.runIf(chromiumAvailable)('a supervisor keeps the city’s own indicator system', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let supervisor: string;

  beforeAll(async () => {
    platform = await startPlatform();
    supervisor = (await buildUser(platform.deps, { grants: [{ role: 'supervisor' }], displayName: '督查员' })).username;
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await platform?.close();
  });

  it('copies the national table, is refused a weight that does not add up, saves two versions and checks with the newest', async () => {
    await step(page, 'systems', async () => {
      await logIn(page, platform.url, supervisor);
      await openMenu(page, '指标体系');
      await page.getByRole('button', { name: '政府网站检查指标（国办秘函〔2019〕19号）' }).first().waitFor();
      await expectAccessible(page);
    });

    const editor = page.getByRole('dialog', { name: '新建本地指标体系' }).last();
    await step(page, 'copy the national table', async () => {
      await page.getByRole('button', { name: '新建本地指标体系' }).click();
      await page.getByRole('dialog', { name: '新建本地指标体系' }).getByRole('button', { name: '下一步' }).click();
      await editor.getByLabel('编码').waitFor();
      await editor.getByLabel('指标体系名称').fill('某市政府网站季度绩效考评');
      await editor.getByLabel('编码').fill('city-quarterly');
      await editor.getByLabel('合格线（低于此分不合格）').fill('70');
      await editor.getByRole('button', { name: /扣分：互动交流/ }).click();
      await animationsSettled(page);
      await editor.getByLabel('分值', { exact: true }).fill('30');
      await editor.getByRole('textbox', { name: '版本说明' }).fill('按国家指标，合格线提高到 70 分');
      await expectAccessible(page);
      await editor.getByRole('button', { name: '保存指标体系' }).click();
      await expect
        .poll(() => editor.getByRole('alert').textContent())
        .toContain('一级指标“互动交流”各项上限合计 23 分，与其分值 30 分不符');
      await editor.getByLabel('分值', { exact: true }).fill('23');
      await editor.getByRole('button', { name: '保存指标体系' }).click();
      const drawer = page.getByRole('dialog', { name: '指标体系' });
      await drawer.getByText('第 1 版', { exact: true }).waitFor();
    });

    await step(page, 'second version', async () => {
      const drawer = page.getByRole('dialog', { name: '指标体系' });
      await drawer.getByRole('button', { name: '修改（存为第 2 版）' }).click();
      const edit = page.getByRole('dialog', { name: '修改指标体系（存为第 2 版）' });
      await expect.poll(() => edit.getByLabel('编码').isDisabled()).toBe(true);
      await edit.getByLabel('合格线（低于此分不合格）').fill('75');
      await edit.getByRole('textbox', { name: '版本说明' }).fill('合格线提高到 75 分');
      await edit.getByRole('button', { name: '保存为新版本' }).click();
      await drawer.getByText('第 2 版', { exact: true }).waitFor();
      const saved = await apiGet<SystemDetail>(page, '/api/evaluation/systems/city-quarterly');
      expect(saved.body.system).toMatchObject({ version: 2, passLine: 75, name: '某市政府网站季度绩效考评' });
      expect(saved.body.versions.map((v) => [v.version, v.note, v.createdBy])).toEqual([
        [2, '合格线提高到 75 分', '督查员'],
        [1, '按国家指标，合格线提高到 70 分', '督查员'],
      ]);
      expect(saved.body.basedOn).toBe('national-2019@1');
      // The drawer reopened on the saved version: closed with its button once it has settled
      // (an Escape pressed while it still slides in can be lost).
      const shown = drawer.filter({ visible: true });
      await animationsSettled(page);
      await shown
        .getByRole('button', { name: /关闭|Close/ })
        .first()
        .click();
      await expect.poll(() => shown.count()).toBe(0);
    });

    await step(page, 'spot check with it', async () => {
      await openMenu(page, '检查评估');
      await page.getByRole('button', { name: '新建抽查' }).click();
      const dialog = page.getByRole('dialog', { name: '新建抽查' });
      expect(await optionsOf(page, dialog.getByLabel('指标体系'))).toContain('某市政府网站季度绩效考评（第 2 版）');
    });
  });
});

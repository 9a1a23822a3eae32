/**
 * A department's service catalogue from spreadsheet to citizen: the education bureau's service
 * officer imports 200 items from an XLSX made from the platform's own template; the report names
 * the three rows that lack required elements (a place, a phone number given as 暂无, the
 * process); the officer fixes those three in the item editor (and uploads the blank form of one);
 * the section reviewer publishes all 200; a citizen opens the bureau's site, goes 办事服务 →
 * 上学, opens the item and downloads its blank form.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRegistry } from '#server/composition.ts';
import { seedDemo } from '#server/demo/index.ts';
import { serviceItemTemplate } from '#server/guides/index.ts';
import { drainJobs } from '#server/platform/jobs/index.ts';
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

const EDU = '9901000003';
const ITEMS = 200;
const FOUND = '小学新生入学登记';
/** Spreadsheet lines (header is line 1) of the rows that land incomplete, and what each lacks. */
const INCOMPLETE = { 8: '办理地点', 101: '联系电话', 151: '办理流程' } as const;
const code = (i: number) => `E2E-JY-${String(i).padStart(4, '0')}`;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<< /Type /Catalog /Pages 2 0 R >>endobj\n2 0 obj<< /Type /Pages /Kids [] /Count 0 >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** The 200 rows, written into the platform's own import template. */
async function catalogueFile(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await serviceItemTemplate()) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('办事事项')!;
  const headers = (sheet.getRow(1).values as (string | undefined)[]).map((h) => (h ?? '').replace(/\*/g, '').trim());
  for (let i = 1; i <= ITEMS; i++) {
    const line = i + 1;
    const v: Record<string, string> = {
      事项名称: i === 7 ? FOUND : `教育服务事项${String(i).padStart(3, '0')}`,
      事项编码: code(i),
      事项类型: i % 3 === 0 ? '行政许可' : '公共服务',
      服务对象: '个人',
      主题分类: '教育科研',
      人生事件: i === 7 ? '上学' : '就业',
      设定依据: '《中华人民共和国义务教育法》',
      申请条件: '适龄儿童少年',
      办理材料: i === 7 ? '入学登记表|原件1份|是|监护人填写\n户口簿|原件及复印件各1份|是' : '居民身份证|原件1份|是',
      办理机构: '示例市教育和体育局基础教育科',
      办理地点: line === 8 ? '' : '示例市政务服务中心二楼',
      办理时间: '工作日 9:00—17:00',
      承诺时限: '5个工作日',
      收费标准: '不收费',
      办理流程: line === 151 ? '' : '1. 申请：提交材料\n2. 受理\n3. 办结',
      联系电话: line === 101 ? '暂无' : '0000-12345678',
      网办深度: '仅窗口办理',
    };
    sheet.getRow(line).values = headers.map((h) => v[h] ?? null);
  }
  await book.xlsx.writeFile(file);
}

describe.runIf(chromiumAvailable)(
  'a department imports its service items, fixes the incomplete ones and publishes; a citizen finds one by life event',
  () => {
    let platform: Platform;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    const dir = fs.mkdtempSync('/tmp/gk-e2e-guides-');
    const xlsx = `${dir}/教育局办事事项.xlsx`;
    const form = `${dir}/入学登记表.pdf`;

    beforeAll(async () => {
      platform = await startPlatform();
      await seedDemo(platform.deps, { password: TEST_PASSWORD });
      await platform.deps.db.kysely
        .updateTable('users')
        .set({ must_change_password: 0 })
        .where('username', 'in', ['eduservices', 'reviewer'])
        .execute();
      await drainJobs(platform.deps, jobRegistry(), { concurrency: 1 });
      await catalogueFile(xlsx);
      fs.writeFileSync(form, PDF);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
      await platform?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function person(): Promise<Page> {
      const { context, page } = await newPage(browser);
      contexts.push(context);
      return page;
    }

    it('runs from the spreadsheet to the citizen’s download', async () => {
      const officer = await person();
      await step(officer, 'login', async () => {
        await logIn(officer, platform.url, 'eduservices');
        // The dashboard's 办事事项 card: the demo's draft lacks elements.
        await officer.getByRole('link', { name: '要素不全 1 项' }).waitFor();
        await expectAccessible(officer);
      });

      await step(officer, 'import', async () => {
        await openMenu(officer, '办事事项');
        await officer.getByRole('button', { name: /导\s*入$/ }).click();
        const dialog = officer.getByRole('dialog', { name: /导入办事事项/ });
        await dialog.getByLabel('导入文件').setInputFiles(xlsx);
        await expectAccessible(officer);
        await dialog.getByRole('button', { name: '开始导入' }).click();
        await dialog.getByText('导入完成').waitFor({ timeout: 60_000 });
        const text = (await dialog.textContent()) ?? '';
        expect(text).toMatch(/200/);
        const incomplete = dialog.getByRole('table', { name: /要素不全/ }).or(dialog.locator('table').last());
        for (const [line, missing] of Object.entries(INCOMPLETE)) {
          const row = incomplete.getByRole('row').filter({ hasText: code(Number(line) - 1) });
          await row.waitFor();
          expect(await row.textContent()).toContain(missing);
          expect(await row.textContent()).toContain(line);
        }
        await expectAccessible(officer);
        await dialog.getByRole('button', { name: '关闭导入结果' }).click();
        await dialog.waitFor({ state: 'hidden' });
      });

      /** Opens an item from the list by its code. */
      const openItem = async (itemCode: string) => {
        await officer.goto(`${platform.url}/admin/service-items?q=${itemCode}`);
        await officer.getByRole('heading', { level: 1, name: '办事事项' }).waitFor();
        const row = officer.getByRole('row').filter({ hasText: itemCode });
        await row.getByRole('link').first().click();
        await officer.getByLabel('事项名称').waitFor();
      };
      const save = async () => {
        await officer.getByRole('button', { name: /^保\s*存$/ }).click();
        await officer
          .getByText(/已保存/)
          .first()
          .waitFor();
      };

      await step(officer, 'fix the place and attach the form', async () => {
        await openItem(code(7));
        await officer.getByLabel('办理地点').fill('示例市政务服务中心二楼教育窗口');
        const material = officer.getByRole('group', { name: '材料 1' });
        const [chooser] = await Promise.all([
          officer.waitForEvent('filechooser'),
          material.getByRole('button', { name: /上传空白表格/ }).click(),
        ]);
        await chooser.setFiles(form);
        await material
          .getByText(/入学登记表/)
          .first()
          .waitFor();
        // The file link appears under the pointer: judge it at rest, not hovered.
        await officer.mouse.move(0, 0);
        await expectAccessible(officer);
        await save();
      });

      await step(officer, 'fix the phone', async () => {
        await openItem(code(100));
        await officer.getByLabel('联系电话', { exact: true }).fill('0000-12345678');
        await save();
      });

      await step(officer, 'fix the process', async () => {
        await openItem(code(150));
        await officer.getByRole('button', { name: '添加环节' }).click();
        await officer.getByRole('group', { name: '第 1 步' }).getByLabel('环节', { exact: true }).fill('申请');
        await save();
        await expectAccessible(officer);
      });

      await step(officer, 'nothing incomplete is left of the import', async () => {
        await officer.goto(`${platform.url}/admin/service-items?q=E2E-JY&incomplete=true`);
        await officer.getByText('没有符合条件的事项').waitFor();
      });

      const reviewer = await person();
      await step(reviewer, 'publish all 200', async () => {
        await logIn(reviewer, platform.url, 'reviewer');
        await reviewer.goto(`${platform.url}/admin/service-items?q=E2E-JY&state=draft&size=200`);
        await reviewer
          .getByRole('row')
          .filter({ hasText: code(200) })
          .waitFor();
        await reviewer.getByRole('button', { name: '全选本页' }).click();
        await reviewer.getByText('已选择 200 个事项').waitFor();
        await reviewer.getByRole('button', { name: '发布所选' }).click();
        await reviewer
          .getByText(/已发布 200 个事项/)
          .first()
          .waitFor({ timeout: 60_000 });
        await expectAccessible(reviewer);
      });
      await drainJobs(platform.deps, jobRegistry(), { concurrency: 1 });

      const citizen = await person();
      await step(citizen, 'find by life event and download the form', async () => {
        const home = await citizen.goto(`${platform.url}/sites/${EDU}/`);
        expect(home?.status()).toBe(200);
        await citizen.getByRole('navigation').getByRole('link', { name: '办事服务', exact: true }).first().click();
        await citizen.getByRole('heading', { level: 1, name: '办事服务' }).waitFor();
        await expectAccessible(citizen);
        await citizen.getByRole('link', { name: '上学' }).click();
        await citizen.getByRole('heading', { level: 1, name: /上学/ }).waitFor();
        await expectAccessible(citizen);
        await citizen.getByRole('link', { name: FOUND }).click();
        await citizen.getByRole('heading', { level: 1, name: FOUND }).waitFor();
        const main = (await citizen.locator('main').textContent()) ?? '';
        for (const element of ['设定依据', '申请条件', '办理材料', '办理地点', '办理流程', '联系电话', '示例市政务服务中心二楼教育窗口'])
          expect(main).toContain(element);
        await expectAccessible(citizen);
        const [download] = await Promise.all([
          citizen.waitForEvent('download'),
          citizen.getByRole('link', { name: /下载“入学登记表”空白表格/ }).click(),
        ]);
        const saved = await download.path();
        expect(fs.readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      });
    });
  },
);

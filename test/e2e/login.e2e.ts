import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '#test/factories.ts';
import {
  chromiumAvailable,
  launchBrowser,
  newPage,
  screenshot,
  seriousA11yViolations,
  startPlatform,
  step,
  type Platform,
} from './harness.ts';

describe.runIf(chromiumAvailable)('logging in to the back office', () => {
  let platform: Platform;
  let browser: Browser;
  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('a new platform admin logs in with the one-time password, must change it, and reaches the dashboard', async () => {
    const user = await buildUser(platform.deps, {
      username: 'newadmin',
      displayName: '新系统管理员',
      grants: [{ role: 'platformAdmin' }],
      mustChangePassword: true,
    });
    const { context, page } = await newPage(browser);
    try {
      await step(page, 'login-page', async () => {
        await page.goto(`${platform.url}/admin/`);
        await page.getByLabel('用户名').waitFor();
        expect(await seriousA11yViolations(page)).toEqual([]);
      });
      await step(page, 'sign-in', async () => {
        await page.getByLabel('用户名').fill(user.username);
        await page.getByLabel('密码').fill(TEST_PASSWORD);
        await page.getByRole('button', { name: '登录' }).click();
        await page.getByText('首次登录须修改初始密码').waitFor();
        expect(await seriousA11yViolations(page)).toEqual([]);
      });
      await step(page, 'change-password', async () => {
        await page.getByLabel('当前密码').fill(TEST_PASSWORD);
        await page.getByLabel('新密码', { exact: true }).fill('Xinmima#2026');
        await page.getByLabel('确认新密码').fill('Xinmima#2026');
        await page.getByRole('button', { name: /确认修改|修改密码|保存/ }).click();
        await page.getByRole('navigation').first().waitFor();
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(await page.getByText('系统管理').count()).toBeGreaterThan(0);
        expect(await page.getByText('内容发布').count()).toBe(0);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await screenshot(page, 'dashboard-platform-admin');
      });
    } finally {
      await context.close();
    }
  });

  it('a user locked out after five wrong passwords is told when to retry', async () => {
    const user = await buildUser(platform.deps, { username: 'lockme' });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${platform.url}/admin/login`);
      for (let i = 1; i <= 5; i++) {
        await step(page, `wrong-password-${i}`, async () => {
          await page.getByLabel('用户名').fill(user.username);
          await page.getByLabel('密码').fill(`wrong-${i}`);
          await page.getByRole('button', { name: '登录' }).click();
          await page
            .getByRole('alert')
            .filter({ hasText: i < 5 ? `还可尝试 ${5 - i} 次` : '账号已锁定' })
            .waitFor();
        });
      }
      const alert = await page.getByRole('alert').filter({ hasText: '账号已锁定' }).innerText();
      expect(alert).toMatch(/请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 后重试/);
      await screenshot(page, 'locked-out');
      // Even the right password is refused until the lock ends.
      await page.getByLabel('用户名').fill(user.username);
      await page.getByLabel('密码').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').filter({ hasText: '账号已锁定' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/**
 * End-to-end harness: the real platform (HTTP server with the built admin) on a free port
 * over a fresh database, and headless Debian Chromium driven by playwright-core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureAdminBuilt } from '#server/cli/admin-build.ts';
import { createHttpApp } from '#server/composition.ts';
import type { Deps } from '#server/platform/deps.ts';
import { TEST_PASSWORD } from '../factories.ts';
import { createTestDeps } from '../support.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM);
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results/e2e');

if (!chromiumAvailable) {
  const msg = `e2e journeys skipped: Chromium not found at ${CHROMIUM} (install the Debian package "chromium"; .ci/run does)`;
  if (process.env.GONGKAI_E2E_REQUIRED === '1') throw new Error(msg.replace('skipped', 'required but cannot run'));
  console.warn(msg);
}

export interface Platform {
  deps: Deps;
  url: string;
  close(): Promise<void>;
}

/** Starts the platform on 127.0.0.1 with a fresh database (SQLite, or PostgreSQL via DATABASE_URL). */
export async function startPlatform(): Promise<Platform> {
  ensureAdminBuilt(() => undefined);
  const deps = await createTestDeps({ now: new Date().toISOString() });
  // Journeys run in real time: the browser's idle timers and the server must agree on "now".
  const live: Deps = { ...deps, clock: { now: () => new Date() } };
  const app = await createHttpApp(live);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return {
    deps: live,
    url: `http://127.0.0.1:${addr.port}`,
    async close() {
      await app.close();
      await deps.db.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Serious and critical axe-core violations on the current screen (WCAG 2.1 AA rules), once
 * the screen is at rest: antd fades modals and messages in, and a screen judged mid-fade
 * shows half-transparent colours, so a finding is confirmed by checking again (up to ~3 s)
 * before it is reported. A real violation stays and is reported.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const until = Date.now() + 3_000;
  for (;;) {
    await animationsSettled(page);
    const found = await axeFindings(page);
    if (found.length === 0 || Date.now() > until) return found;
  }
}

async function axeFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`,
    );
}

/** Fails the journey step with every serious or critical axe finding on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/**
 * Waits (up to 5 s) until no finite CSS animation or transition is running, apart from the
 * click ripple antd leaves on buttons (.ant-wave), which changes no colour the page shows.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page
    .waitForFunction(
      `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.target?.classList?.contains('ant-wave') || !Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))`,
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

/** Saves a screenshot named after the journey step (kept by CI as an artifact on failure). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs a journey step and keeps a screenshot of the page when it fails. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
    throw e;
  }
}

/** Logs in through the login screen and waits for the signed-in frame (main menu and a heading). */
export async function logIn(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** Opens a side-menu entry (its group is open by default) and waits for the screen's heading. */
export async function openMenu(page: Page, label: string, heading = label): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * Picks `option` in an antd Select or TreeSelect: clicks the control, optionally types to
 * filter, and clicks the entry whose title is the option text in the open dropdown.
 */
export async function choose(page: Page, control: Locator, option: string, opts: { search?: string } = {}): Promise<void> {
  await control.click();
  if (opts.search !== undefined) await control.fill(opts.search);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  // A click that lands while the dropdown is still sliding in can miss its entry on a busy
  // machine: the dropdown then stays open. Let it settle, and click again if it did not close
  // (these are single selects: clicking the chosen entry again keeps it chosen).
  for (let attempt = 1; ; attempt++) {
    await animationsSettled(page);
    await dropdown.getByTitle(option, { exact: true }).click();
    try {
      await dropdown.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/** The option texts an antd Select offers (opens it, reads them, closes it with Escape). */
export async function optionsOf(page: Page, control: Locator): Promise<string[]> {
  await control.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.waitFor();
  const texts = await dropdown.locator('.ant-select-item-option').allTextContents();
  await control.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
  return texts.map((t) => t.trim());
}

/** GET `path` from the page with its session cookie: the status and the parsed JSON body. */
export async function apiGet<T = unknown>(page: Page, path: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'include', headers: { accept: 'application/json' } });
    return { status: res.status, body: (await res.json()) as T };
  }, path);
}

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRequest } from '#server/disclosure/index.ts';
import { activateSite, asActor, buildNewsroom, buildUser } from '#test/factories.ts';
import { residentIdCheckChar } from '#common/identity.ts';
import {
  apiGet,
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

const CODE = '9901990004';

describe.runIf(chromiumAvailable)('the supervision office oversees disclosure and services across the city', () => {
  let platform: Platform;
  let browser: Browser;
  let supervisorName: string;
  let siteName: string;
  let orgName: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    const room = await buildNewsroom(platform.deps);
    await activateSite(platform.deps, room.site.id, { code: CODE, domains: ['jg.e2e-city.gov.cn'] });
    siteName = room.site.name;
    orgName = (
      await platform.deps.db.kysely.selectFrom('orgs').select('name').where('id', '=', room.site.sponsorOrgId).executeTakeFirstOrThrow()
    ).name;
    supervisorName = (await buildUser(platform.deps, { grants: [{ role: 'supervisor' }], displayName: '督查员' })).username;
    // A request received long ago and never answered: overdue.
    const officer = await buildUser(platform.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }] });
    const body = '110105194912310';
    await registerRequest(platform.deps, asActor(officer), {
      siteId: room.site.id,
      applicant: {
        kind: 'person',
        name: '赵六',
        idType: 'residentId',
        idNumber: `${body}02${residentIdCheckChar(`${body}02`)}`,
        phone: '13700000000',
      },
      description: '2025 年城区道路改造工程的立项批复',
      forms: ['electronic'],
      channels: ['email'],
      receipt: { channel: 'inPerson', submittedOn: '2026-01-05' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('a supervisor sees the overdue requests, every site’s catalogue and an org’s annual report', async () => {
    const { context, page } = await newPage(browser);
    try {
      await step(page, 'oversight-overdue', async () => {
        await logIn(page, platform.url, supervisorName);
        await openMenu(page, '逾期申请');
        const row = page.getByRole('row').filter({ hasText: siteName });
        await row.getByText('已逾期').waitFor();
        await row.getByText('2026-01-05').waitFor();
        await expectAccessible(page);
      });
      await step(page, 'oversight-catalogue', async () => {
        await openMenu(page, '公开目录');
        await page.getByRole('button', { name: siteName }).waitFor();
        await expectAccessible(page);
      });
      await step(page, 'oversight-annual-report', async () => {
        await openMenu(page, '年报', '政府信息公开工作年度报告');
        await choose(page, page.getByLabel('单位'), orgName);
        await page.getByText('一、总体情况').first().waitFor();
        await page.getByText('三、收到和处理政府信息公开申请情况').first().waitFor();
        await expectAccessible(page);
      });
    } finally {
      await context.close();
    }
  });

  it('a supervisor sees every site’s services with the veto risk, and sets the required elements', async () => {
    const { context, page } = await newPage(browser);
    try {
      await step(page, 'oversight-services', async () => {
        await logIn(page, platform.url, supervisorName);
        await openMenu(page, '办事服务监管');
        // The newsroom's site publishes no service item: the national veto 服务不实用.
        await page.getByRole('row').filter({ hasText: siteName }).getByText('未提供办事服务').waitFor();
        await expectAccessible(page);
      });
      await step(page, 'oversight-required-elements', async () => {
        await page.getByRole('checkbox', { name: '在线办理' }).check();
        const interval = page.getByLabel('复核周期（天）');
        await interval.fill('180');
        await page.getByRole('button', { name: /保存设置/ }).click();
        await page.getByText('必备要素设置已保存').first().waitFor();
        const saved = await apiGet<{ requiredElements: string[]; reviewIntervalDays: number }>(page, '/api/guides/settings');
        expect(saved.body.requiredElements).toContain('onlineUrl');
        expect(saved.body.reviewIntervalDays).toBe(180);
        await expectAccessible(page);
      });
    } finally {
      await context.close();
    }
  });
});

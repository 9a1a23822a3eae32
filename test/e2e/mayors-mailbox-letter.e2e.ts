/**
 * A citizen writes to the demo city's 市长信箱 on the portal (plain HTML pages, no script);
 * the portal's letter office 受理s it and 交办s it to the 自然资源和规划局, whose handler 转办s it
 * to the 教育和体育局; that bureau accepts the transfer, writes the reply and submits it to its
 * leader, who approves it. The answer is then on the portal's 信件选登 without the writer's name
 * and phone (both also written inside the letter), the writer reads it on the tracking page and
 * rates it 满意, and the letter's record in the back office lists every step in order.
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '#server/demo/index.ts';
import { TEST_PASSWORD } from '#test/factories.ts';
import {
  choose,
  chromiumAvailable,
  expectAccessible,
  launchBrowser,
  logIn,
  newPage,
  openMenu,
  screenshot,
  startPlatform,
  step,
  type Platform,
} from './harness.ts';

/** The demo city's portal (server/demo/seed-demo.ts). */
const PORTAL = '9901000001';
const LAND = '示例市自然资源和规划局';
const EDU = '示例市教育和体育局';
/** The demo accounts who take part (server/demo/seed-demo.ts). */
const STAFF = ['letters', 'landletters', 'eduletters', 'leader'] as const;
const DIGITS = '零一二三四五六七八九';
const WRITER = { name: '韩晓梅', phone: '13912345678' };
const TITLE = '锦绣花园配套小学什么时候建成招生？';
const CONTENT = `我家住在锦绣花园，小区规划图上东侧有一所配套小学，但至今没有动工。请问这所小学什么时候建成，明年秋季能否招生？\n我是${WRITER.name}，电话 ${WRITER.phone}，请与我联系。`;
const ASSIGN_NOTE = '请核实锦绣花园配套小学的用地规划情况并答复来信人。';
const TRANSFER_REASON = '配套小学用地已按规划供地，学校建设进度和招生安排属教育和体育局职责，请其答复。';
const REPLY =
  '您好！锦绣花园配套小学已列入我市中小学建设计划，计划明年六月竣工，明年秋季开始招生。具体招生范围将在招生前通过我局网站公布。感谢您对教育工作的关心！';
const APPROVAL = '同意答复。';
const COMMENT = '答复清楚，谢谢！';

describe.runIf(chromiumAvailable)('a letter to the 市长信箱 through 交办, 转办 and the leader’s review', () => {
  let platform: Platform;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    // The demo city with its staff; their password is known and current (no forced change).
    await seedDemo(platform.deps, { password: TEST_PASSWORD });
    await platform.deps.db.kysely
      .updateTable('users')
      .set({ must_change_password: 0 })
      .where('username', 'in', [...STAFF])
      .execute();
    browser = await launchBrowser();
    base = `${platform.url}/sites/${PORTAL}/`;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await platform?.close();
  });

  /** A browser of its own for one person. */
  async function person(): Promise<Page> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    return page;
  }

  /** A browser of its own for one member of staff, logged in. */
  async function signedIn(username: (typeof STAFF)[number]): Promise<Page> {
    const page = await person();
    await step(page, `login-${username}`, () => logIn(page, platform.url, username));
    return page;
  }

  /** A public page as served: its status, axe-clean, and plain HTML (no script). */
  async function publicPage(page: Page, res: Response | null, status = 200): Promise<void> {
    expect(res?.status()).toBe(status);
    await expectAccessible(page);
    expect(await page.locator('script').count()).toBe(0);
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
  async function follow(page: Page, name: string): Promise<Response> {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest()),
      page.getByRole('link', { name, exact: true }).click(),
    ]);
    await page.waitForLoadState();
    return res;
  }

  /** The value of one item of the letter screen's descriptions (状态, 办理单位 …). */
  const item = (page: Page, label: string) =>
    page
      .locator('.ant-descriptions-item')
      .filter({ has: page.locator('.ant-descriptions-item-label').getByText(label, { exact: true }) })
      .locator('.ant-descriptions-item-content');

  /** The letter's state tag, once it reads `text`. */
  const stateTag = (page: Page, text: string) => item(page, '状态').locator('.ant-tag').getByText(text, { exact: true });

  /** The 办理单位 item, once it reads `text`. */
  const handlingOrg = (page: Page, text: string) => item(page, '办理单位').getByText(text, { exact: true });

  /** From 信件办理, opens the letter (its 受理编号 links to it). `a11y` checks the list too. */
  async function openLetter(page: Page, trackingNo: string, opts: { a11y?: boolean } = {}): Promise<void> {
    await openMenu(page, '信件办理');
    const link = page.getByRole('link', { name: new RegExp(`^${trackingNo}`) });
    await link.waitFor();
    if (opts.a11y) await expectAccessible(page);
    await link.click();
    await page.getByRole('heading', { level: 1, name: `信件 ${trackingNo}` }).waitFor();
  }

  /** Picks a step in the 办理 panel (a button-style radio: its input is hidden, its label takes the click). */
  async function chooseAction(page: Page, label: string): Promise<void> {
    const group = page.getByRole('radiogroup', { name: '办理操作' });
    const radio = page.getByRole('radio', { name: label, exact: true });
    await group.locator('label').filter({ has: radio }).click();
    await group.getByRole('radio', { name: label, exact: true, checked: true }).waitFor({ state: 'attached' });
  }

  /** Takes the chosen step with its button and waits for the message that it was done. */
  async function takeAction(page: Page, button: string, done: string): Promise<void> {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('alert').getByText(done, { exact: true }).waitFor();
  }

  it('is assigned, transferred, answered after review, published without the writer, and rated 满意', async () => {
    const citizen = await person();
    let trackingNo = '';
    let queryCode = '';

    await step(citizen, 'citizen-writes', async () => {
      await publicPage(citizen, await citizen.goto(`${base}hdjl/`));
      await citizen.getByRole('heading', { level: 3, name: '市长信箱' }).waitFor();
      const res = await follow(citizen, '给市长信箱写信');
      const opened = Date.now();
      await publicPage(citizen, res);
      await citizen.getByRole('heading', { level: 1, name: '我要写信' }).waitFor();
      // The link chose the channel.
      expect(await citizen.getByLabel('信件类型 *').locator('option:checked').textContent()).toMatch(/^市长信箱（/);
      await citizen.getByLabel('信件分类 *').selectOption('教育');
      await citizen.getByLabel('标题 *').fill(TITLE);
      await citizen.getByLabel(/^内容 \*/).fill(CONTENT);
      await citizen.getByLabel('姓名 *').fill(WRITER.name);
      await citizen.getByLabel('联系电话 *').fill(WRITER.phone);
      await citizen.getByLabel('同意在网站上公开本信件的标题、内容及答复').check();
      const question = (await citizen.locator('label[for="f-answer"]').textContent()) ?? '';
      const [, a, b] = /([零一二三四五六七八九])加([零一二三四五六七八九])等于几/.exec(question)!;
      await citizen.getByLabel(/等于几/).fill(String(DIGITS.indexOf(a!) + DIGITS.indexOf(b!)));
      // A person takes more than a few seconds to fill the form; the server refuses faster posts.
      await citizen.waitForTimeout(Math.max(0, 3_500 - (Date.now() - opened)));
      await publicPage(citizen, await submit(citizen, '提交信件'), 201);
      await citizen.getByRole('heading', { level: 1, name: '信件已提交' }).waitFor();
      await citizen.getByText('您写给市长信箱的信件已于').waitFor();
      trackingNo = (await citizen.locator('#tracking-no').textContent())!.trim();
      queryCode = (await citizen.locator('#query-code').textContent())!.trim();
      expect(trackingNo).toMatch(/^\d{14}$/);
      expect(queryCode).toMatch(/^\d{8}$/);
    });

    // The portal's letter office: 受理, then 交办 to the 自然资源和规划局.
    const office = await signedIn('letters');
    await step(office, 'office-dashboard', async () => {
      // The work dashboard counts the portal's letters waiting at each step (the demo's and this one).
      const card = office.locator('.ant-card').filter({ has: office.getByText('待办信件', { exact: true }) });
      await card.getByText('待受理').waitFor();
      const waiting = await card
        .locator('.ant-statistic')
        .filter({ hasText: '待受理' })
        .locator('.ant-statistic-content-value')
        .textContent();
      expect(Number(waiting)).toBeGreaterThanOrEqual(2);
      await expectAccessible(office);
    });
    await step(office, 'office-assigns', async () => {
      await openLetter(office, trackingNo, { a11y: true });
      await stateTag(office, '待受理').waitFor();
      await office.getByText(CONTENT.split('\n')[0]!).waitFor();
      await expectAccessible(office);
      await chooseAction(office, '受理');
      await takeAction(office, '受理', '已受理');
      await stateTag(office, '办理中').waitFor();

      await chooseAction(office, '交办');
      await choose(office, office.getByLabel('承办单位'), LAND, { search: '自然资源' });
      await office.getByLabel('交办意见').fill(ASSIGN_NOTE);
      await expectAccessible(office);
      await takeAction(office, '交办', '已交办');
      await handlingOrg(office, LAND).waitFor();
      await stateTag(office, '办理中').waitFor();
    });

    // The 自然资源和规划局 passes it on to the 教育和体育局.
    const land = await signedIn('landletters');
    await step(land, 'land-transfers', async () => {
      await openLetter(land, trackingNo, { a11y: true });
      await stateTag(land, '办理中').waitFor();
      await chooseAction(land, '转办');
      await choose(land, land.getByLabel('转办单位'), EDU, { search: '教育和体育' });
      await land.getByLabel('转办理由').fill(TRANSFER_REASON);
      await expectAccessible(land);
      await takeAction(land, '转办', '已转办，等待对方单位确认');
      await stateTag(land, '转办待确认').waitFor();
      await handlingOrg(land, `${LAND}（转办待确认：${EDU}）`).waitFor();
    });

    // The 教育和体育局 accepts the transfer, writes the reply and submits it to its leader.
    const edu = await signedIn('eduletters');
    await step(edu, 'edu-replies', async () => {
      await openLetter(edu, trackingNo, { a11y: true });
      await stateTag(edu, '转办待确认').waitFor();
      await chooseAction(edu, '接收转办');
      await expectAccessible(edu);
      await takeAction(edu, '接收转办', '已接收转办');
      await stateTag(edu, '办理中').waitFor();
      await handlingOrg(edu, EDU).waitFor();

      await edu.getByLabel('答复内容').fill(REPLY);
      await edu.getByText('保存答复后可提交审核。').waitFor();
      await takeAction(edu, '保存答复', '答复已保存');
      await edu.getByText('本渠道的答复须经领导审核后发送给来信人。').waitFor();
      await expectAccessible(edu);
      await takeAction(edu, '提交审核', '答复已提交审核');
      await stateTag(edu, '答复待审核').waitFor();
    });

    // The bureau's leader approves the reply: it goes to the writer and onto the portal.
    const leader = await signedIn('leader');
    await step(leader, 'leader-approves', async () => {
      await openLetter(leader, trackingNo, { a11y: true });
      await stateTag(leader, '答复待审核').waitFor();
      await leader.getByText(REPLY, { exact: true }).waitFor();
      await chooseAction(leader, '审核通过');
      await leader.getByLabel('审核意见').fill(APPROVAL);
      await expectAccessible(leader);
      await takeAction(leader, '审核通过', '审核通过，答复已发送');
      await stateTag(leader, '已答复').waitFor();
    });

    await step(citizen, 'citizen-reads-published', async () => {
      await citizen.goto(`${base}hdjl/`);
      await publicPage(citizen, await follow(citizen, '查看已答复的信件'));
      const list = citizen.getByRole('table', { name: /已答复信件/ });
      const row = list.getByRole('row').filter({ hasText: TITLE });
      await row.getByRole('cell', { name: EDU, exact: true }).waitFor();
      const listHtml = await citizen.content();
      expect(listHtml).not.toContain(WRITER.name);
      expect(listHtml).not.toContain(WRITER.phone);
      await publicPage(citizen, await follow(citizen, TITLE));
      await citizen.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      expect(await citizen.locator('#letter-reply-org').textContent()).toBe(EDU);
      await citizen.getByText(REPLY, { exact: true }).waitFor();
      // The question is there with the name and the number masked.
      await citizen.getByText('请问这所小学什么时候建成，明年秋季能否招生？', { exact: false }).waitFor();
      await citizen.getByText(/^我是＊+，电话\s*＊+，请与我联系。$/).waitFor();
      const html = await citizen.content();
      expect(html).not.toContain(WRITER.name);
      expect(html).not.toContain(WRITER.phone);
      await screenshot(citizen, 'mayors-mailbox-letter-published');
    });

    const lookUp = async () => {
      await publicPage(citizen, await citizen.goto(`${base}hdjl/cx/`));
      await citizen.getByLabel('信件编号').fill(trackingNo);
      await citizen.getByLabel('查询码').fill(queryCode);
      await publicPage(citizen, await submit(citizen, '查询'));
      await citizen.getByRole('heading', { level: 1, name: '信件办理情况' }).waitFor();
    };

    await step(citizen, 'citizen-rates', async () => {
      await lookUp();
      expect(await citizen.locator('#letter-state').textContent()).toBe('已答复');
      await citizen.locator('#letter-reply').getByText(REPLY, { exact: true }).waitFor();
      await citizen.getByRole('group', { name: '您对答复是否满意 *' }).getByLabel('满意', { exact: true }).check();
      await citizen.getByLabel(/评价意见/).fill(COMMENT);
      await publicPage(citizen, await submit(citizen, '提交评价'));
      await citizen.getByRole('status').getByText('感谢您的评价').waitFor();
      expect(await citizen.locator('#letter-rating').textContent()).toBe(`您的评价：满意（${COMMENT}）`);
      // Looked up again later, the letter keeps the rating and cannot be rated twice.
      await lookUp();
      expect(await citizen.locator('#letter-rating').textContent()).toBe(`您的评价：满意（${COMMENT}）`);
      expect(await citizen.getByRole('radio').count()).toBe(0);
    });

    await step(edu, 'history', async () => {
      await openLetter(edu, trackingNo);
      await stateTag(edu, '已答复').waitFor();
      await item(edu, '已公开').getByText('是', { exact: true }).waitFor();
      const rating = edu.locator('.ant-card').filter({ has: edu.getByText('来信人评价', { exact: true }) });
      await rating.getByText('满意', { exact: true }).waitFor();
      // The record, oldest first: who did what, with the note given (the time line is left out).
      const record = edu.locator('.ant-card').filter({ has: edu.getByText('办理记录', { exact: true }) });
      await record.getByRole('listitem').first().waitFor();
      const steps = (await record.getByRole('listitem').allInnerTexts()).map((t) =>
        t
          .split('\n')
          .slice(1)
          .map((l) => l.trim())
          .join(' / '),
      );
      expect(steps).toEqual([
        '系统 来信',
        '门户网站信件办理员 受理',
        `门户网站信件办理员 交办 / ${ASSIGN_NOTE}`,
        `自然资源和规划局信件办理员 转办 / ${TRANSFER_REASON}`,
        '教育和体育局信件办理员 接收转办',
        '教育和体育局信件办理员 保存答复',
        '教育和体育局信件办理员 提交审核',
        `教育局分管领导 审核通过 / ${APPROVAL}`,
        '教育局分管领导 答复已发送',
        `系统 来信人评价 / ${COMMENT}`,
      ]);
      await expectAccessible(edu);
      await screenshot(edu, 'mayors-mailbox-letter-history');

      // The audit trail has the same steps, each by the account that took it (the writer's by no account).
      const db = platform.deps.db.kysely;
      const ids = new Map(
        (
          await db
            .selectFrom('users')
            .select(['id', 'username'])
            .where('username', 'in', [...STAFF])
            .execute()
        ).map((u) => [u.id, u.username]),
      );
      const { id } = await db.selectFrom('letters').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
      const audit = await db
        .selectFrom('audit_events')
        .select(['action', 'actor_id', 'result'])
        .where('target_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(audit.map((e) => [e.action, e.actor_id === null ? 'citizen' : ids.get(e.actor_id), e.result])).toEqual([
        ['interaction.letter.submit', 'citizen', 'success'],
        ['interaction.letter.accept', 'letters', 'success'],
        ['interaction.letter.assign', 'letters', 'success'],
        ['interaction.letter.transfer', 'landletters', 'success'],
        ['interaction.letter.acceptTransfer', 'eduletters', 'success'],
        ['interaction.letter.draftReply', 'eduletters', 'success'],
        ['interaction.letter.submitReply', 'eduletters', 'success'],
        ['interaction.letter.approveReply', 'leader', 'success'],
        ['interaction.letter.rate', 'citizen', 'success'],
      ]);
    });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateSite, asActor, buildNewsroom, buildUser } from '#test/factories.ts';
import { createTestApp, type TestApp } from '#test/http.ts';
import { recordDelivery, recordRequestEvent } from './index.ts';

let t: TestApp;
let dataDir: string;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
const CODE = '9901000007';
const DIGITS = '零一二三四五六七八九';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-ysqgk-'));
  // Friday 13 February 2026 in Beijing: the reply is due after 春节, on 2026-03-19.
  t = await createTestApp({ config: { GONGKAI_DATA_DIR: dataDir }, now: '2026-02-13T02:00:00.000Z' });
  room = await buildNewsroom(t.deps);
  await activateSite(t.deps, room.site.id, { code: CODE, domains: ['ysq.example-city.gov.cn'] });
});

afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const form = (body: Record<string, string | string[]>) =>
  t.app.inject({
    method: 'POST',
    url: `/sites/${CODE}/ysqgk`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(
      Object.entries(body).flatMap(([k, v]): [string, string][] => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]])),
    ).toString(),
  });
const tracking = (body: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: `/sites/${CODE}/ysqgkcx`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(body).toString(),
  });
const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
const requestCount = async () => (await t.deps.db.kysely.selectFrom('disclosure_requests').select('id').execute()).length;

/** The form, filled by someone who read the question, a few seconds later. */
async function filledForm(over: Record<string, string | string[]> = {}): Promise<Record<string, string | string[]>> {
  const page = (await t.app.inject({ method: 'GET', url: `/sites/${CODE}/ysqgk` })).body;
  const q = /([零一二三四五六七八九])加([零一二三四五六七八九])等于几/.exec(page)!;
  t.deps.clock.advance(10_000);
  return {
    step: 'check',
    kind: 'person',
    name: '李四',
    idType: 'residentId',
    idNumber: '11010519491231002X',
    phone: '13912345678',
    description: '示例市 2025 年城乡居民医保财政补助资金的分配文件',
    forms: 'electronic',
    channels: ['email', 'online'],
    email: 'lisi@example.cn',
    answer: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)),
    challenge: hidden(page, 'challenge'),
    ...over,
  };
}

describe('the public 依申请公开 pages', () => {
  it('take a request through a confirmation step, then give a tracking number, a query code and the due date', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/sites/${CODE}/ysqgk` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('政府信息公开申请');
    expect(page.body).not.toContain('<script');

    const check = await form(await filledForm());
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('确认提交');
    expect(await requestCount()).toBe(0); // nothing is received before the applicant confirms

    const confirm = await form({ step: 'confirm', data: hidden(check.body, 'data') });
    expect(confirm.statusCode).toBe(201);
    const trackingNo = /id="tracking-no">(\d+)</.exec(confirm.body)![1]!;
    const queryCode = /id="query-code">(\d+)</.exec(confirm.body)![1]!;
    expect(confirm.body).toContain('2026-03-19');
    expect(await requestCount()).toBe(1);

    // The same confirmation again (a double click) registers nothing more.
    const again = await form({ step: 'confirm', data: hidden(check.body, 'data') });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(trackingNo);
    expect(await requestCount()).toBe(1);

    const status = await tracking({ action: 'lookup', trackingNo, queryCode });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('办理中');
    expect(/id="request-due">([^<]*)</.exec(status.body)![1]).toBe('2026-03-19');
  });

  it('lets the applicant amend when asked, moves the due date as the rules say, and shows the reply', async () => {
    const check = await form(await filledForm({ description: '请提供有关文件' }));
    const confirm = await form({ step: 'confirm', data: hidden(check.body, 'data') });
    const trackingNo = /id="tracking-no">(\d+)</.exec(confirm.body)![1]!;
    const queryCode = /id="query-code">(\d+)</.exec(confirm.body)![1]!;
    const id = (
      await t.deps.db.kysely.selectFrom('disclosure_requests').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow()
    ).id;
    const officer = asActor(await buildUser(t.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }] }));

    t.deps.clock.set('2026-02-27T02:00:00.000Z');
    await recordRequestEvent(t.deps, officer, id, {
      event: { type: 'amendmentRequested', on: '2026-02-27', applicantDeadline: '2026-03-13' },
      note: '请写明所需文件的名称或文号。',
    });
    const asked = await tracking({ action: 'lookup', trackingNo, queryCode });
    expect(asked.body).toContain('待补正');
    expect(asked.body).toContain('请写明所需文件的名称或文号。');
    expect(asked.body).toContain('name="amendment"');

    t.deps.clock.set('2026-03-16T02:00:00.000Z');
    const amended = await tracking({ action: 'amend', trackingNo, queryCode, amendment: '示例市医保局 2025 年第 3 号文件' });
    expect(amended.statusCode).toBe(200);
    expect(/id="request-due">([^<]*)</.exec(amended.body)![1]).toBe('2026-04-14');
    expect(amended.body).not.toContain('name="amendment"');

    t.deps.clock.set('2026-03-20T02:00:00.000Z');
    await recordRequestEvent(t.deps, officer, id, {
      event: { type: 'answered', on: '2026-03-20', outcome: 'disclosed' },
      note: '所需文件已通过电子邮件发送。',
    });
    const answered = await tracking({ action: 'lookup', trackingNo, queryCode });
    expect(answered.body).toContain('已答复');
    expect(answered.body).toContain('予以公开');
    expect(answered.body).toContain('所需文件已通过电子邮件发送。');

    // The delivery is the applicant's to see; the office's receipt note is not.
    t.deps.clock.set('2026-03-23T02:00:00.000Z');
    await recordDelivery(t.deps, officer, id, {
      on: '2026-03-21',
      method: 'post',
      trackingNumber: 'EMS1234567890',
      receiptNote: '门卫代收',
    });
    const delivered = await tracking({ action: 'lookup', trackingNo, queryCode });
    expect(delivered.body).toContain('2026-03-21 答复已送达');
    expect(delivered.body).toContain('送达方式：邮寄（邮件号 EMS1234567890）');
    expect(delivered.body).not.toContain('门卫代收');
  });

  it('answers hostile or broken input with a page that says why, never a 500, and stores nothing', async () => {
    const before = await requestCount();
    const cases: Record<string, string | string[]>[] = [
      await filledForm({ answer: '999' }),
      await filledForm({ challenge: 'forged.token' }),
      await filledForm({ website: 'http://spam.example' }),
      await filledForm({ idNumber: '110105194912310021' }),
      await filledForm({ name: '<script>alert(1)</script>', description: 'x'.repeat(10_000) }),
      await filledForm({ kind: "'; DROP TABLE disclosure_requests; --", forms: [], channels: 'teleport' }),
      await filledForm({ phone: '\u0000\u0007' }),
      {},
    ];
    for (const body of cases) {
      const res = await form(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body).toContain('role="alert"');
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
    for (const data of ['', 'x.y', 'eyJmb3JtIjp7fX0.AAAA']) expect((await form({ step: 'confirm', data })).statusCode).toBe(400);
    expect(await requestCount()).toBe(before);

    const lookups: Record<string, string>[] = [
      { action: 'lookup', trackingNo: '20260213000000', queryCode: '00000000' },
      { action: 'lookup', trackingNo: "1' OR '1'='1", queryCode: '' },
      { action: 'amend', trackingNo: '', queryCode: '', amendment: 'x' },
    ];
    for (const body of lookups) expect((await tracking(body)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/sites/nosuchsite/ysqgk' })).statusCode).toBe(404);
  });
});

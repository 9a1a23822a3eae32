import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import formbody from '@fastify/formbody';
import { Document, Packer, Paragraph } from 'docx';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAuthenticator } from '#server/accounts/index.ts';
import { ROUTES } from '#server/composition.ts';
import { buildApp } from '#server/platform/http/app.ts';
import { createPublicSites } from '#server/publishing/index.ts';
import { activateSite, buildSite, factoryActor } from '#test/factories.ts';
import { createTestApp, type TestApp } from '#test/http.ts';
import { actOnLetter, createChannel, submitLetter } from './index.ts';
import { publicLetterRoutes } from './public.routes.ts';

let t: TestApp;
let dataDir: string;
let siteId: string;
let otherSiteId: string;
let channelId: string;
let otherChannelId: string;
let closedChannelId: string;
const CODE = '9901000021';
const OTHER = '9901000022';
const DIGITS = '零一二三四五六七八九';
const WRITER = { name: '王小明', phone: '13912345678' };

/** The app as composed, plus the letter pages when the composition does not have them yet. */
async function letterApp(opts: Parameters<typeof createTestApp>[0]): Promise<TestApp> {
  const composed = await createTestApp(opts);
  if (composed.app.hasRoute({ method: 'GET', url: '/sites/:code/hdjl/' })) return composed;
  await composed.app.close();
  const deps = composed.deps;
  const publicSites = createPublicSites(deps);
  const app = await buildApp(deps, {
    authenticate: sessionAuthenticator(deps),
    routes: [...ROUTES, publicLetterRoutes, publicSites.routes],
    front: publicSites.front,
  });
  return {
    deps,
    app,
    async close() {
      await app.close();
      await deps.db.close();
    },
  };
}

async function openChannel(site: string, orgId: string, over: Record<string, unknown> = {}): Promise<string> {
  const c = await createChannel(t.deps, factoryActor, site, {
    kind: 'consultation',
    name: '政策咨询',
    handlingOrgId: orgId,
    replyDays: 5,
    publishReplies: true,
    reviewReplies: false,
    reopenOnUnsatisfied: true,
    intro: '就政策执行中的问题提出咨询。',
    enabled: true,
    ...over,
  });
  return c.id;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-hdjl-'));
  // Friday 13 February 2026 in Beijing, the day before the 春节 holiday's 调休 Saturday.
  t = await letterApp({ config: { GONGKAI_DATA_DIR: dataDir }, now: '2026-02-13T02:00:00.000Z' });
  const site = await buildSite(t.deps, { name: '示例市人民政府网站' });
  const other = await buildSite(t.deps, { name: '示例县人民政府网站' });
  siteId = site.id;
  otherSiteId = other.id;
  await activateSite(t.deps, siteId, { code: CODE, domains: ['hd.example-city.gov.cn'] });
  await activateSite(t.deps, otherSiteId, { code: OTHER, domains: ['hd.example-county.gov.cn'] });
  channelId = await openChannel(siteId, site.sponsorOrgId);
  closedChannelId = await openChannel(siteId, site.sponsorOrgId, { kind: 'complaint', name: '投诉（暂停）', enabled: false });
  otherChannelId = await openChannel(otherSiteId, other.sponsorOrgId, { name: '县长信箱', kind: 'leaderMailbox' });
});

afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Each request comes from its own address: the POST rate limit (20 a minute) is checked on its own.
let visitor = 0;
const address = () => `10.1.${(++visitor >> 8) & 255}.${visitor & 255}`;

const get = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: address() });

interface Upload {
  filename: string;
  bytes: Buffer;
  field?: string;
}

/** A multipart body as a browser sends it: the fields, then the files of the attachments input. */
function multipart(fields: Record<string, string | string[]>, files: Upload[]) {
  const boundary = `----gk${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    for (const x of [v].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
  for (const f of files) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'attachments'}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    parts.push(Buffer.from(head), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const postLetter = (fields: Record<string, string | string[]>, files: Upload[] = [], code = CODE) =>
  t.app.inject({ method: 'POST', url: `/sites/${code}/hdjl/xx/`, remoteAddress: address(), ...multipart(fields, files) });
const postUrlencoded = (url: string, body: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    remoteAddress: address(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(body).toString(),
  });
const track = (body: Record<string, string>, code = CODE) => postUrlencoded(`/sites/${code}/hdjl/cx/`, body);

const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
const letterCount = async () => (await t.deps.db.kysely.selectFrom('letters').select('id').where('site_id', '=', siteId).execute()).length;

/** The form, filled by someone who read the question, a few seconds later. */
async function filledForm(over: Record<string, string | string[]> = {}, code = CODE): Promise<Record<string, string | string[]>> {
  const page = (await get(`/sites/${code}/hdjl/xx/`)).body;
  const q = /([零一二三四五六七八九])加([零一二三四五六七八九])等于几/.exec(page)!;
  t.deps.clock.advance(10_000);
  return {
    channelId,
    category: '社会保障',
    title: '关于城乡居民医保缴费时间的咨询',
    content: `请问 2026 年度城乡居民医保的缴费截止时间是哪天？\n我叫${WRITER.name}，电话 ${WRITER.phone}。`,
    name: WRITER.name,
    phone: WRITER.phone,
    email: 'xm@example.cn',
    consentPublish: '1',
    answer: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)),
    challenge: hidden(page, 'challenge'),
    website: '',
    ...over,
  };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function receiptOf(res: LightMyRequestResponse): { trackingNo: string; queryCode: string } {
  return {
    trackingNo: /id="tracking-no">(\d+)</.exec(res.body)![1]!,
    queryCode: /id="query-code">(\d+)</.exec(res.body)![1]!,
  };
}

/** Accepts and answers a letter as its handling office (no review on this channel: the reply goes out and is published). */
async function answer(trackingNo: string, reply: string): Promise<string> {
  const row = await t.deps.db.kysely.selectFrom('letters').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
  await actOnLetter(t.deps, factoryActor, row.id, { action: 'accept' });
  await actOnLetter(t.deps, factoryActor, row.id, { action: 'draftReply', reply });
  await actOnLetter(t.deps, factoryActor, row.id, { action: 'submitReply' });
  return row.id;
}

describe('the public letter pages', () => {
  it('take a letter with attachments, give a receipt, show the reply and take the rating, never showing the name or phone', async () => {
    // Pages anyone may see; and the tracking pages, which show the letter to its writer as written.
    const shown: string[] = [];
    const tracked: string[] = [];
    const home = await get(`/sites/${CODE}/hdjl/`);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('政策咨询');
    expect(home.body).toContain('5 个工作日内答复');
    expect(home.body).not.toContain('投诉（暂停）');
    for (const href of ['xx/?channel=', 'cx/', 'xj/', 'tj/', 'zjdc/']) expect(home.body).toContain(`href="${href}`);
    expect(home.body).not.toContain('<script');

    const form = await get(`/sites/${CODE}/hdjl/xx/?channel=${channelId}`);
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toMatch(new RegExp(`<option value="${channelId}"\\s+selected>`));
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('姓名和联系电话在任何情况下都不会公开');

    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('缴费凭证说明')] }] }));
    const sent = await postLetter(await filledForm(), [
      { filename: '缴费凭证.pdf', bytes: PDF },
      { filename: 'photo.PNG', bytes: PNG },
      { filename: '说明.docx', bytes: docx },
    ]);
    expect(sent.statusCode, sent.body).toBe(201);
    shown.push(sent.body);
    const { trackingNo, queryCode } = receiptOf(sent);
    expect(trackingNo).toMatch(/^20260213\d{6}$/);
    expect(queryCode).toMatch(/^\d{8}$/);
    const row = await t.deps.db.kysely.selectFrom('letters').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
    // Five working days after 春节 (its 调休 Saturday counts), not counting the day of receipt.
    expect(row.due_on).toBe('2026-02-27');
    expect(/id="letter-due">([^<]*)</.exec(sent.body)![1]).toContain('2026-02-27');
    expect(row.writer_name).not.toContain(WRITER.name);
    expect(row.writer_phone).not.toContain(WRITER.phone);
    // Kept with the letter, encrypted (attachments.test.ts looks closer).
    const attachments = await t.deps.db.kysely
      .selectFrom('letter_attachments')
      .select(['seq', 'mime', 'size'])
      .where('letter_id', '=', row.id)
      .orderBy('seq')
      .execute();
    expect(attachments).toEqual([
      { seq: 1, mime: 'application/pdf', size: PDF.length },
      { seq: 2, mime: 'image/png', size: PNG.length },
      { seq: 3, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: docx.length },
    ]);

    const received = await track({ action: 'lookup', trackingNo, queryCode });
    expect(received.statusCode).toBe(200);
    expect(received.headers['cache-control']).toBe('no-store');
    expect(/id="letter-state">([^<]*)</.exec(received.body)![1]).toBe('待受理');
    expect(received.body).toContain('尚未答复');
    expect(received.body).not.toContain('name="rating"');
    tracked.push(received.body);

    t.deps.clock.set('2026-02-27T02:00:00.000Z');
    const letterId = await answer(trackingNo, '2026 年度城乡居民医保集中缴费期截至 2026 年 3 月 31 日。');
    const replied = await track({ action: 'lookup', trackingNo, queryCode });
    expect(/id="letter-state">([^<]*)</.exec(replied.body)![1]).toBe('已答复');
    expect(replied.body).toContain('集中缴费期截至 2026 年 3 月 31 日');
    expect(replied.body.match(/name="rating"/g)).toHaveLength(3);
    tracked.push(replied.body);

    const rated = await track({ action: 'rate', trackingNo, queryCode, rating: 'satisfied', comment: '答复及时，谢谢。' });
    expect(rated.statusCode).toBe(200);
    expect(rated.body).toContain('感谢您的评价');
    expect(/id="letter-rating">([^<]*)</.exec(rated.body)![1]).toBe('您的评价：满意（答复及时，谢谢。）');
    expect(rated.body).not.toContain('name="rating"');
    tracked.push(rated.body);
    // Rated once: the same post again is refused with the page saying why.
    const again = await track({ action: 'rate', trackingNo, queryCode, rating: 'unsatisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('该信件暂不能评价或已经评价');

    const list = await get(`/sites/${CODE}/hdjl/xj/`);
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('public, max-age=60');
    expect(list.body).toContain('关于城乡居民医保缴费时间的咨询');
    for (const heading of ['标题', '渠道', '分类', '来信日期', '答复日期', '答复单位'])
      expect(list.body).toContain(`<th scope="col">${heading}</th>`);
    expect(list.body).toContain(`href="${letterId}"`);
    shown.push(list.body);

    const one = await get(`/sites/${CODE}/hdjl/xj/${letterId}`);
    expect(one.statusCode).toBe(200);
    expect(/id="letter-received">([^<]*)</.exec(one.body)![1]).toBe('2026-02-13');
    expect(/id="letter-replied">([^<]*)</.exec(one.body)![1]).toBe('2026-02-27');
    expect(/id="letter-reply-org">([^<]*)</.exec(one.body)![1]).not.toBe('');
    for (const label of ['留言时间', '答复时间', '答复单位', '来信内容', '答复内容']) expect(one.body).toContain(label);
    expect(one.body).toContain('请问 2026 年度城乡居民医保的缴费截止时间是哪天？');
    shown.push(one.body);

    const stats = await get(`/sites/${CODE}/hdjl/tj/`);
    expect(stats.statusCode).toBe(200);
    expect(stats.body).toContain('2026 年各渠道来信办理情况');
    expect(/id="stats-received">(\d+)</.exec(stats.body)![1]).toBe(String(await letterCount()));
    expect(Number(/id="stats-answered">(\d+)</.exec(stats.body)![1])).toBeGreaterThanOrEqual(1);
    shown.push(stats.body);

    shown.push(home.body);
    for (const body of shown) {
      expect(body).not.toContain(WRITER.name);
      expect(body).not.toContain(WRITER.phone);
      expect(body).not.toContain('xm@example.cn');
    }
    // The writer typed both into the letter; the form's name, phone and e-mail fields are never shown.
    for (const body of tracked) {
      expect(body.split(WRITER.name)).toHaveLength(2);
      expect(body.split(WRITER.phone)).toHaveLength(2);
      expect(body).not.toContain('xm@example.cn');
    }
  });

  it('treats the same form sent twice as one letter and shows the second the same receipt, query code included', async () => {
    const body = await filledForm({ title: '关于公交线路调整的建议' });
    const first = await postLetter(body);
    expect(first.statusCode).toBe(201);
    const before = await letterCount();
    // A double click: the browser shows the answer to the second post, which must still let the writer track the letter.
    const second = await postLetter(body);
    expect(second.statusCode).toBe(200);
    expect(receiptOf(second)).toEqual(receiptOf(first));
    expect(await letterCount()).toBe(before);
    // A form older than two hours is not taken again at all.
    t.deps.clock.advance(3 * 3_600_000);
    const stale = await postLetter(body);
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('页面已超过 2 小时，请重新填写');
    expect(await letterCount()).toBe(before);
  });

  it('answers hostile or broken letter forms with the form again, the reasons and the typed values, and stores nothing', async () => {
    const before = await letterCount();
    const filesBefore = (await t.deps.db.kysely.selectFrom('letter_attachments').select('id').execute()).length;
    const script = '<script>alert(1)</script>';
    const cases: [string, Record<string, string | string[]>, Upload[], string][] = [
      ['markup in the title', await filledForm({ title: '<b>加粗标题</b>' }), [], '标题不能包含 HTML 标记或脚本'],
      ['a script in the content', await filledForm({ content: script }), [], '内容不能包含 HTML 标记或脚本'],
      ['control characters', await filledForm({ name: '王\u0000\u0007' }), [], '姓名包含无法识别的字符'],
      ['a 100 KB field', await filledForm({ content: '长'.repeat(100_000) }), [], '内容不能超过 5000 个字符'],
      ['a bad phone', await filledForm({ phone: '12345' }), [], '联系电话应为 11 位手机号码或带区号的固定电话'],
      ['a bad e-mail', await filledForm({ email: 'not-an-address' }), [], '电子邮箱格式不正确'],
      ['a category not on the list', await filledForm({ category: "'; DROP TABLE letters; --" }), [], '请选择信件分类'],
      ['an unknown channel', await filledForm({ channelId: 'no-such-channel' }), [], '所选信件类型不存在'],
      ["another site's channel", await filledForm({ channelId: otherChannelId }), [], '所选信件类型不存在'],
      ['a closed channel', await filledForm({ channelId: closedChannelId }), [], '所选信件类型不存在'],
      ['no channel', await filledForm({ channelId: '' }), [], '请选择信件类型'],
      ['a forged challenge', await filledForm({ challenge: 'eyJuIjoiMDAiLCJoIjoiMDAiLCJ0IjowfQ.AAAA' }), [], '页面已失效'],
      ['a wrong answer', await filledForm({ answer: '99' }), [], '验证问题回答不正确'],
      ["the challenge of another site's form", await filledForm({}, OTHER), [], '页面已失效'],
      [
        'the challenge of the 依申请公开 form',
        await filledForm({ challenge: hidden((await get(`/sites/${CODE}/ysqgk`)).body, 'challenge') }),
        [],
        '页面已失效',
      ],
      ['the honeypot filled', await filledForm({ website: 'http://spam.example' }), [], '页面已失效'],
      ['binary content named .pdf', await filledForm(), [{ filename: '证明.pdf', bytes: randomBytes(4096) }], '内容与扩展名不符'],
      ['a PNG named .pdf', await filledForm(), [{ filename: '证明.pdf', bytes: PNG }], '内容与扩展名不符'],
      ['a program', await filledForm(), [{ filename: 'setup.exe', bytes: Buffer.from('MZ\x90\x00') }], '格式不支持'],
      ['markup in a file name', await filledForm(), [{ filename: '<img src=x>.pdf', bytes: PDF }], '附件文件名不能包含 HTML 标记或脚本'],
      ['an empty file', await filledForm(), [{ filename: 'empty.pdf', bytes: Buffer.alloc(0) }], '是空文件'],
      [
        'a file over 5 MB',
        await filledForm(),
        [{ filename: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]) }],
        '超过 5 MB',
      ],
      ['four files', await filledForm(), Array.from({ length: 4 }, (_, i) => ({ filename: `f${i}.pdf`, bytes: PDF })), '最多上传 3 个附件'],
    ];
    for (const [what, fields, files, message] of cases) {
      const res = await postLetter(fields, files);
      expect(res.statusCode, what).toBe(400);
      expect(res.headers['cache-control'], what).toBe('no-store');
      expect(res.body, what).toContain('role="alert"');
      expect(res.body, what).toContain(message);
      expect(res.body, what).not.toContain(script);
      expect(res.body, what).not.toContain('<b>加粗标题</b>');
      // Typed values are kept; the challenge answer is not.
      if (fields.name === WRITER.name) expect(res.body, what).toContain(`value="${WRITER.name}"`);
      expect(/id="f-answer"[^>]*value="([^"]*)"/.exec(res.body)?.[1], what).toBe('');
      if (files.length) expect(res.body, what).toContain('如需附件，请重新选择附件文件');
    }
    const kept = await postLetter(await filledForm({ title: '<b>加粗标题</b>', answer: '99' }));
    expect(kept.body).toContain('value="&lt;b&gt;加粗标题&lt;/b&gt;"');
    expect(kept.body).toContain(`value="${WRITER.name}"`);
    expect(kept.body).toContain('请问 2026 年度城乡居民医保的缴费截止时间是哪天？');

    // Too fast: the form is posted the moment it was fetched.
    const filled = await filledForm();
    const page = (await get(`/sites/${CODE}/hdjl/xx/`)).body;
    const quick = await postLetter({ ...filled, challenge: hidden(page, 'challenge') });
    expect(quick.statusCode).toBe(400);
    expect(quick.body).toContain('提交过快');

    // Urlencoded works too, with the same checks; a 100 KB field gets the page, not a bare 413.
    const urlencoded = await postUrlencoded(`/sites/${CODE}/hdjl/xx/`, {
      ...((await filledForm()) as Record<string, string>),
      content: 'x'.repeat(100_000),
    });
    expect(urlencoded.statusCode).toBe(400);
    expect(urlencoded.body).toContain('内容不能超过 5000 个字符');

    // Broken bodies: a bad boundary, a body cut off, a field named after the prototype, nothing at all.
    const broken = [
      { payload: 'garbage', headers: { 'content-type': 'multipart/form-data; boundary=nothing' } },
      {
        payload: '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      },
      multipart({ ...(await filledForm()), ...(JSON.parse('{"__proto__": "x"}') as Record<string, string>) }, []),
      multipart({ constructor: 'x' }, []),
      { payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ];
    for (const b of broken) {
      const res = await t.app.inject({ method: 'POST', url: `/sites/${CODE}/hdjl/xx/`, remoteAddress: address(), ...b });
      expect(res.statusCode, String(b.payload).slice(0, 40)).toBe(400);
      expect(res.body).toContain('role="alert"');
    }

    expect(await letterCount()).toBe(before);
    expect((await t.deps.db.kysely.selectFrom('letter_attachments').select('id').execute()).length).toBe(filesBefore);
    expect((await postLetter(await filledForm(), [], 'nosuchsite')).statusCode).toBe(404);
    expect((await get('/sites/nosuchsite/hdjl/xx/')).statusCode).toBe(404);
  });

  it('tracks only with the right number and code of this site, and refuses bad ratings with the reasons', async () => {
    const sent = await postLetter(await filledForm({ title: '关于路灯维修的咨询' }));
    const { trackingNo, queryCode } = receiptOf(sent);
    const wrong: [Record<string, string>, string?][] = [
      [{ action: 'lookup', trackingNo, queryCode: queryCode === '00000000' ? '11111111' : '00000000' }],
      [{ action: 'lookup', trackingNo, queryCode: '' }],
      [{ action: 'lookup', trackingNo: "1' OR '1'='1", queryCode: '' }],
      [{ action: 'rate', trackingNo, queryCode: '12345678', rating: 'satisfied' }],
      [{ action: 'lookup', trackingNo, queryCode }, OTHER],
    ];
    for (const [body, code] of wrong) {
      const res = await track(body, code);
      expect(res.statusCode, JSON.stringify(body)).toBe(404);
      expect(res.body).toContain('信件编号或查询码不正确');
    }
    expect((await track({ action: 'lookup', trackingNo, queryCode }, 'nosuchsite')).statusCode).toBe(404);

    // Not answered yet: nothing to rate.
    const early = await track({ action: 'rate', trackingNo, queryCode, rating: 'satisfied' });
    expect(early.statusCode).toBe(409);

    t.deps.clock.advance(86_400_000);
    await answer(trackingNo, '已安排维修。');
    const bad: [Record<string, string>, string][] = [
      [{ rating: 'ecstatic' }, '请选择满意程度'],
      [{ rating: 'satisfied', comment: '<script>alert(1)</script>' }, '评价意见不能包含 HTML 标记或脚本'],
      [{ rating: 'satisfied', comment: '长'.repeat(600) }, '评价意见不能超过 500 个字符'],
    ];
    for (const [over, message] of bad) {
      const res = await track({ action: 'rate', trackingNo, queryCode, ...over });
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain(message);
      expect(res.body).not.toContain('<script>alert(1)</script>');
      expect(res.body.match(/name="rating"/g)).toHaveLength(3);
    }
    // Not satisfied: the channel reopens the letter.
    const unhappy = await track({ action: 'rate', trackingNo, queryCode, rating: 'unsatisfied' });
    expect(unhappy.statusCode).toBe(200);
    expect(/id="letter-state">([^<]*)</.exec(unhappy.body)![1]).toBe('办理中');
  });

  it('lists answered letters 20 a page with numbered pages, and answers a missing page or letter with a 404 page', async () => {
    const site = await buildSite(t.deps, { name: '示例市教育局网站' });
    await activateSite(t.deps, site.id, { code: '9901000023', domains: ['jy.example-city.gov.cn'] });
    const channel = await openChannel(site.id, site.sponsorOrgId);
    const ids: string[] = [];
    for (let i = 1; i <= 21; i++) {
      const done = await submitLetter(t.deps, {
        siteId: site.id,
        form: {
          channelId: channel,
          category: '教育',
          title: `关于学校课后服务的咨询第${i}件`,
          content: '课后服务几点结束？',
          name: '李四',
          phone: '13800000000',
          consentPublish: true,
        },
        attachments: [],
        idempotencyKey: `list-${i}`,
      });
      t.deps.clock.advance(60_000);
      ids.push(await answer(done.trackingNo, '课后服务至 18 点结束。'));
    }
    const first = await get('/sites/9901000023/hdjl/xj/');
    expect(first.body.match(/<tr>/g)).toHaveLength(21); // the head and 20 letters
    expect(first.body).toContain('共 21 件');
    expect(first.body).toContain('aria-label="第 2 页"');
    expect(first.body).toContain('href="./?page=2"');
    const second = await get('/sites/9901000023/hdjl/xj/?page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('关于学校课后服务的咨询第1件');
    expect(second.body).toContain('aria-current="page" aria-label="第 2 页，当前页"');
    for (const p of ['3', '0', '-1', 'abc', '1e3', '99999999']) {
      const res = await get(`/sites/9901000023/hdjl/xj/?page=${p}`);
      expect(res.statusCode, p).toBe(404);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000', '%3Cscript%3E']) {
      const res = await get(`/sites/9901000023/hdjl/xj/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.body).toContain('信件不存在或已撤回公开');
      expect(res.body).not.toContain('<script>');
    }
    // A published letter of one site is not a page of another.
    expect((await get(`/sites/${CODE}/hdjl/xj/${ids[0]}`)).statusCode).toBe(404);
    // Not published until answered.
    const quiet = await submitLetter(t.deps, {
      siteId: site.id,
      form: {
        channelId: channel,
        category: '教育',
        title: '未答复',
        content: '内容',
        name: '李四',
        phone: '13800000000',
        consentPublish: true,
      },
      attachments: [],
      idempotencyKey: 'list-quiet',
    });
    expect((await get(`/sites/9901000023/hdjl/xj/${quiet.id}`)).statusCode).toBe(404);
  });

  it('sends folder addresses without the slash to the folder, and answers unknown sites with 404', async () => {
    for (const p of ['hdjl', 'hdjl/xx', 'hdjl/cx', 'hdjl/xj', 'hdjl/tj']) {
      const res = await get(`/sites/${CODE}/${p}`);
      expect(res.statusCode, p).toBe(301);
      expect(res.headers.location).toBe(`${p.split('/').at(-1)}/`);
    }
    for (const p of ['hdjl/', 'hdjl/xx/', 'hdjl/cx/', 'hdjl/xj/', 'hdjl/tj/'])
      expect((await get(`/sites/nosuchsite/${p}`)).statusCode, p).toBe(404);
  });

  it('takes urlencoded and multipart posts also inside a scope that already parses forms with a smaller limit', async () => {
    const app = await buildApp(t.deps, {
      authenticate: sessionAuthenticator(t.deps),
      routes: [
        async (scope, deps) => {
          await scope.register(formbody, { bodyLimit: 64 * 1024 });
          await publicLetterRoutes(scope, deps);
        },
      ],
    });
    try {
      const big = await app.inject({
        method: 'POST',
        url: `/sites/${CODE}/hdjl/xx/`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...((await filledForm()) as Record<string, string>), content: 'x'.repeat(100_000) }).toString(),
      });
      expect(big.statusCode).toBe(400);
      expect(big.body).toContain('内容不能超过 5000 个字符');
      const sent = await app.inject({
        method: 'POST',
        url: `/sites/${CODE}/hdjl/xx/`,
        ...multipart(await filledForm({ title: '同一表单的另一种组合' }), []),
      });
      expect(sent.statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('slows down a visitor who posts more than 20 forms a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (
          await t.app.inject({
            method: 'POST',
            url: `/sites/${CODE}/hdjl/cx/`,
            remoteAddress: '10.9.9.9',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'action=lookup',
          })
        ).statusCode,
      );
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateSite, buildSite, factoryActor } from '#test/factories.ts';
import { createTestApp, type TestApp } from '#test/http.ts';
import { FORM_COOKIE, SESSION_POSTS_MAX, SESSION_WINDOW_MS } from './form-throttle.ts';
import { createChannel } from './index.ts';

let t: TestApp;
let siteId: string;
let channelId: string;
const CODE = '9901000041';
const SITE_NAME = '示例市限流测试网站';
const DIGITS = '零一二三四五六七八九';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00.000Z' });
  const site = await buildSite(t.deps, { name: SITE_NAME });
  siteId = site.id;
  await activateSite(t.deps, siteId, { code: CODE, domains: ['xl.example-city.gov.cn'] });
  const channel = await createChannel(t.deps, factoryActor, siteId, {
    kind: 'consultation',
    name: '政策咨询',
    handlingOrgId: site.sponsorOrgId,
    replyDays: 5,
    publishReplies: true,
    reviewReplies: false,
    reopenOnUnsatisfied: true,
    intro: '就政策执行中的问题提出咨询。',
    enabled: true,
  });
  channelId = channel.id;
});

afterAll(async () => {
  await t.close();
});

const url = (path: string) => `/sites/${CODE}/hdjl/${path}`;
const cookiesOf = (session: string | null) => (session ? { cookies: { [FORM_COOKIE]: session } } : {});
const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
const letterCount = async () => (await t.deps.db.kysely.selectFrom('letters').select('id').where('site_id', '=', siteId).execute()).length;

/** A visitor's browser: the address it posts from and its forms cookie (null: cookies disabled). */
interface Visitor {
  ip: string;
  session: string | null;
}

/** Opens the letter form and gives the visitor the cookie it sets (a browser with cookies keeps it). */
async function arrive(ip: string, cookies = true): Promise<Visitor> {
  const page = await t.app.inject({ method: 'GET', url: url('xx/'), remoteAddress: ip });
  const set = page.cookies.find((c) => c.name === FORM_COOKIE);
  if (!set) throw new Error('the form page set no cookie');
  return { ip, session: cookies ? set.value : null };
}

const post = (v: Visitor, path: string, body: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: url(path),
    remoteAddress: v.ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(body).toString(),
    ...cookiesOf(v.session),
  });

/** Fetches the form as the visitor, answers its question a few seconds later and posts a letter. */
async function writeLetter(v: Visitor, over: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const page = (await t.app.inject({ method: 'GET', url: url('xx/'), remoteAddress: v.ip, ...cookiesOf(v.session) })).body;
  const q = /([零一二三四五六七八九])加([零一二三四五六七八九])等于几/.exec(page)!;
  t.deps.clock.advance(10_000);
  return post(v, 'xx/', {
    channelId,
    category: '社会保障',
    title: '关于医保缴费时间的咨询',
    content: '请问今年城乡居民医保的缴费截止时间是哪天？',
    name: '王小明',
    phone: '13912345678',
    consentPublish: '1',
    answer: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)),
    challenge: hidden(page, 'challenge'),
    website: '',
    ...over,
  });
}

function expectThrottledPage(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toContain('text/html');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.body).toContain('提交过于频繁');
  // In the site's own frame, not a bare error.
  expect(res.body).toContain(SITE_NAME);
  expect(res.body).not.toContain('GK_ERR_RATE_LIMITED');
}

describe('per-session throttling of the public letter forms', () => {
  it('sets a session cookie only on the no-store form pages, never on the cached pages', async () => {
    for (const path of ['xx/', 'cx/']) {
      const res = await t.app.inject({ method: 'GET', url: url(path), remoteAddress: '10.3.0.1' });
      expect(res.headers['cache-control'], path).toBe('no-store');
      const set = res.cookies.find((c) => c.name === FORM_COOKIE);
      expect(set, path).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(set?.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(set?.maxAge, path).toBeUndefined();
      expect(set?.expires, path).toBeUndefined();
      // A visitor who has one keeps it; a value that is not one of ours is replaced.
      const again = await t.app.inject({ method: 'GET', url: url(path), cookies: { [FORM_COOKIE]: set!.value } });
      expect(again.headers['set-cookie'], path).toBeUndefined();
      const forged = await t.app.inject({ method: 'GET', url: url(path), cookies: { [FORM_COOKIE]: 'x' } });
      expect(forged.cookies.find((c) => c.name === FORM_COOKIE)?.value, path).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
    for (const path of ['', 'xj/', 'tj/']) {
      const res = await t.app.inject({ method: 'GET', url: url(path) });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('public, max-age=60');
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
    // No page for an unknown site, and no cookie with its 404.
    expect((await t.app.inject({ method: 'GET', url: '/sites/nosuchsite/hdjl/xx/' })).headers['set-cookie']).toBeUndefined();
  });

  it('stops one session after five letters in ten minutes while another session and another address still get through', async () => {
    const before = await letterCount();
    const limited = await arrive('10.3.1.1');
    // A form sent back with a mistake takes no place: a person correcting a typo is not locked out.
    const typo = await writeLetter(limited, { answer: '99' });
    expect(typo.statusCode).toBe(400);
    for (let i = 0; i < SESSION_POSTS_MAX; i++) expect((await writeLetter(limited)).statusCode, `letter ${i + 1}`).toBe(201);
    const sixth = await writeLetter(limited);
    expectThrottledPage(sixth);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(SESSION_WINDOW_MS / 1000);
    // The limit is the session's, wherever it posts from.
    expectThrottledPage(await writeLetter({ ...limited, ip: '10.3.1.2' }));
    expect(await letterCount()).toBe(before + SESSION_POSTS_MAX);

    // An address that floods without a cookie meets the per-IP limit (20 a minute), with the same page.
    const flooder: Visitor = { ip: '10.3.9.9', session: null };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await post(flooder, 'cx/', { action: 'lookup' })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expectThrottledPage(await post(flooder, 'cx/', { action: 'lookup' }));

    // Other people are not blocked: a new session behind the limited session's address, a new
    // session from another address, and a visitor without cookies.
    expect((await writeLetter(await arrive(limited.ip))).statusCode).toBe(201);
    expect((await writeLetter(await arrive('10.3.1.3'))).statusCode).toBe(201);
    expect((await writeLetter({ ip: '10.3.1.4', session: null })).statusCode).toBe(201);

    // Ten minutes after its first letter the limited session may write again.
    t.deps.clock.advance(SESSION_WINDOW_MS);
    expect((await writeLetter(limited)).statusCode).toBe(201);
  });

  it('holds a browser with cookies disabled only by the per-IP limit', async () => {
    const visitor = await arrive('10.3.2.1', false);
    for (let i = 0; i <= SESSION_POSTS_MAX; i++) expect((await writeLetter(visitor)).statusCode, `letter ${i + 1}`).toBe(201);
  });

  it('counts only answered tracking posts, so mistyped query codes do not lock the writer out', async () => {
    const writer = await arrive('10.3.3.1');
    const receipt = (await writeLetter(writer)).body;
    const trackingNo = /id="tracking-no">(\d+)</.exec(receipt)![1]!;
    const queryCode = /id="query-code">(\d+)</.exec(receipt)![1]!;
    for (let i = 0; i < SESSION_POSTS_MAX + 2; i++)
      expect((await post(writer, 'cx/', { action: 'lookup', trackingNo, queryCode: '00000000' })).statusCode).toBe(404);
    for (let i = 0; i < SESSION_POSTS_MAX; i++)
      expect((await post(writer, 'cx/', { action: 'lookup', trackingNo, queryCode })).statusCode).toBe(200);
    expectThrottledPage(await post(writer, 'cx/', { action: 'lookup', trackingNo, queryCode }));
    // Writing is counted apart from tracking: the same session may still write.
    expect((await writeLetter(writer)).statusCode).toBe(201);
  });
});

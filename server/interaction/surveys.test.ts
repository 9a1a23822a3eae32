import formbody from '@fastify/formbody';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionAuthenticator } from '#server/accounts/index.ts';
import { createHttpApp, ROUTES } from '#server/composition.ts';
import { dataKeyring } from '#server/platform/data-keys.ts';
import type { Deps } from '#server/platform/deps.ts';
import { isAppError, type AppError } from '#server/platform/errors.ts';
import { buildApp } from '#server/platform/http/app.ts';
import { decryptPersonal } from '#server/platform/personal-data.ts';
import { activateSite, asActor, buildNewsroom, buildSite, buildUser } from '#test/factories.ts';
import { loginAs, type Session } from '#test/http.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import type { Actor } from '#server/platform/actor.ts';
import {
  createSurvey,
  endSurvey,
  getSurvey,
  listSurveyOpinions,
  listSurveys,
  openSurvey,
  publicSurvey,
  publicSurveys,
  publishSurveyResult,
  submitOpinion,
  surveyStatistics,
  updateSurvey,
} from './commands/surveys.ts';
import { FORM_COOKIE, SESSION_POSTS_MAX } from './form-throttle.ts';
import { surveys } from './surveys.repository.ts';
import { surveyRoutes } from './surveys.routes.ts';

// Monday 2 March 2026, 10:00 in Beijing.
const NOW = '2026-03-02T02:00:00.000Z';
const CODE = '9901000031';
const DIGITS = '零一二三四五六七八九';

let deps: TestDeps;
let app: FastifyInstance;
let siteId: string;
let otherSiteId: string;
let handler: Actor;
let otherHandler: Actor;
let editor: Actor;
let handlerName: string;
let otherHandlerName: string;
let keys = 0;

/**
 * The app with the survey routes: the platform's own once they are wired in; until then the
 * platform's routes plus these, with form parsing registered as the room will register it.
 */
async function surveyApp(d: Deps): Promise<FastifyInstance> {
  const full = await createHttpApp(d, { admin: false });
  if (full.hasRoute({ method: 'GET', url: '/api/interaction/surveys' })) return full;
  await full.close();
  return buildApp(d, {
    authenticate: sessionAuthenticator(d),
    routes: [
      ...ROUTES,
      async (scoped, dd) => {
        await scoped.register(formbody, { bodyLimit: 64 * 1024 });
        await surveyRoutes(scoped, dd);
      },
    ],
  });
}

beforeAll(async () => {
  deps = await createTestDeps({ now: NOW });
  const room = await buildNewsroom(deps);
  siteId = room.site.id;
  otherSiteId = (await buildSite(deps)).id;
  await activateSite(deps, siteId, { code: CODE, domains: ['zjdc.example-city.gov.cn'] });
  const h = await buildUser(deps, { grants: [{ role: 'letterHandler', siteId }] });
  const o = await buildUser(deps, { grants: [{ role: 'letterHandler', siteId: otherSiteId }] });
  [handler, otherHandler, editor] = [asActor(h), asActor(o), asActor(room.author)];
  [handlerName, otherHandlerName] = [h.username, o.username];
  app = await surveyApp(deps);
});

afterAll(async () => {
  await app.close();
  await deps.db.close();
});

beforeEach(() => deps.clock.set(NOW));

const key = () => `test-key-${String(++keys).padStart(8, '0')}`;
const draft = (over: Record<string, unknown> = {}, site = siteId, actor = handler) =>
  createSurvey(deps, actor, site, {
    title: '关于《示例市养犬管理规定（征求意见稿）》公开征求意见',
    description: '为规范养犬行为，现公开征求社会各界意见。\n请在征集期内提出修改意见和建议。',
    startsOn: '2026-02-25',
    endsOn: '2026-03-31',
    ...over,
  });
const opinionRows = (surveyId: string) =>
  deps.db.kysely.selectFrom('survey_opinions').selectAll().where('survey_id', '=', surveyId).orderBy('submitted_at').execute();
const surveyCount = async () => (await deps.db.kysely.selectFrom('surveys').select('id').execute()).length;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('surveys in the office', () => {
  it('drafts, opens, takes opinions, ends early and publishes the result, auditing every office step', async () => {
    const created = await draft();
    expect(created.state).toBe('draft');
    expect(await publicSurvey(deps, siteId, created.id)).toBeNull();
    expect((await publicSurveys(deps, siteId)).map((s) => s.id)).not.toContain(created.id);

    const edited = await updateSurvey(deps, handler, created.id, {
      title: '关于《示例市养犬管理规定（草案）》公开征求意见',
      description: '现公开征求意见。',
      startsOn: '2026-02-25',
      endsOn: '2026-03-31',
    });
    expect(edited.title).toContain('草案');
    const opened = await openSurvey(deps, handler, created.id);
    expect(opened.state).toBe('open');

    const first = await submitOpinion(
      deps,
      siteId,
      created.id,
      { content: '建议明确烈性犬目录。', name: '王五', phone: '13912345678' },
      key(),
    );
    expect(first.repeated).toBe(false);
    deps.clock.advance(60_000);
    await submitOpinion(deps, siteId, created.id, { content: '建议增加遛狗牵绳的要求。', name: null, phone: '' }, key());

    const rows = await opinionRows(created.id);
    expect(rows).toHaveLength(2);
    // At rest the writer's name and phone are SM4 tokens.
    expect(rows[0]!.writer_name).not.toContain('王五');
    expect(rows[0]!.writer_phone).not.toContain('13912345678');
    expect(decryptPersonal(dataKeyring(deps.config), rows[0]!.writer_name!)).toBe('王五');
    expect(rows[1]!.writer_name).toBeNull();
    expect(rows[1]!.writer_phone).toBeNull();

    const opinions = await listSurveyOpinions(deps, handler, created.id);
    expect(opinions.total).toBe(2);
    expect(opinions.items.map((o) => [o.name, o.phone])).toEqual([
      ['王*', '139****5678'],
      [null, null],
    ]);
    const second = await listSurveyOpinions(deps, handler, created.id, { limit: 1, offset: 1 });
    expect(second.items.map((o) => o.content)).toEqual(['建议增加遛狗牵绳的要求。']);
    expect(second.total).toBe(2);

    const noEdit = await refusal(
      updateSurvey(deps, handler, created.id, { title: '改标题', description: '说明', startsOn: '2026-02-25', endsOn: '2026-03-31' }),
    );
    expect([noEdit.status, noEdit.code, noEdit.message]).toEqual([409, 'GK_ERR_SURVEY_STATE', '已收到 2 条意见，不能再修改征集内容']);
    const early = await refusal(publishSurveyResult(deps, handler, created.id, { result: '共收到意见 2 条。' }));
    expect([early.status, early.message]).toEqual([409, '征集结束后才能反馈结果']);

    const ended = await endSurvey(deps, handler, created.id);
    expect([ended.state, ended.endsOn]).toEqual(['ended', '2026-03-01']);
    const closed = await refusal(submitOpinion(deps, siteId, created.id, { content: '再补充一条。' }, key()));
    expect([closed.status, closed.message]).toEqual([409, '征集已结束，不能再提交意见']);

    const published = await publishSurveyResult(deps, handler, created.id, { result: '共收到意见 2 条，采纳 1 条。' });
    expect(published.state).toBe('resultPublished');
    const shown = await publicSurvey(deps, siteId, created.id);
    expect(shown).toMatchObject({ state: 'resultPublished', opinions: 2, result: '共收到意见 2 条，采纳 1 条。' });
    expect(JSON.stringify(shown)).not.toMatch(/王|139/);
    const after = await refusal(endSurvey(deps, handler, created.id));
    expect(after.status).toBe(409);

    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'site_id', 'details'])
      .where('target_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'interaction.survey.create',
      'interaction.survey.update',
      'interaction.survey.open',
      'interaction.survey.end',
      'interaction.survey.publishResult',
    ]);
    expect(audit.every((a) => a.site_id === siteId)).toBe(true);
    expect(audit.map((a) => a.details).join('')).not.toMatch(/王五|13912345678/);
  });

  it('ends a survey that opened today and one not yet started, so neither takes opinions', async () => {
    const today = await openSurvey(deps, handler, (await draft({ startsOn: '2026-03-02', endsOn: '2026-03-09' })).id);
    expect(today.state).toBe('open');
    const ended = await endSurvey(deps, handler, today.id);
    expect([ended.state, ended.startsOn, ended.endsOn]).toEqual(['ended', '2026-03-02', '2026-03-01']);
    const upcoming = await openSurvey(deps, handler, (await draft({ startsOn: '2026-04-01', endsOn: '2026-04-30' })).id);
    expect(upcoming.state).toBe('upcoming');
    const notYet = await refusal(submitOpinion(deps, siteId, upcoming.id, { content: '提前提交。' }, key()));
    expect([notYet.status, notYet.message]).toEqual([409, '征集尚未开始，请于 2026-04-01 后提交意见']);
    expect((await endSurvey(deps, handler, upcoming.id)).state).toBe('ended');
    expect(await opinionRows(upcoming.id)).toEqual([]);
  });

  it('refuses to open a survey whose last day has passed, and lists the site’s surveys newest first', async () => {
    const stale = await draft({ startsOn: '2026-02-01', endsOn: '2026-02-28' });
    const refused = await refusal(openSurvey(deps, handler, stale.id));
    expect([refused.status, refused.message]).toEqual([409, '结束日期已过，请先修改征集时间']);
    const list = await listSurveys(deps, handler, siteId);
    expect(list.length).toBeGreaterThan(1);
    expect(list.every((s) => s.siteId === siteId)).toBe(true);
    const starts = list.map((s) => s.startsOn);
    expect(starts).toEqual([...starts].sort().reverse());
    expect((await getSurvey(deps, handler, stale.id)).state).toBe('draft');
  });

  it('lets only handlers of the survey’s own site act', async () => {
    const s = await draft();
    const tries: [string, () => Promise<unknown>][] = [
      ['create as editor', () => draft({}, siteId, editor)],
      ['create on another site', () => draft({}, otherSiteId, handler)],
      ['list as editor', () => listSurveys(deps, editor, siteId)],
      ['list another site', () => listSurveys(deps, handler, otherSiteId)],
      ['get', () => getSurvey(deps, otherHandler, s.id)],
      [
        'update',
        () => updateSurvey(deps, otherHandler, s.id, { title: '改', description: '改', startsOn: '2026-03-02', endsOn: '2026-03-03' }),
      ],
      ['open', () => openSurvey(deps, otherHandler, s.id)],
      ['end', () => endSurvey(deps, otherHandler, s.id)],
      ['result', () => publishSurveyResult(deps, otherHandler, s.id, { result: '结果' })],
      ['opinions', () => listSurveyOpinions(deps, otherHandler, s.id)],
    ];
    for (const [what, attempt] of tries) expect((await refusal(attempt())).status, what).toBe(403);
    expect((await getSurvey(deps, handler, s.id)).state).toBe('draft');
    expect((await refusal(getSurvey(deps, handler, 'no-such-survey'))).status).toBe(404);
    expect(
      (await refusal(draft({}, 'no-such-site', asActor({ id: 'x', username: 'root', grants: [{ role: 'letterHandler', scope: '*' }] }))))
        .status,
    ).toBe(400);
  });

  it('refuses hostile survey text with field messages, storing nothing', async () => {
    const before = await surveyCount();
    const base = { title: '标题', description: '说明', startsOn: '2026-03-02', endsOn: '2026-03-09' };
    const cases: Record<string, unknown>[] = [
      { ...base, title: '<script>alert(1)</script>' },
      { ...base, description: '点击 <a href="javascript:alert(1)">这里</a>' },
      { ...base, title: '标题\u0000\u0007' },
      { ...base, description: 'x'.repeat(20_001) },
      { ...base, title: '长'.repeat(101) },
      { ...base, title: '   ' },
      { ...base, startsOn: '2026-02-30' },
      { ...base, endsOn: '2026-03-01' },
      { ...base, startsOn: 20260302 },
      { ...base, extra: true },
      {},
    ];
    for (const c of cases) {
      const e = await refusal(createSurvey(deps, handler, siteId, c));
      expect([e.status, e.code], JSON.stringify(c).slice(0, 80)).toEqual([400, 'GK_ERR_VALIDATION']);
      expect(e.fields.length).toBeGreaterThan(0);
      expect(e.fields.every((f) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);
    }
    const s = await draft();
    expect((await refusal(updateSurvey(deps, handler, s.id, { ...base, title: '<img src=x onerror=alert(1)>' }))).status).toBe(400);
    expect((await refusal(publishSurveyResult(deps, handler, s.id, { result: '<b>结果</b>' }))).status).toBe(400);
    expect(await surveyCount()).toBe(before + 1);
  });
});

describe('opinions from the public', () => {
  it('refuses hostile opinions with messages, storing nothing', async () => {
    const s = await openSurvey(deps, handler, (await draft()).id);
    const cases: unknown[] = [
      { content: '<script>alert(1)</script>' },
      { content: '意见\u0000\u001b[31m' },
      { content: '长'.repeat(2001) },
      { content: '' },
      { content: '意见', name: '<b>王</b>' },
      { content: '意见', phone: '12345' },
      { content: '意见', phone: '13912345678; DROP TABLE survey_opinions' },
      { content: '意见', extra: 'x' },
      { content: ['数组'] },
      null,
    ];
    for (const c of cases) {
      const e = await refusal(submitOpinion(deps, siteId, s.id, c, key()));
      expect([e.status, e.code], JSON.stringify(c)?.slice(0, 60)).toEqual([400, 'GK_ERR_VALIDATION']);
    }
    for (const bad of ['', 'short', 'k'.repeat(81)])
      expect((await refusal(submitOpinion(deps, siteId, s.id, { content: '意见' }, bad))).status).toBe(400);
    expect(await opinionRows(s.id)).toEqual([]);
  });

  it('takes one opinion per idempotency key, even when both copies arrive together', async () => {
    const s = await openSurvey(deps, handler, (await draft()).id);
    const k = key();
    const [a, b] = await Promise.all([
      submitOpinion(deps, siteId, s.id, { content: '第一份意见。' }, k),
      submitOpinion(deps, siteId, s.id, { content: '第一份意见。' }, k),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    const again = await submitOpinion(deps, siteId, s.id, { content: '换了内容再提交。' }, k);
    expect([again.id, again.repeated]).toEqual([a.id, true]);
    const rows = await opinionRows(s.id);
    expect(rows.map((r) => r.content)).toEqual(['第一份意见。']);
    // The key of one survey's opinion is no way into another survey.
    const other = await openSurvey(deps, handler, (await draft()).id);
    expect((await refusal(submitOpinion(deps, siteId, other.id, { content: '意见' }, k))).status).toBe(409);
    expect(await opinionRows(other.id)).toEqual([]);
  });

  it('takes no opinion once an end that held the survey first has committed', async () => {
    const s = await openSurvey(deps, handler, (await draft()).id);
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // The office's end, caught between locking the survey and committing its new last day.
    const ending = deps.db.kysely.transaction().execute(async (trx) => {
      await surveys.forWrite(trx, s.id, deps.clock.now().toISOString());
      locked();
      await released;
      await surveys.update(trx, s.id, { ends_on: '2026-03-01' });
    });
    await holding;
    const opinion = submitOpinion(deps, siteId, s.id, { content: '结束时送达的意见。' }, key()).then(
      () => null,
      (e: unknown) => e,
    );
    // Time for an unlocked opinion to slip in before the end commits (a locked one waits for it).
    await Promise.race([opinion, new Promise((r) => setTimeout(r, 300))]);
    release();
    await ending;
    const e = await opinion;
    expect(isAppError(e) ? [e.status, e.message] : e).toEqual([409, '征集已结束，不能再提交意见']);
    expect(await opinionRows(s.id)).toEqual([]);
  });

  it('finds no draft, no missing survey and no survey of another site', async () => {
    const d = await draft();
    const foreign = await openSurvey(deps, otherHandler, (await draft({}, otherSiteId, otherHandler)).id);
    for (const [site, id] of [
      [siteId, d.id],
      [siteId, 'no-such-survey'],
      [siteId, foreign.id],
    ] as const) {
      const e = await refusal(submitOpinion(deps, site, id, { content: '意见' }, key()));
      expect([e.status, e.message]).toEqual([404, '征集不存在']);
      expect(await publicSurvey(deps, site, id)).toBeNull();
    }
    expect((await publicSurveys(deps, siteId)).map((s) => s.id)).not.toContain(foreign.id);
    expect(await opinionRows(foreign.id)).toEqual([]);
  });
});

describe('survey statistics for the annual website report', () => {
  it('counts the surveys that started in the year with all their opinions and results, also across the new year', async () => {
    const site = (await buildSite(deps)).id;
    const actor = asActor({ id: 'stats', username: 'stats', grants: [{ role: 'letterHandler', scope: site }] });
    deps.clock.set('2025-12-15T02:00:00.000Z');
    const winter = await openSurvey(deps, actor, (await draft({ startsOn: '2025-12-20', endsOn: '2026-01-10' }, site, actor)).id);
    deps.clock.set('2025-12-31T15:00:00.000Z'); // 23:00 on 31 December in Beijing
    await submitOpinion(deps, site, winter.id, { content: '年末的意见。' }, key());
    deps.clock.set('2025-12-31T17:00:00.000Z'); // 01:00 on 1 January in Beijing
    await submitOpinion(deps, site, winter.id, { content: '新年的意见。' }, key());
    deps.clock.set('2026-01-08T02:00:00.000Z');
    await submitOpinion(deps, site, winter.id, { content: '截止前的意见。' }, key());
    // Its result comes in the new year, and still belongs to the year the survey was held.
    deps.clock.set('2026-01-15T02:00:00.000Z');
    await publishSurveyResult(deps, actor, winter.id, { result: '已汇总。' });

    deps.clock.set('2026-01-20T02:00:00.000Z');
    const spring = await openSurvey(deps, actor, (await draft({ startsOn: '2026-02-01', endsOn: '2026-02-10' }, site, actor)).id);
    await draft({ startsOn: '2026-05-01', endsOn: '2026-05-31' }, site, actor); // never opened
    deps.clock.set('2026-02-05T02:00:00.000Z');
    await submitOpinion(deps, site, spring.id, { content: '意见一。' }, key());
    deps.clock.advance(60_000);
    await submitOpinion(deps, site, spring.id, { content: '意见二。' }, key());
    await openSurvey(deps, actor, (await draft({ startsOn: '2026-06-01', endsOn: '2026-06-30' }, site, actor)).id);

    // 2025: the December survey with all three of its opinions (two sent in January) and its result.
    expect(await surveyStatistics(deps, [site], 2025)).toEqual({ held: 1, opinions: 3, resultsPublished: 1 });
    // 2026: the February and June surveys; none of the December survey's January opinions again.
    expect(await surveyStatistics(deps, [site], 2026)).toEqual({ held: 2, opinions: 2, resultsPublished: 0 });
    deps.clock.set('2026-02-11T02:00:00.000Z');
    await publishSurveyResult(deps, actor, spring.id, { result: '均已采纳。' });
    expect(await surveyStatistics(deps, [site], 2026)).toEqual({ held: 2, opinions: 2, resultsPublished: 1 });
    expect(await surveyStatistics(deps, [site], 2024)).toEqual({ held: 0, opinions: 0, resultsPublished: 0 });
    expect(await surveyStatistics(deps, [], 2026)).toEqual({ held: 0, opinions: 0, resultsPublished: 0 });
    const both = await surveyStatistics(deps, [site, otherSiteId], 2026);
    expect(both.held).toBeGreaterThanOrEqual(2);
  });
});

describe('the office API over HTTP', () => {
  let office: Session;
  let stranger: Session;
  beforeAll(async () => {
    // Sessions time out on the platform's clock, which earlier tests moved.
    deps.clock.set(NOW);
    office = await loginAs(app, handlerName);
    stranger = await loginAs(app, otherHandlerName);
  });
  const body = {
    title: '关于示例市公园开放时间调整的意见征集',
    description: '拟调整公园开放时间。',
    startsOn: '2026-03-02',
    endsOn: '2026-03-20',
  };

  it('drafts, edits, opens, ends and publishes the result of a survey, and pages its opinions masked', async () => {
    const created = await office.request({ method: 'POST', url: `/api/interaction/surveys?siteId=${siteId}`, payload: body });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string; state: string }).id;
    expect(created.json()).toMatchObject({ state: 'draft', opinions: 0, siteId });
    const put = await office.request({ method: 'PUT', url: `/api/interaction/surveys/${id}`, payload: { ...body, endsOn: '2026-03-25' } });
    expect([put.statusCode, (put.json() as { endsOn: string }).endsOn]).toEqual([200, '2026-03-25']);
    const opened = await office.request({ method: 'POST', url: `/api/interaction/surveys/${id}/open` });
    expect([opened.statusCode, (opened.json() as { state: string }).state]).toEqual([200, 'open']);
    await submitOpinion(deps, siteId, id, { content: '建议延长至晚上十点。', name: '赵六', phone: '0812-3334444' }, key());
    deps.clock.advance(60_000);
    await submitOpinion(deps, siteId, id, { content: '建议冬季提前关门。', name: '钱七', phone: '13800001111' }, key());

    const page = await office.request({ method: 'GET', url: `/api/interaction/surveys/${id}/opinions?limit=1&offset=1` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 2, items: [{ content: '建议冬季提前关门。', name: '钱*', phone: '138****1111' }] });
    const all = (await office.request({ method: 'GET', url: `/api/interaction/surveys/${id}/opinions` })).json() as {
      items: { name: string; phone: string; submittedAt: string }[];
    };
    expect(all.items.map((o) => [o.name, o.phone])).toEqual([
      ['赵*', '****-***4444'],
      ['钱*', '138****1111'],
    ]);
    expect(JSON.stringify(all)).not.toMatch(/赵六|3334444|13800001111/);

    const noEdit = await office.request({ method: 'PUT', url: `/api/interaction/surveys/${id}`, payload: body });
    expect([noEdit.statusCode, (noEdit.json() as { code: string }).code]).toEqual([409, 'GK_ERR_SURVEY_STATE']);
    const early = await office.request({ method: 'POST', url: `/api/interaction/surveys/${id}/result`, payload: { result: '结果' } });
    expect(early.statusCode).toBe(409);
    const ended = await office.request({ method: 'POST', url: `/api/interaction/surveys/${id}/end` });
    expect([ended.statusCode, (ended.json() as { state: string }).state]).toEqual([200, 'ended']);
    const result = await office.request({
      method: 'POST',
      url: `/api/interaction/surveys/${id}/result`,
      payload: { result: '共收到意见 2 条，开放时间调整为 6:00—22:00。' },
    });
    expect([result.statusCode, (result.json() as { state: string }).state]).toEqual([200, 'resultPublished']);
    const list = await office.request({ method: 'GET', url: `/api/interaction/surveys?siteId=${siteId}` });
    expect((list.json() as { id: string }[]).map((s) => s.id)).toContain(id);
    expect((await office.request({ method: 'GET', url: `/api/interaction/surveys/${id}` })).json()).toMatchObject({ opinions: 2 });
  });

  it('answers hostile input with 400, strangers with 403 and anonymous callers with 401', async () => {
    const s = await draft();
    const before = await surveyCount();
    const posts: InjectOptions[] = [
      { method: 'POST', url: `/api/interaction/surveys?siteId=${siteId}`, payload: { ...body, title: '<script>alert(1)</script>' } },
      { method: 'POST', url: `/api/interaction/surveys?siteId=${siteId}`, payload: { ...body, extra: 1 } },
      { method: 'POST', url: `/api/interaction/surveys?siteId=${siteId}`, payload: { ...body, startsOn: '2026-13-01' } },
      { method: 'POST', url: `/api/interaction/surveys?siteId=${siteId}`, payload: { ...body, description: 'x'.repeat(20_001) } },
      { method: 'POST', url: `/api/interaction/surveys?siteId=${siteId}`, payload: { ...body, title: 'a\u0000b' } },
      { method: 'POST', url: '/api/interaction/surveys', payload: body },
      { method: 'POST', url: `/api/interaction/surveys?siteId=${'x'.repeat(41)}`, payload: body },
      { method: 'PUT', url: `/api/interaction/surveys/${s.id}`, payload: { ...body, endsOn: '2026-03-01' } },
      { method: 'POST', url: `/api/interaction/surveys/${s.id}/result`, payload: { result: '<iframe src=x>' } },
      { method: 'GET', url: `/api/interaction/surveys/${s.id}/opinions?limit=0` },
      { method: 'GET', url: `/api/interaction/surveys/${s.id}/opinions?limit=abc` },
      { method: 'GET', url: `/api/interaction/surveys/${s.id}/opinions?offset=-1` },
    ];
    for (const p of posts) {
      const res = await office.request(p);
      expect(res.statusCode, `${p.method} ${p.url}`).toBe(400);
      expect((res.json() as { code: string }).code).toBe('GK_ERR_VALIDATION');
      expect(res.body).not.toContain('<script>');
    }
    expect(await surveyCount()).toBe(before);
    for (const p of [
      { method: 'GET', url: `/api/interaction/surveys?siteId=${siteId}` },
      { method: 'POST', url: `/api/interaction/surveys?siteId=${siteId}`, payload: body },
      { method: 'POST', url: `/api/interaction/surveys/${s.id}/open` },
      { method: 'GET', url: `/api/interaction/surveys/${s.id}/opinions` },
    ] as InjectOptions[]) {
      expect((await stranger.request(p)).statusCode, `${p.method} ${p.url}`).toBe(403);
      expect((await app.inject(p)).statusCode, `${p.method} ${p.url}`).toBe(401);
    }
    expect((await office.request({ method: 'POST', url: '/api/interaction/surveys/no-such-survey/open' })).statusCode).toBe(404);
    expect((await getSurvey(deps, handler, s.id)).state).toBe('draft');
  });
});

describe('the public 征集调查 pages', () => {
  let ip = 0;
  // Each test posts from its own address: the public form allows 20 posts a minute per visitor.
  let remoteAddress = '';
  beforeEach(() => {
    remoteAddress = `10.0.0.${++ip}`;
  });
  const url = (path = '', code = CODE) => `/sites/${code}/hdjl/zjdc/${path}`;
  const get = (path = '', code = CODE) => app.inject({ method: 'GET', url: url(path, code) });
  const post = (id: string, fields: Record<string, string>, session?: string) =>
    app.inject({
      method: 'POST',
      url: url(id),
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
      ...(session ? { cookies: { [FORM_COOKIE]: session } } : {}),
    });
  const hidden = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';

  /** The form of the survey (of the site with `code`), filled by someone who read the question, a few seconds later. */
  async function filled(id: string, over: Record<string, string> = {}, code = CODE): Promise<Record<string, string>> {
    const page = (await get(id, code)).body;
    const q = /([零一二三四五六七八九])加([零一二三四五六七八九])等于几/.exec(page)!;
    deps.clock.advance(10_000);
    return {
      content: '建议在公园增设夜间照明。',
      name: '孙八',
      phone: '13712345678',
      answer: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)),
      challenge: hidden(page, 'challenge'),
      website: '',
      ...over,
    };
  }
  const openOne = async (over: Record<string, unknown> = {}) => openSurvey(deps, handler, (await draft(over)).id);

  it('list the open and past surveys with result links, never drafts', async () => {
    const open = await openOne({ title: '关于社区养老服务的意见征集' });
    const past = await openOne({ title: '关于垃圾分类的意见征集', startsOn: '2026-02-25', endsOn: '2026-03-05' });
    await endSurvey(deps, handler, past.id);
    await publishSurveyResult(deps, handler, past.id, { result: '感谢参与，意见已汇总。' });
    const hidden = await draft({ title: '尚未发布的草稿征集' });
    const list = await get();
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('text/html');
    expect(list.body).toContain('关于社区养老服务的意见征集');
    expect(list.body).toContain(`href="${open.id}"`);
    expect(list.body).toContain(`href="${past.id}#result"`);
    expect(list.body).not.toContain('尚未发布的草稿征集');
    expect(list.body).not.toContain(hidden.id);
    expect(list.body).not.toContain('<script');
    const noSlash = await app.inject({ method: 'GET', url: `/sites/${CODE}/hdjl/zjdc` });
    expect([noSlash.statusCode, noSlash.headers.location]).toEqual([301, 'zjdc/']);
    const result = await get(past.id);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('感谢参与，意见已汇总。');
    expect(result.body).not.toContain('name="content"');
  });

  it('take an opinion from the urlencoded form, once for a double click, and show no personal data', async () => {
    const s = await openOne();
    const page = await get(s.id);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="content"');
    expect(page.body).toContain('请在征集期内提出修改意见和建议。');
    const form = await filled(s.id);
    const sent = await post(s.id, form);
    expect(sent.statusCode).toBe(201);
    expect(sent.body).toContain('意见已提交');
    const again = await post(s.id, form);
    expect(again.statusCode).toBe(201);
    const rows = await opinionRows(s.id);
    expect(rows.map((r) => r.content)).toEqual(['建议在公园增设夜间照明。']);
    expect(decryptPersonal(dataKeyring(deps.config), rows[0]!.writer_phone!)).toBe('13712345678');

    for (const res of [sent, again, await get(s.id), await get()]) {
      expect(res.body).not.toMatch(/孙八|孙\*|13712345678|137\*\*\*\*5678/);
    }
    expect((await get(s.id)).body).toMatch(/id="survey-opinions">1 条</);
    // Without name and phone.
    expect((await post(s.id, await filled(s.id, { name: '', phone: '' }))).statusCode).toBe(201);
    expect(await opinionRows(s.id)).toHaveLength(2);
  });

  it("refuse the challenge of another site's survey form", async () => {
    const otherCode = '9901000032';
    await activateSite(deps, otherSiteId, { code: otherCode, domains: ['zjdc.example-county.gov.cn'] });
    const foreign = await openSurvey(deps, otherHandler, (await draft({}, otherSiteId, otherHandler)).id);
    const s = await openOne();
    // Answered correctly, but on the other site's page: worthless here.
    const form = await filled(foreign.id, {}, otherCode);
    const res = await post(s.id, form);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('页面已失效，请重新填写');
    expect(await opinionRows(s.id)).toEqual([]);
    // The same kind of form from this site's own page is taken.
    expect((await post(s.id, await filled(s.id))).statusCode).toBe(201);
  });

  it('slow down one browser after five opinions in ten minutes, while other browsers still send theirs', async () => {
    const s = await openOne();
    const first = await get(s.id);
    const cookie = first.cookies.find((c) => c.name === FORM_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(first.headers['cache-control']).toBe('no-store');
    expect((await get()).headers['set-cookie']).toBeUndefined();
    const session = cookie!.value;
    // A mistake takes no place; every opinion from its own address, so the per-IP limit is not what stops it.
    const sends = async (over: Record<string, string> = {}, who: string | null = session) => {
      remoteAddress = `10.0.1.${++ip % 250}`;
      return post(s.id, await filled(s.id, over), who ?? undefined);
    };
    expect((await sends({ answer: '99' })).statusCode).toBe(400);
    for (let i = 0; i < SESSION_POSTS_MAX; i++) expect((await sends()).statusCode, `opinion ${i + 1}`).toBe(201);
    const limited = await sends();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.body).toContain('提交过于频繁');
    expect(limited.body).toContain('返回征集调查列表');
    expect(await opinionRows(s.id)).toHaveLength(SESSION_POSTS_MAX);
    // Another browser, and one without cookies, are not held by it.
    expect((await sends({}, 'AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(201);
    expect((await sends({}, null)).statusCode).toBe(201);
    expect(await opinionRows(s.id)).toHaveLength(SESSION_POSTS_MAX + 2);
  });

  it('re-show the form with messages for hostile or wrong input, storing nothing', async () => {
    const s = await openOne();
    const cases: [Record<string, string>, string][] = [
      [{ content: '<script>alert("x")</script>' }, '意见内容不能包含 HTML 标记或脚本'],
      [{ content: '意见\u0000\u0008' }, '意见内容包含无法识别的字符'],
      [{ content: '长'.repeat(2001) }, '意见内容不能超过 2000 个字符'],
      [{ content: '' }, '意见内容不能为空'],
      [{ name: '<img src=x onerror=alert(1)>' }, '姓名不能包含 HTML 标记或脚本'],
      [{ phone: '110' }, '联系电话应为 11 位手机号码或带区号的固定电话'],
      [{ answer: '99' }, '验证问题回答不正确'],
      [{ challenge: 'forged.token' }, '页面已失效，请重新填写'],
      [{ website: 'http://spam.example' }, '页面已失效，请重新填写'],
    ];
    for (const [over, message] of cases) {
      const res = await post(s.id, await filled(s.id, over));
      expect(res.statusCode, message).toBe(400);
      expect(res.body, message).toContain(message);
      expect(res.body).not.toMatch(/<script>alert|<img src=x/);
      expect(res.body).toContain('name="challenge"');
    }
    // A form sent back at once is a robot's.
    const page = (await get(s.id)).body;
    const fast = await post(s.id, { content: '意见', answer: '1', challenge: hidden(page, 'challenge') });
    expect([fast.statusCode, fast.body.includes('提交过快')]).toEqual([400, true]);
    // What was typed comes back escaped into the form.
    const echoed = await post(s.id, await filled(s.id, { content: '"><b>粗体</b>', answer: '0' }));
    expect(echoed.body).toContain('&quot;&gt;&lt;b&gt;粗体&lt;/b&gt;');
    expect(await opinionRows(s.id)).toEqual([]);
  });

  it('answer 404 for drafts, other sites’ surveys, strange ids and unknown sites, and 409 for a closed survey', async () => {
    const d = await draft();
    const foreign = await openSurvey(deps, otherHandler, (await draft({}, otherSiteId, otherHandler)).id);
    const closed = await openOne({ startsOn: '2026-02-25', endsOn: '2026-03-05' });
    const form = await filled(closed.id);
    await endSurvey(deps, handler, closed.id);
    for (const id of [d.id, foreign.id, 'no-such-survey', 'x'.repeat(100), '%3Cscript%3E', '..%2F..%2Fetc']) {
      const page = await get(id);
      expect(page.statusCode, id).toBe(404);
      expect(page.body).toContain('征集不存在');
      expect(page.body).not.toContain('<script>');
      expect((await post(id, form)).statusCode, id).toBe(404);
    }
    const late = await post(closed.id, form);
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('征集已结束');
    expect(late.body).not.toContain('name="content"');
    expect(await opinionRows(closed.id)).toEqual([]);
    expect(await opinionRows(foreign.id)).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/sites/nosuchsite/hdjl/zjdc/' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/sites/${'9'.repeat(41)}/hdjl/zjdc/` })).statusCode).toBe(400);
  });
});

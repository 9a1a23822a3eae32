import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '#common/schemas/monitoring.ts';
import { DEFAULT_GUIDE_SETTINGS } from '#common/service-items.ts';
import { retractArticle } from '#server/content/index.ts';
import { createServiceItem, publishServiceItems, saveGuideSettings } from '#server/guides/index.ts';
import { createChannel, submitLetter } from '#server/interaction/index.ts';
import { drainJobs, fireDueSchedules, JobRegistry, SCHEDULES } from '#server/platform/jobs/index.ts';
import { closeColumn } from '#server/sites/index.ts';
import {
  activateSite,
  asActor,
  buildColumn,
  buildNewsroom,
  buildSite,
  buildUser,
  factoryActor,
  publishThroughReview,
} from '#test/factories.ts';
import { completeGuide } from '#test/guides.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { checkHostedSite, checkHostedSites } from './commands/hosted-checks.ts';
import { monitoringJobs } from './monitoring.jobs.ts';

const TODAY = '2026-11-27';
const HOST = 'https://www.hosted-check.gov.cn';
const of = (findings: Finding[], ...kinds: Finding['kind'][]) => findings.filter((f) => kinds.includes(f.kind));
const brief = (findings: Finding[]) => findings.map((f) => [f.kind, f.severity, f.column ?? f.url, f.lastUpdated ?? null, f.days ?? null]);

describe(`exact checks of hosted sites from the database on ${dialectUnderTest}`, { timeout: 60_000 }, () => {
  let deps: TestDeps;
  let room: Awaited<ReturnType<typeof buildNewsroom>>;
  let siteId: string;
  let orgId: string;
  let codes = 0;

  /** 10:00 Beijing on `date`. */
  const day = (date: string) => deps.clock.set(`${date}T02:00:00.000Z`);
  const publish = async (columnId: string, date: string, title = '测试信息') => {
    day(date);
    const id = await publishThroughReview(deps, room, { columnId, type: 'other', title });
    day(TODAY);
    return id;
  };
  const check = (asOf = TODAY) => checkHostedSite(deps, siteId, asOf);
  const column = (name: string, freshnessClass: string, over: Record<string, unknown> = {}) =>
    buildColumn(deps, siteId, { name, freshnessClass: freshnessClass as 'news', ...over });

  beforeEach(async () => {
    deps = await createTestDeps({ now: `${TODAY}T02:00:00.000Z` });
    room = await buildNewsroom(deps);
    siteId = room.site.id;
    orgId = room.site.sponsorOrgId;
    await activateSite(deps, siteId, {
      code: `99010009${String(++codes).padStart(2, '0')}`,
      domains: ['www.hosted-check.gov.cn'],
    });
  });
  afterEach(async () => {
    await deps.db.close();
  });

  it('judges each column by what it had published by the day, with retracted articles and closed columns left out', async () => {
    const custom = await column('专项工作', 'custom', { slug: 'zxgz', freshnessDays: 30, sortOrder: 10 });
    await column('互动交流', 'none', { slug: 'hdjl-lm', accepts: [], sortOrder: 20 });
    await column('依申请公开', 'none', { slug: 'ysq', catalogueCategory: 'request', sortOrder: 30 });
    await column('空白栏目', 'none', { slug: 'kblm', sortOrder: 40 });
    const closed = await column('已关闭栏目', 'news', { slug: 'ygb', sortOrder: 50 });
    await closeColumn(deps, factoryActor, siteId, closed.id, { reason: '栏目合并' });

    await publish(room.columns.news.id, '2026-11-01', '十一月初的动态');
    const late = await publish(room.columns.news.id, '2026-11-25', '后来撤下的动态');
    await publish(room.columns.policy.id, '2026-05-01');
    await publish(custom.id, '2026-10-26');
    day('2026-11-26');
    await retractArticle(deps, asActor(room.siteAdmin), late, { reason: '内容有误' });
    day(TODAY);

    const today = await check();
    expect(brief(of(today, 'homepage_stale', 'column_stale', 'column_empty'))).toEqual([
      ['homepage_stale', 'veto', `${HOST}/`, '2026-11-01', 26],
      ['column_stale', 'deduction', '工作动态', '2026-11-01', 26],
      ['column_stale', 'deduction', '政策文件', '2026-05-01', 210],
      ['column_stale', 'deduction', '专项工作', '2026-10-26', 32],
      ['column_empty', 'deduction', '空白栏目', null, null],
    ]);
    expect(of(today, 'column_stale')[1]).toMatchObject({
      url: `${HOST}/zcwj/`,
      detail: '栏目“政策文件”最新信息发布于2026-05-01，已210天未更新（要求183天内）',
      rule: 'deduction.column_stale',
      params: { windowDays: 183, class: 'policy', asOf: TODAY },
    });
    expect(of(today, 'column_empty')[0]!.url).toBe(`${HOST}/kblm/`);
    expect(today.some((f) => f.kind === 'publish_time_missing')).toBe(false);

    // As of 25 November the retracted article was still public, and the custom column within its 30 days.
    const before = await check('2026-11-25');
    expect(brief(of(before, 'homepage_stale', 'column_stale'))).toEqual([['column_stale', 'deduction', '政策文件', '2026-05-01', 208]]);
    // Before anything was published every article-holding column is empty.
    expect(of(await check('2026-04-30'), 'column_empty').map((f) => f.column)).toEqual(['工作动态', '政策文件', '专项工作', '空白栏目']);
  });

  it('raises stale and empty columns to vetoes at the national lines', async () => {
    await closeColumn(deps, factoryActor, siteId, room.columns.policy.id, { reason: '测试不用' });
    const news = [room.columns.news];
    for (let i = 1; i <= 4; i++) news.push(await column(`动态${i}`, 'news'));
    for (const c of news.slice(0, 4)) await publish(c.id, '2026-11-01');
    expect(of(await check(), 'column_stale').map((f) => f.severity)).toEqual(Array(4).fill('deduction'));

    await publish(news[4]!.id, '2026-11-01');
    const five = of(await check(), 'column_stale');
    expect(five).toHaveLength(5);
    expect(five.every((f) => f.severity === 'veto' && f.rule === 'veto.column_stale')).toBe(true);
    expect(five[0]!.detail).toMatch(/；动态要闻类及通知公告、政策文件类一级栏目共5个不更新，达到单项否决线$/);

    for (let i = 1; i <= 5; i++) await publish((await column(`专项${i}`, 'custom', { freshnessDays: 30 })).id, '2026-10-01');
    const ten = of(await check(), 'column_stale');
    expect(ten).toHaveLength(10);
    expect(ten.every((f) => f.severity === 'veto' && f.detail.endsWith('；共10个栏目应更新未更新，达到单项否决线'))).toBe(true);

    for (let i = 1; i <= 4; i++) await column(`空白${i}`, 'none');
    expect(of(await check(), 'column_empty').map((f) => f.severity)).toEqual(Array(4).fill('deduction'));
    await column('空白5', 'none');
    expect(of(await check(), 'column_empty')).toEqual(
      Array(5).fill(
        expect.objectContaining({ severity: 'veto', rule: 'veto.column_empty', detail: expect.stringMatching(/共5个空白栏目/) }),
      ),
    );
  });

  it('reports letters past their working-day deadline, and consultative ones past three months as the veto', async () => {
    const channel = (kind: 'consultation' | 'errorReport', name: string) =>
      createChannel(deps, factoryActor, siteId, {
        kind,
        name,
        handlingOrgId: orgId,
        replyDays: 5,
        publishReplies: true,
        reviewReplies: false,
        reopenOnUnsatisfied: false,
        enabled: true,
      });
    const consult = await channel('consultation', '政务咨询');
    const errors = await channel('errorReport', '我为政府网站找错');
    let key = 0;
    const write = async (channelId: string, date: string) => {
      day(date);
      const r = await submitLetter(deps, {
        siteId,
        form: {
          channelId,
          category: '综合政务',
          title: '咨询办事地点',
          content: '请问办理居住证需要到哪里？',
          name: '王小明',
          phone: '13812345678',
          email: null,
          consentPublish: false,
        } as never,
        attachments: [],
        idempotencyKey: `letter-${++key}`,
      });
      day(TODAY);
      return r;
    };
    // Monday 3 August: five working days end on Monday 10 August. The error report is not a 咨询建言 letter: never the veto.
    const asked = await write(consult.id, '2026-08-03');
    const reported = await write(errors.id, '2026-08-04');
    await write(consult.id, '2026-11-25');

    const august = of(await check('2026-08-20'), 'letter_unanswered');
    expect(august.map((f) => [f.url, f.severity, f.days])).toEqual([
      [`${HOST}/hdjl/xj/${asked.id}`, 'deduction', 17],
      [`${HOST}/hdjl/xj/${reported.id}`, 'deduction', 16],
    ]);
    expect(august[0]).toMatchObject({
      lastUpdated: '2026-08-03',
      detail: `信件${asked.trackingNo}（政务咨询，2026-08-03收到）已17天未答复，超过答复期限（5个工作日，2026-08-10到期）`,
      rule: 'deduction.letter_reply',
    });
    expect(JSON.stringify(august)).not.toContain('王小明');

    const now = of(await check(), 'letter_unanswered');
    expect(now.map((f) => [f.url, f.severity, f.rule, f.days])).toEqual([
      [`${HOST}/hdjl/xj/${asked.id}`, 'veto', 'veto.interaction', 116],
      [`${HOST}/hdjl/xj/${reported.id}`, 'deduction', 'deduction.letter_reply', 115],
    ]);
    expect(now[0]!.detail).toBe(`信件${asked.trackingNo}（政务咨询，2026-08-03收到）已116天未答复，超过3个月（90天），达到单项否决线`);
  });

  it('reports published guides missing required elements, and the veto when 服务不实用 hits', async () => {
    const reviewer = asActor(await buildUser(deps, { grants: [{ role: 'sectionReviewer', siteId }] }));
    const noServices = of(await check(), 'guide_incomplete');
    expect(noServices).toMatchObject([{ severity: 'veto', url: `${HOST}/bsfw/`, rule: 'veto.service_impractical' }]);

    const publishItems = async (guides: ReturnType<typeof completeGuide>[]) => {
      const ids = [];
      for (const g of guides) ids.push((await createServiceItem(deps, factoryActor, siteId, { ...g, orgId })).id);
      expect((await publishServiceItems(deps, reviewer, siteId, { ids })).refused).toEqual([]);
    };
    await publishItems(['A-1', 'A-2', 'A-3'].map((c) => completeGuide(c)));
    expect(of(await check(), 'guide_incomplete')).toEqual([]);

    // The platform now also requires 在线办理 and 常见问题: the published guides lack them.
    await saveGuideSettings(deps, factoryActor, {
      requiredElements: [...DEFAULT_GUIDE_SETTINGS.requiredElements, 'onlineUrl', 'faq'],
      reviewIntervalDays: 365,
    });
    const stricter = of(await check(), 'guide_incomplete');
    expect(stricter.map((f) => [f.url, f.severity])).toEqual([
      [`${HOST}/bsfw/sx/A-1.html`, 'deduction'],
      [`${HOST}/bsfw/sx/A-2.html`, 'deduction'],
      [`${HOST}/bsfw/sx/A-3.html`, 'deduction'],
    ]);
    expect(stricter[0]).toMatchObject({
      detail: '办事事项“事项A-1”（A-1）的办事指南缺少：在线办理、常见问题',
      rule: 'deduction.guide_elements',
    });

    // Five items published while only the name was required, each lacking four key categories.
    await saveGuideSettings(deps, factoryActor, { requiredElements: ['name'], reviewIntervalDays: 365 });
    await publishItems(
      ['B-1', 'B-2', 'B-3', 'B-4', 'B-5'].map((c) => completeGuide(c, { legalBasis: null, conditions: '暂无', place: null, fees: null })),
    );
    await saveGuideSettings(deps, factoryActor, DEFAULT_GUIDE_SETTINGS);
    const poor = of(await check(), 'guide_incomplete');
    expect(poor.map((f) => [f.url.split('/').pop(), f.severity])).toEqual(
      ['B-1', 'B-2', 'B-3', 'B-4', 'B-5'].map((c) => [`${c}.html`, 'veto']),
    );
    expect(poor[0]!.detail).toBe(
      '办事事项“事项B-1”（B-1）的办事指南缺少：设定依据、申请条件、办理地点、收费标准；缺少4类重点要素（设定依据、申请条件、办理地点、收费标准）；网站“服务不实用”（办事指南重点要素缺失 4 类及以上的事项达到 5 个），达到单项否决线',
    );
  });

  it('records each active hosted site as a database run, resolving what a new article fixes', async () => {
    await buildSite(deps, { hosting: 'external', baseUrl: 'http://outside.example.test/', status: 'active' });
    await buildSite(deps); // hosted, still planned
    await publish(room.columns.news.id, '2026-11-01');
    const findings = () =>
      deps.db.kysely
        .selectFrom('monitoring_findings')
        .select(['kind', 'severity', 'state', 'column_name', 'source'])
        .where('site_id', '=', siteId)
        .orderBy('kind')
        .orderBy('column_name')
        .execute();

    const first = await checkHostedSites(deps, factoryActor, { asOf: TODAY });
    expect(first).toEqual({ sites: 1, checked: 1, failed: 0, findings: 4, vetoes: 2 });
    expect(await findings()).toEqual([
      { kind: 'column_empty', severity: 'deduction', state: 'open', column_name: '政策文件', source: 'database' },
      { kind: 'column_stale', severity: 'deduction', state: 'open', column_name: '工作动态', source: 'database' },
      { kind: 'guide_incomplete', severity: 'veto', state: 'open', column_name: null, source: 'database' },
      { kind: 'homepage_stale', severity: 'veto', state: 'open', column_name: null, source: 'database' },
    ]);

    deps.clock.set('2026-11-28T02:00:00.000Z');
    await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'other', title: '新的动态' });
    await checkHostedSites(deps, factoryActor);
    expect((await findings()).map((f) => [f.kind, f.state])).toEqual([
      ['column_empty', 'open'],
      ['column_stale', 'resolved'],
      ['guide_incomplete', 'open'],
      ['homepage_stale', 'resolved'],
    ]);
    const runs = await deps.db.kysely.selectFrom('monitoring_runs').select(['source', 'as_of', 'outcome']).orderBy('as_of').execute();
    expect(runs).toEqual([
      { source: 'database', as_of: TODAY, outcome: 'ok' },
      { source: 'database', as_of: '2026-11-28', outcome: 'ok' },
    ]);
  });

  it('runs nightly as a job, is for the system only, and checks only hosted sites', async () => {
    const schedule = SCHEDULES.find((s) => s.name === 'monitoring.check-hosted');
    expect(schedule).toMatchObject({ job: 'monitoring.checkHosted' });
    deps.clock.set('2026-11-27T17:20:00.000Z'); // 01:20 Beijing on the 28th
    expect((await fireDueSchedules(deps, [schedule!])).map((f) => f.name)).toEqual(['monitoring.check-hosted']);
    await drainJobs(deps, new JobRegistry(monitoringJobs));
    expect(await deps.db.kysely.selectFrom('monitoring_runs').select(['site_id', 'source', 'as_of']).execute()).toEqual([
      { site_id: siteId, source: 'database', as_of: '2026-11-28' },
    ]);

    const supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    await expect(checkHostedSites(deps, supervisor)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    const outside = await buildSite(deps, { hosting: 'external', baseUrl: 'http://outside.example.test/' });
    await expect(checkHostedSite(deps, outside.id, TODAY)).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT' });
    await expect(check('2026-02-30')).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANUAL_FIELDS, type ManualValues } from '#common/schemas/website-report.ts';
import { approveArticle, getArticle } from '#server/content/index.ts';
import { ingestAccessLogs } from '#server/traffic/index.ts';
import { publishSite, siteFolder } from '#server/publishing/index.ts';
import { activateSite, asActor, buildColumn, buildNewsroom, buildUser, factoryActor, publishThroughReview } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import {
  remindWebsiteReports,
  saveWebsiteReport,
  submitWebsiteReport,
  websiteReport,
  websiteReportReminder,
  websiteReportStatuses,
  websiteReportXlsx,
} from './commands/website-report.ts';

/** Every hand-entered field filled in: counts 3, yes/no 是, texts named. */
const everything = (): ManualValues =>
  Object.fromEntries(MANUAL_FIELDS.map((f) => [f.key, f.type === 'yesno' ? true : f.type === 'text' ? `${f.label}示例` : 3]));

describe(`the 政府网站工作年度报表 on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  let room: Awaited<ReturnType<typeof buildNewsroom>>;

  beforeEach(async () => {
    deps = await createTestDeps({ now: '2026-06-10T02:00:00Z' });
    room = await buildNewsroom(deps);
    await activateSite(deps, room.site.id, { code: '5104000099', domains: ['www.example-dept.gov.cn'] });
  });
  afterEach(async () => {
    await deps.db.close();
  });

  it('counts the year from the platform, takes the rest by hand, exports it, and publishes it through the review onto the home page', async () => {
    // 2025: one article (not this report's year); 2026: two news, one policy, a 专题 column opened.
    deps.clock.set('2025-12-31T15:00:00Z'); // 23:00 on 31 December in Beijing
    await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '年末动态' });
    deps.clock.set('2026-03-02T02:00:00Z');
    for (const title of ['春耕动态', '防汛动态'])
      await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title });
    await publishThroughReview(deps, room, {
      columnId: room.columns.policy.id,
      type: 'policy',
      title: '关于印发某办法的通知',
      metadata: { issuingOrg: '示例市人民政府办公室', writtenOn: '2026-02-20', validity: 'valid' },
    });
    await buildColumn(deps, room.site.id, { name: '优化营商环境专题', slug: 'yhyshj', freshnessClass: 'none' });
    const reportColumn = await buildColumn(deps, room.site.id, {
      name: '政府网站工作年度报表',
      slug: 'ndbb',
      freshnessClass: 'none',
      accepts: ['statistics'],
    });

    // Visits from the access logs: two people (one of them twice), a crawler that does not count.
    const site = (await websiteReport(deps, asActor(room.siteAdmin), room.site.id, 2026)).values.siteCode as string;
    const logs = path.join(deps.config.dataDir, 'logs/access');
    fs.mkdirSync(logs, { recursive: true });
    const line = (time: string, client: string, p: string, ua: string) => [time, site, client, 'GET', '200', p, ua].join('\t');
    fs.writeFileSync(
      path.join(logs, 'nginx.log'),
      [
        line('2026-05-01T10:00:00+08:00', '203.0.113.5', '/', 'Mozilla/5.0 (Windows NT 10.0) Chrome/120'),
        line('2026-05-01T10:01:00+08:00', '203.0.113.5', '/gzdt/', 'Mozilla/5.0 (Windows NT 10.0) Chrome/120'),
        line('2026-07-09T09:00:00+08:00', '198.51.100.7', '/', 'Mozilla/5.0 (iPhone) Safari/604.1'),
        line('2026-07-09T09:00:00+08:00', '198.51.100.8', '/', 'Baiduspider/2.0'),
        line('2025-12-30T09:00:00+08:00', '198.51.100.9', '/', 'Mozilla/5.0 (Macintosh) Safari/605'),
      ].join('\n') + '\n',
    );
    await ingestAccessLogs(deps, factoryActor);

    deps.clock.set('2027-01-04T01:00:00Z');
    const admin = asActor(room.siteAdmin);
    const draft = await websiteReport(deps, admin, room.site.id, 2026);
    expect(draft).toMatchObject({ version: 0, state: 'draft', deadline: '2027-01-31', article: null });
    expect(draft.values).toMatchObject({
      siteName: room.site.name,
      siteType: '部门网站',
      uniqueVisitors: 2,
      pageViews: 3,
      publishTotal: 3,
      newsUpdates: 2,
      overviewUpdates: 0,
      topicsMaintained: 1,
      topicsOpened: 1,
      interpretationMaterials: 0,
      unifiedPlatform: true,
      accessibility: true,
      lettersReceived: 0,
      casesNatural: null,
      casesTotal: null,
    });
    expect(draft.missing).toHaveLength(MANUAL_FIELDS.length);

    // The site's administrator fills in part, then the rest; the sums follow.
    const partial = await saveWebsiteReport(deps, admin, room.site.id, 2026, { expectedVersion: 0, values: { casesNatural: 120 } });
    expect(partial).toMatchObject({ version: 1, updatedBy: '网站管理员' });
    expect(partial.values.casesTotal).toBeNull();
    await expect(
      saveWebsiteReport(deps, admin, room.site.id, 2026, { expectedVersion: 0, values: { casesNatural: 5 } }),
    ).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT' });
    await expect(submitWebsiteReport(deps, asActor(room.author), room.site.id, 2026)).rejects.toMatchObject({
      code: 'GK_ERR_REPORT_INCOMPLETE',
    });
    const full = await saveWebsiteReport(deps, admin, room.site.id, 2026, {
      expectedVersion: 1,
      values: { ...everything(), casesNatural: 120, casesLegal: 30, weiboName: '' },
    });
    expect(full.missing).toEqual([]);
    expect(full.values).toMatchObject({ casesTotal: 150, interpretationTotal: 6, weiboName: '' });

    // The export: every row with its source, the hand-entered ones marked.
    const { xlsx } = await websiteReportXlsx(deps, admin, room.site.id, 2026);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('年度报表')!;
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((r) => rows.set(String(r.getCell(2).value), [r.getCell(3).value, r.getCell(4).value]));
    expect(String(sheet.getCell('A1').value)).toBe(`${room.site.name}政府网站工作年度报表（2026年度）`);
    expect(rows.get('网站总访问量')).toEqual(['3 次', '平台统计']);
    expect(rows.get('独立用户访问总量')).toEqual(['2 个', '平台统计']);
    expect(rows.get('自然人办件量')).toEqual(['120 件', '人工填报']);
    expect(rows.get('办件量')).toEqual(['150 件', '合计']);
    expect(rows.get('微博名称')).toEqual(['无', '人工填报']);

    // Publication: the site admin may not submit content; an editor submits; three reviews publish it.
    await expect(submitWebsiteReport(deps, admin, room.site.id, 2026)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    const submitted = await submitWebsiteReport(deps, asActor(room.author), room.site.id, 2026);
    expect(submitted).toMatchObject({ status: 'in_review', created: true });
    await expect(submitWebsiteReport(deps, asActor(room.author), room.site.id, 2026)).rejects.toMatchObject({
      code: 'GK_ERR_REPORT_PENDING',
    });
    expect((await websiteReport(deps, admin, room.site.id, 2026)).state).toBe('submitted');
    // While the reviewers read it, the report stays as submitted.
    await expect(
      saveWebsiteReport(deps, admin, room.site.id, 2026, { expectedVersion: full.version, values: { ...everything(), casesNatural: 1 } }),
    ).rejects.toMatchObject({ code: 'GK_ERR_REPORT_PENDING' });
    const article = await getArticle(deps, factoryActor, submitted.articleId);
    expect(article).toMatchObject({
      columnId: reportColumn.id,
      type: 'statistics',
      title: `${room.site.name}政府网站工作年度报表（2026年度）`,
    });
    for (const who of [room.firstReviewer, room.sectionReviewer, room.leader]) {
      const current = (await getArticle(deps, factoryActor, submitted.articleId)).current?.id as string;
      await approveArticle(deps, asActor(who), submitted.articleId, {
        revisionId: current,
        opinion: '同意',
        ...(who === room.leader ? { publish: 'now' } : {}),
      });
    }
    const published = await websiteReport(deps, admin, room.site.id, 2026);
    expect(published.state).toBe('published');
    // On the home page, in a place of its own, linking to the report's page.
    await publishSite(deps, room.site.id);
    const home = fs.readFileSync(path.join(siteFolder(deps.config.dataDir, site), 'index.html'), 'utf8');
    expect(home).toMatch(
      new RegExp(
        `<p class="annual-report"><span>政府网站工作年度报表：</span><a href="[^"]+">${room.site.name}政府网站工作年度报表（2026年度）</a></p>`,
      ),
    );

    const statuses = await websiteReportStatuses(deps, asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] })), 2026);
    expect(statuses.find((s) => s.siteId === room.site.id)).toMatchObject({ state: 'published', missing: 0, late: false });
  });

  it('reminds, each January day, the hosted sites whose report of the year before is not published', async () => {
    deps.clock.set('2026-12-31T02:00:00Z');
    expect(await remindWebsiteReports(deps)).toBe(0);
    deps.clock.set('2027-01-01T01:00:00Z');
    expect(await remindWebsiteReports(deps)).toBeGreaterThanOrEqual(1);
    // Twice on one day: one reminder.
    await remindWebsiteReports(deps);
    const count = async () =>
      Number(
        (
          await deps.db.kysely
            .selectFrom('website_report_reminders')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('site_id', '=', room.site.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(1);
    deps.clock.set('2027-01-21T01:00:00Z');
    await remindWebsiteReports(deps);
    expect(await count()).toBe(2);
    expect(await websiteReportReminder(deps, asActor(room.siteAdmin), room.site.id)).toEqual({
      year: 2026,
      remindedOn: '2027-01-21',
      daysLeft: 10,
    });
    // After January, and for the supervisors, the unpublished report is late.
    deps.clock.set('2027-02-02T01:00:00Z');
    expect(await websiteReportReminder(deps, asActor(room.siteAdmin), room.site.id)).toBeNull();
    const supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    expect((await websiteReportStatuses(deps, supervisor, 2026)).find((s) => s.siteId === room.site.id)).toMatchObject({
      state: 'draft',
      late: true,
    });
  });

  it('is read by the site’s people and the supervisors, edited by its administrators and editors only, and refuses bad input', async () => {
    const outsider = asActor(await buildUser(deps, { grants: [{ role: 'editor', siteId: (await buildNewsroom(deps)).site.id }] }));
    await expect(websiteReport(deps, outsider, room.site.id, 2026)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(
      saveWebsiteReport(deps, asActor(room.leader), room.site.id, 2026, { expectedVersion: 0, values: {} }),
    ).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    const admin = asActor(room.siteAdmin);
    for (const values of [{ casesNatural: -1 }, { pageViews: 1 }, { weiboName: '<script>x</script>' }, { smartQa: 'yes' }])
      await expect(saveWebsiteReport(deps, admin, room.site.id, 2026, { expectedVersion: 0, values })).rejects.toMatchObject({
        code: 'GK_ERR_VALIDATION',
      });
    await expect(websiteReport(deps, admin, room.site.id, 'abc')).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    await expect(websiteReport(deps, admin, room.site.id, 1999)).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    expect((await websiteReport(deps, admin, room.site.id, 2026)).version).toBe(0);
  });
});

import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '#server/demo/index.ts';
import { docxToText } from '#server/documents/index.ts';
import { checkHostedSites, recordRun } from '#server/monitoring/index.ts';
import type { RoleCode } from '#common/roles.ts';
import { systemActor, type Actor } from '#server/platform/actor.ts';
import { readZipDirectory } from '#server/platform/zip-expansion.ts';
import { asActor, buildUser, factoryActor, publishThroughReview } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { drainJobs, JobRegistry } from '#server/platform/jobs/index.ts';
import { createBatch, getBatch, runBatch } from './commands/batches.ts';
import { interviewCandidates, listInterviews, recordInterview } from './commands/interviews.ts';
import { spotCheckNotice } from './commands/notice.ts';
import { decideDismissal, escalateOverdue, getTask, issueTasks, listTasks, reportFix, requestDismissal } from './commands/rectification.ts';
import { supervisionDashboard } from './commands/dashboard.ts';
import { evaluationJobs, recheckTaskJob } from './evaluation.jobs.ts';

/** One part of a ZIP (DOCX) as text. */
function zipPart(bytes: Buffer, name: string): string {
  const entry = readZipDirectory(bytes)?.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  const nameLength = bytes.readUInt16LE(entry.localOffset + 26);
  const extraLength = bytes.readUInt16LE(entry.localOffset + 28);
  const start = entry.localOffset + 30 + nameLength + extraLength;
  const data = bytes.subarray(start, start + entry.compressedSize);
  return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}

describe(`a quarter's spot check over the demo city on ${dialectUnderTest}: circular, rectification, interviews`, () => {
  let deps: TestDeps;
  let supervisor: Actor;
  let batchId: string;
  let externalName: string;

  beforeAll(async () => {
    deps = await createTestDeps({ now: '2026-10-08T02:00:00Z' });
    await seedDemo(deps);
    supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    // The night's checks of the hosted sites, and a crawl that found the first external site's home page stale.
    await checkHostedSites(deps, factoryActor);
    const external = await deps.db.kysely
      .selectFrom('sites')
      .select(['id', 'name'])
      .where('hosting', '=', 'external')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    externalName = external.name;
    await recordRun(deps, factoryActor, {
      siteId: external.id,
      source: 'crawl',
      asOf: '2026-09-30',
      startedAt: deps.clock.now().toISOString(),
      findings: [
        {
          kind: 'homepage_stale',
          severity: 'veto',
          url: 'http://legacy.example.gov.cn/',
          detail: '首页最新信息发布于2026-08-01，已60天未更新',
          rule: 'veto.homepage_stale',
        },
        {
          kind: 'broken_link',
          severity: 'deduction',
          url: 'http://legacy.example.gov.cn/x.pdf',
          parent: 'http://legacy.example.gov.cn/a.html',
          detail: '链接不可用（404）',
          rule: 'deduction.broken_link',
        },
      ],
    });
    batchId = (await createBatch(deps, supervisor, { name: '2026年第三季度全市政府网站检查', period: '2026-Q3' })).id;
    await runBatch(deps, factoryActor, batchId);
  }, 120_000);
  afterAll(async () => {
    await deps.db.close();
  });

  it('drafts the circular in 公文 layout with the results table, the praised and the criticised, read back from the DOCX', async () => {
    const { results } = await getBatch(deps, supervisor, batchId);
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.find((r) => r.siteName === externalName)).toMatchObject({ verdict: 'fail', vetoes: [{ indicator: '首页不更新' }] });
    const { docx, model } = await spotCheckNotice(deps, supervisor, batchId, {
      issuer: '攀枝花市人民政府办公室',
      docNumber: '攀办函〔2026〕35号',
      date: '2026-10-15',
    });
    const failed = results.filter((r) => r.verdict === 'fail').sort((a, b) => a.rank! - b.rank! || a.siteName.localeCompare(b.siteName));
    expect(model.criticised.slice().sort()).toEqual(failed.map((r) => r.siteName).sort());
    expect(model.praised.slice().sort()).toEqual(
      results
        .filter((r) => r.verdict === 'pass' && r.score! >= 90)
        .map((r) => r.siteName)
        .sort(),
    );
    const text = await docxToText(docx);
    const lines = text
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.slice(0, 4)).toEqual([
      '攀枝花市人民政府办公室',
      '攀办函〔2026〕35号',
      '关于2026年第三季度全市政府网站检查情况的通报',
      '各县（区）人民政府，市级各部门：',
    ]);
    expect(text).toContain(`本次共检查政府网站${results.length}个`);
    expect(text).toContain(`${model.criticised.join('、')}等${failed.length}个网站检查不合格，予以通报批评。`);
    expect(text).toContain(`${model.praised.join('、')}等${model.praised.length}个网站得分在90分以上`);
    expect(text).toContain('（一）更新不及时。');
    expect(text).toContain('首页不更新（单项否决）');
    // Every site in the results table, in rank order.
    const table = results.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
    let at = text.indexOf('名次');
    for (const r of table) {
      const next = text.indexOf(r.siteName, at);
      expect(next, r.siteName).toBeGreaterThan(at);
      at = next;
    }
    expect(lines.slice(-2)).toEqual(['攀枝花市人民政府办公室', '2026年10月15日']);
    // The organ's mark in red, the red line under the 发文字号, the title in 小标宋.
    const xml = zipPart(docx, 'word/document.xml');
    expect(xml).toMatch(/<w:color w:val="FF0000"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>攀枝花市人民政府办公室<\/w:t>/s);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(xml).toContain('方正小标宋简体');
  });

  it('is refused for a spot check not yet scored, a 发文字号 without 〔〕, and those who do not supervise', async () => {
    const pending = await createBatch(deps, supervisor, { name: '未评分', period: '2026-Q4' });
    await expect(
      spotCheckNotice(deps, supervisor, pending.id, { issuer: '市政府办公室', docNumber: '攀办函〔2026〕36号' }),
    ).rejects.toMatchObject({
      code: 'GK_ERR_CONFLICT',
    });
    for (const bad of [
      { issuer: '市政府办公室', docNumber: '攀办函[2026]36号' },
      { issuer: '', docNumber: '攀办函〔2026〕36号' },
      { docNumber: '攀办函〔2026〕36号' },
    ])
      await expect(spotCheckNotice(deps, supervisor, batchId, bad), JSON.stringify(bad)).rejects.toMatchObject({
        code: 'GK_ERR_VALIDATION',
      });
    const anySite = await deps.db.kysely.selectFrom('sites').select('id').executeTakeFirstOrThrow();
    const editor = asActor(await buildUser(deps, { grants: [{ role: 'editor', siteId: anySite.id }] }));
    await expect(spotCheckNotice(deps, editor, batchId, { issuer: '市政府办公室', docNumber: '攀办函〔2026〕36号' })).rejects.toMatchObject(
      {
        code: 'GK_ERR_FORBIDDEN',
      },
    );
  });

  it('breaks the results down by county and by kind of problem, and ranks interaction only among sites with letters', async () => {
    const detail = await getBatch(deps, supervisor, batchId);
    const counties = detail.byCounty.map((c) => c.county);
    expect(counties[0]).toBe('市级');
    expect(counties).toEqual(expect.arrayContaining(['示例县人民政府', '示例市东区人民政府']));
    expect(detail.byCounty.reduce((n, c) => n + c.sites, 0)).toBe(detail.results.length);
    expect(detail.byCounty.reduce((n, c) => n + c.fail, 0)).toBe(detail.results.filter((r) => r.verdict === 'fail').length);
    const update = detail.byCategory.find((c) => c.category === 'update')!;
    expect(update.sites).toBe(
      detail.results.filter((r) => r.vetoes.some((v) => v.code === 'veto.homepage' || v.code === 'veto.columns')).length,
    );
    // The demo letters went to a few sites only: with the default minimum hardly any site is ranked; with none, every site without another veto is.
    const strict = detail.interaction;
    expect(strict.minLetters).toBe(10);
    expect(strict.ranked.length + strict.unranked.length).toBe(detail.results.length);
    expect(strict.unranked.some((u) => u.reason === 'fewLetters')).toBe(true);
    const loose = (await getBatch(deps, supervisor, batchId, { minLetters: '0' })).interaction;
    expect(loose.unranked.every((u) => u.reason !== 'fewLetters')).toBe(true);
    await expect(getBatch(deps, supervisor, batchId, { minLetters: 'many' })).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
  });

  /** The demo hosted site whose home page the quarter found stale, with staff to publish and to report. */
  async function staleHomeSite() {
    const { items } = await listTasks(deps, supervisor, { batchId, pageSize: 200 });
    const hosted = new Set(
      (await deps.db.kysely.selectFrom('sites').select('id').where('hosting', '=', 'hosted').execute()).map((r) => r.id),
    );
    const task = items.find((t) => t.itemCode === 'veto.homepage' && hosted.has(t.siteId))!;
    expect(task, 'a hosted demo site failed on its stale home page').toBeDefined();
    const on = (role: RoleCode) => ({ grants: [{ role, siteId: task.siteId }] });
    const room = {
      site: { id: task.siteId },
      author: await buildUser(deps, on('editor')),
      firstReviewer: await buildUser(deps, on('editor')),
      sectionReviewer: await buildUser(deps, on('sectionReviewer')),
      leader: await buildUser(deps, on('leader')),
    };
    const owner = asActor(await buildUser(deps, on('siteAdmin')));
    return { task, items, room, owner };
  }

  it('turns each lost item into a task for the owner org; a real fix is closed by the re-check, a report without one is reopened', async () => {
    const issued = await issueTasks(deps, supervisor, batchId, {});
    const { results } = await getBatch(deps, supervisor, batchId);
    const lostItems = results.filter((r) => r.verdict === 'fail').reduce((n, r) => n + r.vetoes.length + r.deductions.length, 0);
    expect(issued).toEqual({ created: lostItems, existing: 0 });
    // Issuing again adds nothing.
    expect(await issueTasks(deps, supervisor, batchId, {})).toEqual({ created: 0, existing: lostItems });

    const { task, items, room, owner } = await staleHomeSite();
    expect(task).toMatchObject({
      state: 'open',
      kind: 'veto',
      deadline: '2026-11-07',
      recheck: 'auto',
      category: 'update',
      findingCount: 1,
    });
    const org = await deps.db.kysely
      .selectFrom('sites')
      .innerJoin('orgs', 'orgs.id', 'sites.sponsor_org_id')
      .select('orgs.name')
      .where('sites.id', '=', task.siteId)
      .executeTakeFirstOrThrow();
    expect(task.orgName).toBe(org.name);
    // The owner sees the site's own tasks only.
    const own = await listTasks(deps, owner, { pageSize: 200 });
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((t) => t.siteId === task.siteId)).toBe(true);
    expect(own.total).toBe(items.filter((t) => t.siteId === task.siteId).length);

    // The fix: an article published through the three reviews. Reported, the re-check runs the hosted checks again.
    const news = await deps.db.kysely
      .selectFrom('site_columns')
      .select('id')
      .where('site_id', '=', task.siteId)
      .where('freshness_class', '=', 'news')
      .orderBy('sort_order')
      .executeTakeFirstOrThrow();
    await publishThroughReview(deps, room as never, { columnId: news.id, type: 'news', title: '教育系统秋季开学工作会议召开' });
    const reported = await reportFix(deps, owner, task.id, { note: '已发布最新工作动态，首页已更新' });
    expect(reported.state).toBe('reported');
    await drainJobs(deps, new JobRegistry(evaluationJobs));
    const closed = await getTask(deps, owner, task.id);
    expect(closed).toMatchObject({ state: 'closed', findingCount: 0, findingIds: [] });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.events.map((e) => e.event)).toEqual(['created', 'reported', 'closed']);
    const homeFinding = await deps.db.kysely
      .selectFrom('monitoring_findings')
      .select('state')
      .where('id', '=', task.findingIds[0]!)
      .executeTakeFirstOrThrow();
    expect(homeFinding.state).toBe('resolved');

    // The empty columns were not filled: reporting them fixed reopens the task with what is still found.
    const columns = items.find((t) => t.siteId === task.siteId && t.itemCode === 'veto.columns')!;
    await reportFix(deps, owner, columns.id, { note: '已整改' });
    await drainJobs(deps, new JobRegistry(evaluationJobs));
    const reopened = await getTask(deps, owner, columns.id);
    expect(reopened).toMatchObject({ state: 'open', reopened: 1 });
    expect(reopened.findingCount).toBeGreaterThan(0);
    expect(reopened.events.map((e) => e.event)).toEqual(['created', 'reported', 'reopened']);
    expect(reopened.events.at(-1)?.note).toContain(`仍发现 ${reopened.findingCount} 条问题`);
    // A closed task takes no report.
    await expect(reportFix(deps, owner, task.id, { note: '再次报送' })).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT' });

    // A re-check that cannot be done (its last attempt cut short) hands the task back, saying so.
    await reportFix(deps, owner, columns.id, { note: '再次整改' });
    const cut = new AbortController();
    cut.abort();
    const ctx = { deps, jobId: 'j-test', actor: systemActor('job:evaluation.recheckTask'), signal: cut.signal };
    await expect(recheckTaskJob.run({ taskId: columns.id }, { ...ctx, attempt: 1 })).rejects.toThrow();
    expect((await getTask(deps, owner, columns.id)).state).toBe('reported');
    await recheckTaskJob.run({ taskId: columns.id }, { ...ctx, attempt: 3 });
    const handedBack = await getTask(deps, owner, columns.id);
    expect(handedBack).toMatchObject({ state: 'open', reopened: 1 });
    expect(handedBack.events.at(-1)?.note).toContain('复查未能完成');
    // Every step is in the audit log of the target site.
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'site_id'])
      .where('target_id', '=', task.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['evaluation.rectification.reported', 'evaluation.rectification.closed']);
    expect(audit.every((a) => a.site_id === task.siteId)).toBe(true);
  });

  it('dismisses an item only with a reason and the approval of someone else, and never gives the points back to the batch', async () => {
    const { items } = await listTasks(deps, supervisor, { batchId, state: 'open', pageSize: 200 });
    const task = items.find((t) => t.itemCode === 'veto.service' && t.recheck === 'auto')!;
    const owner = asActor(await buildUser(deps, { grants: [{ role: 'siteAdmin', siteId: task.siteId }] }));
    const before = (await getBatch(deps, supervisor, batchId)).results.find((r) => r.siteId === task.siteId)!;
    await expect(requestDismissal(deps, owner, task.id, { reason: '' })).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    await requestDismissal(deps, owner, task.id, { reason: '本部门无对外办事服务事项，办事服务由市政务服务中心统一提供' });
    // The one who asked cannot decide; one who does not supervise cannot either.
    const selfAsking = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    const other = await listTasks(deps, supervisor, { batchId, state: 'open', pageSize: 200 });
    const second = other.items.find((t) => t.id !== task.id && t.recheck === 'auto')!;
    await requestDismissal(deps, selfAsking, second.id, { reason: '误报，需要核实' });
    await expect(decideDismissal(deps, selfAsking, second.id, { approve: true, opinion: '同意' })).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    await expect(decideDismissal(deps, owner, task.id, { approve: true, opinion: '同意' })).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    const rejected = await decideDismissal(deps, supervisor, second.id, { approve: false, opinion: '经核实问题属实，请按期整改' });
    expect(rejected.state).toBe('open');

    const approved = await decideDismissal(deps, supervisor, task.id, { approve: true, opinion: '情况属实，同意核销' });
    expect(approved.state).toBe('dismissed');
    expect(approved.events.map((e) => e.event)).toEqual(['created', 'dismissalRequested', 'dismissalApproved']);
    // The batch keeps its verdict and score; the findings stay out of the next scoring.
    const after = (await getBatch(deps, supervisor, batchId)).results.find((r) => r.siteId === task.siteId)!;
    expect(after.verdict).toBe(before.verdict);
    expect(after.vetoes).toEqual(before.vetoes);
    const kept = await deps.db.kysely.selectFrom('evaluation_dismissals').selectAll().where('task_id', '=', task.id).execute();
    expect(kept.map((d) => d.finding_id).sort()).toEqual(task.findingIds.slice().sort());
    expect(kept[0]).toMatchObject({ reason: '本部门无对外办事服务事项，办事服务由市政务服务中心统一提供', approved_by: supervisor.name });
    const next = await createBatch(deps, supervisor, { name: '复核', period: '2026-Q4', asOf: '2026-10-08' });
    await runBatch(deps, factoryActor, next.id);
    const rescored = (await getBatch(deps, supervisor, next.id)).results.find((r) => r.siteId === task.siteId)!;
    expect(rescored.vetoes.map((v) => v.code)).not.toContain('veto.service');
  });

  it('escalates overdue tasks once and flags the site for an interview, whose record is kept', async () => {
    deps.clock.set('2026-11-09T02:00:00Z');
    const escalated = await escalateOverdue(deps, factoryActor);
    const overdue = await listTasks(deps, supervisor, { batchId, overdue: 'true', pageSize: 200 });
    expect(escalated).toBe(overdue.total);
    expect(overdue.items.every((t) => t.overdue && t.escalatedAt !== null && t.state === 'open')).toBe(true);
    expect(await escalateOverdue(deps, factoryActor)).toBe(0);
    const one = await getTask(deps, supervisor, overdue.items[0]!.id);
    expect(one.events.at(-1)).toMatchObject({ event: 'escalated', note: '整改期限 2026-11-07 已过' });

    const candidates = await interviewCandidates(deps, supervisor, batchId);
    const flagged = candidates.find((c) => c.siteId === overdue.items[0]!.siteId)!;
    expect(flagged.reasons).toContain('overdueRectification');
    expect(flagged.overdueTasks).toBeGreaterThan(0);
    expect(flagged.interviews).toBe(0);
    await expect(
      recordInterview(deps, supervisor, {
        siteId: flagged.siteId,
        reason: 'overdueRectification',
        heldOn: '2026-12-01',
        attendees: '甲',
        summary: '乙',
      }),
    ).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    const held = await recordInterview(deps, supervisor, {
      siteId: flagged.siteId,
      batchId,
      reason: 'overdueRectification',
      heldOn: '2026-11-09',
      attendees: '市政府办公室电子政务科；该部门分管负责同志及网站负责人',
      summary: '通报整改逾期情况，要求一周内完成整改并报送书面说明',
      commitments: '11月16日前完成全部栏目更新',
    });
    expect(held).toMatchObject({ siteName: flagged.siteName, orgName: flagged.orgName, reason: 'overdueRectification' });
    expect((await interviewCandidates(deps, supervisor, batchId)).find((c) => c.siteId === flagged.siteId)?.interviews).toBe(1);
    expect((await listInterviews(deps, supervisor, flagged.siteId)).map((i) => i.id)).toEqual([held.id]);
  });

  it('gathers the supervision dashboard from every room', async () => {
    const d = await supervisionDashboard(deps, supervisor);
    expect(d.asOf).toBe('2026-11-09');
    // The quarter, and the two checks of the next quarter made above (the one refused a circular was scored since).
    // The test clock stands still, so they finished at the same instant: their order among themselves is arbitrary.
    expect(d.trend.map((t) => t.name).sort()).toEqual(['2026年第三季度全市政府网站检查', '复核', '未评分'].sort());
    const { results } = await getBatch(deps, supervisor, batchId);
    expect(d.trend.find((t) => t.batchId === batchId)).toMatchObject({
      scored: results.length,
      pass: results.filter((r) => r.verdict === 'pass').length,
    });
    expect(d.latest?.batchId).toBe(d.trend.at(-1)?.batchId);
    expect(d.latest?.lowest.length).toBeGreaterThan(0);
    const open = await deps.db.kysely.selectFrom('monitoring_findings').select(['kind', 'severity']).where('state', '=', 'open').execute();
    const emptyColumns = open.filter((f) => f.kind === 'column_empty');
    expect(d.findings.find((f) => f.kind === 'column_empty')).toMatchObject({
      veto: emptyColumns.filter((f) => f.severity === 'veto').length,
      deduction: emptyColumns.filter((f) => f.severity === 'deduction').length,
    });
    const overdue = await listTasks(deps, supervisor, { overdue: 'true', pageSize: 1 });
    expect(d.rectification.overdue).toBe(overdue.total);
    expect(d.outside.map((s) => s.name)).toContain(externalName);
    expect(d.outside.every((s) => s.baseUrl !== null)).toBe(true);
    expect(d.emergencies).toEqual({ awaiting: 0, overdue: 0 });
    const editor = asActor(await buildUser(deps, { grants: [{ role: 'editor', siteId: d.outside[0]!.siteId }] }));
    await expect(supervisionDashboard(deps, editor)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
  });
});

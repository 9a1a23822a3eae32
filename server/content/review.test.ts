import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '#server/audit/index.ts';
import { drainJobs, JobRegistry } from '#server/platform/jobs/index.ts';
import { asActor, buildNewsroom, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import {
  approveArticle,
  contentJobs,
  createArticle,
  emergencyPublishArticle,
  getArticle,
  publishArticle,
  rejectArticle,
  retractArticle,
  reviewQueue,
  setSiteStages,
  submitArticle,
  updateArticle,
  withdrawArticle,
} from './index.ts';

type Room = Awaited<ReturnType<typeof buildNewsroom>>;

describe('the three-stage review', () => {
  let deps: TestDeps;
  let room: Room;
  beforeEach(async () => {
    deps = await createTestDeps();
    room = await buildNewsroom(deps);
  });
  afterEach(async () => deps.db.close());

  const body = '<p>示例市教育和体育局召开全市教育工作会议，部署下一阶段重点工作。</p>';
  const draft = (over: Record<string, unknown> = {}) =>
    createArticle(deps, asActor(room.author), {
      siteId: room.site.id,
      columnId: room.columns.news.id,
      type: 'news',
      title: '全市教育工作会议召开',
      bodyHtml: body,
      source: '示例市教育和体育局',
      ...over,
    });
  const current = async (id: string) => (await getArticle(deps, factoryActor, id)).current?.id as string;
  const approve = async (who: Room['leader'], id: string, extra: Record<string, unknown> = {}) =>
    approveArticle(deps, asActor(who), id, { revisionId: await current(id), opinion: '同意', ...extra });

  it('publishes an article after 初审, 审核 and 审签 by three different people, recording every decision', async () => {
    const a = await draft();
    expect((await submitArticle(deps, asActor(room.author), a.id)).stage).toBe('firstReview');
    expect((await approve(room.firstReviewer, a.id)).stage).toBe('sectionReview');
    expect((await approve(room.sectionReviewer, a.id)).stage).toBe('leaderApproval');
    const done = await approve(room.leader, a.id, { publish: 'now' });
    expect(done.status).toBe('published');

    const view = await getArticle(deps, asActor(room.author), a.id);
    expect(view.live).toBe(true);
    expect(view.liveRevisionId).toBe(view.current?.id);
    expect(view.events.map((e) => [e.kind, e.stage, e.actorName])).toEqual([
      ['create', null, room.author.displayName],
      ['submit', 'firstReview', room.author.displayName],
      ['approve', 'firstReview', room.firstReviewer.displayName],
      ['approve', 'sectionReview', room.sectionReviewer.displayName],
      ['approve', 'leaderApproval', room.leader.displayName],
      ['publish', null, room.leader.displayName],
    ]);
    expect(view.events.filter((e) => e.kind === 'approve').every((e) => e.opinion === '同意' && e.at)).toBe(true);
    const actions = await deps.db.kysely.selectFrom('audit_events').select('action').where('target_id', '=', a.id).orderBy('seq').execute();
    expect(actions.map((x) => x.action)).toEqual([
      'content.article.create',
      'content.article.submit',
      'content.article.approve',
      'content.article.approve',
      'content.article.approve',
      'content.article.publish',
    ]);
    expect((await verifyAuditChain(deps.db)).ok).toBe(true);
  });

  it("refuses a reviewer's approval of an article they wrote", async () => {
    const a = await draft();
    await submitArticle(deps, asActor(room.author), a.id);
    await expect(approve(room.author, a.id)).rejects.toMatchObject({
      code: 'GK_ERR_CONFLICT',
      message: expect.stringContaining('不能审核本人撰写或修改的稿件'),
    });
  });

  it('refuses one person acting at two stages of the same article', async () => {
    const both = await buildUser(deps, {
      grants: [
        { role: 'editor', siteId: room.site.id },
        { role: 'sectionReviewer', siteId: room.site.id },
      ],
    });
    const a = await draft();
    await submitArticle(deps, asActor(room.author), a.id);
    await approve(both, a.id);
    await expect(approve(both, a.id)).rejects.toMatchObject({ message: expect.stringContaining('不同审核环节须由不同人员完成') });
  });

  it('refuses a reviewer without the stage role with 403', async () => {
    const a = await draft();
    await submitArticle(deps, asActor(room.author), a.id);
    await expect(approve(room.leader, a.id)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
  });

  it('binds an approval to the revision the reviewer saw; an edit after approval sends it back to 初审', async () => {
    const a = await draft();
    await submitArticle(deps, asActor(room.author), a.id);
    const seen = await current(a.id);
    await approve(room.firstReviewer, a.id);
    await approve(room.sectionReviewer, a.id);
    const edited = await updateArticle(deps, asActor(room.author), a.id, {
      expectedVersion: (await getArticle(deps, asActor(room.author), a.id)).version,
      title: '全市教育工作会议召开（修订）',
      bodyHtml: body,
      source: '示例市教育和体育局',
    });
    expect(edited).toMatchObject({ status: 'in_review', revisionNumber: 2 });
    expect((await getArticle(deps, asActor(room.leader), a.id)).stage).toBe('firstReview');
    // The leader cannot approve what is now a stale revision, nor skip the earlier stages.
    await expect(approveArticle(deps, asActor(room.leader), a.id, { revisionId: seen })).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    await expect(publishArticle(deps, asActor(room.author), a.id)).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT' });
    await expect(approveArticle(deps, asActor(room.firstReviewer), a.id, { revisionId: seen })).rejects.toMatchObject({
      message: expect.stringContaining('已被修改'),
    });
    await approve(room.firstReviewer, a.id);
    await approve(room.sectionReviewer, a.id);
    expect((await approve(room.leader, a.id, { publish: 'now' })).status).toBe('published');
  });

  it('publishes nothing without every approval', async () => {
    const a = await draft();
    await expect(publishArticle(deps, asActor(room.author), a.id)).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT' });
    await submitArticle(deps, asActor(room.author), a.id);
    await approve(room.firstReviewer, a.id);
    await approve(room.sectionReviewer, a.id);
    await expect(publishArticle(deps, asActor(room.author), a.id)).rejects.toMatchObject({
      message: expect.stringContaining('当前状态下不能发布'),
    });
    await expect(approve(room.sectionReviewer, a.id, { publish: 'now' })).rejects.toBeTruthy();
  });

  it('sends a rejected article back to the author with the opinion, and requires one', async () => {
    const a = await draft();
    await submitArticle(deps, asActor(room.author), a.id);
    const revisionId = await current(a.id);
    await expect(rejectArticle(deps, asActor(room.firstReviewer), a.id, { revisionId })).rejects.toMatchObject({
      message: expect.stringContaining('须填写审核意见'),
    });
    expect((await rejectArticle(deps, asActor(room.firstReviewer), a.id, { revisionId, opinion: '标题不规范' })).status).toBe('rejected');
    const view = await getArticle(deps, asActor(room.author), a.id);
    expect(view.events.at(-1)).toMatchObject({ kind: 'reject', opinion: '标题不规范', stage: 'firstReview' });
    expect((await submitArticle(deps, asActor(room.author), a.id)).stage).toBe('firstReview');
  });

  it('lets the author withdraw an article from review', async () => {
    const a = await draft();
    await submitArticle(deps, asActor(room.author), a.id);
    expect((await withdrawArticle(deps, asActor(room.author), a.id)).status).toBe('withdrawn');
    await expect(withdrawArticle(deps, asActor(room.author), a.id)).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT' });
  });

  it('gives a second editor a conflict instead of silently overwriting', async () => {
    const a = await draft();
    const edit = (title: string) =>
      updateArticle(deps, asActor(room.author), a.id, { expectedVersion: 1, title, bodyHtml: body, source: '来源' });
    await edit('第一次修改');
    await expect(edit('第二次修改')).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT', details: { reason: 'version' } });
    expect((await getArticle(deps, asActor(room.author), a.id)).title).toBe('第一次修改');
  });

  it('lets a leader publish in an emergency with a written reason, flagged until the retrospective review', async () => {
    const a = await draft();
    await expect(emergencyPublishArticle(deps, asActor(room.author), a.id, { reason: '突发事件须立即发布权威信息' })).rejects.toMatchObject(
      { code: 'GK_ERR_FORBIDDEN' },
    );
    await expect(emergencyPublishArticle(deps, asActor(room.leader), a.id, { reason: '太急了' })).rejects.toMatchObject({
      message: expect.stringContaining('不少于 10 个字'),
    });
    const r = await emergencyPublishArticle(deps, asActor(room.leader), a.id, { reason: '突发事件须立即发布权威信息，事后补审' });
    expect(r).toMatchObject({ status: 'in_review', stage: 'firstReview' });
    let view = await getArticle(deps, asActor(room.leader), a.id);
    expect(view).toMatchObject({ live: true, emergency: true, emergencyReason: '突发事件须立即发布权威信息，事后补审' });
    expect(Date.parse(view.emergencyDueAt as string) - deps.clock.now().getTime()).toBe(48 * 3_600_000);
    await approve(room.firstReviewer, a.id);
    await approve(room.sectionReviewer, a.id);
    await approve(room.leader, a.id, { publish: 'now' });
    view = await getArticle(deps, asActor(room.leader), a.id);
    expect(view).toMatchObject({ live: true, emergency: false, status: 'published' });
  });

  it('schedules publication and publishes when the time comes', async () => {
    const a = await draft();
    await submitArticle(deps, asActor(room.author), a.id);
    await approve(room.firstReviewer, a.id);
    await approve(room.sectionReviewer, a.id);
    const at = new Date(deps.clock.now().getTime() + 2 * 3_600_000).toISOString();
    expect((await approve(room.leader, a.id, { publish: at })).status).toBe('scheduled');
    const registry = new JobRegistry(contentJobs);
    await drainJobs(deps, registry);
    expect((await getArticle(deps, asActor(room.author), a.id)).status).toBe('scheduled');
    deps.clock.advance(2 * 3_600_000 + 1000);
    await drainJobs(deps, registry);
    const view = await getArticle(deps, asActor(room.author), a.id);
    expect(view).toMatchObject({ status: 'published', live: true });
    expect(view.events.at(-1)).toMatchObject({ kind: 'publish', actorName: 'system:job:content.publishScheduled' });
  });

  it('retracts a live article with a reason and keeps its history', async () => {
    const a = await draft();
    await emergencyPublishArticle(deps, asActor(room.leader), a.id, { reason: '突发事件须立即发布权威信息' });
    await expect(retractArticle(deps, asActor(room.author), a.id, { reason: '内容有误' })).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    expect((await retractArticle(deps, asActor(room.siteAdmin), a.id, { reason: '内容有误，撤稿' })).status).toBe('retracted');
    const view = await getArticle(deps, asActor(room.author), a.id);
    expect(view).toMatchObject({ live: false, retractReason: '内容有误，撤稿' });
    expect(view.events.map((e) => e.kind)).toEqual(['create', 'emergency', 'retract']);
  });

  it('lets a site configure four stages but never fewer than three', async () => {
    const admin = asActor(room.siteAdmin);
    await expect(
      setSiteStages(deps, admin, room.site.id, [
        { key: 'a', label: '初审', roles: ['editor'] },
        { key: 'b', label: '审签', roles: ['leader'] },
      ]),
    ).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION', message: '审核环节不能少于 3 个' });
    await setSiteStages(deps, admin, room.site.id, [
      { key: 'firstReview', label: '初审', roles: ['editor'] },
      { key: 'sectionReview', label: '审核', roles: ['sectionReviewer'] },
      { key: 'legal', label: '合法性审查', roles: ['siteAdmin'] },
      { key: 'leaderApproval', label: '审签', roles: ['leader'] },
    ]);
    const a = await draft();
    await submitArticle(deps, asActor(room.author), a.id);
    await approve(room.firstReviewer, a.id);
    await approve(room.sectionReviewer, a.id);
    expect((await approve(room.siteAdmin, a.id)).stage).toBe('leaderApproval');
  });

  it("keeps one queue per reviewer across sites, without the reviewer's own articles", async () => {
    const other = await buildNewsroom(deps);
    const reviewer = await buildUser(deps, {
      grants: [
        { role: 'sectionReviewer', siteId: room.site.id },
        { role: 'sectionReviewer', siteId: other.site.id },
      ],
    });
    for (const r of [room, other]) {
      const a = await createArticle(deps, asActor(r.author), {
        siteId: r.site.id,
        columnId: r.columns.news.id,
        type: 'news',
        title: `稿件 ${r.site.name}`,
        bodyHtml: body,
        source: '来源',
      });
      await submitArticle(deps, asActor(r.author), a.id);
      await approveArticle(deps, asActor(r.firstReviewer), a.id, { revisionId: await current(a.id) });
    }
    const queue = await reviewQueue(deps, asActor(reviewer));
    expect(queue.map((a) => a.siteId).sort()).toEqual([room.site.id, other.site.id].sort());
    expect(queue.every((a) => a.stage === 'sectionReview')).toBe(true);
    expect(await reviewQueue(deps, asActor(room.leader))).toEqual([]);
    expect((await reviewQueue(deps, asActor(reviewer), { siteId: other.site.id })).map((a) => a.siteId)).toEqual([other.site.id]);
  });
});

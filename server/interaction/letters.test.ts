import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asActor, buildOrg, buildSite, buildUser } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import type { Actor } from '#server/platform/actor.ts';
import type { ChannelView } from '#common/schemas/interaction.ts';
import {
  actOnLetter,
  createChannel,
  getLetter,
  interactionOversight,
  interactionStatistics,
  listLetters,
  overdueLetters,
  publishedLetters,
  rateLetter,
  runLetterWarnings,
  saveInteractionSettings,
  updateChannel,
  submitLetter,
  trackLetter,
  letterStatistics,
} from './index.ts';
import { systemActor } from '#server/platform/actor.ts';

let deps: TestDeps;
let portal: Awaited<ReturnType<typeof buildSite>>;
let bureauA: Awaited<ReturnType<typeof buildSite>>;
let bureauB: Awaited<ReturnType<typeof buildSite>>;
let mailbox: ChannelView;
let portalHandler: Actor;
let aHandler: Actor;
let bHandler: Actor;
let bLeader: Actor;
let siteAdmin: Actor;
let supervisor: Actor;
let keyNo = 0;

const at = (date: string) => deps.clock.set(`${date}T02:00:00.000Z`);
const form = (over: Record<string, unknown> = {}) => ({
  channelId: mailbox.id,
  category: '城乡建设',
  title: '建议在东区菜市场旁增设公交站',
  content: '东区菜市场每天早上人很多，最近的公交站在八百米外，老人走过去很不方便。我的电话是13812345678，请联系我。',
  name: '李秀英',
  phone: '13812345678',
  email: 'li@example.cn',
  consentPublish: true,
  ...over,
});
const submit = (over: Record<string, unknown> = {}, key = `k${++keyNo}`) =>
  submitLetter(deps, { siteId: portal.id, form: form(over) as never, attachments: [], idempotencyKey: key });
const refusal = (field: string, message: RegExp) => ({
  status: 400,
  fields: expect.arrayContaining([{ field, message: expect.stringMatching(message) }]),
});
const act = (actor: Actor, id: string, action: Record<string, unknown>) => actOnLetter(deps, actor, id, action);
const orgOf = async (siteId: string) =>
  (await deps.db.kysely.selectFrom('sites').select('sponsor_org_id').where('id', '=', siteId).executeTakeFirstOrThrow()).sponsor_org_id;

beforeEach(async () => {
  deps = await createTestDeps({ now: '2026-03-02T02:00:00.000Z' });
  const city = await buildOrg(deps, { name: '示例市人民政府办公室', level: 'city' });
  portal = await buildSite(deps, { sponsorOrgId: city.id });
  const orgA = await buildOrg(deps, { name: '示例市交通运输局', level: 'department', parentId: city.id });
  const orgB = await buildOrg(deps, { name: '示例市住房和城乡建设局', level: 'department', parentId: city.id });
  bureauA = await buildSite(deps, { sponsorOrgId: orgA.id });
  bureauB = await buildSite(deps, { sponsorOrgId: orgB.id });
  const on = (role: 'letterHandler' | 'leader' | 'siteAdmin', siteId: string) => ({ grants: [{ role, siteId }] });
  portalHandler = asActor(await buildUser(deps, { ...on('letterHandler', portal.id), displayName: '市长信箱办' }));
  aHandler = asActor(await buildUser(deps, { ...on('letterHandler', bureauA.id), displayName: '交通局办理人' }));
  bHandler = asActor(await buildUser(deps, { ...on('letterHandler', bureauB.id), displayName: '住建局办理人' }));
  bLeader = asActor(await buildUser(deps, { ...on('leader', bureauB.id), displayName: '住建局分管领导' }));
  siteAdmin = asActor(await buildUser(deps, on('siteAdmin', portal.id)));
  supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor', siteId: null }] }));
  mailbox = await createChannel(deps, siteAdmin, portal.id, {
    kind: 'leaderMailbox',
    name: '市长信箱',
    handlingOrgId: city.id,
    replyDays: 5,
    publishReplies: true,
    reviewReplies: true,
    reopenOnUnsatisfied: true,
    enabled: true,
  });
});

afterEach(async () => {
  await deps.db.close();
});

describe('submission', () => {
  it('stores the letter with personal data encrypted, a due date on working days, and its first event', async () => {
    const r = await submit();
    expect(r.trackingNo).toMatch(/^20260302\d{6}$/);
    expect(r.queryCode).toMatch(/^\d{8}$/);
    expect(r.dueOn).toBe('2026-03-09');
    const row = await deps.db.kysely.selectFrom('letters').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('李秀英');
    expect(row.writer_phone).not.toContain('13812345678');
    expect(row.state).toBe('received');
    const view = await getLetter(deps, portalHandler, r.id);
    expect(view.writer).toEqual({ name: '李**', phone: '138****5678', email: expect.stringContaining('*'), revealed: false });
    expect(view.events.map((e) => e.type)).toEqual(['submitted']);
    expect(view.actions).toEqual(expect.arrayContaining(['accept', 'reject', 'merge', 'assign']));
  });

  it('is idempotent on the form key: a repeated form gets the first receipt back, query code included, and stores nothing', async () => {
    const first = await submit({}, 'same');
    expect(await submit({}, 'same')).toEqual({ ...first, repeated: true });
    const results = await Promise.all([submit({}, 'race'), submit({}, 'race'), submit({}, 'race')]);
    expect(new Set(results.map((r) => `${r.id}/${r.queryCode}`)).size).toBe(1);
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    const n = await deps.db.kysely
      .selectFrom('letters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
    expect(await trackLetter(deps, portal.id, first.trackingNo, first.queryCode)).toMatchObject({ state: 'received' });
  });

  it('refuses markup, scripts, control characters, oversized text and channels of other sites with Chinese messages', async () => {
    await expect(submit({ content: '<script>alert(1)</script>' })).rejects.toMatchObject(refusal('content', /脚本/));
    await expect(submit({ title: 'javascript:alert(1)' })).rejects.toMatchObject({ status: 400 });
    await expect(submit({ content: '二进制\u0000\u0001内容' })).rejects.toMatchObject(refusal('content', /无法识别的字符/));
    await expect(submit({ content: '长'.repeat(5001) })).rejects.toMatchObject(refusal('content', /5000/));
    await expect(submit({ phone: '12345' })).rejects.toMatchObject({ status: 400 });
    const other = await createChannel(deps, systemActor('t'), bureauA.id, {
      kind: 'consultation',
      name: '咨询',
      handlingOrgId: await orgOf(bureauA.id),
      replyDays: 5,
      publishReplies: false,
      reviewReplies: false,
      reopenOnUnsatisfied: false,
      enabled: true,
    });
    await expect(submit({ channelId: other.id })).rejects.toMatchObject({ status: 400, message: '请选择信件类型' });
    const n = await deps.db.kysely
      .selectFrom('letters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});

describe("a letter's way through the offices", () => {
  it('is accepted, assigned, transferred (refused once, then accepted), answered after review, published redacted and rated', async () => {
    await saveInteractionSettings(deps, siteAdmin, portal.id, { redactWords: ['东区菜市场'] });
    const r = await submit();
    const orgA = await orgOf(bureauA.id);
    const orgB = await orgOf(bureauB.id);
    // The bureau cannot screen a letter of the portal; the portal office can.
    await expect(act(aHandler, r.id, { action: 'accept' })).rejects.toMatchObject({ status: 403 });
    await act(portalHandler, r.id, { action: 'accept' });
    let v = await act(portalHandler, r.id, { action: 'assign', orgId: orgA, note: '请交通运输局办理' });
    expect(v).toMatchObject({ state: 'handling', handlingOrgId: orgA });
    expect((await listLetters(deps, aHandler, { siteId: bureauA.id })).items.map((x) => x.id)).toEqual([r.id]);
    // Each party is offered only its own steps: the bureau answers or passes on, the portal screens.
    expect((await getLetter(deps, aHandler, r.id)).actions.sort()).toEqual(['draftReply', 'transfer']);
    expect((await getLetter(deps, portalHandler, r.id)).actions.sort()).toEqual(['assign', 'merge']);

    v = await act(aHandler, r.id, { action: 'transfer', orgId: orgB, reason: '公交站选址属住建局职责' });
    expect(v).toMatchObject({ state: 'transferring', pendingOrgId: orgB });
    await expect(act(aHandler, r.id, { action: 'acceptTransfer' })).rejects.toMatchObject({ status: 403 });
    v = await act(bHandler, r.id, { action: 'refuseTransfer', reason: '站点设置由交通运输局负责' });
    expect(v).toMatchObject({ state: 'handling', handlingOrgId: orgA, pendingOrgId: null });
    await act(aHandler, r.id, { action: 'transfer', orgId: orgB, reason: '涉及道路规划，请住建局办理' });
    v = await act(bHandler, r.id, { action: 'acceptTransfer' });
    expect(v).toMatchObject({ state: 'handling', handlingOrgId: orgB });
    await expect(act(aHandler, r.id, { action: 'draftReply', reply: '答复' })).rejects.toMatchObject({ status: 403 });

    await expect(act(bHandler, r.id, { action: 'submitReply' })).rejects.toMatchObject({ status: 409, message: '请先填写答复内容' });
    await act(bHandler, r.id, {
      action: 'draftReply',
      reply: '李秀英您好：经研究，东区菜市场旁将于今年6月增设公交站，联系电话 0812-3334444。',
    });
    v = await act(bHandler, r.id, { action: 'submitReply' });
    expect(v.state).toBe('reviewing');
    await expect(act(bHandler, r.id, { action: 'approveReply' })).rejects.toMatchObject({ status: 403 });
    v = await act(bLeader, r.id, { action: 'returnReply', reason: '请写明具体位置' });
    expect(v.state).toBe('handling');
    await act(bHandler, r.id, { action: 'draftReply', reply: '李秀英您好：东区菜市场北门将于今年6月增设公交站，咨询电话 0812-3334444。' });
    await act(bHandler, r.id, { action: 'submitReply' });
    at('2026-03-05');
    v = await act(bLeader, r.id, { action: 'approveReply', note: '同意' });
    expect(v).toMatchObject({ state: 'replied', repliedOn: '2026-03-05', published: true, replyOrgName: '示例市住房和城乡建设局' });

    const list = await publishedLetters(deps, portal.id, 1, 20);
    expect(list.total).toBe(1);
    const pub = list.items[0]!;
    const shown = JSON.stringify(pub);
    for (const secret of ['李秀英', '13812345678', '3334444', '东区菜市场']) expect(shown).not.toContain(secret);
    expect(pub).toMatchObject({ receivedOn: '2026-03-02', repliedOn: '2026-03-05', replyOrgName: '示例市住房和城乡建设局' });

    const track = await trackLetter(deps, portal.id, v.trackingNo, r.queryCode);
    expect(track).toMatchObject({ state: 'replied', canRate: true, reply: expect.stringContaining('北门') });
    expect(await trackLetter(deps, portal.id, v.trackingNo, '00000000')).toBeNull();
    expect(await trackLetter(deps, bureauA.id, v.trackingNo, r.queryCode)).toBeNull();

    const rated = await rateLetter(deps, portal.id, v.trackingNo, r.queryCode, { rating: 'satisfied', comment: '很及时' });
    expect(rated).toMatchObject({ rating: 'satisfied', canRate: false });
    await expect(rateLetter(deps, portal.id, v.trackingNo, r.queryCode, { rating: 'basic' })).rejects.toMatchObject({ status: 409 });

    const detail = await getLetter(deps, portalHandler, r.id);
    expect(detail.events.map((e) => e.type)).toEqual([
      'submitted',
      'accept',
      'assign',
      'transfer',
      'refuseTransfer',
      'transfer',
      'acceptTransfer',
      'draftReply',
      'submitReply',
      'returnReply',
      'draftReply',
      'submitReply',
      'approveReply',
      'sent',
      'rated',
    ]);
    const audit = await deps.db.kysely.selectFrom('audit_events').select('action').where('target_id', '=', r.id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['interaction.letter.submit', 'interaction.letter.approveReply', 'interaction.letter.rate']),
    );

    const stats = await letterStatistics(deps, portal.id, '2026-01-01', '2026-12-31');
    expect(stats[0]).toMatchObject({ received: 1, answered: 1, published: 1, averageDays: 3, satisfied: 1, rated: 1 });
    const year = await interactionStatistics(deps, supervisor, portal.id, 2026, async () => ({
      held: 0,
      opinions: 0,
      resultsPublished: 0,
    }));
    expect(year.letters).toEqual({ received: 1, closed: 1, averageDays: 3, publishedReplies: 1 });
  });

  it('reopens on an unsatisfied rating with a fresh deadline, and can be rated again after the new reply', async () => {
    const r = await submit();
    await act(portalHandler, r.id, { action: 'accept' });
    await act(portalHandler, r.id, { action: 'draftReply', reply: '已转交有关部门研究。' });
    await act(portalHandler, r.id, { action: 'submitReply' });
    const leader = asActor(await buildUser(deps, { grants: [{ role: 'leader', siteId: portal.id }] }));
    const sent = await act(leader, r.id, { action: 'approveReply' });
    at('2026-03-10');
    const after = await rateLetter(deps, portal.id, sent.trackingNo, r.queryCode, { rating: 'unsatisfied', comment: '没有解决问题' });
    expect(after).toMatchObject({ state: 'handling', canRate: false, dueOn: '2026-03-17' });
    const v = await getLetter(deps, portalHandler, r.id);
    expect(v.events.map((e) => e.type).slice(-2)).toEqual(['rated', 'reopen']);
  });

  it('refuses a reviewer who submitted the reply, and takes a reopened reply off the public list while keeping its rating in the figures', async () => {
    const both = asActor(
      await buildUser(deps, {
        grants: [
          { role: 'letterHandler', siteId: portal.id },
          { role: 'leader', siteId: portal.id },
        ],
      }),
    );
    const r = await submit();
    await act(both, r.id, { action: 'accept' });
    await act(both, r.id, { action: 'draftReply', reply: '已安排维修。' });
    await act(both, r.id, { action: 'submitReply' });
    await expect(act(both, r.id, { action: 'approveReply' })).rejects.toMatchObject({ status: 409, message: '不能审核自己提交的答复' });
    await expect(act(both, r.id, { action: 'returnReply', reason: '退回' })).rejects.toMatchObject({ status: 409 });
    const leader = asActor(await buildUser(deps, { grants: [{ role: 'leader', siteId: portal.id }] }));
    await act(leader, r.id, { action: 'approveReply' });
    expect((await publishedLetters(deps, portal.id, 1, 20)).total).toBe(1);
    await rateLetter(deps, portal.id, r.trackingNo, r.queryCode, { rating: 'unsatisfied' });
    expect((await publishedLetters(deps, portal.id, 1, 20)).total).toBe(0);
    expect((await letterStatistics(deps, portal.id, '2026-01-01', '2026-12-31'))[0]).toMatchObject({
      rated: 1,
      satisfied: 0,
      published: 0,
    });
  });

  it('masks letters already published again when the site’s words change', async () => {
    const r = await submit({ content: '南山路口的红绿灯时间太短，老人过不去。' });
    await act(portalHandler, r.id, { action: 'accept' });
    await act(portalHandler, r.id, { action: 'draftReply', reply: '南山路口信号灯已调整。' });
    await act(portalHandler, r.id, { action: 'submitReply' });
    await act(asActor(await buildUser(deps, { grants: [{ role: 'leader', siteId: portal.id }] })), r.id, { action: 'approveReply' });
    expect(JSON.stringify((await publishedLetters(deps, portal.id, 1, 20)).items)).toContain('南山路口');
    await saveInteractionSettings(deps, siteAdmin, portal.id, { redactWords: ['南山路口'] });
    const shown = JSON.stringify((await publishedLetters(deps, portal.id, 1, 20)).items);
    expect(shown).not.toContain('南山路口');
    expect(shown).toContain('红绿灯');
  });

  it('keeps the deadline length a letter was given when the channel changes', async () => {
    const r = await submit();
    await updateChannel(deps, siteAdmin, mailbox.id, {
      kind: 'leaderMailbox',
      name: '市长信箱',
      handlingOrgId: mailbox.handlingOrgId,
      replyDays: 10,
      publishReplies: true,
      reviewReplies: true,
      reopenOnUnsatisfied: true,
      enabled: true,
    });
    const later = await submit();
    expect(later.dueOn).toBe('2026-03-16');
    at('2026-03-04');
    const [first, second] = (await listLetters(deps, portalHandler, { siteId: portal.id })).items;
    expect([first!.id, first!.dueLevel]).toEqual([r.id, 'normal']);
    expect([second!.id, second!.dueLevel]).toEqual([later.id, 'normal']);
    at('2026-03-05');
    expect((await getLetter(deps, portalHandler, r.id)).dueLevel).toBe('warn50');
    expect((await getLetter(deps, portalHandler, later.id)).dueLevel).toBe('normal');
  });

  it('offers near-duplicate letters for merging and merges them', async () => {
    const a = await submit();
    const b = await submit({ title: '建议东区菜市场旁增设公交站', name: '王强', phone: '13900001111' });
    const c = await submit({ title: '路灯不亮', content: '南山路的路灯坏了一个月了。' });
    const v = await getLetter(deps, portalHandler, b.id);
    expect(v.similar.map((s) => s.id)).toEqual([a.id]);
    expect(v.similar[0]!.similarity).toBeGreaterThan(0.6);
    await expect(act(portalHandler, b.id, { action: 'merge', intoLetterId: b.id })).rejects.toMatchObject({ status: 409 });
    const merged = await act(portalHandler, b.id, { action: 'merge', intoLetterId: a.id, note: '同一诉求' });
    expect(merged).toMatchObject({ state: 'merged', duplicateOf: a.id });
    // The pair cannot be merged back into each other.
    await expect(act(portalHandler, a.id, { action: 'merge', intoLetterId: b.id })).rejects.toMatchObject({ status: 400 });
    // The writer of the merged letter reads the main letter's reply once it is sent.
    expect(await trackLetter(deps, portal.id, b.trackingNo, b.queryCode)).toMatchObject({ state: 'merged', reply: null });
    await act(portalHandler, a.id, { action: 'accept' });
    await act(portalHandler, a.id, { action: 'draftReply', reply: '已在菜市场北门增设公交站。' });
    await act(portalHandler, a.id, { action: 'submitReply' });
    const leader = asActor(await buildUser(deps, { grants: [{ role: 'leader', siteId: portal.id }] }));
    await act(leader, a.id, { action: 'approveReply' });
    expect(await trackLetter(deps, portal.id, b.trackingNo, b.queryCode)).toMatchObject({
      state: 'merged',
      stateLabel: '已合并',
      reply: '已在菜市场北门增设公交站。',
      canRate: false,
    });
    const rejected = await act(portalHandler, c.id, { action: 'reject', reason: '内容与本网站无关' });
    expect(rejected.state).toBe('rejected');
    await expect(act(portalHandler, c.id, { action: 'accept' })).rejects.toMatchObject({ status: 409 });
  });

  it('shows the writer in full only to the office that asks, and audits the reveal', async () => {
    const r = await submit();
    await expect(getLetter(deps, aHandler, r.id)).rejects.toMatchObject({ status: 403 });
    const full = await getLetter(deps, portalHandler, r.id, { reveal: true });
    expect(full.writer).toMatchObject({ name: '李秀英', phone: '13812345678', revealed: true });
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', r.id)
      .where('action', '=', 'interaction.letter.reveal')
      .execute();
    expect(audit).toHaveLength(1);
    await expect(getLetter(deps, supervisor, r.id, { reveal: true })).rejects.toMatchObject({ status: 403 });
  });
});

describe('the warning ladder', () => {
  it('warns at half and 80% of the deadline, escalates once when overdue, and flags veto risk in the supervision view', async () => {
    const r = await submit();
    const orgA = await orgOf(bureauA.id);
    await act(portalHandler, r.id, { action: 'assign', orgId: orgA });
    const job = systemActor('letter-warnings');
    expect(await runLetterWarnings(deps, job)).toEqual({ warned: 0, escalated: 0 });
    at('2026-03-05'); // 3 of 5 working days used
    expect(await runLetterWarnings(deps, job)).toEqual({ warned: 1, escalated: 0 });
    expect(await runLetterWarnings(deps, job)).toEqual({ warned: 0, escalated: 0 });
    at('2026-03-06');
    expect(await runLetterWarnings(deps, job)).toEqual({ warned: 1, escalated: 0 });
    expect((await overdueLetters(deps, aHandler, { siteId: bureauA.id })).map((x) => x.dueLevel)).toEqual(['warn80']);
    // Not yet the portal's business: only overdue letters of the orgs it supervises reach it.
    expect(await overdueLetters(deps, portalHandler, { siteId: portal.id })).toEqual([]);
    at('2026-03-10');
    expect(await runLetterWarnings(deps, job)).toEqual({ warned: 1, escalated: 1 });
    expect((await overdueLetters(deps, portalHandler, { siteId: portal.id })).map((x) => [x.id, x.dueLevel])).toEqual([[r.id, 'overdue']]);
    const types = (await getLetter(deps, aHandler, r.id)).events.map((e) => e.type);
    expect(types.filter((t) => t === 'warned')).toHaveLength(3);
    expect(types.filter((t) => t === 'escalated')).toHaveLength(1);

    at('2026-05-02'); // 61 days open
    const view = await interactionOversight(deps, supervisor);
    expect(view.vetoRisk.map((x) => [x.id, x.daysOpen])).toEqual([[r.id, 61]]);
    expect(view.byOrg).toEqual([expect.objectContaining({ orgId: orgA, open: 1, overdue: 1, vetoRisk: 1 })]);
    await expect(interactionOversight(deps, aHandler)).rejects.toMatchObject({ status: 403 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { residentIdCheckChar } from '#common/identity.ts';
import { asActor, buildNewsroom, buildOrg, buildSite, buildUser } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import type { Actor } from '#server/platform/actor.ts';
import {
  archiveRequest,
  assignRequest,
  consultationLetterDocx,
  feeNoticeDocx,
  getRequest,
  listRequests,
  overdueRequests,
  recordDelivery,
  recordRequestEvent,
  registerRequest,
  repeatedRequests,
  replyLetterDocx,
} from './index.ts';

let deps: TestDeps;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
let officer: Actor;
let otherSite: Awaited<ReturnType<typeof buildSite>>;
let otherOfficer: Actor;
let supervisor: Actor;

/** A valid resident ID number, different for each n. */
const idNo = (n: number) => {
  const body = `11010519800101${String(100 + n).padStart(3, '0')}`;
  return body + residentIdCheckChar(body)!;
};
const applicant = (n: number) => ({ kind: 'person', name: '张三丰', idType: 'residentId', idNumber: idNo(n), phone: '13812345678' });
const request = (over: Record<string, unknown> = {}) => ({
  siteId: room.site.id,
  applicant: applicant(1),
  description: '2025 年示例市东区旧城改造项目的征收补偿方案',
  forms: ['electronic'],
  channels: ['email'],
  receipt: { channel: 'online', submittedOn: '2026-02-13', confirmedOn: '2026-02-13' },
  ...over,
});
const at = (date: string) => deps.clock.set(`${date}T02:00:00.000Z`);
const orgOf = async (siteId: string) =>
  (await deps.db.kysely.selectFrom('sites').select('sponsor_org_id').where('id', '=', siteId).executeTakeFirstOrThrow()).sponsor_org_id;
const eventsOf = (id: string) =>
  deps.db.kysely.selectFrom('disclosure_request_events').select(['seq', 'type']).where('request_id', '=', id).orderBy('seq').execute();
const answer = (id: string, over: Record<string, unknown> = {}) =>
  recordRequestEvent(deps, officer, id, { event: { type: 'answered', on: '2026-03-02', outcome: 'disclosed', ...over } });

beforeEach(async () => {
  deps = await createTestDeps({ now: '2026-02-13T02:00:00.000Z' });
  room = await buildNewsroom(deps);
  officer = asActor(await buildUser(deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }] }));
  otherSite = await buildSite(deps);
  otherOfficer = asActor(await buildUser(deps, { grants: [{ role: 'disclosureOfficer', siteId: otherSite.id }] }));
  supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor', siteId: null }] }));
});

afterEach(async () => {
  await deps.db.close();
});

describe('assignment to the responsible org (转办)', () => {
  it('hands the request to another org, records and audits it, and keeps the due date from the original receipt', async () => {
    const r = await registerRequest(deps, officer, request());
    const toOrg = await orgOf(otherSite.id);
    await expect(getRequest(deps, otherOfficer, r.id)).rejects.toMatchObject({ status: 403 });
    at('2026-02-27');
    const done = await assignRequest(deps, officer, r.id, { orgId: toOrg, reason: '该信息由区住建局制作' });
    expect(done.event).toMatchObject({ type: 'assigned', on: '2026-02-27', toOrgId: toOrg });

    const view = await getRequest(deps, otherOfficer, r.id);
    expect(view.orgId).toBe(toOrg);
    const orgName = (await deps.db.kysely.selectFrom('orgs').select('name').where('id', '=', toOrg).executeTakeFirstOrThrow()).name;
    expect(view.orgName).toBe(orgName);
    expect(view.clock.dueDate).toBe('2026-03-19');
    expect(view.clock.receivedOn).toBe('2026-02-13');
    expect(view.events.map((e) => e.type)).toEqual(['received', 'assigned']);
    expect(view.events[1]!.text).toContain('转办至');
    expect(view.events[1]!.text).toContain('答复期限仍自收到申请之日起计算');

    // Both offices find it in their lists; the receiving one sees it marked as assigned to it.
    expect((await listRequests(deps, otherOfficer, { siteId: otherSite.id })).items.map((i) => i.id)).toEqual([r.id]);
    expect((await listRequests(deps, officer, { siteId: room.site.id })).items[0]).toMatchObject({ id: r.id, assigned: true });

    // The clock goes on with the new org's events after it.
    at('2026-03-02');
    const clock = await recordRequestEvent(deps, otherOfficer, r.id, {
      event: { type: 'answered', on: '2026-03-02', outcome: 'disclosed' },
    });
    expect(clock.state).toBe('answered');
    expect((await eventsOf(r.id)).map((e) => [e.seq, e.type])).toEqual([
      [1, 'received'],
      [2, 'assigned'],
      [3, 'answered'],
    ]);
    const audit = await deps.db.kysely.selectFrom('audit_events').select('action').where('target_id', '=', r.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toContain('disclosure.request.assign');
    // The reply letter is signed by the org that answered.
    const text = (await mammoth.extractRawText({ buffer: await replyLetterDocx(deps, otherOfficer, r.id) })).value;
    expect(text).toContain(orgName);
  });

  it('refuses an unknown org (400, field orgId), the same org, a closed request, and anyone but a handler; nothing is stored', async () => {
    const r = await registerRequest(deps, officer, request());
    await expect(assignRequest(deps, officer, r.id, { orgId: 'no-such-org' })).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ field: 'orgId' })],
    });
    await expect(assignRequest(deps, officer, r.id, { orgId: 42 })).rejects.toMatchObject({ status: 400 });
    const siteless = await buildOrg(deps, { level: 'department' });
    await expect(assignRequest(deps, officer, r.id, { orgId: siteless.id })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'orgId', message: expect.stringContaining('没有网站') }],
    });
    await expect(assignRequest(deps, officer, r.id, { orgId: await orgOf(room.site.id) })).rejects.toMatchObject({ status: 409 });
    await expect(assignRequest(deps, asActor(room.author), r.id, { orgId: await orgOf(otherSite.id) })).rejects.toMatchObject({
      status: 403,
    });
    await expect(assignRequest(deps, otherOfficer, r.id, { orgId: await orgOf(otherSite.id) })).rejects.toMatchObject({ status: 403 });
    await expect(
      assignRequest(deps, officer, r.id, { orgId: await orgOf(otherSite.id), reason: '<script>alert(1)</script>' }),
    ).rejects.toMatchObject({ status: 400 });
    at('2026-03-02');
    await answer(r.id);
    await expect(assignRequest(deps, officer, r.id, { orgId: await orgOf(otherSite.id) })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('不能再转办'),
    });
    expect((await eventsOf(r.id)).map((e) => e.type)).toEqual(['received', 'answered']);
    expect((await getRequest(deps, officer, r.id)).orgId).toBe(await orgOf(room.site.id));
  });
});

describe('grounds of a partial disclosure or a withholding (条例 14–16)', () => {
  it('requires grounds that fit the outcome, and stores nothing otherwise', async () => {
    const r = await registerRequest(deps, officer, request());
    at('2026-03-02');
    for (const bad of [
      { outcome: 'withheld.thirdPartyRights' },
      { outcome: 'withheld.thirdPartyRights', grounds: ['stateSecret'] },
      { outcome: 'partlyDisclosed', grounds: [] },
      { outcome: 'disclosed', grounds: ['personalPrivacy'] },
      { outcome: 'partlyDisclosed', grounds: ['personalPrivacy', 'personalPrivacy'] },
      { outcome: 'partlyDisclosed', grounds: ['<b>x</b>'] },
      { outcome: 'partlyDisclosed', grounds: 'personalPrivacy' },
    ])
      await expect(answer(r.id, bad), JSON.stringify(bad)).rejects.toMatchObject({ status: 400, code: 'GK_ERR_VALIDATION' });
    expect((await eventsOf(r.id)).map((e) => e.type)).toEqual(['received']);
  });

  it('shows the grounds in the request and in the reply letter', async () => {
    const r = await registerRequest(deps, officer, request());
    at('2026-03-02');
    await answer(r.id, { outcome: 'withheld.thirdPartyRights', grounds: ['tradeSecret', 'personalPrivacy'] });
    const view = await getRequest(deps, officer, r.id);
    expect(view.reply).toMatchObject({ outcome: 'withheld.thirdPartyRights', on: '2026-03-02' });
    expect(view.reply!.grounds.map((g) => g.code)).toEqual(['tradeSecret', 'personalPrivacy']);
    expect(view.reply!.grounds[0]!.text).toContain('第十五条');
    const text = (await mammoth.extractRawText({ buffer: await replyLetterDocx(deps, officer, r.id) })).value;
    expect(text).toContain('不予公开的理由：（1）《中华人民共和国政府信息公开条例》第十五条：涉及商业秘密');
    expect(text).toContain('（2）《中华人民共和国政府信息公开条例》第十五条：涉及个人隐私');
  });
});

describe('delivery and archive', () => {
  it('records a delivery only after the answer and shows it in the history', async () => {
    const r = await registerRequest(deps, officer, request());
    const delivery = { on: '2026-03-03', method: 'post', trackingNumber: 'EMS1234567890', receiptNote: '申请人本人签收' };
    await expect(recordDelivery(deps, officer, r.id, delivery)).rejects.toMatchObject({ status: 409 });
    at('2026-03-02');
    await answer(r.id);
    await expect(recordDelivery(deps, officer, r.id, delivery)).rejects.toMatchObject({ status: 409, fields: [{ field: 'on' }] });
    at('2026-03-04');
    await expect(recordDelivery(deps, officer, r.id, { ...delivery, on: '2026-03-01' })).rejects.toMatchObject({ status: 409 });
    await expect(recordDelivery(deps, officer, r.id, { ...delivery, method: 'email' })).rejects.toMatchObject({ status: 409 });
    for (const bad of [
      { ...delivery, on: '2026-02-30' },
      { ...delivery, on: 'yesterday' },
      { ...delivery, method: 'pigeon' },
      { ...delivery, trackingNumber: '<script>' },
      { ...delivery, receiptNote: '<img src=x onerror=alert(1)>' },
      { ...delivery, extra: 1 },
    ])
      await expect(recordDelivery(deps, officer, r.id, bad), JSON.stringify(bad)).rejects.toMatchObject({ status: 400 });
    expect((await eventsOf(r.id)).map((e) => e.type)).toEqual(['received', 'answered']);

    await recordDelivery(deps, officer, r.id, delivery);
    const view = await getRequest(deps, officer, r.id);
    expect(view.deliveries).toEqual([
      { on: '2026-03-03', method: 'post', methodLabel: '邮寄', trackingNumber: 'EMS1234567890', receiptNote: '申请人本人签收' },
    ]);
    expect(view.events.at(-1)!.text).toBe('2026年3月3日以邮寄方式送达，邮件单号 EMS1234567890，申请人本人签收');
    expect(view.actions).toEqual({ assign: false, deliver: true, archive: true });
  });

  it('archives a closed, delivered request; an archived request refuses every further event with a stable code', async () => {
    const r = await registerRequest(deps, officer, request());
    await expect(archiveRequest(deps, officer, r.id, {})).rejects.toMatchObject({ status: 409 });
    at('2026-03-02');
    await answer(r.id);
    await expect(archiveRequest(deps, officer, r.id, {})).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('尚未登记送达'),
      details: { reasons: ['notDelivered'] },
    });
    await recordDelivery(deps, officer, r.id, { on: '2026-03-02', method: 'online' });
    const archived = await archiveRequest(deps, officer, r.id, { note: '卷宗号 2026-001' });
    expect(archived.archivedAt).toBe('2026-03-02T02:00:00.000Z');

    const otherOrg = await orgOf(otherSite.id);
    const refusedEverywhere = [
      () => archiveRequest(deps, officer, r.id, {}),
      () => recordDelivery(deps, officer, r.id, { on: '2026-03-02', method: 'email' }),
      () => assignRequest(deps, officer, r.id, { orgId: otherOrg }),
      () => recordRequestEvent(deps, officer, r.id, { event: { type: 'amendmentReceived', on: '2026-03-02' } }),
      () => consultationLetterDocx(deps, officer, r.id, { party: 'thirdParty', addressee: '示例建设有限公司' }),
    ];
    for (const attempt of refusedEverywhere)
      await expect(attempt()).rejects.toMatchObject({
        status: 409,
        code: 'GK_ERR_REQUEST_ARCHIVED',
        message: '申请已归档，不能再记录办理环节',
      });
    expect((await eventsOf(r.id)).map((e) => e.type)).toEqual(['received', 'answered', 'delivered', 'archived']);
    const view = await getRequest(deps, officer, r.id);
    expect(view.archivedAt).toBe('2026-03-02T02:00:00.000Z');
    expect(view.actions).toEqual({ assign: false, deliver: false, archive: false });
    // Reading and the reply letter stay available.
    expect((await replyLetterDocx(deps, officer, r.id)).length).toBeGreaterThan(1000);
  });

  it('takes writers to one request in turn: a double submit and an archive racing a delivery leave a consistent history', async () => {
    const r = await registerRequest(deps, officer, request());
    at('2026-03-02');
    await answer(r.id);
    const delivery = { on: '2026-03-02', method: 'online' };
    // Two deliveries at once (a double click) both land, one after the other, never a raw error.
    const both = await Promise.allSettled([recordDelivery(deps, officer, r.id, delivery), recordDelivery(deps, officer, r.id, delivery)]);
    expect(both.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled']);
    // An archive and a delivery at once: whichever comes second sees the first.
    const race = await Promise.allSettled([
      archiveRequest(deps, officer, r.id, {}),
      recordDelivery(deps, officer, r.id, { ...delivery, method: 'email' }),
    ]);
    for (const x of race) if (x.status === 'rejected') expect(x.reason).toMatchObject({ code: 'GK_ERR_REQUEST_ARCHIVED' });
    const types = (await eventsOf(r.id)).map((e) => e.type);
    expect(types.at(-1)).toBe('archived');
    expect(types.filter((t) => t === 'archived')).toHaveLength(1);
    expect((await eventsOf(r.id)).map((e) => e.seq)).toEqual(types.map((_, i) => i + 1));
  });

  it('archives a request treated as abandoned without a delivery, and filters the list by archive status', async () => {
    const a = await registerRequest(deps, officer, request());
    const b = await registerRequest(deps, officer, request({ applicant: applicant(2) }));
    at('2026-02-27');
    await recordRequestEvent(deps, officer, a.id, {
      event: { type: 'amendmentRequested', on: '2026-02-27', applicantDeadline: '2026-03-06' },
    });
    at('2026-03-09');
    await recordRequestEvent(deps, officer, a.id, { event: { type: 'amendmentLapsed', on: '2026-03-09' } });
    await archiveRequest(deps, officer, a.id, undefined);
    const ids = async (archived?: boolean) =>
      (await listRequests(deps, officer, { siteId: room.site.id, archived })).items.map((i) => i.id).sort();
    expect(await ids(true)).toEqual([a.id]);
    expect(await ids(false)).toEqual([b.id]);
    expect(await ids()).toEqual([a.id, b.id].sort());
  });
});

describe('the supervisors’ overdue list', () => {
  it('lists overdue and nearly due requests on every site, most overdue first, never a lawfully extended or paused one', async () => {
    const late = await registerRequest(deps, officer, request());
    const extended = await registerRequest(deps, otherOfficer, request({ siteId: otherSite.id, applicant: applicant(2) }));
    const paused = await registerRequest(deps, officer, request({ applicant: applicant(3) }));
    const answered = await registerRequest(deps, officer, request({ applicant: applicant(4) }));
    at('2026-02-24');
    const soon = await registerRequest(
      deps,
      otherOfficer,
      request({ siteId: otherSite.id, applicant: applicant(5), receipt: { channel: 'inPerson', submittedOn: '2026-02-24' } }),
    );
    at('2026-03-10');
    await recordRequestEvent(deps, otherOfficer, extended.id, {
      event: { type: 'extensionApproved', on: '2026-03-10', workdays: 20, approverId: '办公室主任', applicantNotifiedOn: '2026-03-10' },
    });
    await recordRequestEvent(deps, officer, paused.id, { event: { type: 'consultationStarted', on: '2026-03-10', party: 'thirdParty' } });
    await recordRequestEvent(deps, officer, answered.id, { event: { type: 'answered', on: '2026-03-10', outcome: 'disclosed' } });

    at('2026-03-23');
    const soonDue = (await getRequest(deps, otherOfficer, soon.id)).clock;
    expect(soonDue.level).toBe('warning');
    const { items, today } = await overdueRequests(deps, supervisor);
    expect(today).toBe('2026-03-23');
    expect(items.map((i) => i.id)).toEqual([late.id, soon.id]);
    expect(items[0]).toMatchObject({
      trackingNo: late.trackingNo,
      siteId: room.site.id,
      siteName: room.site.name,
      dueOn: '2026-03-19',
      level: 'overdue',
      daysOverdue: 4,
      workdaysOverdue: 2,
      lawfullyExtended: false,
    });
    expect(items[0]!.orgName).not.toBe('');
    expect(items[1]).toMatchObject({ siteId: otherSite.id, level: 'warning', dueOn: soonDue.dueDate, daysOverdue: 0, workdaysOverdue: 0 });

    await expect(overdueRequests(deps, officer)).rejects.toMatchObject({ status: 403 });
  });
});

describe('the same information asked for by several applicants (条例 44)', () => {
  it('groups an org’s similar requests of different applicants in the last 12 months', async () => {
    const a = await registerRequest(deps, officer, request());
    const b = await registerRequest(
      deps,
      officer,
      request({ applicant: applicant(2), description: '请公开示例市东区旧城改造项目征收补偿方案' }),
    );
    const c = await registerRequest(
      deps,
      officer,
      request({ applicant: applicant(3), description: '示例市东区旧城改造征收补偿安置方案全文' }),
    );
    await registerRequest(deps, officer, request({ applicant: applicant(4), description: '2026 年示例市教育经费预算及执行情况' }));
    // The same person asking about the budget twice is not art. 44.
    await registerRequest(deps, officer, request({ applicant: applicant(4), description: '2026 年示例市教育经费预算及执行情况' }));
    // Another org's similar request is not counted.
    await registerRequest(deps, otherOfficer, request({ siteId: otherSite.id, applicant: applicant(6) }));

    const orgId = await orgOf(room.site.id);
    const result = await repeatedRequests(deps, officer, { orgId });
    expect(result).toMatchObject({ orgId, since: '2025-02-13', threshold: 0.5 });
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]!.applicants).toBe(3);
    expect(result.groups[0]!.requests.map((r) => r.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(result.groups[0]!.commonWords).toEqual(expect.arrayContaining(['东区', '旧城', '征收', '补偿']));

    // A stricter threshold splits off the least alike request; a short look-back leaves all out.
    const strict = await repeatedRequests(deps, supervisor, { orgId, threshold: '0.7' });
    expect(strict.groups.map((g) => g.requests.length)).toEqual([2]);
    at('2026-05-20');
    expect((await repeatedRequests(deps, officer, { orgId, months: '1' })).groups).toEqual([]);

    await expect(repeatedRequests(deps, otherOfficer, { orgId })).rejects.toMatchObject({ status: 403 });
    await expect(repeatedRequests(deps, asActor(room.author), { orgId })).rejects.toMatchObject({ status: 403 });
    await expect(repeatedRequests(deps, officer, { orgId: 'no-such-org' })).rejects.toMatchObject({ status: 400 });
    await expect(repeatedRequests(deps, officer, { orgId, threshold: '2' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('letters sent before the reply', () => {
  it('writes the 征求意见函 to a third party without the applicant’s personal data, audited', async () => {
    const r = await registerRequest(deps, officer, request());
    const text = (
      await mammoth.extractRawText({
        buffer: await consultationLetterDocx(deps, officer, r.id, { party: 'thirdParty', addressee: '示例建设有限公司' }),
      })
    ).value;
    for (const s of [
      '政府信息公开征求意见函',
      r.trackingNo,
      '示例建设有限公司：',
      '2026年2月13日收到',
      '东区旧城改造项目的征收补偿方案',
      '第三十二条',
      '15 个工作日内',
      '2026年2月13日',
    ])
      expect(text, s).toContain(s);
    expect(text).not.toContain('张三丰');
    const agencies = (
      await mammoth.extractRawText({
        buffer: await consultationLetterDocx(deps, officer, r.id, { party: 'agencies', addressee: '示例市财政局' }),
      })
    ).value;
    expect(agencies).toContain('视为同意公开');
    expect(agencies).toContain('第三十四条');
    for (const bad of [
      { party: 'thirdParty' },
      { party: 'someone', addressee: '甲' },
      { party: 'thirdParty', addressee: '<script>x</script>' },
    ])
      await expect(consultationLetterDocx(deps, officer, r.id, bad)).rejects.toMatchObject({ status: 400 });
    const actions = await deps.db.kysely.selectFrom('audit_events').select('action').where('target_id', '=', r.id).execute();
    expect(actions.filter((a) => a.action === 'disclosure.request.consultationLetter')).toHaveLength(2);
  });

  it('writes the 收费通知书 with the amount of the fee rule, counting the applicant’s earlier requests this month', async () => {
    await registerRequest(deps, officer, request({ description: '第一项' }));
    deps.clock.set('2026-02-13T03:00:00.000Z');
    const r = await registerRequest(deps, officer, request({ description: '第二项' }));
    deps.clock.set('2026-02-13T04:00:00.000Z');
    await registerRequest(deps, officer, request({ description: '同日稍后的第三项' })); // later: not counted before it
    // Items 2–12 of the month: 2–10 free, 11–12 at 100 元.
    const text = (await mammoth.extractRawText({ buffer: await feeNoticeDocx(deps, officer, r.id, { mode: 'byCount', items: '11' }) }))
      .value;
    for (const s of [
      '政府信息公开信息处理费收费通知书',
      '张三丰：',
      '按件计收',
      '第 11—12 件：2 件 × 100.00 元 = 200.00 元',
      '合计 200.00 元',
      '视为放弃申请',
    ])
      expect(text, s).toContain(s);
    const byVolume = (await mammoth.extractRawText({ buffer: await feeNoticeDocx(deps, officer, r.id, { mode: 'byVolume', pages: '40' }) }))
      .value;
    expect(byVolume).toContain('合计 100.00 元');
    await expect(feeNoticeDocx(deps, officer, r.id, { mode: 'byVolume', pages: '30' })).rejects.toMatchObject({ status: 409 });
    for (const bad of [
      { mode: 'byCount' },
      { mode: 'byCount', items: 'x' },
      { mode: 'both', pages: '3' },
      { mode: 'byVolume', pages: '-1' },
    ])
      await expect(feeNoticeDocx(deps, officer, r.id, bad), JSON.stringify(bad)).rejects.toMatchObject({ status: 400 });
    at('2026-03-02');
    await answer(r.id);
    await expect(feeNoticeDocx(deps, officer, r.id, { mode: 'byVolume', pages: '40' })).rejects.toMatchObject({ status: 409 });
    await expect(feeNoticeDocx(deps, asActor(room.author), r.id, { mode: 'byVolume', pages: '40' })).rejects.toMatchObject({
      status: 403,
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asActor, buildNewsroom, buildUser } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import type { Actor } from '#server/platform/actor.ts';
import mammoth from 'mammoth';
import { annualRequestReport, getRequest, listRequests, recordRequestEvent, registerRequest, replyLetterDocx } from './index.ts';

let deps: TestDeps;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
let officer: Actor;

const ID_NUMBER = '11010519491231002X';
const applicant = {
  kind: 'person',
  name: '张三丰',
  idType: 'residentId',
  idNumber: ID_NUMBER,
  phone: '13812345678',
  address: '示例市东区人民路 1 号 2 单元',
  email: 'zhang@example.cn',
};
const request = (over: Record<string, unknown> = {}) => ({
  siteId: room.site.id,
  applicant,
  description: '2025 年示例市东区旧城改造项目的征收补偿方案',
  purpose: '了解本户补偿标准',
  forms: ['electronic'],
  channels: ['email'],
  receipt: { channel: 'online', submittedOn: '2026-02-13', confirmedOn: '2026-02-13' },
  ...over,
});

beforeEach(async () => {
  // Friday 13 February 2026, 10:00 in Beijing: the next day is a 调休 working Saturday, then 春节.
  deps = await createTestDeps({ now: '2026-02-13T02:00:00.000Z' });
  room = await buildNewsroom(deps);
  officer = asActor(await buildUser(deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }], displayName: '公开专员' }));
});

afterEach(async () => {
  await deps.db.close();
});

describe('依申请公开 requests in the back office', () => {
  it('registers an online request confirmed on a Friday before a 调休 Saturday, due after 春节 on 2026-03-19', async () => {
    const r = await registerRequest(deps, officer, request());
    expect(r.trackingNo).toMatch(/^20260213\d{6}$/);
    expect(r.queryCode).toMatch(/^\d{8}$/);
    const view = await getRequest(deps, officer, r.id);
    expect(view.clock.state).toBe('processing');
    expect(view.clock.receivedOn).toBe('2026-02-13');
    expect(view.clock.dueDate).toBe('2026-03-19');
    expect(view.clock.trace.length).toBeGreaterThan(0);
    expect(view.events.map((e) => e.type)).toEqual(['received']);
  });

  it('stores personal data encrypted, shows it masked, and shows it in full only with an audited reveal', async () => {
    const r = await registerRequest(deps, officer, request());
    const raw = JSON.stringify(
      await deps.db.kysely.selectFrom('disclosure_requests').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow(),
    );
    for (const secret of [ID_NUMBER, '13812345678', '张三丰', '人民路', 'zhang@example.cn']) expect(raw).not.toContain(secret);
    expect(raw).not.toContain(r.queryCode);

    const masked = await getRequest(deps, officer, r.id);
    expect(masked.revealed).toBe(false);
    expect(masked.applicant).toMatchObject({
      name: '张**',
      idNumber: '110***********002X',
      phone: '138****5678',
      email: 'z***@example.cn',
    });
    expect(masked.applicant.address).not.toContain('人民路');

    const full = await getRequest(deps, officer, r.id, { reveal: true });
    expect(full.applicant).toMatchObject({ name: '张三丰', idNumber: ID_NUMBER, phone: '13812345678', address: applicant.address });
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_name'])
      .where('target_id', '=', r.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['disclosure.request.register', 'disclosure.request.reveal']);
  });

  it('stops the clock for an amendment and restarts 20 working days from the amended application', async () => {
    const r = await registerRequest(deps, officer, request());
    deps.clock.set('2026-03-02T02:00:00.000Z');
    const waiting = await recordRequestEvent(deps, officer, r.id, {
      event: { type: 'amendmentRequested', on: '2026-02-27', applicantDeadline: '2026-03-13' },
    });
    expect(waiting.state).toBe('awaitingAmendment');
    expect(waiting.dueDate).toBeNull();
    deps.clock.set('2026-03-16T02:00:00.000Z');
    const restarted = await recordRequestEvent(deps, officer, r.id, { event: { type: 'amendmentReceived', on: '2026-03-16' } });
    expect(restarted.state).toBe('processing');
    expect(restarted.dueDate).toBe('2026-04-14');
    const row = await deps.db.kysely
      .selectFrom('disclosure_requests')
      .select(['state', 'due_on'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'processing', due_on: '2026-04-14' });
  });

  it('refuses an extension without approver and notice, giving both reasons, and records nothing', async () => {
    const r = await registerRequest(deps, officer, request());
    deps.clock.set('2026-03-10T02:00:00.000Z');
    const refused = recordRequestEvent(deps, officer, r.id, {
      event: { type: 'extensionApproved', on: '2026-03-10', workdays: 20, approverId: null, applicantNotifiedOn: null },
    });
    await expect(refused).rejects.toMatchObject({ status: 409 });
    const error = await refused.catch((e: { fields: unknown[] }) => e);
    expect((error as { fields: unknown[] }).fields).toHaveLength(2);
    expect((await getRequest(deps, officer, r.id)).events).toHaveLength(1);
  });

  it('refuses an invalid ID number with a field message and stores nothing', async () => {
    await expect(
      registerRequest(deps, officer, request({ applicant: { ...applicant, idNumber: '110105194912310021' } })),
    ).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION', fields: [expect.objectContaining({ field: 'applicant.idNumber' })] });
    expect(await deps.db.kysely.selectFrom('disclosure_requests').selectAll().execute()).toEqual([]);
  });

  it('registers a double submit once, and counts the same applicant’s other requests', async () => {
    const first = await registerRequest(deps, officer, request({ idempotencyKey: 'form-2026-0001' }));
    await expect(registerRequest(deps, officer, request({ idempotencyKey: 'form-2026-0001' }))).rejects.toMatchObject({
      status: 409,
      details: { trackingNo: first.trackingNo },
    });
    const second = await registerRequest(
      deps,
      officer,
      request({ description: '另一项信息', applicant: { ...applicant, idNumber: '11010519491231002x' } }),
    );
    expect((await getRequest(deps, officer, second.id)).sameApplicantRequests).toBe(1);
  });

  it('registers one request when the same submission arrives twice at the same moment', async () => {
    const results = await Promise.allSettled([
      registerRequest(deps, officer, request({ idempotencyKey: 'form-2026-0002' })),
      registerRequest(deps, officer, request({ idempotencyKey: 'form-2026-0002' })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await deps.db.kysely.selectFrom('disclosure_requests').select('id').execute()).toHaveLength(1);
  });

  it('counts requests in the annual report by applicant and by how they closed, balanced', async () => {
    const a = await registerRequest(deps, officer, request());
    await registerRequest(
      deps,
      officer,
      request({
        applicant: {
          ...applicant,
          kind: 'organisation',
          orgCategory: 'research',
          idType: 'creditCode',
          idNumber: '11441700007280420Y',
          name: '示例研究院',
        },
      }),
    );
    deps.clock.set('2026-03-02T02:00:00.000Z');
    await recordRequestEvent(deps, officer, a.id, {
      event: { type: 'answered', on: '2026-03-02', outcome: 'partlyDisclosed', grounds: ['personalPrivacy'] },
      note: '部分公开。',
    });
    const supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor', siteId: null }] }));
    const orgId = (
      await deps.db.kysely.selectFrom('sites').select('sponsor_org_id').where('id', '=', room.site.id).executeTakeFirstOrThrow()
    ).sponsor_org_id;
    const report = await annualRequestReport(deps, supervisor, { orgId, year: 2026 });
    expect(report.table.newThisYear).toMatchObject({ natural: 1, research: 1, total: 2 });
    expect(report.table.results.find((r) => r.code === 'partlyDisclosed')!.cells).toMatchObject({ natural: 1, total: 1 });
    expect(report.table.carriedOut).toMatchObject({ research: 1, total: 1 });
    expect(report.problems).toEqual([]);
    await expect(annualRequestReport(deps, officer, { orgId, year: 2026 })).rejects.toMatchObject({ status: 403 });
  });

  it('lists a site’s requests masked, warning three working days before the due date and flagging it overdue after', async () => {
    const r = await registerRequest(deps, officer, request());
    const level = async () => (await listRequests(deps, officer, { siteId: room.site.id })).items.find((i) => i.id === r.id)!;
    expect(await level()).toMatchObject({ applicantName: '张**', dueOn: '2026-03-19', level: 'ok', stateLabel: '办理中' });
    deps.clock.set('2026-03-16T02:00:00.000Z'); // Monday: 3 working days left
    expect((await level()).level).toBe('warning');
    deps.clock.set('2026-03-20T02:00:00.000Z');
    expect((await level()).level).toBe('overdue');
    await recordRequestEvent(deps, officer, r.id, { event: { type: 'answered', on: '2026-03-20', outcome: 'disclosed' } });
    expect(await level()).toMatchObject({ level: 'none', outcome: 'disclosed' });
    await expect(listRequests(deps, asActor(room.author), { siteId: room.site.id })).rejects.toMatchObject({ status: 403 });
  });

  it('writes the reply letter of an answered request as DOCX that opens back with the outcome, its basis and the remedies, audited', async () => {
    const r = await registerRequest(deps, officer, request());
    await expect(replyLetterDocx(deps, officer, r.id)).rejects.toMatchObject({ status: 409 });
    deps.clock.set('2026-03-02T02:00:00.000Z');
    await recordRequestEvent(deps, officer, r.id, {
      event: { type: 'answered', on: '2026-03-02', outcome: 'partlyDisclosed', grounds: ['personalPrivacy'] },
      note: '涉及个人隐私的部分已作区分处理。',
    });
    const text = (await mammoth.extractRawText({ buffer: await replyLetterDocx(deps, officer, r.id) })).value;
    for (const s of [
      '政府信息公开申请答复书',
      r.trackingNo,
      '张三丰：',
      '2026年2月13日收到',
      '部分公开（区分处理）',
      '涉及个人隐私的部分已作区分处理。',
      '第三十七条',
      '不予公开部分的理由：（1）《中华人民共和国政府信息公开条例》第十五条：涉及个人隐私',
      '六十日内依法申请行政复议',
      '2026年3月2日',
    ])
      expect(text, s).toContain(s);
    const actions = await deps.db.kysely.selectFrom('audit_events').select('action').where('target_id', '=', r.id).execute();
    expect(actions.map((a) => a.action)).toContain('disclosure.request.replyLetter');
  });

  it('lets only the site’s disclosure officers handle its requests', async () => {
    await expect(registerRequest(deps, asActor(room.author), request())).rejects.toMatchObject({ status: 403 });
    const r = await registerRequest(deps, officer, request());
    await expect(getRequest(deps, asActor(room.leader), r.id)).rejects.toMatchObject({ status: 403 });
  });
});

// Every expected date below was counted by hand from the built-in 2026 calendar (the State
// Council's notice for 2026, as carried by chinese-days): 02-14 and 02-28 (Saturdays) are 调休
// working days, 02-15 to 02-23 春节, 04-04 to 04-06 清明节, 06-19 to 06-21 端午节. The first
// test checks those facts, so a change in the data fails there first, with a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkday, loadCalendar, type CalendarData } from '#server/calendar/index.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import {
  CLOSED_STATES,
  EVENT_LABELS,
  REQUEST_STATES,
  TRANSITIONS,
  clockEventRefusals,
  requestClock,
  type ClockEvent,
  type RequestClock,
} from './request-clock.ts';

let deps: TestDeps;
let cal: CalendarData;

beforeAll(async () => {
  // The calendar through the room's door: an empty database gives exactly the built-in data.
  deps = await createTestDeps();
  cal = await loadCalendar(deps);
});
afterAll(async () => {
  await deps.db.close();
});

const inPerson = (submittedOn: string): ClockEvent => ({ type: 'received', channel: 'inPerson', submittedOn });
const extension = (over: Partial<Extract<ClockEvent, { type: 'extensionApproved' }>> = {}): ClockEvent => ({
  type: 'extensionApproved',
  on: '2026-03-16',
  workdays: 20,
  approverId: 'user-gongkai-chief',
  applicantNotifiedOn: '2026-03-16',
  ...over,
});
const codes = (r: RequestClock, index: number) => r.refused.find((x) => x.index === index)?.reasons.map((x) => x.code);

describe('the 2026 calendar these tests count on', () => {
  it('has the 春节, 清明 and 端午 holidays and the 调休 Saturdays the expected dates rely on', () => {
    const off = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = from; d <= to; d = `${d.slice(0, 8)}${String(Number(d.slice(8)) + 1).padStart(2, '0')}`) out.push(d);
      return out;
    };
    expect(isWorkday(cal, '2026-02-13')).toEqual({ workday: true, reason: '工作日' });
    for (const d of ['2026-02-14', '2026-02-28']) expect(isWorkday(cal, d), d).toEqual({ workday: true, reason: '调休上班（春节）' });
    for (const d of off('2026-02-15', '2026-02-23')) expect(isWorkday(cal, d), d).toEqual({ workday: false, reason: '春节' });
    for (const d of off('2026-04-04', '2026-04-06')) expect(isWorkday(cal, d), d).toEqual({ workday: false, reason: '清明节' });
    for (const d of off('2026-06-19', '2026-06-21')) expect(isWorkday(cal, d), d).toEqual({ workday: false, reason: '端午节' });
    for (const d of ['2026-03-02', '2026-03-16', '2026-06-01', '2026-06-22']) expect(isWorkday(cal, d).workday, d).toBe(true);
  });
});

describe('the reply due date', () => {
  it('makes a request received on Friday 2026-02-13 due on Thursday 2026-03-19, counting the 调休 Saturday and skipping 春节', () => {
    expect(isWorkday(cal, '2026-02-13')).toEqual({ workday: true, reason: '工作日' });
    expect(isWorkday(cal, '2026-02-14')).toEqual({ workday: true, reason: '调休上班（春节）' });
    expect(isWorkday(cal, '2026-02-23')).toEqual({ workday: false, reason: '春节' });
    // Day 1 = 02-14 (调休 Saturday); 02-15…02-23 春节; 02-24…02-27 = 2–5; 02-28 (调休) = 6;
    // 03-02…03-06 = 7–11; 03-09…03-13 = 12–16; 03-16…03-19 = 17–20. Weekends skipped: 03-01,
    // 03-07, 03-08, 03-14, 03-15 (02-21 and 02-22 fall inside 春节).
    const r = requestClock(cal, [inPerson('2026-02-13')], '2026-02-13');
    expect(r).toMatchObject({
      state: 'processing',
      clock: 'running',
      receivedOn: '2026-02-13',
      receiptChannel: 'inPerson',
      dueDate: '2026-03-19',
      workdays: { reply: 20, extension: 0, paused: 0, total: 20 },
      overdue: false,
      level: 'ok',
      workdaysLeft: 20,
    });
    const due = r.trace.at(-1);
    expect(due?.kind).toBe('due');
    expect(due?.days?.[0]).toEqual({ date: '2026-02-14', counted: true, workday: true, reason: '调休上班（春节）' });
    expect(due?.text).toBe(
      '答复期限：自2026年2月13日次日起计算 20 个工作日，至2026年3月19日（星期四）（计入工作日 20 天；其中2026年2月14日调休上班（春节）、2026年2月28日调休上班（春节）；跳过2026年2月15日至2026年2月23日春节（9 天）；跳过周末 5 天）。',
    );
    // Amendment notice: 02-14 = 1, 02-24…02-28 = 2–6, 03-02 = 7.
    expect(r.amendmentNoticeBy).toBe('2026-03-02');
    expect(r.trace[0]?.text).toBe(
      '2026年2月13日（星期五）收到申请（当面提交，以申请人提交之日为收到申请之日，条例第三十一条）。答复期限为 20 个工作日，收到当日不计入，自次日起计算（条例第三十三条）。如需补正，最迟应于2026年3月2日一次性告知（收到后 7 个工作日，条例第三十条）。',
    );
  });

  it('counts the day of receipt as working day 1 when so configured, one working day earlier: 2026-03-18', () => {
    const r = requestClock(cal, [inPerson('2026-02-13')], '2026-02-13', { countReceiptDay: true });
    expect(r.dueDate).toBe('2026-03-18');
    expect(r.trace.at(-1)?.days?.[0]).toMatchObject({ date: '2026-02-13', counted: true });
    // Received on a holiday, there is no day 1 to count: the option changes nothing.
    expect(requestClock(cal, [inPerson('2026-02-16')], '2026-02-16', { countReceiptDay: true }).dueDate).toBe(
      requestClock(cal, [inPerson('2026-02-16')], '2026-02-16').dueDate,
    );
  });
});

describe('the date of receipt (art. 31)', () => {
  it('takes the signing date for post and the date both sides confirmed for an online form', () => {
    // Signed Wednesday 2026-03-04: 03-05…03-31 = 19 working days, 04-01 = 20.
    const post = requestClock(cal, [{ type: 'received', channel: 'post', signedOn: '2026-03-04' }], '2026-03-04');
    expect(post).toMatchObject({ receivedOn: '2026-03-04', receiptChannel: 'post', dueDate: '2026-04-01' });
    expect(post.trace[0]?.text).toContain('以行政机关签收之日为收到申请之日');
    // Submitted online on Friday 03-06, confirmed on Monday 03-09: 03-10…04-03 = 19, 清明 04-04…06, 04-07 = 20.
    const online = requestClock(
      cal,
      [{ type: 'received', channel: 'online', submittedOn: '2026-03-06', confirmedOn: '2026-03-09' }],
      '2026-03-09',
    );
    expect(online).toMatchObject({ receivedOn: '2026-03-09', receiptChannel: 'online', dueDate: '2026-04-07' });
    expect(online.trace[0]?.text).toContain('以双方确认之日为收到申请之日');
    expect(online.trace.at(-1)?.text).toContain('跳过2026年4月4日至2026年4月6日清明节（3 天）');
  });

  it('takes the confirmation date of an ordinary letter and reports a confirmation later than the day it arrived', () => {
    const r = requestClock(
      cal,
      [{ type: 'received', channel: 'ordinaryLetter', arrivedOn: '2026-03-03', confirmedOn: '2026-03-04' }],
      '2026-03-04',
    );
    expect(r.receivedOn).toBe('2026-03-04');
    expect(r.dueDate).toBe('2026-04-01');
    expect(r.problems.map((p) => p.code)).toEqual(['letterConfirmationNotSameDay']);
  });

  it('refuses an online confirmation dated before the submission', () => {
    const r = requestClock(
      cal,
      [{ type: 'received', channel: 'online', submittedOn: '2026-03-09', confirmedOn: '2026-03-06' }],
      '2026-03-09',
    );
    expect(r.state).toBe('notReceived');
    expect(codes(r, 0)).toEqual(['confirmationBeforeSubmission']);
  });
});

describe('amendment (补正, art. 30)', () => {
  const asked: ClockEvent[] = [inPerson('2026-03-02'), { type: 'amendmentRequested', on: '2026-03-06', applicantDeadline: '2026-03-20' }];

  it('stops the reply clock while waiting and restarts 20 working days from the amended application: 2026-03-16 → 2026-04-14', () => {
    const waiting = requestClock(cal, asked, '2026-03-10');
    expect(waiting).toMatchObject({
      state: 'awaitingAmendment',
      clock: 'awaitingAmendment',
      dueDate: null,
      level: 'none',
      // 03-03…03-06 = 1–4, 03-09…03-11 = 5–7.
      amendmentNoticeBy: '2026-03-11',
      amendmentDeadline: '2026-03-20',
      problems: [],
    });
    // 03-17…03-20 = 1–4, 03-23…03-27 = 5–9, 03-30…04-03 = 10–14, 清明 04-04…06, 04-07…04-10 = 15–18, 04-13 = 19, 04-14 = 20.
    const r = requestClock(cal, [...asked, { type: 'amendmentReceived', on: '2026-03-16' }], '2026-03-16');
    expect(r).toMatchObject({ state: 'processing', receivedOn: '2026-03-02', clockStartedOn: '2026-03-16', dueDate: '2026-04-14' });
    expect(r.trace.map((s) => s.kind)).toEqual(['received', 'amendmentRequested', 'amendmentReceived', 'due']);
  });

  it('reports an amendment notice sent after the 7th working day after receipt, and records it all the same', () => {
    const r = requestClock(
      cal,
      [inPerson('2026-03-02'), { type: 'amendmentRequested', on: '2026-03-12', applicantDeadline: '2026-03-26' }],
      '2026-03-12',
    );
    expect(r.state).toBe('awaitingAmendment');
    expect(r.problems).toEqual([
      {
        code: 'amendmentNoticeLate',
        message: '补正通知于2026年3月12日发出，晚于收到申请后 7 个工作日的最迟日期（2026年3月11日）（条例第三十条）',
      },
    ]);
  });

  it('refuses a second amendment notice and a notice without the applicant’s deadline', () => {
    const r = requestClock(
      cal,
      [
        ...asked,
        { type: 'amendmentReceived', on: '2026-03-16' },
        { type: 'amendmentRequested', on: '2026-03-17', applicantDeadline: null },
      ],
      '2026-03-17',
    );
    expect(codes(r, 3)).toEqual(['amendmentAlreadyRequested', 'amendmentDeadlineInvalid']);
    expect(r.state).toBe('processing');
  });

  it('treats the request as abandoned once the applicant’s deadline has passed, and not before', () => {
    expect(requestClock(cal, asked, '2026-03-23').reminders.map((x) => x.code)).toEqual(['amendmentDeadlinePassed']);
    const early = requestClock(cal, [...asked, { type: 'amendmentLapsed', on: '2026-03-20' }], '2026-03-20');
    expect(codes(early, 2)).toEqual(['amendmentDeadlineNotPassed']);
    const r = requestClock(cal, [...asked, { type: 'amendmentLapsed', on: '2026-03-23' }], '2026-04-30');
    expect(r).toMatchObject({ state: 'abandonedNoAmendment', clock: 'stopped', dueDate: null, overdue: false, level: 'none' });
  });
});

describe('consultation (arts. 32–34): a pause in the clock', () => {
  const start: ClockEvent[] = [inPerson('2026-06-01'), { type: 'consultationStarted', on: '2026-06-10', party: 'thirdParty' }];

  it('adds back the 5 working days from 2026-06-10 to 06-17, moving the due date from 06-30 to 07-07', () => {
    expect(isWorkday(cal, '2026-06-19')).toEqual({ workday: false, reason: '端午节' });
    // Without the pause: 06-02…06-18 = 13, 端午 06-19, 06-22…06-26 = 14–18, 06-29 = 19, 06-30 = 20.
    expect(requestClock(cal, [inPerson('2026-06-01')], '2026-06-01').dueDate).toBe('2026-06-30');
    // Paused days: 06-11, 06-12, 06-15, 06-16, 06-17 (after the start, up to and including the end).
    // Due: 06-30 + 5 working days = 07-01, 07-02, 07-03, 07-06, 07-07.
    const r = requestClock(cal, [...start, { type: 'consultationEnded', on: '2026-06-17', party: 'thirdParty' }], '2026-06-18');
    expect(r).toMatchObject({
      state: 'processing',
      clock: 'running',
      dueDate: '2026-07-07',
      workdays: { reply: 20, extension: 0, paused: 5, total: 25 },
      // 15 working days from 06-10: 06-11…06-18 = 6, 端午, 06-22…07-02 = 7–15.
      consultationWindowEnd: '2026-07-02',
      consultations: [{ party: 'thirdParty', startedOn: '2026-06-10', windowEndsOn: '2026-07-02', endedOn: '2026-06-17' }],
    });
    const ended = r.trace.find((s) => s.kind === 'consultationEnded');
    expect(ended?.workdays).toBe(5);
    expect(ended?.text).toContain('中止期间自2026年6月10日次日至2026年6月17日，含工作日 5 天，不计入答复期限');
  });

  it('shows the clock as paused while consulting, with the due date as if the pause ended today', () => {
    // Paused so far: 06-11, 06-12, 06-15 = 3 working days; 06-30 + 3 = 07-03.
    const r = requestClock(cal, start, '2026-06-15');
    expect(r).toMatchObject({ state: 'consulting', clock: 'paused', dueDate: '2026-07-03', overdue: false, level: 'ok' });
  });

  it('resumes the clock when the 15-working-day window ends without an answer, excluding no more than the window', () => {
    // Paused at most 06-11…07-02 = 15 working days; 06-30 + 15 = 07-21.
    const open = requestClock(cal, start, '2026-07-10');
    expect(open).toMatchObject({ state: 'consulting', clock: 'running', dueDate: '2026-07-21', workdays: { paused: 15 } });
    expect(open.reminders.map((x) => x.code)).toEqual(['consultationWindowEnded']);
    const late = requestClock(cal, [...start, { type: 'consultationEnded', on: '2026-07-10', party: 'thirdParty' }], '2026-07-10');
    expect(late.dueDate).toBe('2026-07-21');
    expect(late.problems.map((p) => p.code)).toEqual(['consultationBeyondWindow']);
  });

  it('counts each day once when a third party and co-authoring agencies are consulted at the same time', () => {
    // Third party 06-10…06-17, agencies 06-15…06-22: together 06-11…06-22 = 7 working days
    // (06-11, 12, 15, 16, 17, 18, 22); 06-30 + 7 = 07-09.
    const r = requestClock(
      cal,
      [
        ...start,
        { type: 'consultationStarted', on: '2026-06-15', party: 'agencies' },
        { type: 'consultationEnded', on: '2026-06-17', party: 'thirdParty' },
        { type: 'consultationEnded', on: '2026-06-22', party: 'agencies' },
      ],
      '2026-06-22',
    );
    expect(r.refused).toEqual([]);
    expect(r).toMatchObject({ state: 'processing', dueDate: '2026-07-09', workdays: { paused: 7 } });
  });

  it('refuses to start a consultation after the due date, or twice with the same party', () => {
    const r = requestClock(
      cal,
      [
        inPerson('2026-06-01'),
        { type: 'consultationStarted', on: '2026-07-01', party: 'thirdParty' },
        { type: 'consultationStarted', on: '2026-06-10', party: 'agencies' },
        { type: 'consultationStarted', on: '2026-06-11', party: 'agencies' },
      ],
      '2026-07-01',
    );
    expect(codes(r, 1)).toEqual(['afterDueDate']);
    expect(codes(r, 3)).toEqual(['consultationAlreadyOpen']);
  });
});

describe('extension (art. 33)', () => {
  it('adds 20 working days once with an approver and notice: received 2026-02-13, due 2026-04-17 instead of 03-19', () => {
    // 03-19 = 20; 03-20 = 21, 03-23…03-27 = 22–26, 03-30…04-03 = 27–31, 清明, 04-07…04-10 = 32–35, 04-13…04-17 = 36–40.
    const r = requestClock(cal, [inPerson('2026-02-13'), extension()], '2026-03-16');
    expect(r.refused).toEqual([]);
    expect(r).toMatchObject({
      state: 'extended',
      stateLabel: '办理中（已延期）',
      dueDate: '2026-04-17',
      lawfullyExtended: true,
      workdays: { reply: 20, extension: 20, paused: 0, total: 40 },
    });
    expect(r.trace.find((s) => s.kind === 'extensionApproved')?.text).toBe(
      '2026年3月16日经政府信息公开工作机构负责人（user-gongkai-chief）同意，答复期限延长 20 个工作日，已于2026年3月16日告知申请人（条例第三十三条）。',
    );
  });

  it('refuses an extension without an approver or applicant notice, giving both reasons, and keeps the original due date', () => {
    const r = requestClock(cal, [inPerson('2026-02-13'), extension({ approverId: null, applicantNotifiedOn: null })], '2026-03-20');
    expect(codes(r, 1)).toEqual(['extensionNeedsApprover', 'extensionNeedsApplicantNotice']);
    expect(r).toMatchObject({ state: 'processing', dueDate: '2026-03-19', lawfullyExtended: false, overdue: true });
  });

  it('refuses a second extension', () => {
    const r = requestClock(cal, [inPerson('2026-02-13'), extension(), extension({ on: '2026-04-01', workdays: 5 })], '2026-04-01');
    expect(r.refused).toEqual([
      {
        index: 2,
        type: 'extensionApproved',
        reasons: [{ code: 'extensionAlreadyUsed', message: '答复期限只能延长一次，已于2026年3月16日延长 20 个工作日' }],
      },
    ]);
    expect(r.dueDate).toBe('2026-04-17');
  });

  it('collects every reason at once: more than 20 working days, no approver, no notice, after the due date', () => {
    const refusals = clockEventRefusals(
      cal,
      [inPerson('2026-02-13')],
      extension({ on: '2026-03-20', workdays: 25, approverId: ' ', applicantNotifiedOn: null }),
      '2026-03-20',
    );
    expect(refusals.map((x) => x.code)).toEqual([
      'extensionNeedsApprover',
      'extensionNeedsApplicantNotice',
      'extensionTooLong',
      'afterDueDate',
    ]);
    expect(refusals.at(-1)?.message).toBe('答复期限已于2026年3月19日届满，不能再延长答复期限');
  });

  it('does not count a lawfully extended request as overdue before its extended due date', () => {
    const events = [inPerson('2026-02-13'), extension()];
    // After the original due date 03-19, before the extended 04-17: 04-02, 04-03, 04-07…04-10, 04-13…04-17 = 11 left.
    expect(requestClock(cal, events, '2026-04-01')).toMatchObject({ overdue: false, level: 'ok', workdaysLeft: 11 });
    expect(requestClock(cal, events, '2026-04-17')).toMatchObject({ overdue: false, level: 'warning', workdaysLeft: 0 });
    expect(requestClock(cal, events, '2026-04-20')).toMatchObject({ overdue: true, level: 'overdue', workdaysOverdue: 1 });
  });
});

describe('fees (国办函〔2020〕109号): a pause in the clock', () => {
  const notice: ClockEvent[] = [inPerson('2026-06-01'), { type: 'feeNoticeSent', on: '2026-06-08', noticeReceivedOn: '2026-06-10' }];

  it('pauses from the notice to payment: notice 2026-06-08, paid 06-22, 9 working days added, due 2026-07-13', () => {
    // Payment deadline, from the day after receipt 06-10: 06-11…06-18 = 6, 端午, 06-22…07-03 = 7–16, 07-06…07-09 = 17–20.
    expect(requestClock(cal, notice, '2026-06-10')).toMatchObject({
      state: 'awaitingFee',
      clock: 'paused',
      feePaymentDeadline: '2026-07-09',
    });
    // Paused: 06-09…06-12 (4), 06-15…06-18 (4), 06-22 (1) = 9; 06-30 + 9 = 07-01…07-03, 07-06…07-10, 07-13.
    const r = requestClock(cal, [...notice, { type: 'feePaid', on: '2026-06-22' }], '2026-06-22');
    expect(r).toMatchObject({ state: 'processing', dueDate: '2026-07-13', workdays: { paused: 9, total: 29 } });
    expect(r.trace.find((s) => s.kind === 'feePaid')?.workdays).toBe(9);
  });

  it('treats an unpaid fee as abandonment only after the payment deadline 2026-07-09, and refuses a payment after it', () => {
    expect(requestClock(cal, notice, '2026-07-10').reminders.map((x) => x.code)).toEqual(['feeDeadlinePassed']);
    const early = requestClock(cal, [...notice, { type: 'feeLapsed', on: '2026-07-09' }], '2026-07-09');
    expect(codes(early, 2)).toEqual(['feeDeadlineNotPassed']);
    const paidLate = requestClock(cal, [...notice, { type: 'feePaid', on: '2026-07-10' }], '2026-07-10');
    expect(codes(paidLate, 2)).toEqual(['feePaidAfterDeadline']);
    const r = requestClock(cal, [...notice, { type: 'feeLapsed', on: '2026-07-10' }], '2026-08-31');
    expect(r).toMatchObject({ state: 'abandonedUnpaid', clock: 'stopped', dueDate: null, overdue: false, level: 'none' });
  });
});

describe('overdue and warning', () => {
  const events = [inPerson('2026-02-13')];

  it('is not overdue on the due date 2026-03-19 and is overdue from the day after', () => {
    expect(requestClock(cal, events, '2026-03-19')).toMatchObject({ overdue: false, level: 'warning', workdaysLeft: 0 });
    expect(requestClock(cal, events, '2026-03-20')).toMatchObject({
      overdue: true,
      level: 'overdue',
      workdaysLeft: null,
      workdaysOverdue: 1,
    });
  });

  it('warns from 3 working days before the due date by default, and from as many as configured', () => {
    // From 03-13 the days left are 03-16…03-19 = 4; from 03-16 they are 03-17…03-19 = 3.
    expect(requestClock(cal, events, '2026-03-13')).toMatchObject({ level: 'ok', workdaysLeft: 4 });
    expect(requestClock(cal, events, '2026-03-16')).toMatchObject({ level: 'warning', workdaysLeft: 3 });
    expect(requestClock(cal, events, '2026-03-13', { warnWithinWorkdays: 5 }).level).toBe('warning');
  });

  it('reports a late answer as a problem without calling the closed request overdue', () => {
    const r = requestClock(cal, [...events, { type: 'answered', on: '2026-03-20' }], '2026-04-01');
    expect(r).toMatchObject({
      state: 'answered',
      answeredOn: '2026-03-20',
      answeredLate: true,
      overdue: false,
      level: 'none',
      dueDate: '2026-03-19',
    });
    expect(r.problems.map((p) => p.code)).toEqual(['answeredLate']);
  });
});

describe('reasonable delay (art. 35)', () => {
  it('replaces the due date with the date the agency set and told the applicant', () => {
    const r = requestClock(
      cal,
      [inPerson('2026-02-13'), { type: 'delaySet', on: '2026-03-10', newDueDate: '2026-05-15', applicantNotifiedOn: '2026-03-10' }],
      '2026-04-01',
    );
    expect(r).toMatchObject({ state: 'delayed', dueDate: '2026-05-15', overdue: false, workdays: null });
  });

  it('refuses a delay that is not later than the current due date or was not told to the applicant', () => {
    const refusals = clockEventRefusals(
      cal,
      [inPerson('2026-02-13')],
      { type: 'delaySet', on: '2026-03-10', newDueDate: '2026-03-19', applicantNotifiedOn: null },
      '2026-03-10',
    );
    expect(refusals.map((x) => x.code)).toEqual(['delayNeedsApplicantNotice', 'delayNotLater']);
  });
});

describe('the state machine', () => {
  it('declares a transition for every event, from real states only, and none out of a closed state', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(EVENT_LABELS).sort());
    for (const t of Object.values(TRANSITIONS)) {
      for (const s of t.from) expect(REQUEST_STATES).toContain(s);
      for (const s of CLOSED_STATES) expect(t.from).not.toContain(s);
    }
  });

  it('refuses events the current state does not allow, and events before receipt', () => {
    const r = requestClock(
      cal,
      [
        { type: 'answered', on: '2026-02-12' },
        inPerson('2026-02-13'),
        { type: 'feePaid', on: '2026-02-16' },
        { type: 'answered', on: '2026-02-24' },
        { type: 'consultationStarted', on: '2026-02-25', party: 'thirdParty' },
      ],
      '2026-02-25',
    );
    expect(r.refused.map((x) => [x.index, x.reasons.map((y) => y.code)])).toEqual([
      [0, ['notAllowedInState']],
      [2, ['notAllowedInState']],
      [4, ['notAllowedInState']],
    ]);
    expect(r.refused[2]?.reasons[0]?.message).toBe('当前状态（已答复）下不能征求意见');
    expect(r.state).toBe('answered');
  });

  it('refuses events dated before the previous one, after today, or with a malformed date', () => {
    const r = requestClock(
      cal,
      [
        inPerson('2026-03-02'),
        { type: 'consultationStarted', on: '2026-02-27', party: 'thirdParty' },
        { type: 'consultationStarted', on: '2026-03-05', party: 'thirdParty' },
        { type: 'answered', on: '2026-3-4' },
      ],
      '2026-03-04',
    );
    expect(codes(r, 1)).toEqual(['dateBeforePrevious']);
    expect(codes(r, 2)).toEqual(['dateInFuture']);
    expect(codes(r, 3)).toEqual(['invalidDate']);
    expect(r.state).toBe('processing');
  });

  it('refuses a malformed today', () => {
    expect(() => requestClock(cal, [], '2026-02-30')).toThrow(expect.objectContaining({ code: 'GK_ERR_VALIDATION' }));
  });
});

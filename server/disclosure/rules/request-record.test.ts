import { describe, expect, it } from 'vitest';
import { CLOSED_STATES, REQUEST_STATES, TRANSITIONS } from './request-clock.ts';
import { RECORD_EVENT_TYPES, RECORD_TRANSITIONS, recordEventRefusals, recordEventText, type RecordContext } from './request-record.ts';

const open: RecordContext = { state: 'processing', archivedAt: null, orgId: 'org-a', answeredOn: null, deliveries: 0 };
const answered: RecordContext = { ...open, state: 'answered', answeredOn: '2026-03-02' };
const assign = {
  type: 'assigned',
  on: '2026-02-20',
  fromOrgId: 'org-a',
  fromOrgName: '甲局',
  toOrgId: 'org-b',
  toOrgName: '乙局',
  reason: null,
} as const;
const deliver = { type: 'delivered', on: '2026-03-03', method: 'post', trackingNumber: 'EMS1234', receiptNote: null } as const;
const archive = { type: 'archived', on: '2026-03-10', note: null } as const;
const codes = (c: RecordContext, ev: Parameters<typeof recordEventRefusals>[1], today = '2026-03-10') =>
  recordEventRefusals(c, ev, today).map((r) => r.code);

describe('record events (assignment, delivery, archive)', () => {
  it('stay out of the clock’s transition table and name only real states', () => {
    for (const t of RECORD_EVENT_TYPES) {
      expect(Object.keys(TRANSITIONS)).not.toContain(t);
      for (const s of RECORD_TRANSITIONS[t]) expect(REQUEST_STATES).toContain(s);
    }
    for (const s of CLOSED_STATES) expect(RECORD_TRANSITIONS.assigned).not.toContain(s);
  });

  it('assigns an open request to another org only', () => {
    expect(codes(open, assign)).toEqual([]);
    expect(codes({ ...open, state: 'consulting' }, assign)).toEqual([]);
    expect(codes(answered, assign)).toEqual(['notAllowedInState']);
    expect(codes(open, { ...assign, toOrgId: 'org-a' })).toEqual(['sameOrg']);
  });

  it('records a delivery only after the answer, not before its date nor in the future, a tracking number only by post', () => {
    expect(codes(answered, deliver)).toEqual([]);
    expect(codes(open, deliver)).toEqual(['notAllowedInState']);
    expect(codes(answered, { ...deliver, on: '2026-03-01' })).toEqual(['deliveredBeforeAnswer']);
    expect(codes(answered, { ...deliver, on: '2026-03-11' })).toEqual(['dateInFuture']);
    expect(codes(answered, { ...deliver, method: 'email' })).toEqual(['trackingNumberNeedsPost']);
  });

  it('archives a closed request, an answered one only once delivered, and refuses everything once archived', () => {
    expect(codes(open, archive)).toEqual(['notAllowedInState']);
    expect(codes(answered, archive)).toEqual(['notDelivered']);
    expect(codes({ ...answered, deliveries: 1 }, archive)).toEqual([]);
    expect(codes({ ...open, state: 'abandonedUnpaid' }, archive)).toEqual([]);
    const archived = { ...answered, deliveries: 1, archivedAt: '2026-03-10T02:00:00.000Z' };
    for (const ev of [assign, deliver, archive]) expect(codes(archived, ev)).toEqual(['archived']);
  });

  it('writes each one as a line of the history', () => {
    expect(recordEventText(assign)).toBe('2026年2月20日由甲局转办至乙局；答复期限仍自收到申请之日起计算');
    expect(recordEventText(deliver)).toBe('2026年3月3日以邮寄方式送达，邮件单号 EMS1234');
    expect(recordEventText({ ...archive, note: '卷宗号 2026-001' })).toBe('2026年3月10日归档（卷宗号 2026-001）');
  });
});

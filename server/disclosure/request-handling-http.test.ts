import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { buildNewsroom, buildSite, buildUser } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';

let t: TestApp;
let officer: Session;
let supervisor: Session;
let requestId: string;
let otherOrgId: string;
let officerName: string;
let supervisorName: string;

const eventCount = async () =>
  (await t.deps.db.kysely.selectFrom('disclosure_request_events').select('id').where('request_id', '=', requestId).execute()).length;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-02-13T02:00:00.000Z' });
  const room = await buildNewsroom(t.deps);
  const other = await buildSite(t.deps);
  otherOrgId = other.sponsorOrgId;
  const o = await buildUser(t.deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }] });
  const s = await buildUser(t.deps, { grants: [{ role: 'supervisor', siteId: null }] });
  [officerName, supervisorName] = [o.username, s.username];
  officer = await loginAs(t.app, officerName);
  supervisor = await loginAs(t.app, supervisorName);
  const res = await officer.request({
    method: 'POST',
    url: '/api/disclosure/requests',
    payload: {
      siteId: room.site.id,
      applicant: { kind: 'person', name: '张三丰', idType: 'residentId', idNumber: '11010519491231002X', phone: '13812345678' },
      description: '2025 年示例市东区旧城改造项目的征收补偿方案',
      forms: ['electronic'],
      channels: ['email'],
      receipt: { channel: 'online', submittedOn: '2026-02-13', confirmedOn: '2026-02-13' },
    },
  });
  expect(res.statusCode).toBe(201);
  requestId = (res.json() as { id: string }).id;
});

afterAll(async () => t.close());

describe('the request back office over HTTP', () => {
  it('answers hostile input with 400 and field messages, storing nothing', async () => {
    const before = await eventCount();
    const cases: { url: string; payload: unknown }[] = [
      { url: `/api/disclosure/requests/${requestId}/assign`, payload: { orgId: 12 } },
      { url: `/api/disclosure/requests/${requestId}/assign`, payload: { orgId: 'no-such-org' } },
      { url: `/api/disclosure/requests/${requestId}/assign`, payload: { orgId: otherOrgId, reason: '<script>alert(1)</script>' } },
      { url: `/api/disclosure/requests/${requestId}/assign`, payload: { orgId: otherOrgId, extra: true } },
      { url: `/api/disclosure/requests/${requestId}/delivery`, payload: { on: '2026-13-01', method: 'post' } },
      { url: `/api/disclosure/requests/${requestId}/delivery`, payload: { on: '2026-03-01', method: 'carrier pigeon' } },
      { url: `/api/disclosure/requests/${requestId}/delivery`, payload: { on: 20260301, method: 'post' } },
      { url: `/api/disclosure/requests/${requestId}/archive`, payload: { note: '<iframe src=x>' } },
      {
        url: `/api/disclosure/requests/${requestId}/events`,
        payload: { event: { type: 'answered', on: '2026-02-13', outcome: 'withheld.stateSecret' } },
      },
    ];
    for (const c of cases) {
      const res = await officer.request({ method: 'POST', url: c.url, payload: c.payload as Record<string, unknown> });
      expect(res.statusCode, JSON.stringify(c)).toBe(400);
      const body = res.json() as { code: string; fields?: { field: string; message: string }[] };
      expect(body.code).toBe('GK_ERR_VALIDATION');
      expect(body.fields?.length, JSON.stringify(c)).toBeGreaterThan(0);
      expect(JSON.stringify(body)).not.toContain('<script>');
    }
    for (const url of [
      `/api/disclosure/requests/${requestId}/consultation-letter.docx?party=thirdParty`,
      `/api/disclosure/requests/${requestId}/fee-notice.docx?mode=byCount&items=abc`,
      `/api/disclosure/repeated-requests?orgId=x&threshold=5`,
      `/api/disclosure/requests?siteId=x&archived=yes`,
    ]) {
      const res = await officer.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
    }
    expect(await eventCount()).toBe(before);
  });

  it('assigns, downloads the letters as DOCX, and shows the overdue list to supervisors only', async () => {
    const assigned = await officer.request({
      method: 'POST',
      url: `/api/disclosure/requests/${requestId}/assign`,
      payload: { orgId: otherOrgId, reason: '由承办单位答复' },
    });
    expect(assigned.statusCode).toBe(200);
    // The registering office keeps access to the request it registered.
    const detail = await officer.request({ method: 'GET', url: `/api/disclosure/requests/${requestId}` });
    expect(detail.json()).toMatchObject({ orgId: otherOrgId, actions: { assign: true, deliver: false, archive: false } });

    const letter = await officer.request({
      method: 'GET',
      url: `/api/disclosure/requests/${requestId}/consultation-letter.docx?party=agencies&addressee=${encodeURIComponent('示例市财政局')}`,
    });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('wordprocessingml');
    expect((await mammoth.extractRawText({ buffer: letter.rawPayload })).value).toContain('示例市财政局：');

    t.deps.clock.set('2026-03-20T02:00:00.000Z');
    // Sessions end with time; log in again on the later day.
    officer = await loginAs(t.app, officerName);
    supervisor = await loginAs(t.app, supervisorName);
    expect((await officer.request({ method: 'GET', url: '/api/disclosure/overdue' })).statusCode).toBe(403);
    const overdue = await supervisor.request({ method: 'GET', url: '/api/disclosure/overdue' });
    expect(overdue.statusCode).toBe(200);
    expect((overdue.json() as { items: { id: string; level: string; orgId: string }[] }).items).toEqual([
      expect.objectContaining({ id: requestId, level: 'overdue', orgId: otherOrgId, dueOn: '2026-03-19' }),
    ]);
  });
});

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionAuthenticator } from '#server/accounts/index.ts';
import {
  calendarRoutes,
  calendarYearStatus,
  daysOfYear,
  importCalendarYear,
  isWorkday,
  loadCalendar,
  removeCalendarDay,
  setCalendarDay,
  yearCoverage,
} from '#server/calendar/index.ts';
import { ROUTES } from '#server/composition.ts';
import { buildApp } from '#server/platform/http/app.ts';
import { buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { loginAs, type TestApp } from '#test/http.ts';
import { createTestDeps } from '#test/support.ts';

const HOLIDAYS_ICS = fs.readFileSync(createRequire(import.meta.url).resolve('chinese-days/dist/holidays.ics'), 'utf8');

/** A fictional 2027 arrangement (not the State Council's notice, which is not out yet). */
const SAMPLE_2027 = {
  year: 2027,
  note: '测试用示例数据',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({
      date,
      kind: 'holiday',
      name: '春节',
    })),
    { date: '2027-02-13', kind: 'workday', name: '春节' },
  ],
};

/**
 * The real HTTP app with the calendar routes added when the composition root does not list
 * them yet (the lead wires calendarRoutes into ROUTES; then this is createTestApp).
 */
async function createCalendarTestApp(): Promise<TestApp> {
  const deps = await createTestDeps();
  const routes = ROUTES.includes(calendarRoutes) ? ROUTES : [...ROUTES, calendarRoutes];
  const app = await buildApp(deps, { authenticate: sessionAuthenticator(deps), routes });
  return {
    deps,
    app,
    async close() {
      await app.close();
      await deps.db.close();
    },
  };
}

async function auditActions(t: TestApp): Promise<{ action: string; target_id: string | null; details: string }[]> {
  return t.deps.db.kysely
    .selectFrom('audit_events')
    .select(['action', 'target_id', 'details'])
    .where('action', 'like', 'calendar.%')
    .orderBy('seq')
    .execute();
}

async function storedRows(t: TestApp) {
  // Read through the room's own view of the table, so the test needs no SQL of its own.
  const cal = await loadCalendar(t.deps);
  return [...cal.days.values()].filter((d) => d.source !== 'builtin');
}

describe('calendar maintenance', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createCalendarTestApp();
  });
  afterEach(async () => t.close());

  it('lets an override change the answer, and removing it restores the built-in one, both audited', async () => {
    expect(isWorkday(await loadCalendar(t.deps), '2017-10-09').workday).toBe(true);
    const saved = await setCalendarDay(t.deps, factoryActor, { date: '2017-10-09', kind: 'holiday', name: '示例临时放假' });
    expect(saved).toMatchObject({ date: '2017-10-09', kind: 'holiday', name: '示例临时放假', source: 'override' });
    expect(isWorkday(await loadCalendar(t.deps), '2017-10-09')).toEqual({ workday: false, reason: '示例临时放假' });

    // An override also beats a built-in holiday.
    await setCalendarDay(t.deps, factoryActor, { date: '2017-10-02', kind: 'workday', name: '国庆节' });
    expect(isWorkday(await loadCalendar(t.deps), '2017-10-02')).toEqual({ workday: true, reason: '调休上班（国庆节）' });

    await removeCalendarDay(t.deps, factoryActor, '2017-10-02');
    await removeCalendarDay(t.deps, factoryActor, '2017-10-09');
    const cal = await loadCalendar(t.deps);
    expect(isWorkday(cal, '2017-10-02')).toEqual({ workday: false, reason: '国庆节' });
    expect(isWorkday(cal, '2017-10-09').workday).toBe(true);
    await expect(removeCalendarDay(t.deps, factoryActor, '2017-10-09')).rejects.toMatchObject({ code: 'GK_ERR_NOT_FOUND' });
    await expect(removeCalendarDay(t.deps, factoryActor, '2017-02-30')).rejects.toMatchObject({
      fields: [{ field: 'date', message: '日期不存在：2017-02-30' }],
    });
    await expect(calendarYearStatus(t.deps, 2027.5)).rejects.toMatchObject({ fields: [expect.objectContaining({ field: 'year' })] });

    const events = await auditActions(t);
    expect(events.map((e) => [e.action, e.target_id])).toEqual([
      ['calendar.day.set', '2017-10-09'],
      ['calendar.day.set', '2017-10-02'],
      ['calendar.day.remove', '2017-10-02'],
      ['calendar.day.remove', '2017-10-09'],
    ]);
    expect(JSON.parse(events[1]?.details ?? '{}')).toMatchObject({ before: { kind: 'holiday', name: '国庆节', source: 'builtin' } });
    expect(JSON.parse(events[2]?.details ?? '{}')).toMatchObject({ removed: { kind: 'workday', name: '国庆节', source: 'override' } });
  });

  it('imports a JSON year, marks it official and replaces an earlier import of that year', async () => {
    const before = await calendarYearStatus(t.deps, 2027);
    expect(before).toMatchObject({ official: false, builtin: false, imported: null, holidays: 0 });
    expect(before.warning).toContain('2027 年的法定节假日安排尚未录入');

    await setCalendarDay(t.deps, factoryActor, { date: '2027-06-01', kind: 'holiday', name: '示例调整' });
    await setCalendarDay(t.deps, factoryActor, { date: '2027-02-13', kind: 'holiday', name: '将被导入覆盖' });
    const summary = await importCalendarYear(t.deps, factoryActor, { year: 2027, format: 'json', content: JSON.stringify(SAMPLE_2027) });
    expect(summary).toEqual({
      year: 2027,
      format: 'json',
      holidays: 9,
      workdays: 1,
      skippedEvents: 0,
      replacedOverrides: ['2027-02-13'],
      note: '测试用示例数据',
    });
    const cal = await loadCalendar(t.deps);
    expect(yearCoverage(cal, 2027)).toEqual({ official: true, warning: null });
    expect(isWorkday(cal, '2027-02-13')).toEqual({ workday: true, reason: '调休上班（春节）' });
    expect(isWorkday(cal, '2027-02-08')).toEqual({ workday: false, reason: '春节' });
    expect(isWorkday(cal, '2027-06-01')).toEqual({ workday: false, reason: '示例调整' });
    expect(await calendarYearStatus(t.deps, 2027)).toMatchObject({
      official: true,
      imported: { note: '测试用示例数据' },
      holidays: 10,
      workdays: 1,
    });

    // A corrected notice replaces the first import; the manual override on another date stays.
    const corrected = { ...SAMPLE_2027, days: SAMPLE_2027.days.filter((d) => d.date !== '2027-02-12') };
    await importCalendarYear(t.deps, factoryActor, { year: 2027, format: 'json', content: JSON.stringify(corrected) });
    const after = await loadCalendar(t.deps);
    expect(isWorkday(after, '2027-02-12')).toEqual({ workday: true, reason: '工作日' });
    expect(isWorkday(after, '2027-06-01').workday).toBe(false);

    const imports = (await auditActions(t)).filter((e) => e.action === 'calendar.year.import');
    expect(imports).toHaveLength(2);
    expect(JSON.parse(imports[0]?.details ?? '{}')).toMatchObject({
      year: 2027,
      reimport: false,
      days: expect.arrayContaining([['2027-02-13', 'workday', '春节']]),
    });
    expect(JSON.parse(imports[1]?.details ?? '{}')).toMatchObject({ reimport: true });
  });

  it('imports a year from the real chinese-days ICS file, reproducing the built-in arrangement', async () => {
    const builtin2025 = daysOfYear(await loadCalendar(t.deps), 2025).map(({ date, kind, name }) => ({ date, kind, name }));
    const summary = await importCalendarYear(t.deps, factoryActor, { year: 2025, format: 'ics', content: HOLIDAYS_ICS });
    expect(summary).toMatchObject({ year: 2025, format: 'ics', holidays: 28, workdays: 5, note: '2024~2026年中国节假日日历' });
    expect(summary.skippedEvents).toBeGreaterThan(0);
    const cal = await loadCalendar(t.deps);
    const imported = daysOfYear(cal, 2025);
    expect(imported.every((d) => d.source === 'import')).toBe(true);
    expect(imported.map(({ date, kind, name }) => ({ date, kind, name }))).toEqual(builtin2025);
    expect(await calendarYearStatus(t.deps, 2025)).toMatchObject({
      official: true,
      builtin: true,
      imported: { note: '2024~2026年中国节假日日历' },
    });
  });

  it('leaves nothing behind when an import is malformed', async () => {
    await importCalendarYear(t.deps, factoryActor, { year: 2027, format: 'json', content: JSON.stringify(SAMPLE_2027) });
    const rowsBefore = await storedRows(t);
    const eventsBefore = (await auditActions(t)).length;
    const statusBefore = await calendarYearStatus(t.deps, 2027);

    const oneBadDay = {
      ...SAMPLE_2027,
      days: [
        { date: '2027-03-01', kind: 'holiday', name: '新的一天' },
        { date: '2027-02-30', kind: 'holiday', name: '坏日期' },
      ],
    };
    await expect(
      importCalendarYear(t.deps, factoryActor, { year: 2027, format: 'json', content: JSON.stringify(oneBadDay) }),
    ).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      fields: [{ field: 'content.days.1.date', message: '日期不存在：2027-02-30' }],
    });
    const badIcs = HOLIDAYS_ICS.replace('DTEND;VALUE=DATE:20260104', 'DTEND;VALUE=DATE:20251231');
    await expect(importCalendarYear(t.deps, factoryActor, { year: 2026, format: 'ics', content: badIcs })).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
    });
    await expect(importCalendarYear(t.deps, factoryActor, { year: 2028, format: 'ics', content: HOLIDAYS_ICS })).rejects.toMatchObject({
      fields: [{ field: 'content', message: '文件中没有 2028 年的节假日安排' }],
    });

    expect(await storedRows(t)).toEqual(rowsBefore);
    expect((await auditActions(t)).length).toBe(eventsBefore);
    expect(await calendarYearStatus(t.deps, 2027)).toEqual(statusBefore);
    expect((await calendarYearStatus(t.deps, 2028)).official).toBe(false);
  });

  it('refuses an editor every change, writing nothing', async () => {
    const site = await buildSite(t.deps);
    const editor = await buildUser(t.deps, { grants: [{ role: 'editor', siteId: site.id }] });
    const actor = {
      type: 'user' as const,
      id: editor.id,
      name: editor.username,
      grants: [{ role: 'editor', scope: site.id }],
      origin: { requestId: null, ip: null },
    };
    await expect(setCalendarDay(t.deps, actor, { date: '2027-01-01', kind: 'holiday', name: '元旦' })).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    await expect(removeCalendarDay(t.deps, actor, '2017-10-01')).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(
      importCalendarYear(t.deps, actor, { year: 2027, format: 'json', content: JSON.stringify(SAMPLE_2027) }),
    ).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    expect(await storedRows(t)).toEqual([]);
    expect(await auditActions(t)).toEqual([]);
  });
});

describe('calendar HTTP API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createCalendarTestApp();
  });
  afterEach(async () => t.close());

  it('answers working-day questions for any signed-in user', async () => {
    const site = await buildSite(t.deps);
    const editor = await buildUser(t.deps, { grants: [{ role: 'editor', siteId: site.id }] });
    const s = await loginAs(t.app, editor.username);

    const day = await s.request({ method: 'GET', url: '/api/calendar/workday?date=2017-09-30' });
    expect(day.statusCode).toBe(200);
    expect(day.json()).toEqual({
      date: '2017-09-30',
      weekday: '星期六',
      workday: true,
      reason: '调休上班（国庆节）',
      official: true,
      warning: null,
    });

    const add = await s.request({ method: 'GET', url: '/api/calendar/add-workdays?date=2017-09-29&n=3' });
    expect(add.json()).toMatchObject({ start: '2017-09-29', n: 3, date: '2017-10-10', warnings: [] });
    expect(add.json().trace).toHaveLength(11);
    expect(add.json().trace[0]).toEqual({ date: '2017-09-30', counted: true, workday: true, reason: '调休上班（国庆节）' });

    const days = await s.request({ method: 'GET', url: '/api/calendar/days?year=2026' });
    expect(days.json()).toMatchObject({ year: 2026, official: true, warning: null });
    expect(days.json().days).toContainEqual({ date: '2026-02-14', kind: 'workday', name: '春节', source: 'builtin', weekday: '星期六' });

    const y2027 = await s.request({ method: 'GET', url: '/api/calendar/years/2027' });
    expect(y2027.json()).toMatchObject({ year: 2027, official: false, builtin: false, imported: null });
    expect(y2027.json().warning).toBe('2027 年的法定节假日安排尚未录入，当前按周末计算工作日，请在节假日管理中导入国务院办公厅通知');
    const w2027 = await s.request({ method: 'GET', url: '/api/calendar/workday?date=2027-10-01' });
    expect(w2027.json()).toMatchObject({ workday: true, reason: '工作日', official: false });

    // Reading is not editing.
    expect(
      (await s.request({ method: 'PUT', url: '/api/calendar/days/2027-01-01', payload: { kind: 'holiday', name: '元旦' } })).statusCode,
    ).toBe(403);
    expect((await s.request({ method: 'DELETE', url: '/api/calendar/days/2017-10-01' })).statusCode).toBe(403);
    expect(
      (
        await s.request({
          method: 'POST',
          url: '/api/calendar/import',
          payload: { year: 2027, format: 'json', content: JSON.stringify(SAMPLE_2027) },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/workday?date=2017-09-30' })).statusCode).toBe(401);
  });

  it('lets the platform administrator set, remove and import days', async () => {
    const admin = await buildUser(t.deps, { grants: [{ role: 'platformAdmin' }] });
    const s = await loginAs(t.app, admin.username);
    const put = await s.request({ method: 'PUT', url: '/api/calendar/days/2026-12-31', payload: { kind: 'holiday', name: ' 示例调整 ' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ date: '2026-12-31', kind: 'holiday', name: '示例调整', source: 'override', updatedBy: admin.id });
    const days = await s.request({ method: 'GET', url: '/api/calendar/days?year=2026' });
    expect(days.json().days).toContainEqual(expect.objectContaining({ date: '2026-12-31', source: 'override' }));
    expect((await s.request({ method: 'DELETE', url: '/api/calendar/days/2026-12-31' })).statusCode).toBe(204);
    expect((await s.request({ method: 'DELETE', url: '/api/calendar/days/2026-12-31' })).statusCode).toBe(404);

    const imp = await s.request({
      method: 'POST',
      url: '/api/calendar/import',
      payload: { year: 2027, format: 'json', content: JSON.stringify(SAMPLE_2027) },
    });
    expect(imp.statusCode).toBe(200);
    expect(imp.json()).toMatchObject({ year: 2027, holidays: 9, workdays: 1 });
    const y = await s.request({ method: 'GET', url: '/api/calendar/years/2027' });
    expect(y.json()).toMatchObject({ official: true, warning: null, imported: { note: '测试用示例数据' } });
    const events = await auditActions(t);
    expect(events.map((e) => e.action)).toEqual(['calendar.day.set', 'calendar.day.remove', 'calendar.year.import']);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths).filter((p) => p.startsWith('/api/calendar/'))).toEqual(
      expect.arrayContaining([
        '/api/calendar/days',
        '/api/calendar/workday',
        '/api/calendar/add-workdays',
        '/api/calendar/days/{date}',
        '/api/calendar/import',
        '/api/calendar/years/{year}',
      ]),
    );
  });

  it('answers hostile input with 400 and field messages, never a 500', async () => {
    const admin = await buildUser(t.deps, { grants: [{ role: 'platformAdmin' }] });
    const s = await loginAs(t.app, admin.username);
    const get = async (url: string) => s.request({ method: 'GET', url });
    const expect400 = async (res: Awaited<ReturnType<typeof get>>, field: string, label: string) => {
      expect(res.statusCode, `${label}: ${res.body}`).toBe(400);
      expect(res.json().code, label).toBe('GK_ERR_VALIDATION');
      expect(
        res.json().fields.map((f: { field: string }) => f.field),
        label,
      ).toContain(field);
      for (const f of res.json().fields as { message: string }[]) expect(f.message, label).toMatch(/[\u4e00-\u9fa5]/);
    };

    for (const date of ['2017-02-30', '2017-13-01', 'abc', '', '2017-9-30', "2017-09-30' or 1=1 --", '99999-01-01', '1800-01-01']) {
      await expect400(await get(`/api/calendar/workday?date=${encodeURIComponent(date)}`), 'date', `workday ${date}`);
    }
    const bad = await get('/api/calendar/workday?date=2017-02-30');
    expect(bad.json().fields).toEqual([{ field: 'date', message: '日期不存在：2017-02-30' }]);
    await expect400(await get('/api/calendar/workday'), 'date', 'missing date');
    await expect400(await get('/api/calendar/workday?date=2017-09-30&extra=1'), 'extra', 'unknown parameter');

    for (const n of ['-1', '100000', '1.5', '', 'abc', '1e3', '0x10']) {
      await expect400(await get(`/api/calendar/add-workdays?date=2017-09-29&n=${encodeURIComponent(n)}`), 'n', `n=${n}`);
    }
    expect((await get('/api/calendar/add-workdays?date=2017-09-29&n=100000')).json().fields).toEqual([
      { field: 'n', message: '工作日数应为 0 到 1000 之间的整数' },
    ]);
    expect((await get('/api/calendar/add-workdays?date=2017-09-29&n=1000')).statusCode).toBe(200);

    for (const year of ['abc', '1899', '2101', '', '2027.5']) {
      await expect400(await get(`/api/calendar/days?year=${encodeURIComponent(year)}`), 'year', `days year=${year}`);
    }
    await expect400(await get('/api/calendar/years/20270'), 'year', 'years/20270');

    const put = (date: string, payload: unknown) =>
      s.request({ method: 'PUT', url: `/api/calendar/days/${encodeURIComponent(date)}`, payload: payload as object });
    await expect400(await put('2017-02-30', { kind: 'holiday', name: 'x' }), 'date', 'put bad date');
    await expect400(await put('2027-01-01', { kind: 'off', name: 'x' }), 'kind', 'put bad kind');
    await expect400(await put('2027-01-01', { kind: 'holiday', name: 'x'.repeat(51) }), 'name', 'put long name');
    await expect400(await put('2027-01-01', { kind: 'holiday', name: '   ' }), 'name', 'put blank name');
    await expect400(await put('2027-01-01', { kind: 'holiday', name: 'x', source: 'builtin' }), 'source', 'put extra field');
    expect((await s.request({ method: 'DELETE', url: '/api/calendar/days/not-a-date' })).statusCode).toBe(400);

    const post = (payload: unknown) => s.request({ method: 'POST', url: '/api/calendar/import', payload: payload as object });
    await expect400(await post({ year: 2027, format: 'json', content: 'x'.repeat(300_001) }), 'content', 'oversized content');
    expect((await post({ year: 2027, format: 'json', content: 'x'.repeat(300_001) })).json().fields).toEqual([
      { field: 'content', message: '内容不能超过 300000 个字符' },
    ]);
    await expect400(await post({ year: 2027, format: 'xml', content: '<x/>' }), 'format', 'bad format');
    await expect400(await post({ year: '2027', format: 'json', content: '{}' }), 'year', 'year as text');
    await expect400(await post({ year: 2027, format: 'json', content: '' }), 'content', 'empty content');
    await expect400(await post({ year: 2027, format: 'json', content: '{"year":2027,"days":"all"}' }), 'content.days', 'days not an array');
    await expect400(
      await post({
        year: 2027,
        format: 'ics',
        content: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270230\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR',
      }),
      'content',
      'ics bad date',
    );
    await expect400(await post({ year: 2027, format: 'json', content: 'null' }), 'content', 'json null');
    const huge = await post({ year: 2027, format: 'json', content: 'x'.repeat(2_000_000) });
    expect(huge.statusCode).toBe(413);
    for (const payload of [[], 'text', null, { year: 2027 }]) {
      const r = await post(payload);
      expect(r.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, JSON.stringify(payload)).toBeLessThan(500);
    }
    // Nothing of the above was written.
    expect(await storedRows(t)).toEqual([]);
  });
});

import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildColumn, buildNewsroom, buildSite, buildUser } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';

const block = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 };
const body = (over: Record<string, unknown> = {}) => ({
  expectedVersion: 0,
  entered: {
    proactive: { licensing: 3, penalty: 2, enforcement: 1, feeFen: 40_000 },
    review: { reconsideration: block, litigationDirect: block, litigationAfterReconsideration: block },
  },
  narratives: { overview: '总体情况：a < b 时照常公开。', problems: '存在问题及改进。', other: '' },
  ...over,
});

describe('the annual report over HTTP', () => {
  let t: TestApp;
  let officer: Session;
  let url: string;
  let siteId: string;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-01-20T02:00:00.000Z' });
    const room = await buildNewsroom(t.deps);
    siteId = room.site.id;
    const user = await buildUser(t.deps, {
      grants: [
        { role: 'disclosureOfficer', siteId },
        { role: 'editor', siteId },
      ],
    });
    officer = await loginAs(t.app, user.username);
    url = `/api/disclosure/annual-reports/${room.site.sponsorOrgId}/2025`;
  });
  afterEach(async () => t.close());

  it('saves and reads the report, and downloads it as DOCX and XLSX', async () => {
    const put = await officer.request({ method: 'PUT', url, payload: body() });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 1, problems: [], proactive: { feeWanYuan: '0.0400' } });
    const get = await officer.request({ method: 'GET', url });
    expect(get.json()).toMatchObject({ version: 1, narratives: { overview: '总体情况：a < b 时照常公开。' } });

    const docx = await officer.request({ method: 'GET', url: `${url}/report.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('年度报告.docx'));
    expect((await mammoth.extractRawText({ buffer: docx.rawPayload })).value).toContain('四、政府信息公开行政复议、行政诉讼情况');

    const xlsx = await officer.request({ method: 'GET', url: `${url}/report.xlsx` });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(3);
  });

  it('answers hostile input with 400 and field messages, storing nothing', async () => {
    const cases = [
      body({ expectedVersion: 'one' }),
      body({ entered: { proactive: { licensing: -5 } } }),
      body({ narratives: { overview: '<script>alert(1)</script>', problems: '', other: '' } }),
      body({ narratives: { overview: 'x'.repeat(20_001), problems: '', other: '' } }),
      body({ narratives: { overview: '控制\u0000字符', problems: '', other: '' } }),
      body({ extra: true }),
    ];
    for (const payload of cases) {
      const res = await officer.request({ method: 'PUT', url, payload });
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { fields: unknown[] }).fields.length).toBeGreaterThan(0);
    }
    expect((await officer.request({ method: 'PUT', url: url.replace('/2025', '/20x5'), payload: body() })).statusCode).toBe(400);
    expect((await officer.request({ method: 'GET', url })).json()).toMatchObject({ version: 0 });
  });

  it('refuses an officer of another org with 403', async () => {
    const elsewhere = await buildSite(t.deps);
    const user = await buildUser(t.deps, { grants: [{ role: 'disclosureOfficer', siteId: elsewhere.id }] });
    const stranger = await loginAs(t.app, user.username);
    expect((await stranger.request({ method: 'GET', url })).statusCode).toBe(403);
    expect((await stranger.request({ method: 'PUT', url, payload: body() })).statusCode).toBe(403);
    expect((await stranger.request({ method: 'GET', url: `${url}/report.docx` })).statusCode).toBe(403);
  });

  it('submits the report to the 年报 column for review', async () => {
    const missing = await officer.request({ method: 'POST', url: `${url}/publication` });
    expect(missing.statusCode).toBe(409);
    await officer.request({ method: 'PUT', url, payload: body() });
    const noColumn = await officer.request({ method: 'POST', url: `${url}/publication` });
    expect(noColumn.json()).toMatchObject({ code: 'GK_ERR_NO_REPORT_COLUMN' });
    const column = await buildColumn(t.deps, siteId, { name: '年报', slug: 'nb', freshnessClass: 'notice' });
    await t.deps.db.kysely.updateTable('site_columns').set({ catalogue_category: 'annualReport' }).where('id', '=', column.id).execute();
    const res = await officer.request({ method: 'POST', url: `${url}/publication` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'in_review', created: true });
  });
});

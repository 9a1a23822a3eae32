import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_ENTERED, REPORT_SECTIONS, type AnnualReportView } from '#common/annual-report.ts';
import type { SaveAnnualReportInput } from '#common/schemas/disclosure.ts';
import { approveArticle, getArticle, submitArticle, updateArticle } from '#server/content/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { asActor, buildColumn, buildNewsroom, buildSite, buildUser, factoryActor, publishThroughReview } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import {
  annualReportDocxFile,
  annualReportXlsxFile,
  getAnnualReport,
  publishAnnualReport,
  registerRequest,
  saveAnnualReport,
} from './index.ts';

let deps: TestDeps;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
let orgId: string;
let officer: Actor;
let supervisor: Actor;

const key = () => ({ orgId, year: 2025 });

beforeEach(async () => {
  deps = await createTestDeps({ now: '2025-03-03T02:00:00.000Z' });
  room = await buildNewsroom(deps);
  orgId = room.site.sponsorOrgId;
  officer = asActor(
    await buildUser(deps, {
      grants: [
        { role: 'disclosureOfficer', siteId: room.site.id },
        { role: 'editor', siteId: room.site.id },
      ],
      displayName: '公开专员',
    }),
  );
  supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor', siteId: null }] }));
});

afterEach(async () => {
  await deps.db.close();
});

const block = (upheld: number, corrected: number, other: number, pending: number, total: number) => ({
  upheld,
  corrected,
  other,
  pending,
  total,
});

function input(over: Partial<SaveAnnualReportInput> = {}): SaveAnnualReportInput {
  return {
    expectedVersion: 0,
    entered: {
      proactive: { licensing: 120, penalty: 35, enforcement: 2, feeFen: 123_456_789 },
      review: {
        reconsideration: block(1, 1, 0, 1, 3),
        litigationDirect: block(0, 0, 0, 0, 0),
        litigationAfterReconsideration: block(1, 0, 0, 0, 1),
      },
    },
    narratives: {
      overview: '本年度，本机关坚持以公开为常态、不公开为例外。\n主动公开政府信息 1,200 条 & 更新目录。',
      problems: '一是公开内容不够全面；二是解读形式单一。',
      other: '本年度未收取信息处理费。',
    },
    ...over,
  };
}

const policy = (writtenOn: string, validity: string) => ({
  columnId: room.columns.policy.id,
  type: 'policy',
  title: `关于规范示例事项的通知（${writtenOn}）`,
  metadata: { issuingOrg: '示例市人民政府办公室', writtenOn, validity, isNormative: true },
});

/** Edits a published article as the newsroom's author and takes the new revision through review. */
async function reviseThroughReview(id: string, metadata: Record<string, unknown>) {
  const a = await getArticle(deps, factoryActor, id);
  await updateArticle(deps, asActor(room.author), id, {
    expectedVersion: a.version,
    title: a.title,
    bodyHtml: '<p>正文。</p>',
    source: '示例市人民政府办公室',
    metadata,
  });
  await submitArticle(deps, asActor(room.author), id);
  await approveAll(id);
}

async function approveAll(id: string) {
  for (const who of [room.firstReviewer, room.sectionReviewer, room.leader]) {
    const current = (await getArticle(deps, factoryActor, id)).current?.id as string;
    await approveArticle(deps, asActor(who), id, {
      revisionId: current,
      opinion: '同意',
      ...(who === room.leader ? { publish: 'now' } : {}),
    });
  }
}

async function reportColumn() {
  const column = await buildColumn(deps, room.site.id, { name: '政府信息公开年报', slug: 'ndbg', freshnessClass: 'notice' });
  await deps.db.kysely.updateTable('site_columns').set({ catalogue_category: 'annualReport' }).where('id', '=', column.id).execute();
  return column;
}

describe('the annual report, computed and entered', () => {
  it('computes section 二 from the org’s published normative documents: issued, repealed and in force at the year’s end', async () => {
    deps.clock.set('2024-05-06T02:00:00.000Z');
    const old = await publishThroughReview(deps, room, policy('2024-04-28', 'valid'));
    await publishThroughReview(deps, room, policy('2024-06-01', 'valid'));
    deps.clock.set('2025-03-03T02:00:00.000Z');
    await publishThroughReview(deps, room, policy('2025-02-20', 'valid'));
    deps.clock.set('2025-09-01T02:00:00.000Z');
    await reviseThroughReview(old, {
      issuingOrg: '示例市人民政府办公室',
      writtenOn: '2024-04-28',
      validity: 'repealed',
      isNormative: true,
    });
    // Another org's site: not counted.
    const otherSite = await buildSite(deps);
    expect(otherSite.sponsorOrgId).not.toBe(orgId);

    const r = await getAnnualReport(deps, officer, key());
    expect(r.proactive.normative).toEqual({ issued: 1, repealed: 1, inForce: 2 });
    expect(r.proactive.regulations).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(r.includesSubordinates).toBe(false);
    expect(r.version).toBe(0);
    const lastYear = await getAnnualReport(deps, officer, { orgId, year: 2024 });
    expect(lastYear.proactive.normative).toEqual({ issued: 2, repealed: 0, inForce: 2 });
  });

  it('counts a policy article published through review with isRegulation in the 规章 row, never also as a 规范性文件', async () => {
    const regulation = (title: string, writtenOn: string, validity: string, extra: Record<string, unknown> = {}) => ({
      columnId: room.columns.policy.id,
      type: 'policy',
      title,
      metadata: { issuingOrg: '示例市人民政府', writtenOn, validity, isRegulation: true, ...extra },
    });
    deps.clock.set('2024-07-01T02:00:00.000Z');
    const greening = await publishThroughReview(deps, room, regulation('示例市城市绿化管理办法', '2024-06-20', 'valid'));
    deps.clock.set('2025-04-10T02:00:00.000Z');
    const disclosure = await publishThroughReview(
      deps,
      room,
      regulation('示例市政府信息公开规定', '2025-04-01', 'valid', { isNormative: true }),
    );
    // The flag went through the content room's schema and is on the revision made live.
    expect((await getArticle(deps, factoryActor, disclosure)).current?.metadata).toMatchObject({ isRegulation: true, isNormative: true });
    deps.clock.set('2025-10-09T02:00:00.000Z');
    await reviseThroughReview(greening, {
      issuingOrg: '示例市人民政府',
      writtenOn: '2024-06-20',
      validity: 'repealed',
      isRegulation: true,
    });

    const r = await getAnnualReport(deps, officer, key());
    expect(r.proactive.regulations).toEqual({ issued: 1, repealed: 1, inForce: 1 });
    expect(r.proactive.normative).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    const lastYear = await getAnnualReport(deps, officer, { orgId, year: 2024 });
    expect(lastYear.proactive.regulations).toEqual({ issued: 1, repealed: 0, inForce: 1 });
  });

  it('includes section 三 with requests carried over from the year before', async () => {
    deps.clock.set('2024-12-20T02:00:00.000Z');
    await registerRequest(deps, officer, {
      siteId: room.site.id,
      applicant: { kind: 'person', name: '张三丰', idType: 'residentId', idNumber: '11010519491231002X', phone: '13812345678' },
      description: '示例市旧城改造项目的征收补偿方案',
      forms: ['electronic'],
      channels: ['email'],
      receipt: { channel: 'online', submittedOn: '2024-12-20', confirmedOn: '2024-12-20' },
    });
    deps.clock.set('2025-03-03T02:00:00.000Z');
    const r = await getAnnualReport(deps, supervisor, key());
    expect(r.requests.carriedIn).toMatchObject({ natural: 1, total: 1 });
    expect(r.requests.carriedOut).toMatchObject({ natural: 1, total: 1 });
    expect(r.problems.filter((p) => p.section === 'requests')).toEqual([]);
  });

  it('saves the entered cells and narratives with the version read, audited, and refuses a stale version', async () => {
    const saved = await saveAnnualReport(deps, officer, key(), input());
    expect(saved.version).toBe(1);
    expect(saved.proactive.entered).toEqual({ licensing: 120, penalty: 35, enforcement: 2, feeFen: 123_456_789 });
    expect(saved.proactive.feeWanYuan).toBe('123.4568');
    expect(saved.review.reconsideration).toEqual(block(1, 1, 0, 1, 3));
    expect(saved.problems).toEqual([]);
    const again = await saveAnnualReport(deps, supervisor, key(), input({ expectedVersion: 1 }));
    expect(again.version).toBe(2);
    await expect(saveAnnualReport(deps, officer, key(), input({ expectedVersion: 1 }))).rejects.toMatchObject({
      status: 409,
      details: { reason: 'version' },
    });
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'disclosure.annualReport.save')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('returns every problem at once: section 四’s sums and the missing narratives', async () => {
    const r = await saveAnnualReport(
      deps,
      officer,
      key(),
      input({
        entered: {
          ...EMPTY_ENTERED,
          review: { ...EMPTY_ENTERED.review, reconsideration: block(1, 0, 0, 0, 2), litigationDirect: block(0, 1, 0, 0, 0) },
        },
        narratives: { overview: '', problems: '', other: '' },
      }),
    );
    expect(r.problems.map((p) => `${p.section}:${p.rule}`)).toEqual([
      'overview:narrativeMissing',
      'review:reviewTotal',
      'review:reviewTotal',
      'problems:narrativeMissing',
    ]);
  });

  it('lets the org’s own disclosure officers and supervisors in, and refuses an officer of another org', async () => {
    const elsewhere = await buildSite(deps);
    const stranger = asActor(await buildUser(deps, { grants: [{ role: 'disclosureOfficer', siteId: elsewhere.id }] }));
    await expect(getAnnualReport(deps, stranger, key())).rejects.toMatchObject({ status: 403 });
    await expect(saveAnnualReport(deps, stranger, key(), input())).rejects.toMatchObject({ status: 403 });
    await expect(getAnnualReport(deps, asActor(room.author), key())).rejects.toMatchObject({ status: 403 });
    expect((await getAnnualReport(deps, supervisor, key())).orgId).toBe(orgId);
    expect(await deps.db.kysely.selectFrom('annual_reports').selectAll().execute()).toEqual([]);
  });

  it('refuses negative counts, wrong types, markup and oversized narratives with field messages, storing nothing', async () => {
    const bad = input();
    bad.entered.proactive.licensing = -1;
    (bad.entered.proactive as Record<string, unknown>).penalty = '12';
    bad.entered.review.reconsideration.total = 1.5;
    bad.narratives.overview = '<script>alert(1)</script>';
    bad.narratives.other = '长'.repeat(20_001);
    const error = await saveAnnualReport(deps, officer, key(), bad).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GK_ERR_VALIDATION', status: 400 });
    const fields = (error as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual([
      'entered.proactive.licensing',
      'entered.proactive.penalty',
      'entered.review.reconsideration.total',
      'narratives.other',
      'narratives.overview',
    ]);
    expect(await deps.db.kysely.selectFrom('annual_reports').selectAll().execute()).toEqual([]);
  });
});

describe('the annual report as files', () => {
  it('writes a DOCX with the six headings verbatim, the tables and the narratives', async () => {
    await saveAnnualReport(deps, officer, key(), input());
    const file = await annualReportDocxFile(deps, officer, key());
    expect(file.name).toMatch(/2025年政府信息公开工作年度报告\.docx$/);
    const text = (await mammoth.extractRawText({ buffer: file.bytes })).value;
    for (const heading of Object.values(REPORT_SECTIONS)) expect(text).toContain(heading);
    for (const s of [
      '第二十条第（一）项',
      '行政规范性文件',
      '本年收费金额（单位：万元）',
      '123.4568',
      '一、本年新收政府信息公开申请数量',
      '（三）不予公开',
      '1.属于国家秘密',
      '（七）总计',
      '四、结转下年度继续办理',
      '未经复议直接起诉',
      '复议后起诉',
      '尚未审结',
      '主动公开政府信息 1,200 条 & 更新目录。',
      '二是解读形式单一。',
    ])
      expect(text, s).toContain(s);
    const order = Object.values(REPORT_SECTIONS).map((h) => text.indexOf(h));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('writes an XLSX with one sheet per table, Chinese headers and numbers as numbers', async () => {
    await saveAnnualReport(deps, officer, key(), input());
    const file = await annualReportXlsxFile(deps, supervisor, key());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['二、主动公开政府信息情况', '三、收到和处理申请情况', '四、行政复议行政诉讼情况']);
    const [proactive, requests, review] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    const find = (sheet: ExcelJS.Worksheet, label: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      return found!;
    };
    expect(find(proactive, '行政许可').getCell(2).value).toBe(120);
    expect(find(proactive, '行政事业性收费').getCell(2).value).toBe(123.4568);
    expect(find(proactive, '规章').getCell(2).value).toBe(0);
    expect(requests.getCell(1, 2).value).toBe('申请人情况');
    expect(requests.getCell(2, 3).value).toBe('法人或其他组织');
    expect(find(requests, '一、本年新收政府信息公开申请数量').getCell(8).value).toBe(0);
    expect(review.getCell(1, 1).value).toBe('行政复议');
    expect(review.getCell(1, 6).value).toBe('行政诉讼');
    expect(review.getRow(4).values).toEqual([undefined, 1, 1, 0, 1, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});

describe('submitting the annual report for publication', () => {
  it('refuses without a 年报 column, with a clear code', async () => {
    await saveAnnualReport(deps, officer, key(), input());
    await expect(publishAnnualReport(deps, officer, key())).rejects.toMatchObject({ code: 'GK_ERR_NO_REPORT_COLUMN', status: 409 });
  });

  it('refuses a report with problems, listing them', async () => {
    await reportColumn();
    await saveAnnualReport(deps, officer, key(), input({ narratives: { overview: '', problems: '有', other: '' } }));
    await expect(publishAnnualReport(deps, officer, key())).rejects.toMatchObject({
      code: 'GK_ERR_REPORT_PROBLEMS',
      details: { problems: [expect.objectContaining({ rule: 'narrativeMissing' })] },
    });
    expect(await deps.db.kysely.selectFrom('articles').select('id').execute()).toEqual([]);
  });

  it('submits the report into the three-stage review as an article with the DOCX attached, then revises the same article', async () => {
    const column = await reportColumn();
    const saved = await saveAnnualReport(deps, officer, key(), input());
    const first = await publishAnnualReport(deps, officer, key());
    expect(first).toMatchObject({ status: 'in_review', created: true });
    const article = await getArticle(deps, factoryActor, first.articleId);
    expect(article).toMatchObject({ columnId: column.id, status: 'in_review', live: false });
    expect(article.title).toContain('2025年政府信息公开工作年度报告');
    const body = article.current?.bodyHtml ?? '';
    for (const s of ['<h2>一、总体情况</h2>', '<table>', '本年制发件数', '&amp; 更新目录']) expect(body).toContain(s);
    expect(article.current?.metadata).toMatchObject({ attachments: [{ name: expect.stringMatching(/\.docx$/) }] });
    expect((await getAnnualReport(deps, officer, key())).article).toEqual({ id: first.articleId, status: 'in_review' });

    // Pending review: a second submission is refused.
    await expect(publishAnnualReport(deps, officer, key())).rejects.toMatchObject({ code: 'GK_ERR_REPORT_PENDING' });
    await approveAll(first.articleId);
    expect((await getArticle(deps, factoryActor, first.articleId)).status).toBe('published');

    // Linking the article is not an edit: the officer's open form (its version) stays valid.
    const current = await getAnnualReport(deps, officer, key());
    expect(current.version).toBe(saved.version);
    await saveAnnualReport(
      deps,
      officer,
      key(),
      input({ expectedVersion: current.version, narratives: { ...input().narratives, other: '更正：收取信息处理费 400 元。' } }),
    );
    const second = await publishAnnualReport(deps, officer, key());
    expect(second).toMatchObject({ articleId: first.articleId, created: false, status: 'in_review' });
    const revised = await getArticle(deps, factoryActor, first.articleId);
    expect(revised.live).toBe(true);
    expect(revised.current?.bodyHtml).toContain('收取信息处理费 400 元');
    expect(await deps.db.kysely.selectFrom('articles').select('id').where('column_id', '=', column.id).execute()).toHaveLength(1);
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'disclosure.annualReport.submit')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('needs the right to write articles on the site: a supervisor alone cannot submit', async () => {
    await reportColumn();
    await saveAnnualReport(deps, officer, key(), input());
    await expect(publishAnnualReport(deps, supervisor, key())).rejects.toMatchObject({ status: 403 });
    // Refused before anything is written: no stored file, no draft.
    expect(await deps.db.kysely.selectFrom('articles').select('id').execute()).toEqual([]);
    expect(await deps.db.kysely.selectFrom('files').select('id').execute()).toEqual([]);
    const view: AnnualReportView = await getAnnualReport(deps, officer, key());
    expect(view.article).toBeNull();
  });
});

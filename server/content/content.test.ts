import fs from 'node:fs';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asActor, buildNewsroom, factoryActor } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { approveArticle, createArticle, getArticle, publishArticle, submitArticle, updateArticle } from './index.ts';
import { addDictionaryEntry } from './commands/dictionaries.ts';
import { reviewSheet, reviewSheetDocx } from './commands/review-sheet.ts';
import { reviewSheetHtml } from './rules/review-sheet.ts';
import { storeFile } from './commands/files.ts';

type Room = Awaited<ReturnType<typeof buildNewsroom>>;

describe('articles, deadlines and checks', () => {
  let deps: TestDeps;
  let room: Room;
  beforeEach(async () => {
    deps = await createTestDeps({ config: { GONGKAI_DATA_DIR: fs.mkdtempSync('/tmp/gk-content-') } });
    room = await buildNewsroom(deps);
  });
  afterEach(async () => {
    fs.rmSync(deps.config.dataDir, { recursive: true, force: true });
    await deps.db.close();
  });

  const current = async (id: string) => (await getArticle(deps, factoryActor, id)).current?.id as string;
  const throughReview = async (id: string) => {
    await submitArticle(deps, asActor(room.author), id);
    for (const who of [room.firstReviewer, room.sectionReviewer, room.leader])
      await approveArticle(deps, asActor(who), id, { revisionId: await current(id), opinion: '同意' });
  };
  const policy = (metadata: Record<string, unknown>, over: Record<string, unknown> = {}) =>
    createArticle(deps, asActor(room.author), {
      siteId: room.site.id,
      columnId: room.columns.policy.id,
      type: 'policy',
      title: '示例市关于加强政务公开工作的实施意见',
      bodyHtml: '<p>各县（区）人民政府，市级各部门：现将有关事项通知如下。</p>',
      source: '示例市人民政府办公室',
      metadata: { issuingOrg: '示例市人民政府办公室', writtenOn: '2017-09-28', validity: 'valid', ...metadata },
      ...over,
    });

  it('gives a normative document three working days from the paper issue, across the National Day holiday', async () => {
    const a = await policy({ isNormative: true, issuedOn: '2017-09-29', docNumber: '示府发 [2017] 12 号' });
    const view = await getArticle(deps, asActor(room.author), a.id);
    // 09-30 (调休上班) is day 1, 10-01..08 are off, 10-09 and 10-10 are days 2 and 3; end of day in Beijing.
    expect(view.dueAt).toBe('2017-10-10T15:59:59.999Z');
    expect(view.dueRule).toContain('3 个工作日');
    expect(view.current?.metadata.docNumber).toBe('示府发〔2017〕12号');
  });

  it('gives livelihood news 24 hours from the end of the event, and records lateness at publication', async () => {
    const a = await createArticle(deps, asActor(room.author), {
      siteId: room.site.id,
      columnId: room.columns.news.id,
      type: 'news',
      title: '全市义诊活动圆满结束',
      bodyHtml: '<p>义诊活动于今日结束。</p>',
      source: '示例市卫生健康委员会',
      metadata: { isLivelihood: true, eventEndedAt: '2026-11-26T09:00:00.000Z' },
    });
    expect((await getArticle(deps, asActor(room.author), a.id)).dueAt).toBe('2026-11-27T09:00:00.000Z');
    await throughReview(a.id);
    deps.clock.set('2026-11-27T11:30:00.000Z');
    await publishArticle(deps, asActor(room.author), a.id);
    const view = await getArticle(deps, asActor(room.author), a.id);
    expect(view).toMatchObject({ lateMinutes: 150, deadline: 'late' });
  });

  it('gives other proactive information 20 working days from the written date', async () => {
    const a = await policy({ writtenOn: '2026-02-10' });
    // 2026 Spring Festival: 02-15..23 off, 02-14 and 02-28 make-up workdays; the 20th working day is 03-16.
    expect((await getArticle(deps, asActor(room.author), a.id)).dueAt).toBe('2026-03-16T15:59:59.999Z');
  });

  it('links an interpretation to its policy both ways, with the policy as its deadline', async () => {
    const p = await policy({ isNormative: true, issuedOn: '2026-11-20' });
    const i = await createArticle(deps, asActor(room.author), {
      siteId: room.site.id,
      columnId: room.columns.policy.id,
      type: 'interpretation',
      title: '《关于加强政务公开工作的实施意见》政策解读',
      bodyHtml: '<p>一、出台背景</p>',
      source: '示例市人民政府办公室',
      metadata: { issuingOrg: '示例市人民政府办公室', relatedPolicies: [p.id] },
    });
    const [pv, iv] = await Promise.all([getArticle(deps, factoryActor, p.id), getArticle(deps, factoryActor, i.id)]);
    expect(pv.interpretations).toEqual([i.id]);
    expect(iv.policies).toEqual([p.id]);
    expect(iv.dueAt).toBe(pv.dueAt);
    await expect(
      createArticle(deps, asActor(room.author), {
        siteId: room.site.id,
        columnId: room.columns.policy.id,
        type: 'interpretation',
        title: 'x',
        bodyHtml: '<p>x</p>',
        source: 's',
        metadata: { issuingOrg: 'o', relatedPolicies: [i.id] },
      }),
    ).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
  });

  it('refuses a type the column does not accept and metadata the type does not have', async () => {
    await expect(
      createArticle(deps, asActor(room.author), {
        siteId: room.site.id,
        columnId: room.columns.news.id,
        type: 'policy',
        title: 't',
        bodyHtml: '<p>x</p>',
        source: 's',
      }),
    ).rejects.toMatchObject({
      fields: [{ field: 'type' }],
    });
    await expect(
      createArticle(deps, asActor(room.author), {
        siteId: room.site.id,
        columnId: room.columns.news.id,
        type: 'news',
        title: 't',
        bodyHtml: '<p>x</p>',
        source: 's',
        metadata: { docNumber: '示府发〔2026〕1号' },
      }),
    ).rejects.toMatchObject({ fields: [{ field: 'metadata.docNumber' }] });
  });

  it('cleans hostile rich text before storing it', async () => {
    const a = await createArticle(deps, asActor(room.author), {
      siteId: room.site.id,
      columnId: room.columns.news.id,
      type: 'news',
      title: '标题',
      bodyHtml:
        '<p onclick="steal()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a><img src="data:image/png;base64,AAAA" alt="x"></p>',
      source: '来源',
    });
    const stored = (await getArticle(deps, factoryActor, a.id)).current?.bodyHtml;
    expect(stored).toBe('<p>正文<a>链接</a><img alt="x" /></p>');
  });

  it('blocks submission when checks find errors and stores the results with the revision', async () => {
    await addDictionaryEntry(deps, asActor(room.siteAdmin), { scope: room.site.id, kind: 'leader', word: '张三', title: '副市长' });
    await addDictionaryEntry(deps, factoryActor, { scope: '*', kind: 'commonError', word: '既使', correct: '即使' });
    const a = await createArticle(deps, asActor(room.author), {
      siteId: room.site.id,
      columnId: room.columns.news.id,
      type: 'news',
      title: '市长张三调研教育工作',
      bodyHtml: '<p>既使困难再大也要办好教育。<img src="gk:file:abc" alt=""></p>',
      source: '示例市教育和体育局',
    });
    const err = await submitArticle(deps, asActor(room.author), a.id).catch(
      (e: { code: string; details: { checks: { results: { code: string }[] } } }) => e,
    );
    expect(err).toMatchObject({ code: 'GK_ERR_CONFLICT' });
    const codes = (err as { details: { checks: { results: { code: string }[] } } }).details.checks.results.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['leader_title_mismatch', 'common_error', 'image_alt_missing']));
    const view = await getArticle(deps, asActor(room.author), a.id);
    expect(view.status).toBe('draft');
    expect(view.checks).toMatchObject({ revisionId: view.current?.id, context: 'submit' });
    expect(view.checks?.errors).toBeGreaterThanOrEqual(2);
  });

  it('stores attachments by content hash and refuses a file that is not what its name says', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const one = await storeFile(deps, asActor(room.author), { siteId: room.site.id, filename: '附件1.pdf', bytes: pdf });
    const two = await storeFile(deps, asActor(room.author), { siteId: room.site.id, filename: '另一个名字.pdf', bytes: pdf });
    expect(two.fileId).toBe(one.fileId);
    await expect(storeFile(deps, asActor(room.author), { siteId: room.site.id, filename: '通知.docx', bytes: pdf })).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      message: '文件内容与扩展名不符：“通知.docx”不是有效的 Word 文件',
    });
    await expect(
      storeFile(deps, asActor(room.author), { siteId: room.site.id, filename: 'evil.exe', bytes: Buffer.from('MZ') }),
    ).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
    await expect(storeFile(deps, asActor(room.leader), { siteId: room.site.id, filename: 'a.pdf', bytes: pdf })).rejects.toMatchObject({
      code: 'GK_ERR_FORBIDDEN',
    });
    const a = await createArticle(deps, asActor(room.author), {
      siteId: room.site.id,
      columnId: room.columns.news.id,
      type: 'news',
      title: '带附件的稿件',
      bodyHtml: '<p>见附件。</p>',
      source: '来源',
      metadata: { attachments: [{ fileId: one.fileId, name: '附件1.pdf' }] },
    });
    expect((await getArticle(deps, factoryActor, a.id)).current?.metadata.attachments).toEqual([{ fileId: one.fileId, name: '附件1.pdf' }]);
    await expect(
      updateArticle(deps, asActor(room.author), a.id, {
        expectedVersion: 1,
        title: 't',
        bodyHtml: '<p>x</p>',
        source: 's',
        metadata: { attachments: [{ fileId: 'nope', name: 'x.pdf' }] },
      }),
    ).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION' });
  });

  it('prints a review sheet listing every decision, as DOCX that opens back and as HTML', async () => {
    const a = await policy({ docNumber: '示府办发〔2026〕3号' });
    await throughReview(a.id);
    await publishArticle(deps, asActor(room.author), a.id);
    const sheet = await reviewSheet(deps, asActor(room.author), a.id);
    expect(sheet.decisions.map((d) => [d[0], d[2], d[4]])).toEqual([
      ['初审', '通过', '同意'],
      ['审核', '通过', '同意'],
      ['审签', '通过', '同意'],
    ]);
    const docx = await reviewSheetDocx(sheet);
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    for (const s of [
      '信息发布审签单',
      '示例市关于加强政务公开工作的实施意见',
      '示府办发〔2026〕3号',
      '初审',
      '审核',
      '审签',
      room.leader.displayName,
    ])
      expect(text).toContain(s);
    const html = reviewSheetHtml(sheet);
    expect(html).toContain('<h1>信息发布审签单</h1>');
    expect(html).not.toContain('<script');
  });

  it('keeps every revision and never lets one be changed', async () => {
    const a = await policy({});
    await updateArticle(deps, asActor(room.author), a.id, {
      expectedVersion: 1,
      title: '第二版',
      bodyHtml: '<p>二</p>',
      source: 's',
      metadata: { issuingOrg: 'o', writtenOn: '2026-11-01', validity: 'valid' },
    });
    const revs = await deps.db.kysely
      .selectFrom('article_revisions')
      .select(['number', 'title'])
      .where('article_id', '=', a.id)
      .orderBy('number')
      .execute();
    expect(revs.map((r) => r.title)).toEqual(['示例市关于加强政务公开工作的实施意见', '第二版']);
    await expect(
      deps.db.kysely.updateTable('article_revisions').set({ title: 'x' }).where('article_id', '=', a.id).execute(),
    ).rejects.toThrow(/records/);
    await expect(deps.db.kysely.deleteFrom('article_events').where('article_id', '=', a.id).execute()).rejects.toThrow(/records/);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNewsroom } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';

const NOTICE = fs.readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/documents/notice-panbanhan-2017-122.txt'), 'utf8');

function multipart(field: string, filename: string, bytes: Buffer) {
  const boundary = '----gongkai-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('content over HTTP', () => {
  let t: TestApp;
  let room: Awaited<ReturnType<typeof buildNewsroom>>;
  let author: Session;
  beforeEach(async () => {
    t = await createTestApp({ config: { GONGKAI_DATA_DIR: fs.mkdtempSync('/tmp/gk-content-http-') } });
    room = await buildNewsroom(t.deps);
    author = await loginAs(t.app, room.author.username);
  });
  afterEach(async () => {
    fs.rmSync(t.deps.config.dataDir, { recursive: true, force: true });
    await t.close();
  });

  const create = (over: Record<string, unknown> = {}) =>
    author.request({
      method: 'POST',
      url: '/api/articles',
      payload: {
        siteId: room.site.id,
        columnId: room.columns.news.id,
        type: 'news',
        title: '标题',
        bodyHtml: '<p>正文</p>',
        source: '来源',
        ...over,
      },
    });

  it('creates, edits and lists articles, answering hostile input with 400s and never a 500', async () => {
    const r = await create();
    expect(r.statusCode).toBe(201);
    const bad: Record<string, unknown>[] = [
      { type: 'novel' },
      { title: '' },
      { title: 'x'.repeat(301) },
      { metadata: { writtenOn: '2017-13-45' } },
      { metadata: { eventEndedAt: 'yesterday' } },
      { metadata: { keywords: 'not-an-array' } },
      { metadata: { unknownField: 1 } },
      { siteId: "' or 1=1 --" },
      { bodyHtml: 42 },
      { extra: true },
    ];
    for (const over of bad) {
      const res = await create(over);
      expect(res.statusCode, JSON.stringify(over)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(over)).toBeLessThan(500);
    }
    const list = await author.request({ method: 'GET', url: `/api/articles?siteId=${room.site.id}` });
    expect(list.json().items).toHaveLength(1);
  });

  it('offers no batch approval: approve takes one article and one revision', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => /batch|bulk/i.test(p))).toEqual([]);
    const a = (await create()).json();
    const res = await author.request({
      method: 'POST',
      url: `/api/articles/${a.id}/approve`,
      payload: { revisionId: a.revisionId, ids: [a.id] },
    });
    expect(res.statusCode).toBe(400);
  });

  it('uploads an attachment, refusing a mismatched one, and serves it back', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const ok = await author.request({ method: 'POST', url: `/api/sites/${room.site.id}/files`, ...multipart('file', '通知附件.pdf', pdf) });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ name: '通知附件.pdf', mime: 'application/pdf', size: pdf.length });
    const fake = await author.request({
      method: 'POST',
      url: `/api/sites/${room.site.id}/files`,
      ...multipart('file', '照片.png', Buffer.from('<script>alert(1)</script>')),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toContain('文件内容与扩展名不符');
    const back = await author.request({ method: 'GET', url: `/api/files/${ok.json().fileId}` });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.rawPayload.equals(pdf)).toBe(true);
  });

  it('turns pasted 公文 text into pre-filled article fields', async () => {
    const r = await author.request({ method: 'POST', url: '/api/documents/parse', payload: { text: NOTICE } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      docNumber: '攀办函〔2017〕122号',
      title: '关于进一步加强全市政务公开工作和政府网站建设的通知',
      writtenOn: '2017-11-02',
    });
    expect(r.json().bodyHtml).toMatch(/^<p>/);
    expect((await author.request({ method: 'POST', url: '/api/documents/parse', payload: { text: '   ' } })).statusCode).toBe(400);
    const upload = await author.request({
      method: 'POST',
      url: '/api/documents/parse',
      ...multipart('file', 'notice.txt', Buffer.from(NOTICE)),
    });
    expect(upload.json().docNumber).toBe('攀办函〔2017〕122号');
    const binary = await author.request({
      method: 'POST',
      url: '/api/documents/parse',
      ...multipart('file', 'x.docx', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7])),
    });
    expect(binary.statusCode).toBeGreaterThanOrEqual(400);
    expect(binary.statusCode).toBeLessThan(500);
  });

  it('shows a site its review stages and lets the site admin change them, never below three', async () => {
    const stages = await author.request({ method: 'GET', url: `/api/sites/${room.site.id}/review-stages` });
    expect(stages.json().stages.map((s: { label: string }) => s.label)).toEqual(['初审', '审核', '审签']);
    const admin = await loginAs(t.app, room.siteAdmin.username);
    const two = [
      { key: 'a', label: '初审', roles: ['editor'] },
      { key: 'b', label: '审签', roles: ['leader'] },
    ];
    expect(
      (await admin.request({ method: 'PUT', url: `/api/sites/${room.site.id}/review-stages`, payload: { stages: two } })).statusCode,
    ).toBe(400);
    expect(
      (await author.request({ method: 'PUT', url: `/api/sites/${room.site.id}/review-stages`, payload: { stages: two } })).statusCode,
    ).toBe(403);
    const four = [
      ...two.slice(0, 1),
      { key: 'c', label: '审核', roles: ['sectionReviewer'] },
      { key: 'd', label: '合法性审查', roles: ['siteAdmin'] },
      two[1],
    ];
    expect(
      (await admin.request({ method: 'PUT', url: `/api/sites/${room.site.id}/review-stages`, payload: { stages: four } })).statusCode,
    ).toBe(200);
    expect((await author.request({ method: 'GET', url: `/api/sites/${room.site.id}/review-stages` })).json().stages).toHaveLength(4);
  });

  it('serves the review sheet as DOCX and printable HTML', async () => {
    const a = (await create()).json();
    const docx = await author.request({ method: 'GET', url: `/api/articles/${a.id}/review-sheet.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const html = await author.request({ method: 'GET', url: `/api/articles/${a.id}/review-sheet.html` });
    expect(html.body).toContain('信息发布审签单');
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateSite, buildSite, buildUser, factoryActor } from '#test/factories.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '#test/http.ts';
import type { LetterDetail } from '#common/schemas/interaction.ts';
import { createChannel, submitLetter } from './index.ts';

let t: TestApp;
let dataDir: string;
let siteId: string;
let channelId: string;
let office: Session;
let stranger: Session;
let supervisor: Session;
const CODE = '9901000031';
const DIGITS = '零一二三四五六七八九';

// Something only the files hold, to look for in the database.
const MARKER = `GK-ATTACHMENT-${randomBytes(6).toString('hex')}`;
const PDF = Buffer.from(`%PDF-1.4\n% ${MARKER} 110105194912310021\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
const PNG = Buffer.concat([
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  Buffer.from(MARKER),
]);
const FILES = [
  { filename: '户口本首页（王小明）.pdf', bytes: PDF },
  { filename: "id card 'front'.png", bytes: PNG },
];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-letter-files-'));
  t = await createTestApp({ config: { GONGKAI_DATA_DIR: dataDir }, now: '2026-02-13T02:00:00.000Z' });
  const site = await buildSite(t.deps, { name: '示例市人民政府网站' });
  const other = await buildSite(t.deps, { name: '示例县人民政府网站' });
  siteId = site.id;
  await activateSite(t.deps, siteId, { code: CODE, domains: ['files.example-city.gov.cn'] });
  channelId = (
    await createChannel(t.deps, factoryActor, siteId, {
      kind: 'consultation',
      name: '政策咨询',
      handlingOrgId: site.sponsorOrgId,
      replyDays: 5,
      publishReplies: false,
      reviewReplies: false,
      reopenOnUnsatisfied: false,
      enabled: true,
    })
  ).id;
  const handler = await buildUser(t.deps, { grants: [{ role: 'letterHandler', siteId }] });
  const otherHandler = await buildUser(t.deps, { grants: [{ role: 'letterHandler', siteId: other.id }] });
  office = await loginAs(t.app, handler.username);
  stranger = await loginAs(t.app, otherHandler.username);
  const supervisorUser = await buildUser(t.deps, { grants: [{ role: 'supervisor', siteId: null }] });
  supervisor = await loginAs(t.app, supervisorUser.username);
});

afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

let visitor = 0;
const address = () => `10.3.${(++visitor >> 8) & 255}.${visitor & 255}`;

/** A multipart body as a browser sends it: the fields, then the files of the attachments input. */
function multipart(fields: Record<string, string>, files: readonly { filename: string; bytes: Buffer }[]) {
  const boundary = `----gk${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    parts.push(Buffer.from(head), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The form, filled by someone who read the question, a few seconds later. */
async function filledForm(over: Record<string, string> = {}): Promise<Record<string, string>> {
  const page = (await t.app.inject({ method: 'GET', url: `/sites/${CODE}/hdjl/xx/`, remoteAddress: address() })).body;
  const q = /([零一二三四五六七八九])加([零一二三四五六七八九])等于几/.exec(page)!;
  t.deps.clock.advance(10_000);
  return {
    channelId,
    category: '社会保障',
    title: '关于户口迁移材料的咨询',
    content: '附上户口本和身份证照片，请问还需要哪些材料？',
    name: '王小明',
    phone: '13912345678',
    consentPublish: '1',
    answer: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)),
    challenge: /name="challenge" value="([^"]*)"/.exec(page)![1]!,
    website: '',
    ...over,
  };
}

const post = (fields: Record<string, string>, files: readonly { filename: string; bytes: Buffer }[]) =>
  t.app.inject({ method: 'POST', url: `/sites/${CODE}/hdjl/xx/`, remoteAddress: address(), ...multipart(fields, files) });

const db = () => t.deps.db.kysely;
const attachmentCount = async () =>
  Number(
    (
      await db()
        .selectFrom('letter_attachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const letterOf = async (trackingNo: string) =>
  db().selectFrom('letters').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
const trackingNoOf = (body: string) => /id="tracking-no">(\d+)</.exec(body)![1]!;
const download = (who: Session, letterId: string, attachmentId: string) =>
  who.request({ method: 'GET', url: `/api/interaction/letters/${letterId}/attachments/${attachmentId}` });

describe("a letter's attachments", () => {
  let letterId: string;
  let detail: LetterDetail;

  it('are stored with the letter, encrypted, and nowhere in the content file store', async () => {
    const filesBefore = (await db().selectFrom('files').select('id').execute()).length;
    const sent = await post(await filledForm(), FILES);
    expect(sent.statusCode, sent.body).toBe(201);
    const letter = await letterOf(trackingNoOf(sent.body));
    letterId = letter.id;

    const rows = await db().selectFrom('letter_attachments').selectAll().where('letter_id', '=', letterId).orderBy('seq').execute();
    expect(rows.map((r) => [r.seq, r.mime, r.size])).toEqual([
      [1, 'application/pdf', PDF.length],
      [2, 'image/png', PNG.length],
    ]);
    expect(rows.map((r) => r.sha256)).toEqual([PDF, PNG].map((b) => createHash('sha256').update(b).digest('hex')));
    // At rest: neither the bytes (raw or in base64) nor the file names.
    for (const raw of [JSON.stringify(rows), JSON.stringify(letter)]) {
      expect(raw).not.toContain(MARKER);
      expect(raw).not.toContain(Buffer.from(MARKER).toString('base64').slice(0, 16));
      expect(raw).not.toContain(PDF.toString('base64').slice(0, 24));
      expect(raw).not.toContain('户口本首页');
      expect(raw).not.toContain('id card');
    }
    for (const r of rows) {
      expect(r.name).toMatch(/^v1\./);
      expect(r.data).toMatch(/^v1\./);
    }
    // The letter row keeps a summary without names.
    expect(JSON.parse(letter.attachments)).toEqual(rows.map((r) => ({ id: r.id, size: r.size, mime: r.mime })));
    expect((await db().selectFrom('files').select('id').execute()).length).toBe(filesBefore);

    const res = await office.request({ method: 'GET', url: `/api/interaction/letters/${letterId}` });
    expect(res.statusCode, res.body).toBe(200);
    detail = res.json<LetterDetail>();
    expect(detail.attachments).toEqual([
      { id: rows[0]!.id, name: '户口本首页（王小明）.pdf', size: PDF.length, mime: 'application/pdf' },
      { id: rows[1]!.id, name: "id card 'front'.png", size: PNG.length, mime: 'image/png' },
    ]);
  });

  it('are downloaded, byte for byte, by the handling office, each download audited without the name', async () => {
    for (const [i, a] of detail.attachments.entries()) {
      const res = await download(office, letterId, a.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.rawPayload.equals(FILES[i]!.bytes)).toBe(true);
      expect(res.headers['content-type']).toBe(a.mime);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const pdf = await download(office, letterId, detail.attachments[0]!.id);
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('户口本首页（王小明）.pdf')}`);
    const png = await download(office, letterId, detail.attachments[1]!.id);
    // ' ( ) * are not allowed unescaped in the header's extended value.
    expect(png.headers['content-disposition']).toBe("attachment; filename*=UTF-8''id%20card%20%27front%27.png");

    const audit = await db().selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const downloads = audit.filter((e) => e.action === 'interaction.letter.attachment.download');
    expect(downloads).toHaveLength(4);
    expect(downloads.every((e) => e.target_id === letterId && e.site_id === siteId)).toBe(true);
    const submitted = audit.find((e) => e.action === 'interaction.letter.submit' && e.target_id === letterId)!;
    expect(JSON.parse(submitted.details!)).toMatchObject({ attachments: 2, attachmentBytes: PDF.length + PNG.length });
    const log = JSON.stringify(audit);
    for (const name of ['户口本首页', 'id card', "'front'", encodeURIComponent('户口本首页')]) expect(log).not.toContain(name);
    expect(log).not.toContain(MARKER);
  });

  it('are refused to someone who takes no part in the letter, and another letter’s attachment is not found', async () => {
    const before = Math.max(0, ...(await db().selectFrom('audit_events').select('seq').execute()).map((e) => Number(e.seq)));
    const refused = await download(stranger, letterId, detail.attachments[0]!.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(MARKER);
    expect((await stranger.request({ method: 'GET', url: `/api/interaction/letters/${letterId}` })).statusCode).toBe(403);
    // A supervisor reads the letter but not the writer's files.
    expect((await supervisor.request({ method: 'GET', url: `/api/interaction/letters/${letterId}` })).statusCode).toBe(200);
    expect((await download(supervisor, letterId, detail.attachments[0]!.id)).statusCode).toBe(403);

    const other = await post(await filledForm({ title: '关于社保卡补办的咨询' }), [{ filename: '照片.png', bytes: PNG }]);
    expect(other.statusCode).toBe(201);
    const otherId = (await letterOf(trackingNoOf(other.body))).id;
    const [otherFile] = await db().selectFrom('letter_attachments').select('id').where('letter_id', '=', otherId).execute();
    expect((await download(office, letterId, otherFile!.id)).statusCode).toBe(404);
    expect((await download(office, otherId, otherFile!.id)).statusCode).toBe(200);
    expect((await download(office, letterId, 'no-such-file')).statusCode).toBe(404);
    expect((await download(office, 'no-such-letter', detail.attachments[0]!.id)).statusCode).toBe(404);
    // Only the one download that happened is in the log (the second letter's submission too).
    const added = (await db().selectFrom('audit_events').select('action').where('seq', '>', before).execute()).map((e) => e.action);
    expect(added.filter((a) => a === 'interaction.letter.attachment.download')).toHaveLength(1);
    // Not logged in: no file.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/interaction/letters/${letterId}/attachments/${otherFile!.id}` })).statusCode,
    ).toBe(401);
  });

  it('are not stored for a form that is refused, nor a second time for a repeated form', async () => {
    const before = await attachmentCount();
    const wrong = await post(await filledForm({ answer: '99' }), FILES);
    expect(wrong.statusCode).toBe(400);
    const badPhone = await post(await filledForm({ phone: '12345' }), FILES);
    expect(badPhone.statusCode).toBe(400);
    expect(await attachmentCount()).toBe(before);

    // Refused inside the letter's transaction (the channel is not this site's): nothing is left behind either.
    await expect(
      submitLetter(t.deps, {
        siteId,
        form: {
          channelId: 'no-such-channel',
          category: '社会保障',
          title: '标题',
          content: '内容',
          name: '王小明',
          phone: '13912345678',
          consentPublish: false,
        },
        attachments: [{ name: '户口本.pdf', mime: 'application/pdf', bytes: PDF }],
        idempotencyKey: 'attachments-refused',
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await attachmentCount()).toBe(before);

    const form = await filledForm({ title: '关于居住证办理的咨询' });
    const first = await post(form, FILES);
    expect(first.statusCode).toBe(201);
    expect(await attachmentCount()).toBe(before + 2);
    const again = await post(form, FILES);
    expect(again.statusCode).toBe(200);
    expect(trackingNoOf(again.body)).toBe(trackingNoOf(first.body));
    expect(await attachmentCount()).toBe(before + 2);
  });
});

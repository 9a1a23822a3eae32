import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { zipOf } from '#test/zip.ts';
import {
  DOCUMENT_ERROR_CODES,
  MAX_DOCUMENT_BYTES,
  decodeText,
  docxToText,
  documentSummary,
  parseDocumentFile,
  parseOfficialDocument,
} from './index.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/documents');
const GUIFAN = fs.readFileSync(path.join(FIXTURES, 'shili-guifan-2026-1.txt'), 'utf8');
const GUIFAN_SUMMARY = documentSummary(parseOfficialDocument(GUIFAN));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-documents-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The fictional notice as an office would type it in Word: one paragraph per line, layout by paragraph format, not spaces. */
async function guifanDocx(): Promise<Buffer> {
  const paragraphs = GUIFAN.split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const indented = /^\u3000{8,}/.test(l);
      return new Paragraph({
        alignment: indented ? AlignmentType.RIGHT : undefined,
        children: [new TextRun({ text: l.trim(), font: '仿宋_GB2312', size: 32 })],
      });
    });
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

describe('reading DOCX files', () => {
  it('gives the same fields for the notice saved as DOCX as for its text', async () => {
    const buffer = await guifanDocx();
    const parsed = await parseDocumentFile(buffer, '示府办规〔2026〕1号.docx');
    expect(documentSummary(parsed)).toEqual(GUIFAN_SUMMARY);
    expect(GUIFAN_SUMMARY.attachments).toHaveLength(2);
    expect(parsed.body).toBe(parseOfficialDocument(GUIFAN).body);
    expect(parsed.source).toEqual({
      filename: '示府办规〔2026〕1号.docx',
      bytes: buffer.length,
      format: 'docx',
      encoding: null,
      warnings: [],
    });
  });

  it('extracts the paragraphs as text and reads a DOCX from a path whatever its extension', async () => {
    const buffer = await guifanDocx();
    expect(await docxToText(buffer)).toContain('示府办规〔2026〕1号\n\n');
    const file = path.join(tmp, 'upload.bin');
    fs.writeFileSync(file, buffer);
    const parsed = await parseDocumentFile(file);
    expect(documentSummary(parsed)).toEqual(GUIFAN_SUMMARY);
    expect(parsed.source.filename).toBe('upload.bin');
    expect(parsed.source.warnings).toEqual(['文件扩展名为 .bin，内容实际为 DOCX 文档']);
  });

  it('parses a file named .docx that is really plain text as text', async () => {
    const parsed = await parseDocumentFile(Buffer.from(GUIFAN), 'notice.docx');
    expect(documentSummary(parsed)).toEqual(GUIFAN_SUMMARY);
    expect(parsed.source.format).toBe('text');
    expect(parsed.source.warnings).toEqual(['文件扩展名为 .docx，内容实际为纯文本']);
  });

  it('refuses random bytes named .docx with the stable unsupported code', async () => {
    await expect(parseDocumentFile(randomBytes(4096), 'notice.docx')).rejects.toMatchObject({
      code: DOCUMENT_ERROR_CODES.unsupported,
      status: 415,
      details: { filename: 'notice.docx', detected: 'binary' },
    });
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf'],
    ['a legacy .doc', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(64)]), 'ole'],
    ['an RTF file', Buffer.from('{\\rtf1\\ansi 关于示例事项的通知}'), 'rtf'],
    ['a PNG image', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(64)]), 'image'],
    ['a ZIP that is not a Word document', zipOf([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'), store: true }]), 'zip'],
  ])('refuses %s with the unsupported code and says what it found', async (_label, bytes, detected) => {
    await expect(parseDocumentFile(bytes, 'notice.docx')).rejects.toMatchObject({
      code: DOCUMENT_ERROR_CODES.unsupported,
      details: { detected },
    });
  });

  it('refuses a truncated DOCX as unreadable', async () => {
    const buffer = await guifanDocx();
    await expect(parseDocumentFile(buffer.subarray(0, buffer.length / 2), 'notice.docx')).rejects.toMatchObject({
      code: DOCUMENT_ERROR_CODES.unreadable,
      status: 422,
    });
  });

  it('refuses a DOCX whose parts are not valid XML as unreadable', async () => {
    const broken = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types'), store: true },
      { name: 'word/document.xml', data: Buffer.from('<w:document') },
    ]);
    await expect(parseDocumentFile(broken, 'notice.docx')).rejects.toMatchObject({ code: DOCUMENT_ERROR_CODES.unreadable });
  });

  it('refuses a small DOCX that would inflate beyond the XML limit before mammoth unpacks it', async () => {
    const bomb = zipOf([{ name: 'word/document.xml', data: Buffer.alloc(65 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(MAX_DOCUMENT_BYTES);
    await expect(parseDocumentFile(bomb, 'bomb.docx')).rejects.toMatchObject({ code: DOCUMENT_ERROR_CODES.tooLarge, status: 413 });
  });
});

describe('reading text files', () => {
  it('decodes GB18030 text (Windows Chinese default) and gives the same fields', async () => {
    const parsed = await parseDocumentFile(path.join(FIXTURES, 'shili-guifan-2026-1.gb18030.txt'));
    expect(parsed.source.encoding).toBe('gb18030');
    expect(documentSummary(parsed)).toEqual(GUIFAN_SUMMARY);
  });

  it.each([
    ['UTF-8', Buffer.from(GUIFAN), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from('efbbbf', 'hex'), Buffer.from(GUIFAN)]), 'utf-8'],
    ['UTF-16LE with BOM', Buffer.from(`\ufeff${GUIFAN}`, 'utf16le'), 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.from(`\ufeff${GUIFAN}`, 'utf16le').swap16(), 'utf-16be'],
  ])('decodes %s', async (_label, bytes, encoding) => {
    const parsed = await parseDocumentFile(bytes, 'notice.txt');
    expect(parsed.source.encoding).toBe(encoding);
    expect(documentSummary(parsed)).toEqual(GUIFAN_SUMMARY);
  });

  it('does not take binary data for text, even where GB18030 would decode it', () => {
    expect(decodeText(Buffer.from([0x81, 0x40, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x81, 0x41]))).toBeNull();
    expect(decodeText(randomBytes(1024))).toBeNull();
    expect(decodeText(Buffer.from('关于示例事项的通知'))).toEqual({ text: '关于示例事项的通知', encoding: 'utf-8' });
  });
});

describe('file limits', () => {
  it('refuses an empty file', async () => {
    await expect(parseDocumentFile(Buffer.alloc(0), 'empty.txt')).rejects.toMatchObject({ code: DOCUMENT_ERROR_CODES.empty, status: 400 });
  });

  it('refuses bytes over the size limit', async () => {
    await expect(parseDocumentFile(Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20), 'big.txt')).rejects.toMatchObject({
      code: DOCUMENT_ERROR_CODES.tooLarge,
      status: 413,
      details: { limit: MAX_DOCUMENT_BYTES },
    });
  });

  it('refuses an oversized file by its size, before reading it', async () => {
    const file = path.join(tmp, 'huge.txt');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_DOCUMENT_BYTES + 1);
    await expect(parseDocumentFile(file)).rejects.toMatchObject({ code: DOCUMENT_ERROR_CODES.tooLarge, details: { filename: 'huge.txt' } });
  });

  it('refuses a path that does not exist or is a directory with the not-found code', async () => {
    await expect(parseDocumentFile(path.join(tmp, 'missing.docx'))).rejects.toMatchObject({
      code: DOCUMENT_ERROR_CODES.notFound,
      status: 404,
    });
    await expect(parseDocumentFile(tmp)).rejects.toMatchObject({ code: DOCUMENT_ERROR_CODES.notFound });
  });
});

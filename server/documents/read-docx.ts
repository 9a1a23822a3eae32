/**
 * Turns an uploaded or local 公文 file into text and parses it. The format is decided by the
 * bytes, never by the file name: offices send .docx files that are really .doc, .txt files
 * in GBK, and PDFs renamed to anything. Refusals carry stable codes so the CLI, the HTTP
 * route and the admin can explain them.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { AppError } from '../platform/errors.ts';
import { checkZipExpansion, readZipDirectory } from '../platform/zip-expansion.ts';
import { parseOfficialDocument, type OfficialDocument, type ParseOptions } from './rules/parse-official-document.ts';

/** Largest file accepted (a 公文 with embedded images stays well below this). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Largest total size of the XML parts inside a DOCX, checked before mammoth inflates them. */
export const MAX_DOCX_XML_BYTES = 64 * 1024 * 1024;

export const DOCUMENT_ERROR_CODES = {
  notFound: 'GK_ERR_DOCUMENT_NOT_FOUND',
  empty: 'GK_ERR_DOCUMENT_EMPTY',
  tooLarge: 'GK_ERR_DOCUMENT_TOO_LARGE',
  unsupported: 'GK_ERR_DOCUMENT_UNSUPPORTED',
  unreadable: 'GK_ERR_DOCUMENT_UNREADABLE',
} as const;

export type DocumentFormat = 'text' | 'docx';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DocumentSource {
  filename: string | null;
  bytes: number;
  format: DocumentFormat;
  /** The text encoding found, for text files; null for DOCX. */
  encoding: TextEncoding | null;
  /** Things the editor may want to know (e.g. the extension did not match the content). */
  warnings: string[];
}

export interface ParsedDocumentFile extends OfficialDocument {
  source: DocumentSource;
}

const refuse = (code: string, status: number, message: string, details: Record<string, unknown>) =>
  new AppError(code, status, message).withDetails(details);

// ---------------------------------------------------------------------------------------
// Sniffing

type Sniffed = 'docx' | 'zip' | 'brokenZip' | 'pdf' | 'ole' | 'rtf' | 'image' | 'other';

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const zip = readZipDirectory(bytes);
    // A truncated upload still starts like a ZIP but has no directory at its end.
    if (!zip) return 'brokenZip';
    return zip.some((e) => e.name === 'word/document.xml') ? 'docx' : 'zip';
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole'; // .doc, .wps, .xls
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38]))
    return 'image';
  return 'other';
}

const UNSUPPORTED_HINT: Record<Exclude<Sniffed, 'docx' | 'brokenZip' | 'other'>, string> = {
  zip: '该文件是压缩包而不是 Word（DOCX）文档',
  pdf: '暂不支持 PDF，请复制其中的文字另存为文本文件，或转换为 DOCX 后再导入',
  ole: '不支持旧版 Word（.doc）或 WPS 格式，请另存为 DOCX 后再导入',
  rtf: '不支持 RTF 格式，请另存为 DOCX 后再导入',
  image: '该文件是图片，无法读取文字',
};

// ---------------------------------------------------------------------------------------
// Text

/**
 * Decodes text files the way offices save them: UTF-8 (with or without BOM), UTF-16 with
 * BOM (Notepad's "Unicode"), or GB18030/GBK (Windows' Chinese default). Returns null for
 * bytes that are not text in any of these.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } | null {
  const attempt = (encoding: TextEncoding, body: Uint8Array): { text: string; encoding: TextEncoding } | null => {
    try {
      return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body), encoding };
    } catch {
      return null;
    }
  };
  let decoded: { text: string; encoding: TextEncoding } | null;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) decoded = attempt('utf-8', bytes.subarray(3));
  else if (startsWith(bytes, [0xff, 0xfe])) decoded = attempt('utf-16le', bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) decoded = attempt('utf-16be', bytes.subarray(2));
  else {
    // NUL never occurs in UTF-8 or GB18030 text; it is the cheapest sign of binary data.
    if (bytes.includes(0)) return null;
    decoded = attempt('utf-8', bytes) ?? attempt('gb18030', bytes);
  }
  return decoded && looksLikeText(decoded.text) ? decoded : null;
}

/**
 * GB18030 accepts almost any byte sequence, so a successful decode proves little: binary
 * data shows itself by control characters and private-use code points instead.
 */
function looksLikeText(text: string): boolean {
  if (text.length === 0) return true;
  let suspicious = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd)
      suspicious++;
  }
  return suspicious <= text.length * 0.005;
}

// ---------------------------------------------------------------------------------------
// DOCX

/**
 * mammoth (through JSZip) inflates whole parts in memory and trusts the sizes the archive
 * declares, so a small crafted DOCX could expand to gigabytes. Inflate the XML parts here
 * first with a hard output cap; the declared sizes are not trusted.
 */
function checkDocxExpansion(bytes: Uint8Array, filename: string | null): void {
  const verdict = checkZipExpansion(bytes, MAX_DOCX_XML_BYTES);
  if (verdict.ok) return;
  const part = verdict.part ? { part: verdict.part } : {};
  if (verdict.reason === 'tooLarge')
    throw refuse(DOCUMENT_ERROR_CODES.tooLarge, 413, 'DOCX 文件解压后过大，无法读取', { filename, limit: MAX_DOCX_XML_BYTES });
  if (verdict.reason === 'unsupported')
    throw refuse(DOCUMENT_ERROR_CODES.unreadable, 422, 'DOCX 文件使用了不支持的压缩方式', { filename, ...part });
  throw refuse(DOCUMENT_ERROR_CODES.unreadable, 422, 'DOCX 文件已损坏，无法读取', { filename, ...part });
}

/** The raw text of a DOCX (paragraphs separated by blank lines), via mammoth. */
export async function docxToText(buffer: Buffer | Uint8Array, filename: string | null = null): Promise<string> {
  const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  checkDocxExpansion(bytes, filename);
  try {
    const result = await mammoth.extractRawText({ buffer: bytes });
    return result.value;
  } catch {
    throw refuse(DOCUMENT_ERROR_CODES.unreadable, 422, 'DOCX 文件已损坏，无法读取', { filename });
  }
}

// ---------------------------------------------------------------------------------------
// Files

async function readLimited(file: string): Promise<Buffer> {
  let size: number;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw refuse(DOCUMENT_ERROR_CODES.notFound, 404, `找不到文件：${file}`, { filename: path.basename(file) });
  }
  // Checked before reading so an oversized file is never loaded into memory.
  if (size > MAX_DOCUMENT_BYTES) throw tooLarge(path.basename(file), size);
  return fs.readFile(file);
}

function tooLarge(filename: string | null, bytes: number): AppError {
  return refuse(DOCUMENT_ERROR_CODES.tooLarge, 413, `文件过大（上限 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB）`, {
    filename,
    bytes,
    limit: MAX_DOCUMENT_BYTES,
  });
}

/**
 * Reads a 公文 from a path or from bytes (an upload) and parses it. Text (UTF-8, UTF-16 with
 * BOM, GB18030) and DOCX are accepted, recognised by content; `filename` only labels the
 * result and errors. Throws AppError with a DOCUMENT_ERROR_CODES code otherwise.
 */
export async function parseDocumentFile(
  input: string | Uint8Array,
  filename?: string | null,
  options: ParseOptions = {},
): Promise<ParsedDocumentFile> {
  const name = filename ?? (typeof input === 'string' ? path.basename(input) : null);
  const bytes = typeof input === 'string' ? await readLimited(input) : input;
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooLarge(name, bytes.length);
  if (bytes.length === 0) throw refuse(DOCUMENT_ERROR_CODES.empty, 400, '文件为空', { filename: name });

  const ext = name ? path.extname(name).toLowerCase() : '';
  const warnings: string[] = [];
  const kind = sniff(bytes);
  let text: string;
  let format: DocumentFormat;
  let encoding: TextEncoding | null = null;
  if (kind === 'docx') {
    format = 'docx';
    text = await docxToText(bytes, name);
    if (ext && ext !== '.docx') warnings.push(`文件扩展名为 ${ext}，内容实际为 DOCX 文档`);
  } else if (kind === 'other') {
    const decoded = decodeText(bytes);
    if (!decoded)
      throw refuse(DOCUMENT_ERROR_CODES.unsupported, 415, '无法识别的文件格式，请上传 DOCX 文档或文本文件', {
        filename: name,
        detected: 'binary',
      });
    format = 'text';
    text = decoded.text;
    encoding = decoded.encoding;
    if (ext === '.docx' || ext === '.doc') warnings.push(`文件扩展名为 ${ext}，内容实际为纯文本`);
  } else if (kind === 'brokenZip') {
    throw refuse(DOCUMENT_ERROR_CODES.unreadable, 422, '文件已损坏（可能未完整上传），无法读取', { filename: name, detected: 'zip' });
  } else {
    throw refuse(DOCUMENT_ERROR_CODES.unsupported, 415, UNSUPPORTED_HINT[kind], { filename: name, detected: kind });
  }

  const parsed = parseOfficialDocument(text, options);
  return { ...parsed, source: { filename: name, bytes: bytes.length, format, encoding, warnings } };
}

/**
 * How far a ZIP container (DOCX, XLSX) would expand, checked before a library opens it: JSZip,
 * under mammoth and exceljs, inflates whole parts in memory and trusts the sizes the archive
 * declares, so a small crafted file could expand to gigabytes. The parts that matter are
 * inflated here with a hard output cap; the declared sizes are not trusted. ZIP64 is not needed
 * for the ≤ 10 MB files the platform takes.
 */
import { inflateRawSync } from 'node:zlib';

const MAX_ZIP_ENTRIES = 5_000;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The ZIP central directory, or null when it is missing or malformed. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minEocd = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= minEocd; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count > MAX_ZIP_ENTRIES || dirOffset >= bytes.length) return null;
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > bytes.length) return null;
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export type ZipVerdict = { ok: true } | { ok: false; reason: 'corrupt' | 'tooLarge' | 'unsupported'; part?: string };

/** Inflates the parts whose names match `parts` (XML and relationships by default) against a budget of `maxBytes` in all. */
export function checkZipExpansion(bytes: Uint8Array, maxBytes: number, parts = /\.(?:xml|rels)$/iu): ZipVerdict {
  const entries = readZipDirectory(bytes);
  if (!entries) return { ok: false, reason: 'corrupt' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let budget = maxBytes;
  for (const e of entries) {
    if (!parts.test(e.name)) continue;
    const p = e.localOffset;
    if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50) return { ok: false, reason: 'corrupt', part: e.name };
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch (err) {
        return { ok: false, reason: err instanceof RangeError ? 'tooLarge' : 'corrupt', part: e.name };
      }
    } else return { ok: false, reason: 'unsupported', part: e.name };
    budget -= size;
    if (budget < 0) return { ok: false, reason: 'tooLarge' };
  }
  return { ok: true };
}

/**
 * A small streaming tar (POSIX ustar with pax headers) writer and reader: regular files,
 * directories and symbolic links, nothing else. Enough for backup archives that `tar xzf` can
 * also open; no dependency (ADR 0017). Paths longer than ustar's fields, non-ASCII paths and
 * sizes of 8 GiB or more go into a pax extended header.
 */
import type { Readable } from 'node:stream';

const BLOCK = 512;
const ZERO_BLOCK = Buffer.alloc(BLOCK);
const MAX_OCTAL_SIZE = 0o77777777777;

export type TarEntryType = 'file' | 'directory' | 'symlink';

export interface TarHeader {
  path: string;
  type: TarEntryType;
  size: number;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  linkTarget?: string;
}

const TYPE_FLAG: Record<TarEntryType, string> = { file: '0', directory: '5', symlink: '2' };

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function writeString(block: Buffer, offset: number, width: number, value: string): void {
  block.write(value, offset, width, 'utf8');
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum;
}

function rawHeader(h: { name: string; type: string; size: number; mode: number; mtime: number; linkname: string }): Buffer {
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, h.name);
  writeString(block, 100, 8, octal(h.mode & 0o7777, 8));
  writeString(block, 108, 8, octal(0, 8));
  writeString(block, 116, 8, octal(0, 8));
  writeString(block, 124, 12, octal(h.size, 12));
  writeString(block, 136, 12, octal(Math.max(0, Math.floor(h.mtime)), 12));
  writeString(block, 156, 1, h.type);
  writeString(block, 157, 100, h.linkname);
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 148, 8, `${checksum(block).toString(8).padStart(6, '0')}\0 `);
  return block;
}

const fitsUstar = (s: string, width: number) => /^[\x20-\x7e]*$/.test(s) && Buffer.byteLength(s) < width;

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  // The record's length prefix counts its own digits.
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len++;
  return `${len}${body}`;
}

/** The header block(s) of one entry: a pax header first when ustar cannot hold the path, link or size. */
export function tarHeader(h: TarHeader): Buffer {
  const pax: string[] = [];
  if (!fitsUstar(h.path, 100)) pax.push(paxRecord('path', h.path));
  if (h.linkTarget !== undefined && !fitsUstar(h.linkTarget, 100)) pax.push(paxRecord('linkpath', h.linkTarget));
  if (h.size > MAX_OCTAL_SIZE) pax.push(paxRecord('size', String(h.size)));
  const main = rawHeader({
    name: fitsUstar(h.path, 100) ? h.path : 'pax-long-name',
    type: TYPE_FLAG[h.type],
    size: h.size > MAX_OCTAL_SIZE ? 0 : h.size,
    mode: h.mode,
    mtime: h.mtime,
    linkname: h.linkTarget !== undefined && fitsUstar(h.linkTarget, 100) ? h.linkTarget : '',
  });
  if (pax.length === 0) return main;
  const body = Buffer.from(pax.join(''), 'utf8');
  const paxHeader = rawHeader({ name: 'PaxHeader', type: 'x', size: body.length, mode: 0o644, mtime: h.mtime, linkname: '' });
  return Buffer.concat([paxHeader, body, padding(body.length), main]);
}

/** Zero bytes that fill an entry's data up to the next block. */
export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return rest === 0 ? Buffer.alloc(0) : Buffer.alloc(BLOCK - rest);
}

/** The two zero blocks that end an archive. */
export function tarEnd(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

export class TarFormatError extends Error {}

function readString(block: Buffer, offset: number, width: number): string {
  const raw = block.subarray(offset, offset + width);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul === -1 ? width : nul).toString('utf8');
}

function readOctal(block: Buffer, offset: number, width: number): number {
  const s = readString(block, offset, width).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarFormatError(`bad octal field: ${JSON.stringify(s)}`);
  return Number.parseInt(s, 8);
}

function parsePax(body: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space === -1) throw new TarFormatError('bad pax record');
    const len = Number(body.subarray(at, space).toString('ascii'));
    if (!Number.isInteger(len) || len <= 0 || at + len > body.length) throw new TarFormatError('bad pax record length');
    const record = body.subarray(space + 1, at + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq === -1) throw new TarFormatError('bad pax record');
    out.set(record.slice(0, eq), record.slice(eq + 1));
    at += len;
  }
  return out;
}

/** Receives an entry's data; `write` is awaited, so a slow disk holds the reader back. */
export interface TarEntrySink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

/**
 * Reads a tar stream entry by entry. `onEntry` is called for each entry and returns a sink for
 * its data (or null to skip it). Throws TarFormatError on a damaged or truncated archive.
 */
export async function readTar(input: Readable, onEntry: (h: TarHeader) => Promise<TarEntrySink | null>): Promise<number> {
  let buffered: Buffer[] = [];
  let bufferedBytes = 0;
  let entries = 0;
  let ended = false;
  let zeroBlocks = 0;
  // The entry whose data is being read.
  let current: { sink: TarEntrySink | null; left: number; pad: number } | null = null;
  let pax: Map<string, string> | null = null;
  let paxBody: { chunks: Buffer[]; left: number; pad: number } | null = null;

  const take = (n: number): Buffer => {
    const all = buffered.length === 1 ? (buffered[0] as Buffer) : Buffer.concat(buffered);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    buffered = rest.length ? [rest] : [];
    bufferedBytes = rest.length;
    return head;
  };

  for await (const chunk of input as AsyncIterable<Buffer>) {
    if (ended) continue;
    buffered.push(chunk);
    bufferedBytes += chunk.length;
    for (;;) {
      if (current) {
        if (current.left > 0) {
          if (bufferedBytes === 0) break;
          const piece = take(Math.min(current.left, bufferedBytes));
          current.left -= piece.length;
          if (current.sink) await current.sink.write(piece);
          continue;
        }
        if (current.pad > 0) {
          if (bufferedBytes < current.pad) break;
          take(current.pad);
          current.pad = 0;
        }
        if (current.sink) await current.sink.end();
        current = null;
        continue;
      }
      if (paxBody) {
        const need = paxBody.left + paxBody.pad;
        if (bufferedBytes < need) break;
        const body = take(need).subarray(0, paxBody.left);
        pax = parsePax(body);
        paxBody = null;
        continue;
      }
      if (bufferedBytes < BLOCK) break;
      const block = take(BLOCK);
      if (block.equals(ZERO_BLOCK)) {
        if (++zeroBlocks === 2) {
          ended = true;
          break;
        }
        continue;
      }
      zeroBlocks = 0;
      const stored = readOctal(block, 148, 8);
      if (stored !== checksum(block)) throw new TarFormatError('header checksum mismatch');
      const typeFlag = String.fromCharCode(block[156] as number);
      let size = readOctal(block, 124, 12);
      if (typeFlag === 'x') {
        paxBody = { chunks: [], left: size, pad: padding(size).length };
        continue;
      }
      const prefix = readString(block, 345, 155);
      let name = readString(block, 0, 100);
      if (prefix) name = `${prefix}/${name}`;
      let linkTarget: string | undefined = readString(block, 157, 100);
      if (pax) {
        name = pax.get('path') ?? name;
        linkTarget = pax.get('linkpath') ?? linkTarget;
        const paxSize = pax.get('size');
        if (paxSize !== undefined) size = Number(paxSize);
        pax = null;
      }
      const type: TarEntryType | undefined =
        typeFlag === '0' || typeFlag === '\0' ? 'file' : typeFlag === '5' ? 'directory' : typeFlag === '2' ? 'symlink' : undefined;
      if (!type) throw new TarFormatError(`unsupported entry type ${JSON.stringify(typeFlag)} for ${name}`);
      const header: TarHeader = {
        path: name,
        type,
        size: type === 'file' ? size : 0,
        mode: readOctal(block, 100, 8),
        mtime: readOctal(block, 136, 12),
        ...(type === 'symlink' ? { linkTarget } : {}),
      };
      entries++;
      const sink = await onEntry(header);
      current = { sink, left: header.size, pad: padding(header.size).length };
    }
  }
  if (!ended || current || paxBody) throw new TarFormatError('archive is truncated');
  return entries;
}

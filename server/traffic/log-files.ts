/**
 * Reading access-log files for the ingestion: which files there are, a file's identity, and
 * the complete lines from a byte offset on (a last line still being written is left for later).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The `*.log` files of the folder, by name; none when it does not exist. */
export async function listLogFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((n) => n.endsWith('.log'))
    .sort()
    .map((n) => path.join(dir, n));
}

export interface FileIdentity {
  dev: string;
  ino: string;
  size: number;
}

/** Device, inode and size of an open file (as text: inode numbers may exceed 2^53). */
export async function identityOf(fh: fs.promises.FileHandle): Promise<FileIdentity> {
  const st = await fh.stat({ bigint: true });
  return { dev: String(st.dev), ino: String(st.ino), size: Number(st.size) };
}

/** Opens a file for reading; null when it does not exist. */
export async function openIfExists(file: string): Promise<fs.promises.FileHandle | null> {
  try {
    return await fs.promises.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Longest first line the identity check hashes. */
const HEAD_BYTES = 4096;

/** SHA-256 (hex) of a file's first line as text, the first 4 KB of it at most. */
export function hashHead(firstLine: string): string {
  return createHash('sha256').update(firstLine.slice(0, HEAD_BYTES), 'latin1').digest('hex');
}

/** The hash of the file's first complete line, or null while it has none. */
export async function headHashOf(fh: fs.promises.FileHandle): Promise<string | null> {
  const buf = Buffer.alloc(HEAD_BYTES);
  const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
  const nl = buf.subarray(0, bytesRead).indexOf(10);
  if (nl < 0) return bytesRead === HEAD_BYTES ? hashHead(buf.toString('latin1')) : null;
  return hashHead(buf.subarray(0, nl).toString('latin1'));
}

export interface LineChunk {
  /** Complete lines, without their newlines. */
  lines: string[];
  /** Bytes the lines took, newlines included: the next read starts this far after `start`. */
  consumed: number;
}

/**
 * The complete lines between `start` and `end`, `maxBytes` at most. A line longer than
 * `maxBytes` is returned cut (it will not parse: the ingestion counts it as bad) so that one
 * broken line cannot stop a file forever.
 */
export async function readLines(fh: fs.promises.FileHandle, start: number, end: number, maxBytes: number): Promise<LineChunk> {
  const want = Math.min(maxBytes, end - start);
  if (want <= 0) return { lines: [], consumed: 0 };
  const buf = Buffer.alloc(want);
  let got = 0;
  while (got < want) {
    const { bytesRead } = await fh.read(buf, got, want - got, start + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  const data = buf.subarray(0, got);
  const last = data.lastIndexOf(10);
  if (last < 0) return got === maxBytes ? { lines: [data.toString('latin1')], consumed: got } : { lines: [], consumed: 0 };
  const lines = data.subarray(0, last).toString('latin1').split('\n');
  return { lines, consumed: last + 1 };
}

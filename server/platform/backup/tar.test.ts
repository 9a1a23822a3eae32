import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { padding, readTar, tarEnd, tarHeader, TarFormatError, type TarHeader } from './tar.ts';

const LONG = `data/public/.builds/${'深'.repeat(40)}/${'a'.repeat(120)}/页面.html`;

function archive(entries: { h: TarHeader; body?: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) parts.push(tarHeader(e.h), e.body ?? Buffer.alloc(0), padding(e.body?.length ?? 0));
  parts.push(tarEnd());
  return Buffer.concat(parts);
}

async function readAll(bytes: Buffer, chunk = 777): Promise<{ h: TarHeader; body: Buffer }[]> {
  const out: { h: TarHeader; body: Buffer }[] = [];
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  await readTar(Readable.from(pieces), async (h) => {
    const chunks: Buffer[] = [];
    return {
      write: async (c) => void chunks.push(c),
      end: async () => void out.push({ h, body: Buffer.concat(chunks) }),
    };
  });
  return out;
}

const entries = [
  {
    h: { path: 'database/gongkai.sqlite', type: 'file' as const, size: 1500, mode: 0o600, mtime: 1_764_000_000 },
    body: Buffer.alloc(1500, 7),
  },
  { h: { path: LONG, type: 'file' as const, size: 12, mode: 0o644, mtime: 1_764_000_000 }, body: Buffer.from('公开平台', 'utf8') },
  { h: { path: 'data/empty', type: 'file' as const, size: 0, mode: 0o644, mtime: 1_764_000_000 }, body: Buffer.alloc(0) },
  {
    h: {
      path: 'data/public/9901000001',
      type: 'symlink' as const,
      size: 0,
      mode: 0o777,
      mtime: 1_764_000_000,
      linkTarget: `.builds/${'b'.repeat(110)}`,
    },
  },
];

describe('the backup tar format', () => {
  it('reads back what it writes, with long and non-ASCII paths, empty files and long link targets', async () => {
    const got = await readAll(archive(entries));
    expect(got.map((g) => [g.h.path, g.h.type, g.body.toString('hex'), g.h.linkTarget ?? null])).toEqual(
      entries.map((e) => [e.h.path, e.h.type, (e.body ?? Buffer.alloc(0)).toString('hex'), e.h.linkTarget ?? null]),
    );
  });

  it('writes archives the system tar unpacks to the same files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-tar-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.tar'), archive(entries));
      const r = spawnSync('tar', ['-xf', 'a.tar'], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(fs.readFileSync(path.join(dir, LONG), 'utf8')).toBe('公开平台');
      expect(fs.readFileSync(path.join(dir, 'database/gongkai.sqlite'))).toEqual(Buffer.alloc(1500, 7));
      expect(fs.readlinkSync(path.join(dir, 'data/public/9901000001'))).toBe(`.builds/${'b'.repeat(110)}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a truncated archive and a header with a wrong checksum', async () => {
    const whole = archive(entries);
    await expect(readAll(whole.subarray(0, whole.length - 1024 - 512))).rejects.toThrow(TarFormatError);
    const bad = Buffer.from(whole);
    bad[10] = (bad[10] as number) ^ 0x20;
    await expect(readAll(bad)).rejects.toThrow('checksum');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCache } from './file-cache.ts';

const CODE = '1100000001';
let dir: string;

function write(rel: string, content: string | Buffer): void {
  const abs = path.join(dir, 'public', CODE, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(`${abs}.tmp`, content);
  fs.renameSync(`${abs}.tmp`, abs);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-cache-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the file cache', () => {
  it('stays within its byte budget, dropping the least recently validated files', () => {
    const cache = new FileCache({ publicDir: path.join(dir, 'public'), maxBytes: 40_000, extraHeaders: [] });
    for (let i = 0; i < 20; i++) write(`/p${i}.html`, 'x'.repeat(4000));
    for (let i = 0; i < 20; i++) expect(cache.lookup(CODE, `/p${i}.html`).kind).toBe('file');
    expect(cache.size).toBeLessThanOrEqual(40_000);
    expect(cache.size).toBeGreaterThan(20_000);
  });

  it('keeps files larger than an eighth of the budget out of memory (they are streamed)', () => {
    const cache = new FileCache({ publicDir: path.join(dir, 'public'), maxBytes: 40_000, extraHeaders: [] });
    write('/files/big.pdf', Buffer.alloc(10_000));
    const e = cache.lookup(CODE, '/files/big.pdf');
    expect(e.kind === 'file' && e.plain.body).toBeNull();
    expect(cache.size).toBeLessThan(2000);
  });

  it('sees a replaced or deleted file after its time to live, and at once after invalidation', () => {
    const cache = new FileCache({ publicDir: path.join(dir, 'public'), maxBytes: 1_000_000, ttlMs: 50, extraHeaders: [] });
    write('/a.html', 'one');
    const body = () => {
      const e = cache.lookup(CODE, '/a.html');
      return e.kind === 'file' ? e.plain.body?.toString() : e.kind;
    };
    expect(body()).toBe('one');
    write('/a.html', 'two');
    cache.invalidate(CODE);
    expect(body()).toBe('two');
    write('/a.html', 'six');
    const until = Date.now() + 60;
    while (Date.now() < until) {
      /* wait past the ttl */
    }
    expect(body()).toBe('six');
    fs.rmSync(path.join(dir, 'public', CODE, 'a.html'));
    cache.invalidate();
    expect(body()).toBe('missing');
  });

  it('knows folders, and forgets sites that do not exist', () => {
    const cache = new FileCache({ publicDir: path.join(dir, 'public'), maxBytes: 1_000_000, extraHeaders: [] });
    write('/xwdt/index.html', 'list');
    expect(cache.lookup(CODE, '/xwdt')).toEqual({ kind: 'dir', hasIndex: true });
    expect(cache.siteExists(CODE)).toBe(true);
    expect(cache.siteExists('1100000009')).toBe(false);
    expect(cache.lookup('1100000009', '/index.html').kind).toBe('missing');
  });
});

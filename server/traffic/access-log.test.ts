import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAccessLog, type AccessLogWriter } from './access-log.ts';

let dir: string;
let file: string;
let log: AccessLogWriter | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-access-log-'));
  file = path.join(dir, 'logs', 'access', 'app.log');
});
afterEach(async () => {
  await log?.close();
  log = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = () => fs.readFileSync(file, 'utf8');

describe('the embedded server’s access log', () => {
  it('keeps lines in memory until a flush, then appends them in one write, making its folder', async () => {
    log = openAccessLog(file, { flushMs: 60_000 });
    log.append('one\n');
    log.append('two\n');
    expect(fs.existsSync(file)).toBe(false);
    await log.flush();
    expect(read()).toBe('one\ntwo\n');
    log.append('three\n');
    await log.flush();
    expect(read()).toBe('one\ntwo\nthree\n');
  });

  it('writes at once when enough is queued, and on close; lines after close are dropped', async () => {
    log = openAccessLog(file, { flushMs: 60_000, flushChars: 10 });
    log.append('0123456789\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(read()).toBe('0123456789\n');
    log.append('last\n');
    await log.close();
    expect(read()).toBe('0123456789\nlast\n');
    log.append('late\n');
    await log.flush();
    expect(read()).toBe('0123456789\nlast\n');
  });

  it('appends to what is there and reopens its path after the file was rotated away', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'before\n');
    log = openAccessLog(file, { flushMs: 60_000, reopenCheckMs: 0 });
    log.append('a\n');
    await log.flush();
    fs.renameSync(file, `${file}.1`);
    log.append('b\n');
    await log.flush();
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toBe('before\na\n');
    expect(read()).toBe('b\n');
  });

  it('drops lines beyond its queue limit instead of growing without end', async () => {
    log = openAccessLog(file, { flushMs: 60_000, maxQueuedChars: 8, flushChars: 1000 });
    log.append('1234\n');
    log.append('5678\n');
    expect(log.dropped).toBe(1);
    await log.flush();
    expect(read()).toBe('1234\n');
  });
});

/**
 * Where the access logs are, and the embedded server's writer. Both servers write into
 * `<dataDir>/logs/access/` (nginx `nginx.log`, the embedded server `app.log`); the ingestion
 * reads every `*.log` file there.
 *
 * The writer never touches the disk on the request's path: lines are collected in memory and
 * appended in one write per second (or at once past 64 KB), so a request costs one string.
 * When the file is renamed or removed (logrotate), the next check reopens it at its path.
 */
import fs from 'node:fs';
import path from 'node:path';

/** `<dataDir>/logs/access`: the folder the ingestion reads. */
export function accessLogDir(dataDir: string): string {
  return path.join(dataDir, 'logs', 'access');
}

/** The embedded server's log file. */
export function appAccessLogFile(dataDir: string): string {
  return path.join(accessLogDir(dataDir), 'app.log');
}

/** nginx's log file by default (`gongkai nginx-config`). */
export function nginxAccessLogFile(dataDir: string): string {
  return path.join(accessLogDir(dataDir), 'nginx.log');
}

export interface AccessLogWriter {
  /** Queues one line (with its newline); never blocks, never throws. */
  append(line: string): void;
  /** Writes what is queued now. */
  flush(): Promise<void>;
  /** Writes what is queued and closes the file; later lines are dropped. */
  close(): Promise<void>;
  /** Lines dropped since the start (the disk refused them, or the queue was full). */
  readonly dropped: number;
}

export interface AccessLogOptions {
  /** How often queued lines are written (default 1 s). */
  flushMs?: number;
  /** Characters queued before a write is started at once (default 64 Ki). */
  flushChars?: number;
  /** Characters kept at most while the disk does not take them; beyond, lines are dropped (default 16 Mi). */
  maxQueuedChars?: number;
  /** How often the file's path is checked for rotation (default 10 s). */
  reopenCheckMs?: number;
  /** Told once per failure streak (the server logs it). */
  onError?: (err: unknown) => void;
}

/** An append-only writer of `file` (its folder is made when missing); opened at the first write. */
export function openAccessLog(file: string, opts: AccessLogOptions = {}): AccessLogWriter {
  const flushChars = opts.flushChars ?? 64 * 1024;
  const maxQueued = opts.maxQueuedChars ?? 16 * 1024 * 1024;
  const reopenCheckMs = opts.reopenCheckMs ?? 10_000;
  let queue: string[] = [];
  let queued = 0;
  let dropped = 0;
  let closed = false;
  let failing = false;
  let handle: fs.promises.FileHandle | null = null;
  let handleIno = 0;
  let lastCheck = 0;
  /** Writes happen one after another on this chain. */
  let chain: Promise<void> = Promise.resolve();
  let flushQueued = false;

  const timer = setInterval(() => void flush(), opts.flushMs ?? 1000);
  timer.unref();

  async function open(): Promise<fs.promises.FileHandle> {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const h = await fs.promises.open(file, 'a', 0o640);
    handleIno = (await h.stat()).ino;
    lastCheck = Date.now();
    return h;
  }

  /** The open file, reopened when its path now names another file (rotated) or none. */
  async function current(): Promise<fs.promises.FileHandle> {
    if (handle && Date.now() - lastCheck >= reopenCheckMs) {
      lastCheck = Date.now();
      const st = await fs.promises.stat(file).catch(() => null);
      if (!st || st.ino !== handleIno) {
        const old = handle;
        handle = null;
        await old.close().catch(() => undefined);
      }
    }
    handle ??= await open();
    return handle;
  }

  async function writeOut(): Promise<void> {
    flushQueued = false;
    if (queue.length === 0) return;
    const text = queue.join('');
    queue = [];
    queued = 0;
    try {
      const h = await current();
      await h.appendFile(text);
      failing = false;
    } catch (e) {
      dropped += text.split('\n').length - 1;
      if (handle) {
        const old = handle;
        handle = null;
        await old.close().catch(() => undefined);
      }
      if (!failing) opts.onError?.(e);
      failing = true;
    }
  }

  function flush(): Promise<void> {
    if (!flushQueued) {
      flushQueued = true;
      chain = chain.then(writeOut);
    }
    return chain;
  }

  return {
    append(line) {
      if (closed) return;
      if (queued + line.length > maxQueued) {
        dropped++;
        return;
      }
      queue.push(line);
      queued += line.length;
      if (queued >= flushChars) void flush();
    },
    flush,
    async close() {
      if (closed) return chain;
      closed = true;
      clearInterval(timer);
      await flush();
      const h = handle;
      handle = null;
      await h?.close().catch(() => undefined);
    },
    get dropped() {
      return dropped;
    },
  };
}

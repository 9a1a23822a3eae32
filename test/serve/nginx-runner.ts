/**
 * Runs Debian's nginx in the foreground with a generated configuration: pid file, logs and
 * temp folders in a private temporary folder, listening on a loopback port. Used by the nginx
 * integration test and the serving benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGINX_BIN = process.env.GONGKAI_NGINX_BIN ?? '/usr/sbin/nginx';

/** Null when nginx can be run here, otherwise why not. */
export function nginxMissingReason(): string | null {
  try {
    fs.accessSync(NGINX_BIN, fs.constants.X_OK);
    return null;
  } catch {
    return `${NGINX_BIN} not found (apt-get install nginx-light)`;
  }
}

/** A free loopback port (the kernel's choice, released again). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether something accepts connections on the loopback `port`. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

export interface RunningNginx {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx with `httpConf` (the http-context text of `gongkai nginx-config`) included in a
 * minimal main configuration; resolves once the port accepts connections.
 */
export async function startNginx(httpConf: string, opts: { port: number; workers?: number }): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-nginx-'));
  fs.writeFileSync(path.join(dir, 'gongkai.conf'), httpConf);
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  const main = [
    // As root, the workers would switch to nobody and could not read the private temp folders.
    process.getuid?.() === 0 ? 'user root;' : '',
    `worker_processes ${opts.workers ?? 1};`,
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    `  include ${path.join(dir, 'gongkai.conf')};`,
    '}',
  ].join('\n');
  const confFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(confFile, main);
  const child: ChildProcess = spawn(NGINX_BIN, ['-c', confFile, '-g', 'daemon off;', '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  const errorLog = () => {
    try {
      return fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(opts.port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${stderr}${errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: opts.port,
    dir,
    async stop() {
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
        if (!exited) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

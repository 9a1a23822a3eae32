/**
 * Support for tests of the public sites: the real app (composition) listening on a loopback
 * port over a test database and a temporary data folder, a raw HTTP client that sends request
 * targets exactly as given (no URL normalisation, so hostile paths reach the server), and
 * helpers that write published files the way the publisher does (temp file + rename).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '#server/composition.ts';
import { refreshPublicHosts } from '#server/publishing/index.ts';
import { buildSite } from '../factories.ts';
import { createTestDeps, type TestDeps } from '../support.ts';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface RawRequest {
  method?: string;
  host?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Sends one request with the target as given; resolves with status, headers and the whole body. */
export function rawRequest(port: number, target: string, opts: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: target,
        headers: { host: opts.host ?? `127.0.0.1:${port}`, ...opts.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Writes a published file atomically, with `.gz` and `.br` siblings when asked. */
export function publishFile(siteDir: string, sitePath: string, content: string | Buffer, opts: { compress?: boolean } = {}): void {
  const abs = path.join(siteDir, ...sitePath.split('/').filter(Boolean));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  const put = (file: string, bytes: Buffer) => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  };
  put(abs, data);
  if (opts.compress) {
    put(`${abs}.gz`, zlib.gzipSync(data));
    put(`${abs}.br`, zlib.brotliCompressSync(data));
  }
}

export interface PublicTestApp {
  deps: TestDeps;
  app: FastifyInstance;
  port: number;
  dataDir: string;
  /** `<dataDir>/public/<code>` of a site. */
  siteDir(code: string): string;
  /** Registers a hosted, active site with these domains and reloads the host map. */
  addSite(code: string, domains: string[]): Promise<void>;
  get(target: string, opts?: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

/** The composition's HTTP app on 127.0.0.1 (random port) with GONGKAI_DATA_DIR in a temporary folder. */
export async function startPublicApp(opts: { config?: Record<string, string> } = {}): Promise<PublicTestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-serve-'));
  const deps = await createTestDeps({ config: { GONGKAI_DATA_DIR: dataDir, ...opts.config } });
  const app = await createHttpApp(deps, { admin: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const port = address.port;
  return {
    deps,
    app,
    port,
    dataDir,
    siteDir: (code) => path.join(dataDir, 'public', code),
    async addSite(code, domains) {
      await buildSite(deps, { code, domains, status: 'active' });
      await refreshPublicHosts();
    },
    get: (target, o) => rawRequest(port, target, o),
    async close() {
      await app.close();
      await deps.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

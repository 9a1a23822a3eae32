import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '#common/dates.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { crawlCheck } from '../commands/crawl-check.ts';
import { peerCertificate } from './tls.ts';

/** A self-signed certificate valid for `days` days from now, made by the system's openssl. */
function certificate(days: number): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', String(days), '-subj', '/CN=127.0.0.1'],
    {
      stdio: 'ignore',
    },
  );
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

describe('the certificate check', () => {
  let server: https.Server;
  let port: number;
  let deps: TestDeps;
  beforeAll(async () => {
    server = https.createServer(certificate(10), (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<title>某局</title><ul><li><a href="/">首页</a> 2026-11-27</li></ul>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    deps = await createTestDeps({ now: '2026-11-28T02:00:00Z' });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await deps.db.close();
  });

  it('reads when a certificate expires and whether it is trusted', async () => {
    const info = await peerCertificate('127.0.0.1', port, 2_000);
    expect(info).toMatchObject({ trusted: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const days = (Date.parse(info!.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(9);
    expect(days).toBeLessThan(11);
    expect(await peerCertificate('127.0.0.1', 9, 2_000)).toBeNull();
  });

  it('reports a certificate about to expire as tls_expiring with the day and the days left', async () => {
    const { report } = await crawlCheck(deps, {
      url: `https://127.0.0.1:${port}/`,
      // The certificate was made today, so the check counts from today too.
      asOf: beijingDate(new Date().toISOString()),
      crawl: { intervalMs: 0, timeoutMs: 2_000, retries: 0, checkExternal: false },
    });
    const tls = report.findings.find((f) => f.kind === 'tls_expiring');
    expect(tls).toMatchObject({ severity: 'info', url: `https://127.0.0.1:${port}` });
    expect(tls!.days).toBeGreaterThanOrEqual(8);
    expect(tls!.days).toBeLessThanOrEqual(11);
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type FixtureSite } from '#test/fixture-site.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/gongkai.js');
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/external-site');

interface Planted {
  asOf: string;
  findings: {
    kind: string;
    severity: string;
    path: string;
    parent?: string;
    column?: string;
    element?: string;
    status?: number;
    lastUpdated?: string;
    days?: number;
  }[];
}

// The demo external site: a GBK-encoded legacy county department site with planted problems.
describe('gongkai monitor', { timeout: 120_000 }, () => {
  let site: FixtureSite;
  let dir: string;
  // Asynchronous: the fixture site answers from this process while the command runs.
  const run = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      // The check stores nothing; the database only lends its dictionaries.
      const env = { ...process.env, GONGKAI_DATA_DIR: dir, DATABASE_URL: '' };
      execFile(process.execPath, [BIN, 'monitor', ...args], { env, encoding: 'utf8' }, (err, stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-monitor-'));
    site = await serveDirectory(FIXTURE);
  });
  afterAll(async () => {
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints exactly the planted problems of the demo external site as findings, as of a past day', async () => {
    const planted = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'planted.json'), 'utf8')) as Planted;
    const r = await run(site.url('/'), '--as-of', planted.asOf, '--no-external', '--json');
    // A veto-level finding makes the command fail, so scripts can stop on it.
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { url: string; asOf: string; pages: number; links: number; findings: Record<string, unknown>[] };
    expect(report).toMatchObject({ url: site.url('/'), asOf: '2017-10-15', pages: 19 });
    expect(report.links).toBeGreaterThanOrEqual(22);
    const rel = (u: unknown) => (typeof u === 'string' ? u.slice(site.origin.length) : u);
    const got: Record<string, unknown>[] = report.findings.map((f) => ({
      ...f,
      path: rel(f.url),
      ...(f.parent ? { parent: rel(f.parent) } : {}),
    }));
    for (const p of planted.findings) {
      const match = got.filter((f) => f.kind === p.kind && f.path === p.path && f.element === p.element && f.column === p.column);
      expect(match, JSON.stringify(p)).toHaveLength(1);
      const { path: _p, ...expected } = p;
      void _p;
      expect(match[0]).toMatchObject(expected);
    }
    expect(got).toHaveLength(planted.findings.length);
    // Exactly the contract's fields, each finding with a detail for people.
    for (const f of report.findings) {
      expect(
        Object.keys(f).every((k) =>
          ['kind', 'severity', 'url', 'parent', 'column', 'element', 'status', 'lastUpdated', 'days', 'detail'].includes(k),
        ),
      ).toBe(true);
      expect(typeof f.detail).toBe('string');
    }
  });

  it('prints a readable report, and refuses bad input with a usage error', async () => {
    const text = await run(site.url('/'), '--as-of', '2017-10-15', '--no-external', '--max-pages', '5');
    expect(text.stdout).toContain('读取 5 个页面');
    expect(text.stdout).toContain('首页不更新（homepage_stale）');
    for (const bad of [['ftp://x.cn/', '--as-of', '2017-02-30']]) {
      const r = await run(...bad);
      expect(r.status, bad.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/网址无效|--as-of/);
    }
  });
});

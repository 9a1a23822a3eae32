import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type FixtureSite } from '#test/fixture-site.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/gongkai.js');
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/external-site');
const FINDING_FIELDS = ['kind', 'severity', 'url', 'parent', 'column', 'element', 'status', 'lastUpdated', 'days', 'detail'];

// The demo external site: a GBK-encoded legacy county department site with planted problems.
describe('gongkai evaluate', { timeout: 120_000 }, () => {
  let site: FixtureSite;
  let dir: string;
  // Asynchronous: the fixture site answers from this process while the command runs.
  const run = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const env = { ...process.env, GONGKAI_DATA_DIR: dir, DATABASE_URL: '' };
      execFile(process.execPath, [BIN, 'evaluate', ...args], { env, encoding: 'utf8' }, (err, stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-evaluate-'));
    site = await serveDirectory(FIXTURE);
  });
  afterAll(async () => {
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the demo external site the verdict its planted problems imply, as the JSON contract', async () => {
    const r = await run(site.url('/'), '--as-of', '2017-10-15', '--no-external', '--json');
    // 不合格 makes the command fail, so scripts can stop on it.
    expect(r.status, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & {
      vetoes: { indicator: string; findings: Record<string, unknown>[] }[];
    };
    expect(Object.keys(doc)).toEqual(['url', 'asOf', 'system', 'verdict', 'vetoes', 'deductions', 'score']);
    expect(doc).toMatchObject({
      url: site.url('/'),
      asOf: '2017-10-15',
      system: 'national-2019',
      verdict: 'fail',
      deductions: [],
      score: null,
    });
    expect(doc.vetoes.map((v) => [v.indicator, v.findings.map((f) => f.kind)])).toEqual([
      ['首页不更新', ['homepage_stale']],
      ['互动回应差', ['letter_unanswered']],
    ]);
    for (const v of doc.vetoes) {
      expect(Object.keys(v)).toEqual(['indicator', 'findings']);
      for (const f of v.findings) expect(Object.keys(f).every((k) => FINDING_FIELDS.includes(k))).toBe(true);
    }
  });

  it('prints a readable verdict, and refuses bad input with a usage error', async () => {
    const text = await run(site.url('/'), '--as-of', '2017-10-15', '--no-external', '--system', 'census-2015');
    expect(text.stdout).toContain('结论：不合格（单项否决 2 项，不再评分）');
    expect(text.stdout).toContain('[否决] 网站不更新');
    for (const bad of [['ftp://x.cn/'], [site.url('/'), '--as-of', '2017-02-30'], [site.url('/'), '--system', 'national-2017']]) {
      const r = await run(...bad);
      expect(r.status, bad.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/网址无效|--as-of|没有名为“national-2017”的指标体系/);
    }
  });
});

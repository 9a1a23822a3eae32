import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '#server/composition.ts';
import { loadConfig } from '#server/platform/config.ts';
import { activateSite, buildColumn, buildSite } from '#test/factories.ts';
import { serveLegacySite, type LegacySite } from '#test/fixtures/legacy-site.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/gongkai.js');

// The legacy-site fixture imported from the console into a hosted site of a fresh data folder.
describe('gongkai import-site', { timeout: 180_000 }, () => {
  let site: LegacySite;
  let dir: string;
  const run = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const env = { ...process.env, GONGKAI_DATA_DIR: dir, DATABASE_URL: '', GONGKAI_LOG_LEVEL: 'silent' };
      execFile(process.execPath, [BIN, 'import-site', ...args], { env, encoding: 'utf8' }, (err, stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-import-site-'));
    site = await serveLegacySite({ pages: 60, seed: 5 });
    const deps = await createDeps(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PUBLISH_THREADS: '0' }));
    try {
      await buildSite(deps, { name: '原网站', hosting: 'external', baseUrl: site.url('/') });
      const target = await buildSite(deps, { name: '新网站' });
      await activateSite(deps, target.id, { code: '9901000321', domains: ['n.example-city.gov.cn'] });
      await buildColumn(deps, target.id, { name: '工作动态', slug: 'gzdt', freshnessClass: 'news' });
      await buildColumn(deps, target.id, { name: '公告公示', slug: 'ggqs', freshnessClass: 'notice' });
    } finally {
      await deps.db.close();
    }
  });
  afterAll(async () => {
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses, listing them, while columns with articles have no target', async () => {
    const r = await run(site.url('/'), '--target', '9901000321', '--interval-ms', '0');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('这些原栏目没有对应的目标栏目');
    expect(r.stderr).toContain('政策文件');
    expect(r.stderr).not.toContain('工作动态（');
  });

  it('imports with --map and --skip-unmapped and prints the report summary as JSON', async () => {
    const r = await run(
      site.url('/'),
      '--target',
      '9901000321',
      '--interval-ms',
      '0',
      '--map',
      '政策文件=ggqs,人事信息=-',
      '--skip-unmapped',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      status: string;
      counts: { imported: number };
      byColumn: { name: string; outcomes: Record<string, number> }[];
      failedPages: { reason: string }[];
    };
    expect(doc.status).toBe('done');
    const expected = site.truth.articles.filter((a) => ['工作动态', '通知公告', '政策文件'].includes(a.column)).length;
    expect(doc.counts.imported).toBe(expected);
    expect(doc.failedPages.map((p) => p.reason)).toContain('页面无法访问（HTTP 404）');
  });

  it('refuses a bad URL and an unknown target with exit code 2', async () => {
    expect((await run('ftp://x', '--target', '9901000321')).status).toBe(2);
    const r = await run(site.url('/'), '--target', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('目标网站不存在');
  });
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDictionaryEntry } from '#server/content/index.ts';
import { systemActor } from '#server/platform/actor.ts';
import { page, serveDirectory, serveFixtureSite, type FixtureSite } from '#test/fixture-site.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { crawlCheck } from './commands/crawl-check.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../test/fixtures/external-site');
const fast = { intervalMs: 0, timeoutMs: 2_000, retryBaseMs: 5, checkExternal: false };

describe('a crawl check', () => {
  let deps: TestDeps;
  let legacy: FixtureSite;
  beforeAll(async () => {
    deps = await createTestDeps({ now: '2017-10-15T02:00:00Z' });
    legacy = await serveDirectory(FIXTURE);
  });
  afterAll(async () => {
    await legacy.close();
    await deps.db.close();
  });

  it('counts every window to the as-of day: the GBK demo site was fine in late August 2017, stale by mid-October', async () => {
    const kinds = async (asOf?: string) =>
      (await crawlCheck(deps, { url: legacy.url('/'), ...(asOf ? { asOf } : {}), crawl: fast })).report.findings
        .filter((f) => f.kind === 'homepage_stale' || f.kind === 'column_stale')
        .map((f) => `${f.kind}:${f.column ?? ''}`)
        .sort();
    expect(await kinds('2017-08-25')).toEqual(['column_stale:人事信息']);
    // Without --as-of: today by the platform clock (2017-10-15 here).
    expect(await kinds()).toEqual(['column_stale:人事信息', 'column_stale:工作动态', 'homepage_stale:']);
  });

  it('finds wording errors with the platform dictionaries the pre-publication checks use', async () => {
    const system = systemActor('test');
    await addDictionaryEntry(deps, system, { scope: '*', kind: 'commonError', word: '按装', correct: '安装' });
    await addDictionaryEntry(deps, system, { scope: '*', kind: 'sensitive', word: '某禁用词', level: 'error' });
    const site = await serveFixtureSite({
      '/': page('某县人民政府', '<ul><li><a href="/a.html">通知</a> 2017-10-14</li></ul><p>请尽快按装设备。</p>'),
      '/a.html': page('通知', '<p>发布时间：2017-10-14</p><p>文中出现某禁用词。</p>', { ArticleTitle: '通知' }),
    });
    try {
      const { report } = await crawlCheck(deps, { url: site.url('/'), crawl: fast });
      const wording = report.findings.filter((f) => f.kind === 'wording_error');
      expect(wording.map((f) => [new URL(f.url).pathname, f.severity]).sort()).toEqual([
        ['/', 'deduction'],
        ['/a.html', 'veto'],
      ]);
      expect(wording.find((f) => f.severity === 'deduction')).toMatchObject({
        detail: expect.stringContaining('应为“安装”'),
        snippet: expect.stringContaining('按装'),
      });
    } finally {
      await site.close();
    }
  });

  it('reports a home page that does not answer once, without a veto (the probes decide that)', async () => {
    const { report } = await crawlCheck(deps, { url: 'http://127.0.0.1:9/', crawl: { ...fast, retries: 0 } });
    expect(report).toMatchObject({ pages: 0 });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'site_unreachable', severity: 'info', url: 'http://127.0.0.1:9/' })]);
  });
});

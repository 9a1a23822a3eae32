import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, factoryActor } from '#test/factories.ts';
import { page, serveFixtureSite, type FixtureSite } from '#test/fixture-site.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { listFindings } from './commands/findings.ts';
import { crawlSites } from './commands/crawl-sites.ts';

const fast = { intervalMs: 0, timeoutMs: 2_000, retryBaseMs: 5 };
const FOOTER =
  '<p>主办单位：某局 联系电话：0812-1234567 网站标识码：5104210001 蜀ICP备05001234号 川公网安备 51042102000123号 <a href="/conac">党政机关网站标识</a> <a href="/zc">我为政府网站找错</a></p>';

describe('the nightly crawl of registered sites', () => {
  let deps: TestDeps;
  let site: FixtureSite;
  let broken = true;
  beforeAll(async () => {
    deps = await createTestDeps({ now: '2026-11-20T02:00:00Z' });
    site = await serveFixtureSite({
      '/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          page('某局', `<ul><li><a href="/a.html">动态</a> 2026-11-19</li></ul>${broken ? '<a href="/old.html">旧链接</a>' : ''}${FOOTER}`),
        );
      },
      '/a.html': page('动态', `<p>发布时间：2026-11-19</p>${FOOTER}`, { ArticleTitle: '动态' }),
      '/conac': 'ok',
      '/zc': 'ok',
    });
  });
  afterAll(async () => {
    await site.close();
    await deps.db.close();
  });

  it('records what each crawl finds, and resolves a broken link once it is fixed', async () => {
    const siteId = (await buildSite(deps, { hosting: 'external', baseUrl: site.url('/') })).id;
    await buildSite(deps); // hosted, planned, no address yet: skipped
    const first = await crawlSites(deps, factoryActor, { crawl: fast });
    expect(first).toMatchObject({ sites: 2, crawled: 1, skipped: 1, interrupted: 0 });
    const open = await listFindings(deps, factoryActor, { siteId, state: 'open', kind: 'broken_link' });
    expect(open.items.map((f) => [f.url, f.parent])).toEqual([[site.url('/old.html'), site.url('/')]]);
    // The journal of each site is kept (for resuming and for the link cache).
    expect(fs.existsSync(path.join(deps.config.dataDir, 'crawls', `${siteId}.sqlite`))).toBe(true);

    broken = false;
    await crawlSites(deps, factoryActor, { siteIds: [siteId], crawl: fast });
    expect((await listFindings(deps, factoryActor, { siteId, state: 'open', kind: 'broken_link' })).items).toEqual([]);
    expect((await listFindings(deps, factoryActor, { siteId, state: 'resolved', kind: 'broken_link' })).items).toHaveLength(1);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSite, siteFolder } from '#server/publishing/index.ts';
import { activateSite, buildNewsroom, factoryActor, publishThroughReview } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { listFindings } from './commands/findings.ts';
import { sampleAccessibility } from './commands/accessibility.ts';
import { samplePages } from './rules/accessibility-sample.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) console.warn(`accessibility sample tests skipped: Chromium not found at ${chromium}`);

describe('the accessibility sample', () => {
  it('takes one page of each type a citizen meets', () => {
    const files = [
      '/index.html',
      '/404.html',
      '/sitemap.html',
      '/xwdt/index.html',
      '/xwdt/202611/a.html',
      '/xwdt/202611/b.html',
      '/bsfw/index.html',
      '/bsfw/sx/001.html',
      '/hdjl/index.html',
      '/assets/site.css',
    ];
    expect(samplePages(files).map((p) => p.path)).toEqual([
      '/index.html',
      '/sitemap.html',
      '/bsfw/index.html',
      '/404.html',
      '/xwdt/index.html',
      '/xwdt/202611/a.html',
      '/bsfw/sx/001.html',
    ]);
  });

  describe.skipIf(!fs.existsSync(chromium))('in Chromium', { timeout: 120_000 }, () => {
    let deps: TestDeps;
    let room: Awaited<ReturnType<typeof buildNewsroom>>;
    beforeAll(async () => {
      deps = await createTestDeps({ config: { GONGKAI_CHROMIUM: chromium } });
      room = await buildNewsroom(deps);
      await activateSite(deps, room.site.id, { code: '9901000078', domains: ['a11y.example-city.gov.cn'] });
      await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '无障碍抽查用的动态' });
      await publishSite(deps, room.site.id);
    });
    afterAll(async () => deps.db.close());

    it('finds nothing on the platform’s own pages, and reports a planted violation with its page and element', async () => {
      const clean = await sampleAccessibility(deps, factoryActor, { siteIds: [room.site.id] });
      expect(clean.pages).toBeGreaterThanOrEqual(5);
      expect(clean.findings).toBe(0);

      // Someone edits a published page by hand: an image without alternative text.
      const home = path.join(fs.realpathSync(siteFolder(deps.config.dataDir, '9901000078')), 'index.html');
      fs.writeFileSync(home, fs.readFileSync(home, 'utf8').replace('</main>', '<img src="/assets/x.png"></main>'));
      const dirty = await sampleAccessibility(deps, factoryActor, { siteIds: [room.site.id] });
      expect(dirty.findings).toBe(1);
      const found = await listFindings(deps, factoryActor, { siteId: room.site.id, kind: 'accessibility', state: 'open' });
      expect(found.items).toEqual([
        expect.objectContaining({
          element: 'image-alt',
          severity: 'info',
          url: expect.stringMatching(/\/$/),
          snippet: expect.stringContaining('<img'),
        }),
      ]);
    });

    it('refuses to run without a Chromium, saying where it looked', async () => {
      await expect(sampleAccessibility(deps, factoryActor, { chromiumPath: '/nonexistent/chromium' })).rejects.toThrow(/未找到 Chromium/);
    });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { page, serveFixtureSite, type FixtureSite, type Route } from '../../../test/fixture-site.ts';
import { crawlSite, type CrawledPage, type LinkCheck } from './crawl.ts';
import { crawlInProcess } from './crawl-process.ts';

const open: FixtureSite[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
const fast = { intervalMs: 0, externalIntervalMs: 0, retryBaseMs: 5, timeoutMs: 2_000, concurrency: 4 };

async function site40() {
  const routes: Record<string, Route> = {
    '/': page('首页', Array.from({ length: 40 }, (_, i) => `<a href="/p${i}/">${i}</a>`).join('') + '<a href="/gone/">旧</a>'),
  };
  for (let i = 0; i < 40; i++) {
    routes[`/p${i}/`] = page(`第${i}页`, `<a href="/p${(i + 1) % 40}/">下一页</a><img src="/img${i}.png" alt="图">`);
    routes[`/img${i}.png`] = { body: 'png', type: 'image/png' };
  }
  const s = await serveFixtureSite(routes);
  open.push(s);
  return { site: s, routes };
}

describe('a crawl in its own process', () => {
  it('finds what the crawl in this process finds, and hands every page and link to the handlers here', async () => {
    const { site } = await site40();
    const collect = () => {
      const pages: CrawledPage[] = [];
      const links: LinkCheck[] = [];
      return { pages, links, handlers: { onPage: (p: CrawledPage) => void pages.push(p), onLink: (l: LinkCheck) => void links.push(l) } };
    };
    const here = collect();
    const inline = await crawlSite({ startUrl: site.url('/'), ...fast }, here.handlers);
    const apart = collect();
    let handled = 0;
    const summary = await crawlInProcess(
      { startUrl: site.url('/'), ...fast },
      {
        // A slow handler: the crawl waits for it rather than piling pages up.
        onPage: async (p) => {
          await new Promise((r) => setTimeout(r, 2));
          handled++;
          apart.handlers.onPage(p);
        },
        onLink: apart.handlers.onLink,
      },
    );
    const key = (s: typeof inline) => ({
      pages: s.pages,
      urlsChecked: s.urlsChecked,
      broken: s.broken,
      linkOccurrences: s.linkOccurrences,
    });
    expect(key(summary)).toEqual(key(inline));
    expect(summary.pages).toBe(41);
    expect(handled).toBe(41);
    expect(apart.pages.map((p) => p.finalUrl).sort()).toEqual(here.pages.map((p) => p.finalUrl).sort());
    expect(apart.pages.find((p) => p.url === site.url('/p3/'))?.facts).toEqual(here.pages.find((p) => p.url === site.url('/p3/'))?.facts);
    expect(apart.links.filter((l) => !l.ok).map((l) => new URL(l.url).pathname)).toEqual(['/gone/']);
    expect(apart.links).toHaveLength(summary.urlsChecked);
    expect(summary.peakRssMb).toBeGreaterThan(10);
    expect(summary.crawlMs).toBeGreaterThan(0);
  });

  it('stops when aborted, leaving a journal the next crawl resumes from', async () => {
    const { site, routes } = await site40();
    const journalPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journal-')), 'crawl.sqlite');
    const ctrl = new AbortController();
    let seen = 0;
    const first = await crawlInProcess(
      { startUrl: site.url('/'), ...fast, concurrency: 1, journalPath, signal: ctrl.signal },
      { onPage: () => void (++seen === 10 && ctrl.abort('stopped')) },
    );
    expect(first.aborted).toBe('stopped');
    const second = await crawlInProcess({ startUrl: site.url('/'), ...fast, journalPath });
    expect(second).toMatchObject({ resumed: true, pages: 41 });
    for (const p of Object.keys(routes).filter((r) => r.endsWith('/'))) expect(site.hits(p)).toBe(1);
  });

  it('fails with the handler’s error, and stops the crawl process', async () => {
    const { site } = await site40();
    await expect(
      crawlInProcess(
        { startUrl: site.url('/'), ...fast },
        {
          onPage: () => {
            throw new Error('store is full');
          },
        },
      ),
    ).rejects.toThrow('store is full');
    const hits = site.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(site.requests.length).toBe(hits);
  });

  it('reports a crawl process that dies', async () => {
    // Options the crawl refuses (a start URL that is not one) make the process report and end.
    await expect(crawlInProcess({ startUrl: 'not a url', ...fast })).rejects.toThrow(/Invalid URL/);
  });
});

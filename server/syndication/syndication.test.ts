import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveArticle, getArticle, retractArticle, submitArticle, updateArticle } from '#server/content/index.ts';
import { JobRegistry, drainJobs } from '#server/platform/jobs/index.ts';
import { publishSite, publishingJobs, siteFolder } from '#server/publishing/index.ts';
import { fileText, tree } from '#server/publishing/test-site.ts';
import { updateSite } from '#server/sites/index.ts';
import { activateSite, asActor, buildNewsroom, factoryActor, publishThroughReview } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { createSubscription, listEntries, pushArticle, removeEntry, takeEntry } from './index.ts';

let deps: TestDeps;
let dataDir: string;
let source: Awaited<ReturnType<typeof buildNewsroom>>;
let portal: Awaited<ReturnType<typeof buildNewsroom>>;
let third: Awaited<ReturnType<typeof buildNewsroom>>;
const SRC = '9901000011';
const PORTAL = '9901000012';
const THIRD = '9901000013';

const folder = (code: string) => siteFolder(dataDir, code);
const read = (code: string, p: string) => fs.readFileSync(path.join(folder(code), p), 'utf8');
/** Every file of a site's folder that mentions one of the needles (compressed copies read decompressed). */
const mentioning = (code: string, ...needles: string[]) =>
  tree(folder(code)).filter((f) => needles.some((n) => fileText(folder(code), f).includes(n)));
const drain = () => drainJobs(deps, new JobRegistry(publishingJobs));

async function republishWithTitle(articleId: string, title: string): Promise<void> {
  const current = await getArticle(deps, factoryActor, articleId);
  await updateArticle(deps, asActor(source.author), articleId, {
    expectedVersion: current.version,
    title,
    bodyHtml: '<p>正文。</p>',
    source: '示例市人民政府办公室',
  });
  await submitArticle(deps, asActor(source.author), articleId);
  for (const who of [source.firstReviewer, source.sectionReviewer, source.leader]) {
    const rev = (await getArticle(deps, factoryActor, articleId)).current?.id as string;
    await approveArticle(deps, asActor(who), articleId, {
      revisionId: rev,
      opinion: '同意',
      ...(who === source.leader ? { publish: 'now' } : {}),
    });
  }
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-synd-'));
  deps = await createTestDeps({ config: { GONGKAI_DATA_DIR: dataDir } });
  source = await buildNewsroom(deps);
  portal = await buildNewsroom(deps);
  third = await buildNewsroom(deps);
  await activateSite(deps, source.site.id, { code: SRC, domains: ['jyj.example-city.gov.cn'] });
  await activateSite(deps, portal.site.id, { code: PORTAL, domains: ['www.example-city.gov.cn'] });
  // No domain: its pages are linked under the platform's preview path.
  await activateSite(deps, third.site.id, { code: THIRD });
  await updateSite(deps, factoryActor, third.site.id, { domains: [] });
});

afterEach(async () => {
  await deps.db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('syndicated articles on receiving sites', () => {
  it('shows a taken article in the receiving lists without copying it, and no stale copy survives an edit or a retraction', async () => {
    const sponsor = (
      await deps.db.kysely
        .selectFrom('sites as s')
        .innerJoin('orgs as o', 'o.id', 's.sponsor_org_id')
        .select('o.name')
        .where('s.id', '=', source.site.id)
        .executeTakeFirstOrThrow()
    ).name;
    // The portal takes by hand; the third site takes everything automatically.
    await createSubscription(deps, asActor(portal.siteAdmin), { columnId: portal.columns.news.id, sourceColumnId: source.columns.news.id });
    await createSubscription(deps, asActor(third.siteAdmin), {
      columnId: third.columns.news.id,
      sourceColumnId: source.columns.news.id,
      auto: true,
    });
    await publishThroughReview(deps, portal, { columnId: portal.columns.news.id, type: 'news', title: '门户自己的动态' });
    for (const s of [source, portal, third]) await publishSite(deps, s.site.id, { workers: 0 });

    deps.clock.advance(60_000);
    const id = await publishThroughReview(deps, source, { columnId: source.columns.news.id, type: 'news', title: '教育局开学工作动态' });
    const [offer] = await listEntries(deps, asActor(portal.author), { siteId: portal.site.id, state: 'offered' });
    expect(offer).toMatchObject({ articleId: id, state: 'offered', origin: 'subscription', title: '教育局开学工作动态' });
    expect(await listEntries(deps, asActor(third.author), { siteId: third.site.id, state: 'taken' })).toHaveLength(1);
    await drain();
    // Offered, not taken: the portal does not show it yet; the third site does.
    expect(mentioning(PORTAL, '教育局开学工作动态')).toEqual([]);
    const pageFile = tree(folder(SRC)).find((f) => f.includes(id) && f.endsWith('.html'))!;
    expect(read(THIRD, '/gzdt/index.html')).toContain(`href="https://jyj.example-city.gov.cn${pageFile}"`);

    deps.clock.advance(60_000);
    await takeEntry(deps, asActor(portal.firstReviewer), offer!.id, { version: offer!.version });
    await drain();
    const list = read(PORTAL, '/gzdt/index.html');
    expect(list).toContain(`<a href="https://jyj.example-city.gov.cn${pageFile}">教育局开学工作动态</a>`);
    expect(list).toContain(`来源：${sponsor}`);
    // Taken last, so listed first, above the portal's own article.
    expect(list.indexOf('教育局开学工作动态')).toBeLessThan(list.indexOf('门户自己的动态'));
    expect(read(PORTAL, '/gzdt/rss.xml')).toContain(`<link>https://jyj.example-city.gov.cn${pageFile}</link>`);
    expect(read(PORTAL, '/index.html')).toContain('教育局开学工作动态');
    // One source: no article page of it on the receiving sites, and their sitemaps list only their own pages.
    expect(tree(folder(PORTAL)).filter((f) => f.includes(id))).toEqual([]);
    expect(read(PORTAL, '/sitemap.xml') + read(PORTAL, '/sitemap-columns.xml')).not.toContain('jyj.example-city.gov.cn');

    // A full build of the receiving site keeps its taken entries.
    await publishSite(deps, portal.site.id, { workers: 0 });
    expect(read(PORTAL, '/gzdt/index.html')).toContain(`<a href="https://jyj.example-city.gov.cn${pageFile}">教育局开学工作动态</a>`);
    expect(read(PORTAL, '/index.html')).toContain('教育局开学工作动态');

    // An edit of the source propagates to every receiving list.
    deps.clock.advance(60_000);
    await republishWithTitle(id, '教育局秋季开学工作动态');
    await drain();
    for (const code of [PORTAL, THIRD]) {
      expect(read(code, '/gzdt/index.html')).toContain('教育局秋季开学工作动态');
      expect(read(code, '/gzdt/rss.xml')).toContain('教育局秋季开学工作动态');
      expect(read(code, '/index.html')).toContain('教育局秋季开学工作动态');
      expect(mentioning(code, '教育局开学工作动态')).toEqual([]);
    }

    // A retraction leaves no trace on any receiving site: lists, feeds, home pages, sitemaps.
    await retractArticle(deps, asActor(source.leader), id, { reason: '内容需要更新' });
    await drain();
    for (const code of [PORTAL, THIRD]) expect(mentioning(code, '开学工作动态', id)).toEqual([]);
    expect(read(PORTAL, '/gzdt/index.html')).toContain('门户自己的动态');
  });

  it('links a source without a domain under its preview path, and an editor may push one article as an offer', async () => {
    for (const s of [source, portal, third]) await publishSite(deps, s.site.id, { workers: 0 });
    const id = await publishThroughReview(deps, third, { columnId: third.columns.news.id, type: 'news', title: '区县亮点工作' });
    const pushed = await pushArticle(deps, asActor(third.author), { articleId: id, columnId: portal.columns.news.id });
    expect(pushed).toMatchObject({ state: 'offered', origin: 'push', siteId: portal.site.id });
    await takeEntry(deps, asActor(portal.author), pushed.id, { version: pushed.version });
    await drain();
    const pageFile = tree(folder(THIRD)).find((f) => f.includes(id) && f.endsWith('.html'))!;
    expect(read(PORTAL, '/gzdt/index.html')).toContain(`href="/sites/${THIRD}${pageFile}"`);
    // The portal's editors take it out again: gone from its lists, feed and home page.
    const [taken] = await listEntries(deps, asActor(portal.author), { siteId: portal.site.id, state: 'taken' });
    await removeEntry(deps, asActor(portal.author), taken!.id, { version: taken!.version });
    await drain();
    expect(mentioning(PORTAL, '区县亮点工作', id)).toEqual([]);
    expect(mentioning(THIRD, '区县亮点工作').length).toBeGreaterThan(0);
  });
});

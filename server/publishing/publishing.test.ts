import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retractArticle } from '#server/content/index.ts';
import { activateSite, buildNewsroom, asActor, publishThroughReview } from '#test/factories.ts';
import { createDeps } from '#server/composition.ts';
import { createTestDeps, testConfig, type TestDeps } from '#test/support.ts';
import { publishArticleChange, publishSite, refreshColumnLists, siteFolder } from './index.ts';
import { publicFiles, resolveInside, UnsafePathError } from './public-files.ts';
import { brokenLinks as brokenLinksOf, tree } from './test-site.ts';

let deps: TestDeps;
let dataDir: string;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
const CODE = '9901000001';

const read = (p: string) => fs.readFileSync(path.join(siteFolder(dataDir, CODE), p), 'utf8');
const brokenLinks = (root: string) => brokenLinksOf(root, CODE);

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-pub-'));
  deps = await createTestDeps({ config: { GONGKAI_DATA_DIR: dataDir } });
  room = await buildNewsroom(deps);
  await activateSite(deps, room.site.id, {
    code: CODE,
    domains: ['www.example-city.gov.cn'],
    contact: { phone: '0812-1234567' },
  });
});

afterEach(async () => {
  await deps.db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('full publish', () => {
  it('writes the whole page set with working relative links', async () => {
    for (let i = 1; i <= 23; i++) {
      deps.clock.advance(60_000);
      await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: `工作动态第${i}条` });
    }
    const result = await publishSite(deps, room.site.id, { workers: 0 });
    expect(result.articles).toBe(23);
    const files = tree(siteFolder(dataDir, CODE));
    for (const f of [
      '/index.html',
      '/404.html',
      '/404-preview.html',
      '/sitemap.html',
      '/sitemap.xml',
      '/sitemap-columns.xml',
      '/assets/site.css',
      '/assets/elder.css',
    ])
      expect(files).toContain(f);
    expect(files).toContain('/gzdt/index.html');
    expect(files).toContain('/gzdt/index_2.html');
    expect(files).not.toContain('/gzdt/index_3.html');
    expect(files).toContain('/gzdt/rss.xml');
    expect(files).toContain('/index.html.gz');
    expect(files).toContain('/index.html.br');
    expect(files.filter((f) => /^\/gzdt\/\d{6}\/[\w-]+\.html$/.test(f))).toHaveLength(23);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(brokenLinks(siteFolder(dataDir, CODE))).toEqual([]);
    // The 404 page answers any path, so its links start from the root (of the domain, or of the preview).
    expect(read('/404.html')).toContain('href="/assets/site.css"');
    expect(read('/404-preview.html')).toContain(`href="/sites/${CODE}/assets/site.css"`);
    expect(read('/index.html')).toContain('工作动态第23条');
    // Each home block leads to the column its articles come from (policies: the column that takes them).
    expect(read('/index.html')).toContain('<a href="gzdt/">更多工作动态</a>');
    expect(read('/index.html')).toContain('<a href="zcwj/">更多政策文件</a>');
    expect(read('/gzdt/index_2.html')).toContain('工作动态第1条');
    expect(read('/sitemap.xml')).toContain('https://www.example-city.gov.cn/sitemap-202611.xml');
    expect(read('/sitemap-202611.xml').match(/<url>/g)).toHaveLength(23);
  });

  it('builds the same files with worker threads as in one thread', async () => {
    // Worker threads open their own connection: a file database (not the suite's in-memory one).
    const wdeps = await createDeps(testConfig({ GONGKAI_DATA_DIR: path.join(dataDir, 'w') }), { clock: deps.clock });
    try {
      const wroom = await buildNewsroom(wdeps);
      await activateSite(wdeps, wroom.site.id, { code: '9901000002', domains: ['w.example-city.gov.cn'] });
      for (let i = 1; i <= 45; i++)
        await publishThroughReview(wdeps, wroom, {
          columnId: i % 2 ? wroom.columns.news.id : wroom.columns.policy.id,
          type: i % 2 ? 'news' : 'policy',
          title: `文件${i}`,
          metadata: i % 2 ? {} : { issuingOrg: '示例市人民政府办公室', writtenOn: '2026-11-20', validity: 'valid' },
        });
      const inlineResult = await publishSite(wdeps, wroom.site.id, { workers: 0 });
      const root = siteFolder(path.join(dataDir, 'w'), '9901000002');
      const inline = tree(root).map((f) => [f, f.endsWith('.html') ? fs.readFileSync(path.join(root, f), 'utf8') : ''] as const);
      const threadedResult = await publishSite(wdeps, wroom.site.id, { workers: 2 });
      // Every thread's pages are counted (two tasks ran at once).
      expect(threadedResult.pages).toBe(inlineResult.pages);
      const threaded = tree(root).map((f) => [f, f.endsWith('.html') ? fs.readFileSync(path.join(root, f), 'utf8') : ''] as const);
      expect(threaded).toEqual(inline);
      expect(fs.readdirSync(path.join(dataDir, 'w', 'public', '.builds'))).toHaveLength(1);
    } finally {
      await wdeps.db.close();
    }
  }, 60_000);
});

describe('a build that dies midway', () => {
  it('leaves the old site live; the next build takes over and removes what the dead one wrote', async () => {
    await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '已上线的动态' });
    await publishSite(deps, room.site.id, { workers: 0 });
    const before = read('/index.html');
    // A build killed after writing half a tree: its folder stays behind and its marker says running.
    const dead = path.join(dataDir, 'public', '.builds', `${CODE}-deadbeef0000`);
    fs.mkdirSync(path.join(dead, 'gzdt'), { recursive: true });
    fs.writeFileSync(path.join(dead, 'gzdt', 'index.html'), '<p>半');
    const now = deps.clock.now().toISOString();
    await deps.db.kysely.updateTable('site_builds').set({ build_id: 'deadbeef0000', status: 'running', heartbeat_at: now }).execute();
    expect(read('/index.html')).toBe(before);

    // While its marker is fresh, another build is refused and article jobs wait.
    await expect(publishSite(deps, room.site.id, { workers: 0 })).rejects.toMatchObject({ code: 'publish.buildInProgress' });
    const id = await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '等待中的动态' });
    expect(await publishArticleChange(deps, id)).toBe('deferred');

    // Once the marker is stale, the next build runs and completes the site.
    deps.clock.advance(11 * 60_000);
    await publishSite(deps, room.site.id, { workers: 0 });
    expect(fs.existsSync(dead)).toBe(false);
    expect(read('/index.html')).toContain('等待中的动态');
    expect(fs.readdirSync(path.join(dataDir, 'public', '.builds'))).toHaveLength(1);
  });
});

describe('catalogue metadata', () => {
  it('shows the 索引号 given at publication in the metadata table of the article page', async () => {
    const id = await publishThroughReview(deps, room, {
      columnId: room.columns.policy.id,
      type: 'policy',
      title: '关于印发示例办法的通知',
      metadata: { issuingOrg: '示例市人民政府办公室', writtenOn: '2026-11-20', validity: 'valid' },
    });
    await publishSite(deps, room.site.id, { workers: 0 });
    const indexNo = (
      await deps.db.kysely.selectFrom('index_numbers').select('index_no').where('article_id', '=', id).executeTakeFirstOrThrow()
    ).index_no;
    const page = tree(siteFolder(dataDir, CODE)).find((f) => f.endsWith(`/${id}.html`))!;
    expect(read(page)).toMatch(new RegExp(`<th[^>]*>索引号</th>\\s*<td>${indexNo.replace(/[/.]/g, '\\$&')}</td>`));
  });
});

describe('incremental publish', () => {
  it('adds a new article to its page, its column and the home page, and takes a retracted one out of every page', async () => {
    await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '早先的动态' });
    await publishSite(deps, room.site.id, { workers: 0 });
    deps.clock.advance(60_000);
    const id = await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '新发布的动态' });
    expect(await publishArticleChange(deps, id)).toBe('written');
    const root = siteFolder(dataDir, CODE);
    const page = tree(root).find((f) => f.endsWith(`/${id}.html`));
    expect(page).toBeDefined();
    expect(read('/gzdt/index.html')).toContain('新发布的动态');
    expect(read('/index.html')).toContain('新发布的动态');
    expect(read('/gzdt/rss.xml')).toContain('新发布的动态');
    expect(brokenLinks(root)).toEqual([]);

    await retractArticle(deps, asActor(room.leader), id, { reason: '内容有误，撤回' });
    expect(await publishArticleChange(deps, id)).toBe('removed');
    // No copy survives anywhere: no file names it or shows its title, compressed copies included.
    expect(tree(root).filter((f) => f.includes(id))).toEqual([]);
    for (const f of tree(root)) {
      const bytes = fs.readFileSync(path.join(root, f));
      const text = f.endsWith('.gz')
        ? (await import('node:zlib')).gunzipSync(bytes).toString()
        : f.endsWith('.br')
          ? (await import('node:zlib')).brotliDecompressSync(bytes).toString()
          : bytes.toString();
      expect(text.includes('新发布的动态') || text.includes(id), f).toBe(false);
    }
    expect(read('/gzdt/index.html')).toContain('早先的动态');
    expect(brokenLinks(root)).toEqual([]);
  });

  it('writes the list pages an article joins or leaves at once and the shifted pages after them in a follow-up', async () => {
    const titles: string[] = [];
    for (let i = 1; i <= 40; i++) {
      deps.clock.advance(60_000);
      titles.unshift(`列表动态${String(i).padStart(2, '0')}`);
      await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: titles[0] });
    }
    await publishSite(deps, room.site.id, { workers: 0 });
    const root = siteFolder(dataDir, CODE);
    const listed = (p: string) => [...read(p).matchAll(/>(列表动态\d\d|新的列表动态)</g)].map((m) => m[1]);
    const lists = () => [
      ...listed('/gzdt/index.html'),
      ...listed('/gzdt/index_2.html'),
      ...(fs.existsSync(path.join(root, 'gzdt/index_3.html')) ? listed('/gzdt/index_3.html') : []),
    ];
    const staleToken = async () =>
      (
        await deps.db.kysely
          .selectFrom('column_lists')
          .select('stale_token')
          .where('column_id', '=', room.columns.news.id)
          .executeTakeFirst()
      )?.stale_token ?? null;
    const refreshJobs = () =>
      deps.db.kysely.selectFrom('jobs').select('id').where('name', '=', 'publishing.columnLists').where('status', '=', 'pending').execute();
    expect(lists()).toEqual(titles);

    // A new article: the first page and the new last page at once; page 2 still shows the old order.
    deps.clock.advance(60_000);
    const id = await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '新的列表动态' });
    expect(await publishArticleChange(deps, id)).toBe('written');
    expect(listed('/gzdt/index.html')).toEqual(['新的列表动态', ...titles.slice(0, 19)]);
    expect(listed('/gzdt/index_3.html')).toEqual([titles[39]]);
    expect(listed('/gzdt/index_2.html')).toEqual(titles.slice(20, 40));
    expect(await staleToken()).not.toBeNull();
    expect(await refreshJobs()).toHaveLength(1);
    expect(brokenLinks(root)).toEqual([]);

    // The follow-up rewrites the shifted pages and clears the mark.
    expect(await refreshColumnLists(deps, room.site.id, room.columns.news.id)).toBe(1);
    const after = ['新的列表动态', ...titles];
    expect(lists()).toEqual(after);
    expect(await staleToken()).toBeNull();
    expect(read('/gzdt/index_2.html')).toContain('共 3 页');

    // Retracting an article of page 2 takes the list back to two pages: every page links to the
    // last one, so the whole list is rewritten at once and nothing is left to follow.
    const titleId = async (title: string) =>
      (await deps.db.kysely.selectFrom('article_revisions').select('article_id').where('title', '=', title).executeTakeFirstOrThrow())
        .article_id;
    const noCopyOf = (title: string) => {
      for (const f of tree(root).filter((f) => f.endsWith('.html') || f.endsWith('.xml'))) expect(read(f).includes(title), f).toBe(false);
    };
    let expected = after.filter((t) => t !== titles[25]);
    await retractArticle(deps, asActor(room.leader), await titleId(titles[25]!), { reason: '撤回' });
    expect(await publishArticleChange(deps, await titleId(titles[25]!))).toBe('removed');
    noCopyOf(titles[25]!);
    expect(fs.existsSync(path.join(root, 'gzdt/index_3.html'))).toBe(false);
    expect(brokenLinks(root)).toEqual([]);
    expect(lists()).toEqual(expected);
    expect(read('/gzdt/index_2.html')).toContain('共 2 页');
    expect(await refreshColumnLists(deps, room.site.id, room.columns.news.id)).toBe(0);

    // Retracting one of page 1: gone from page 1 at once (page 2 still starts with the article
    // that moved up), and from no page at all once the follow-up ran.
    expected = expected.filter((t) => t !== titles[5]);
    await retractArticle(deps, asActor(room.leader), await titleId(titles[5]!), { reason: '撤回' });
    expect(await publishArticleChange(deps, await titleId(titles[5]!))).toBe('removed');
    noCopyOf(titles[5]!);
    expect(listed('/gzdt/index.html')).toEqual(expected.slice(0, 20));
    expect(listed('/gzdt/index_2.html')[0]).toBe(expected[19]);
    expect(await refreshColumnLists(deps, room.site.id, room.columns.news.id)).toBe(1);
    expect(lists()).toEqual(expected);

    // An edit that keeps the article's place shifts nothing: no follow-up.
    expect(await publishArticleChange(deps, id)).toBe('written');
    expect(await staleToken()).toBeNull();
    expect(await refreshColumnLists(deps, room.site.id, room.columns.news.id)).toBe(0);
  });

  it('re-renders the pages that link to an article: a link to a retracted article is dropped', async () => {
    const target = await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '被引用的动态' });
    const citing = await publishThroughReview(deps, room, {
      columnId: room.columns.news.id,
      type: 'news',
      title: '引用它的动态',
      bodyHtml: `<p>详见<a href="gk:article:${target}">被引用的动态</a>。</p>`,
    });
    await publishSite(deps, room.site.id, { workers: 0 });
    const root = siteFolder(dataDir, CODE);
    const citingPage = tree(root).find((f) => f.endsWith(`/${citing}.html`))!;
    expect(read(citingPage)).toContain(`${target}.html`);
    await retractArticle(deps, asActor(room.leader), target, { reason: '撤回' });
    await publishArticleChange(deps, target);
    expect(read(citingPage)).not.toContain(`${target}.html`);
    expect(read(citingPage)).toContain('被引用的动态'); // the link text stays, as plain text
    expect(brokenLinks(root)).toEqual([]);
  });

  it('builds the whole site when the first article of a never-published site goes live', async () => {
    const id = await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '第一条' });
    expect(await publishArticleChange(deps, id)).toBe('built');
    expect(read('/index.html')).toContain('第一条');
  });
});

describe('the file-system port', () => {
  it('refuses every path outside the site folder', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-port-'));
    const out = publicFiles(root);
    for (const bad of [
      '../x.html',
      '/../x.html',
      '/a/../../x.html',
      '/a/./b.html',
      '//etc/passwd',
      '/a\\..\\b',
      '/a\0b',
      '',
      '/',
      'x.html',
      '/a//b',
    ])
      expect(() => out.write(bad, 'x'), bad).toThrow(UnsafePathError);
    expect(() => resolveInside(root, '/%2e%2e/x')).not.toThrow(); // a literal file name, inside the folder
    out.write('/a/b.html', '<p>ok</p>');
    expect(fs.readFileSync(path.join(root, 'a/b.html'), 'utf8')).toBe('<p>ok</p>');
    expect(fs.readdirSync(path.dirname(root)).some((n) => n === 'x.html')).toBe(false);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('replaces a file whole: a failed write leaves the old content and no temp file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-port-'));
    const out = publicFiles(root);
    out.write('/p.html', 'old');
    // A rename that cannot happen (a folder where the brotli copy goes) fails the write, even as root.
    fs.rmSync(path.join(root, 'p.html.br'));
    fs.mkdirSync(path.join(root, 'p.html.br', 'x'), { recursive: true });
    expect(() => out.write('/p.html', 'new')).toThrow();
    expect(fs.readFileSync(path.join(root, 'p.html'), 'utf8')).toBe('old');
    expect(fs.readdirSync(root).sort()).toEqual(['p.html', 'p.html.br', 'p.html.gz']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

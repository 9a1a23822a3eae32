import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceGuide } from '#common/service-items.ts';
import { storeFile } from '#server/content/index.ts';
import { createServiceItem, getServiceItem, publishServiceItems, withdrawServiceItem } from '#server/guides/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { drainJobs, JobRegistry } from '#server/platform/jobs/index.ts';
import { searchArticles } from '#server/search/index.ts';
import { activateSite, asActor, buildNewsroom, buildOrg, buildUser, publishThroughReview } from '#test/factories.ts';
import { completeGuide } from '#test/guides.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { searchPage } from './commands/search-page.ts';
import { publishServiceChanges, publishSite, siteFolder } from './index.ts';
import { publicFiles } from './public-files.ts';
import { publishServicesJob } from './publishing.jobs.ts';
import { servicesUnchangedSince, writeServicePages } from './services.ts';
import { loadSiteModel } from './site-model.ts';
import { brokenLinks, fileText, tree } from './test-site.ts';

const CODE = '9901000007';
let deps: TestDeps;
let dataDir: string;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
let siteId: string;
let orgId: string;
let officer: Actor;
let reviewer: Actor;

const root = () => siteFolder(dataDir, CODE);
const read = (p: string) => fs.readFileSync(path.join(root(), p), 'utf8');
const exists = (p: string) => fs.existsSync(path.join(root(), p));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A complete guide of a 社会保险 item handled fully online. */
const guide = (code: string, over: Partial<ServiceGuide> = {}): ServiceGuide =>
  completeGuide(code, {
    category: '行政给付',
    legalBasis: '《中华人民共和国社会保险法》',
    conditions: '本市参保人员',
    materials: [{ name: '居民身份证', form: '原件1份', required: true, note: null, formFileId: null, sampleFileId: null }],
    handlingOrg: '市社会保险事业管理局',
    process: [{ title: '申请', description: null }],
    onlineUrl: 'https://zwfw.example.gov.cn/apply',
    onlineLevel: 'full',
    ...over,
  });

/** Creates the items as the service officer and publishes them as the reviewer; returns their ids. */
async function publishItems(...guides: ServiceGuide[]): Promise<string[]> {
  const ids: string[] = [];
  for (const g of guides) ids.push((await createServiceItem(deps, officer, siteId, { orgId, ...g })).id);
  const result = await publishServiceItems(deps, reviewer, siteId, { ids });
  expect(result.refused).toEqual([]);
  return ids;
}

async function withdraw(id: string): Promise<void> {
  const { version } = await getServiceItem(deps, reviewer, id);
  await withdrawServiceItem(deps, reviewer, id, { version });
}

/** Runs the queued 办事服务 jobs as a worker would. */
const runServiceJobs = () => drainJobs(deps, new JobRegistry([publishServicesJob]));

const found = async (q: string) => (await searchArticles(deps, { q, siteId })).items.map((i) => [i.title, i.type, i.url]);

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bsfw-'));
  deps = await createTestDeps({ config: { GONGKAI_DATA_DIR: dataDir } });
  room = await buildNewsroom(deps);
  siteId = room.site.id;
  await activateSite(deps, siteId, { code: CODE, domains: ['www.example-city.gov.cn'] });
  orgId = (await buildOrg(deps, { level: 'department', name: '示例市人力资源和社会保障局' })).id;
  officer = asActor(await buildUser(deps, { grants: [{ role: 'serviceOfficer', siteId }], displayName: '办事服务专员' }));
  reviewer = asActor(room.sectionReviewer);
  // The site's setup queued a full build; these tests build when they mean to.
  await deps.db.kysely.deleteFrom('jobs').execute();
});

afterEach(async () => {
  await deps.db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the 办事服务 pages of a full build', () => {
  it('write the catalogue, its lists, the item pages with their forms, the sitemap chunk and the navigation entry', async () => {
    const form = await storeFile(deps, officer, { siteId, filename: '失业保险金申领表.pdf', bytes: PDF }, 'guides.edit');
    await publishItems(
      guide('SY-001', {
        name: '失业保险金申领',
        topics: ['t05'],
        materials: [{ name: '失业保险金申领表', form: '原件1份', required: true, note: null, formFileId: form.fileId, sampleFileId: null }],
      }),
      guide('JY.002', { name: '就业登记', audiences: ['person', 'legal'], lifeEvents: ['p03', 'l04'] }),
    );
    await publishSite(deps, siteId, { workers: 0 });

    const files = tree(root());
    for (const f of [
      '/bsfw/index.html',
      '/bsfw/sx/SY-001.html',
      '/bsfw/sx/JY.002.html',
      `/bsfw/bm/${orgId}.html`,
      '/bsfw/zt/t04.html',
      '/bsfw/zt/t05.html',
      '/bsfw/sj/p03.html',
      '/bsfw/sj/l04.html',
      '/bsfw/sx/SY-001.html.gz',
      '/bsfw/sx/SY-001.html.br',
      '/sitemap-services.xml',
    ])
      expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith('/bsfw/sj/'))).toHaveLength(6); // two life events, three copies each
    expect(brokenLinks(root(), CODE)).toEqual([]);

    // The form is a stored file in the site's files folder, linked with its format and size.
    const sha = (await deps.db.kysely.selectFrom('files').select('sha256').where('id', '=', form.fileId).executeTakeFirstOrThrow()).sha256;
    expect(files).toContain(`/files/${sha}.pdf`);
    expect(read('/bsfw/sx/SY-001.html')).toContain(`<a href="../../files/${sha}.pdf" download="失业保险金申领表（空白表格）.pdf">`);
    expect(read('/bsfw/sx/SY-001.html')).toContain(`（PDF，${PDF.length} B）</a>`);

    // Lists by name (pinyin: jiu < shi), the catalogue counts, the department's list.
    expect([...read(`/bsfw/bm/${orgId}.html`).matchAll(/<a href="\.\.\/sx\/([^"]+)\.html">/g)].map((m) => m[1])).toEqual([
      'JY.002',
      'SY-001',
    ]);
    expect(read('/bsfw/index.html')).toContain('本站共发布办事事项 2 项');
    expect(read('/bsfw/index.html')).toContain(`<a href="bm/${orgId}.html">示例市人力资源和社会保障局</a>（2 项）`);
    expect(read('/bsfw/index.html')).toContain('<li>出生（暂无事项）</li>');
    expect(read('/bsfw/index.html')).toContain('action="../search"');

    // Every page's navigation, the home block and the site map lead to the catalogue.
    expect(read('/index.html')).toContain('<li><a href="bsfw/">办事服务</a></li>');
    expect(read('/gzdt/index.html')).toContain('<li><a href="../bsfw/">办事服务</a></li>');
    expect(read('/index.html')).toContain('<a href="bsfw/">进入政务服务</a>');
    expect(read('/sitemap.html')).toContain('<li><a href="bsfw/">办事服务</a></li>');

    // sitemap.xml lists the chunk; the chunk lists the catalogue, its lists and the items.
    expect(read('/sitemap.xml')).toContain('<loc>https://www.example-city.gov.cn/sitemap-services.xml</loc>');
    const chunk = read('/sitemap-services.xml');
    expect(chunk).toContain('<loc>https://www.example-city.gov.cn/bsfw/</loc>');
    expect(chunk).toContain('<loc>https://www.example-city.gov.cn/bsfw/sx/SY-001.html</loc><lastmod>2026-11-27T09:00:00+08:00</lastmod>');
    expect(chunk.match(/<url>/g)).toHaveLength(1 + 5 + 2);
  });

  it('write an empty catalogue for a site without items', async () => {
    await publishSite(deps, siteId, { workers: 0 });
    expect(read('/bsfw/index.html')).toContain('本站暂未发布办事事项');
    expect(tree(root()).filter((f) => f.startsWith('/bsfw/') && f.endsWith('.html'))).toEqual(['/bsfw/index.html']);
    expect(brokenLinks(root(), CODE)).toEqual([]);
  });
});

describe('site search', () => {
  it('finds a published item by a word of its name, labelled 办事指南, and filters by kind', async () => {
    await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '我市召开就业工作推进会' });
    await publishItems(guide('JY-1', { name: '就业困难人员认定' }));
    await publishSite(deps, siteId, { workers: 0 });

    expect(await found('困难人员')).toEqual([['就业困难人员认定', 'serviceItem', '/bsfw/sx/JY-1.html']]);
    expect((await searchArticles(deps, { q: '就业', siteId })).items.map((i) => i.type).sort()).toEqual(['news', 'serviceItem']);

    const page = await searchPage(deps, CODE, { q: '就业' });
    expect(page.html).toContain('<span class="result-kind">[办事指南]</span> <span>办事服务</span>');
    expect(page.html).toContain('<span class="result-kind">[工作动态]</span>');
    expect(page.html).toContain('href="bsfw/sx/JY-1.html"');
    const only = await searchPage(deps, CODE, { q: '就业', type: 'serviceItem' });
    expect(only.status).toBe(200);
    expect(only.html).toContain('找到约 1 条');
    expect(only.html).toContain('<option value="serviceItem" selected>办事指南</option>');
    expect(only.html).not.toContain('工作推进会');
  });

  it('keeps the items through a rebuild (they are not articles without a page) and drops them once withdrawn', async () => {
    const [id] = await publishItems(guide('SB-1', { name: '社会保障卡申领' }));
    await publishSite(deps, siteId, { workers: 0 });
    await publishSite(deps, siteId, { workers: 0 });
    expect(await found('社会保障卡')).toEqual([['社会保障卡申领', 'serviceItem', '/bsfw/sx/SB-1.html']]);

    await withdraw(id!);
    await publishSite(deps, siteId, { workers: 0 });
    expect(await found('社会保障卡')).toEqual([]);
    expect(exists('/bsfw/sx/SB-1.html')).toBe(false);
  });
});

describe('publishing after items change', () => {
  it('takes a withdrawn item off every page, the sitemap and the search, and leaves no copy behind', async () => {
    const [gone] = await publishItems(
      guide('SY-001', { name: '失业保险金申领', topics: ['t05'], lifeEvents: ['p08'] }),
      guide('JY-002', { name: '就业登记' }),
    );
    await publishSite(deps, siteId, { workers: 0 });
    expect(await found('失业保险金')).toHaveLength(1);
    expect(exists('/bsfw/zt/t05.html')).toBe(true);

    await withdraw(gone!);
    // The withdrawal enqueued the site's services job; a worker runs it.
    expect(await runServiceJobs()).toBe(1);

    const files = tree(root());
    expect(files.filter((f) => f.includes('SY-001') || f.includes('/zt/t05') || f.includes('/sj/p08'))).toEqual([]);
    for (const f of files.filter((f) => !f.startsWith('/files/') && !f.startsWith('/assets/')))
      expect(/失业保险金|SY-001/.test(fileText(root(), f)), f).toBe(false);
    expect(read('/bsfw/index.html')).toContain('本站共发布办事事项 1 项');
    expect(read('/bsfw/index.html')).toContain('<li>退休养老（暂无事项）</li>');
    expect(read('/bsfw/sx/JY-002.html')).toContain('就业登记');
    expect(read('/sitemap-services.xml')).toContain('/bsfw/sx/JY-002.html');
    expect(await found('失业保险金')).toEqual([]);
    expect(await found('就业登记')).toHaveLength(1);
    expect(brokenLinks(root(), CODE)).toEqual([]);
  });

  it('pages a list of more than 20 items and removes the page the list lost', async () => {
    const ids = await publishItems(...Array.from({ length: 21 }, (_, i) => guide(`X${String(i).padStart(2, '0')}`)));
    await publishSite(deps, siteId, { workers: 0 });
    const list = `/bsfw/bm/${orgId}.html`;
    expect(exists(`/bsfw/bm/${orgId}_2.html`)).toBe(true);
    expect(read(list)).toContain('共 2 页');
    expect(read(list)).toContain(`href="${orgId}_2.html"`);
    expect(read(`/bsfw/bm/${orgId}_2.html`)).toContain('第 2/2 页');

    await withdraw(ids[20]!);
    expect(await publishServiceChanges(deps, siteId)).toBe('written');
    expect(tree(root()).filter((f) => f.includes(`${orgId}_2`))).toEqual([]);
    expect(read(list)).not.toContain('共 2 页');
    expect(brokenLinks(root(), CODE)).toEqual([]);
  });

  it('builds a site never built, or built before it had service pages, and waits for a running build', async () => {
    await publishItems(guide('A1'));
    expect(await publishServiceChanges(deps, siteId)).toBe('built');
    expect(exists('/bsfw/sx/A1.html')).toBe(true);
    expect(await publishServiceChanges(deps, siteId)).toBe('written');

    // A build from before the 办事服务 pages: its pages lack the navigation entry, so the whole site is rebuilt.
    fs.rmSync(path.join(root(), 'bsfw'), { recursive: true });
    expect(await publishServiceChanges(deps, siteId)).toBe('built');
    expect(exists('/bsfw/index.html')).toBe(true);

    // While a full build runs, the job comes back a little later (a new job: this one holds the site's key).
    const now = deps.clock.now().toISOString();
    await deps.db.kysely.updateTable('site_builds').set({ status: 'running', heartbeat_at: now }).where('site_id', '=', siteId).execute();
    await publishItems(guide('A2'));
    expect(await runServiceJobs()).toBe(1);
    expect(exists('/bsfw/sx/A2.html')).toBe(false);
    const pending = await deps.db.kysely
      .selectFrom('jobs')
      .select(['run_at'])
      .where('name', '=', 'publishing.services')
      .where('status', '=', 'pending')
      .execute();
    expect(pending.map((j) => j.run_at)).toEqual([new Date(deps.clock.now().getTime() + 5_000).toISOString()]);
    await deps.db.kysely.updateTable('site_builds').set({ status: 'done' }).where('site_id', '=', siteId).execute();
    deps.clock.advance(5_000);
    expect(await runServiceJobs()).toBe(1);
    expect(exists('/bsfw/sx/A2.html')).toBe(true);
  });

  it('notices an item published while a pass ran, so the job makes another pass', async () => {
    await publishItems(guide('A1'));
    await publishSite(deps, siteId, { workers: 0 });
    const model = await loadSiteModel(deps, siteId);
    const pass = await writeServicePages(deps, model, publicFiles(root()), deps.clock.now().toISOString());
    expect(await servicesUnchangedSince(deps, siteId, pass.signature)).toBe(true);
    await publishItems(guide('A2'));
    expect(await servicesUnchangedSince(deps, siteId, pass.signature)).toBe(false);
  });

  it('skips a site that is not public', async () => {
    // Closing takes a notice period (sites/rules/lifecycle.ts); the row is set as a closed site's would be.
    await deps.db.kysely.updateTable('sites').set({ status: 'closed' }).where('id', '=', siteId).execute();
    expect(await publishServiceChanges(deps, siteId)).toBe('skipped');
  });
});

describe('the site folder', () => {
  it('is never left, whatever an item code in the database says, and nothing outside /bsfw/ is removed', async () => {
    const [, bad] = await publishItems(guide('OK-1', { name: '正常事项' }), guide('BAD-1', { name: '篡改事项' }));
    await deps.db.kysely.updateTable('service_items').set({ code: '../../../../escaped' }).where('id', '=', bad!).execute();
    await publishSite(deps, siteId, { workers: 0 });
    // A link inside /bsfw/ to a folder outside: its files are neither listed nor removed.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-outside-'));
    fs.writeFileSync(path.join(outside, 'keep.html'), 'x');
    fs.symlinkSync(outside, path.join(root(), 'bsfw', 'elsewhere'), 'dir');
    fs.writeFileSync(path.join(root(), 'gzdt', 'keep.html'), 'x');
    expect(await publishServiceChanges(deps, siteId)).toBe('written');

    expect(tree(dataDir).filter((f) => f.includes('escaped'))).toEqual([]);
    expect(fs.readdirSync(path.dirname(dataDir)).filter((f) => f.includes('escaped'))).toEqual([]);
    expect(tree(root()).filter((f) => f.startsWith('/bsfw/sx/'))).toEqual([
      '/bsfw/sx/OK-1.html',
      '/bsfw/sx/OK-1.html.br',
      '/bsfw/sx/OK-1.html.gz',
    ]);
    expect(read('/bsfw/index.html')).not.toContain('篡改事项');
    expect(fs.existsSync(path.join(outside, 'keep.html'))).toBe(true);
    expect(exists('/gzdt/keep.html')).toBe(true);
    fs.rmSync(outside, { recursive: true, force: true });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRegistry } from '#server/composition.ts';
import { drainJobs, jobActor } from '#server/platform/jobs/index.ts';
import { publishSite, siteFolder } from '#server/publishing/index.ts';
import { activateSite, asActor, buildColumn, buildSite, buildUser } from '#test/factories.ts';
import { serveLegacySite, type LegacySite } from '#test/fixtures/legacy-site.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { confirmMapping, createImport, getImport, importPages, legacyRedirects, runImport, startImport } from './index.ts';
import { beijingMidnight } from './rules/dates.ts';
import { normalizeOldUrl } from './rules/extract.ts';

let deps: TestDeps;
let legacy: LegacySite;
let sourceSiteId: string;
let codes = 0;

const registry = jobRegistry();
const drain = () => drainJobs(deps, registry, { maxRounds: 1000 });
const FAST = { intervalMs: 0, concurrency: 4 };

/** A hosted target site with the columns a bureau's new site has, and its site administrator. */
async function buildTarget() {
  const site = await buildSite(deps);
  await activateSite(deps, site.id, {
    code: `99010088${String(++codes).padStart(2, '0')}`,
    domains: [`t${codes}.example-city.gov.cn`],
  });
  const columns = {
    news: await buildColumn(deps, site.id, { name: '工作动态', slug: 'gzdt', freshnessClass: 'news' }),
    notice: await buildColumn(deps, site.id, { name: '通知公告', slug: 'tzgg', freshnessClass: 'notice' }),
    policy: await buildColumn(deps, site.id, { name: '文件资料', slug: 'wjzl', freshnessClass: 'policy' }),
    hr: await buildColumn(deps, site.id, { name: '人事任免', slug: 'rsrm', freshnessClass: 'personnel' }),
    plan: await buildColumn(deps, site.id, { name: '规划计划', slug: 'ghjh', freshnessClass: 'plan' }),
    stats: await buildColumn(deps, site.id, { name: '统计信息', slug: 'tjxx', freshnessClass: 'notice', accepts: ['statistics'] }),
  };
  const admin = asActor(await buildUser(deps, { grants: [{ role: 'siteAdmin', siteId: site.id }] }));
  await publishSite(deps, site.id);
  return { site, columns, admin };
}
type Target = Awaited<ReturnType<typeof buildTarget>>;

/** Analyse, take the suggested mapping, start: the admin's path through an import. */
async function importInto(target: Target, opts: { dryRun?: boolean; beforeImport?: (id: string) => Promise<void> } = {}) {
  const made = await createImport(deps, target.admin, {
    sourceSiteId,
    targetSiteId: target.site.id,
    startUrl: legacy.url('/'),
    dryRun: opts.dryRun ?? false,
    options: FAST,
  });
  expect(made.status).toBe('analysing');
  await drain();
  const analysed = await getImport(deps, target.admin, made.id);
  expect(analysed.status).toBe('awaiting_confirmation');
  const mapping = Object.fromEntries(analysed.columns.map((c) => [c.key, c.suggestion.columnId]));
  const confirmed = await confirmMapping(deps, target.admin, made.id, { version: analysed.version, mapping });
  await startImport(deps, target.admin, made.id, { version: confirmed.version });
  if (opts.beforeImport) await opts.beforeImport(made.id);
  await drain();
  return getImport(deps, target.admin, made.id);
}

const articlesOf = (siteId: string) => deps.db.kysely.selectFrom('articles').selectAll().where('site_id', '=', siteId).execute();
const IMPORTED_COLUMNS = ['工作动态', '通知公告', '政策文件', '人事信息', '规划计划', '统计数据'];

beforeAll(async () => {
  deps = await createTestDeps();
  legacy = await serveLegacySite({ pages: 120, seed: 11 });
  const source = await buildSite(deps, { name: '示例市农业农村局（原网站）', hosting: 'external', baseUrl: legacy.url('/') });
  sourceSiteId = source.id;
});
afterAll(async () => {
  await legacy.close();
  await deps.db.close();
});

describe('importing a legacy site into a hosted site', () => {
  let target: Target;
  let first: Awaited<ReturnType<typeof importInto>>;

  beforeAll(async () => {
    target = await buildTarget();
    first = await importInto(target);
  });

  it('suggests target columns by name and synonym, and none for a column the new site lacks', () => {
    const by = Object.fromEntries(first.columns.map((c) => [c.name, c]));
    expect(by['工作动态']!.suggestion).toMatchObject({ columnId: target.columns.news.id, basis: 'exact' });
    expect(by['通知公告']!.suggestion).toMatchObject({ columnId: target.columns.notice.id, basis: 'exact' });
    expect(by['政策文件']!.suggestion).toMatchObject({ columnId: target.columns.policy.id, basis: 'synonym' });
    expect(by['人事信息']!.suggestion).toMatchObject({ columnId: target.columns.hr.id, basis: 'synonym' });
    expect(by['统计数据']!.suggestion).toMatchObject({ columnId: target.columns.stats.id, basis: 'synonym' });
    expect(by['统计数据']!.articleType).toBe('statistics');
    expect(by['领导讲话']!.suggestion).toMatchObject({ columnId: null, basis: 'none' });
    expect(by['网上调查']!.articles).toBe(0);
    expect(first.status).toBe('done');
  });

  it('imports every article into its column with its title, original date, source and attachments, published', async () => {
    const columnOf: Record<string, string> = {
      工作动态: target.columns.news.id,
      通知公告: target.columns.notice.id,
      政策文件: target.columns.policy.id,
      人事信息: target.columns.hr.id,
      规划计划: target.columns.plan.id,
      统计数据: target.columns.stats.id,
    };
    const rows = await articlesOf(target.site.id);
    const expected = legacy.truth.articles.filter((a) => IMPORTED_COLUMNS.includes(a.column));
    expect(rows).toHaveLength(expected.length);
    expect(first.counts.imported).toBe(expected.length);
    for (const a of expected) {
      const row = rows.find((r) => r.title === a.title);
      expect(row, a.title).toBeDefined();
      expect(row!.column_id).toBe(columnOf[a.column]);
      expect(row!.status).toBe('published');
      expect(row!.first_published_at).toBe(beijingMidnight(a.date));
      expect(row!.migrated_from).toBe(normalizeOldUrl(legacy.url(a.paths[0]!)));
      const rev = await deps.db.kysely
        .selectFrom('article_revisions')
        .selectAll()
        .where('id', '=', row!.current_revision_id)
        .executeTakeFirstOrThrow();
      expect(rev.source).toBe(a.source);
      expect(rev.body_html).toContain(a.lead);
      const meta = JSON.parse(rev.metadata) as { attachments?: { name: string }[] };
      expect((meta.attachments ?? []).map((f) => f.name)).toEqual(a.attachments.filter((f) => f.ok).map((f) => f.name));
    }
    // A kept legacy 索引号.
    const withIndex = expected.find((a) => a.indexNo)!;
    const row = rows.find((r) => r.title === withIndex.title)!;
    const n = await deps.db.kysely.selectFrom('index_numbers').selectAll().where('article_id', '=', row.id).executeTakeFirstOrThrow();
    expect(n.index_no).toBe(withIndex.indexNo);
    // Marked as migrated, not reviewed one by one.
    const events = await deps.db.kysely.selectFrom('article_events').select('kind').where('article_id', '=', row.id).execute();
    expect(events.map((e) => e.kind)).toEqual(['migrated']);
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'content.article.migrate')
      .execute();
    expect(audit.length).toBe(expected.length);
  });

  it('publishes the imported articles’ pages', async () => {
    const rows = await articlesOf(target.site.id);
    const published = await deps.db.kysely.selectFrom('published_articles').selectAll().where('site_id', '=', target.site.id).execute();
    expect(published).toHaveLength(rows.length);
    const code = `99010088${String(1).padStart(2, '0')}`;
    for (const p of published.slice(0, 10)) expect(fs.existsSync(path.join(siteFolder(deps.config.dataDir, code), p.path))).toBe(true);
  });

  it('collapses an article found under two URLs into one, keeping both old URLs', async () => {
    const dup = legacy.truth.articles.find((a) => a.paths.length > 1 && IMPORTED_COLUMNS.includes(a.column))!;
    const urls = dup.paths.map((p) => normalizeOldUrl(legacy.url(p)));
    const map = await deps.db.kysely.selectFrom('article_legacy_urls').selectAll().where('old_url', 'in', urls).execute();
    expect(map).toHaveLength(2);
    expect(new Set(map.map((m) => m.article_id)).size).toBe(1);
    expect(map.map((m) => m.old_path).sort()).toEqual([...dup.paths].sort());
    const dupPages = await importPages(deps, target.admin, first.id, { outcome: 'duplicate' });
    expect(dupPages.items.map((p) => p.url)).toContain(urls[1]);
    const redirects = [];
    for await (const r of legacyRedirects(deps.db, sourceSiteId)) redirects.push(r);
    const expected = legacy.truth.articles.filter((a) => IMPORTED_COLUMNS.includes(a.column)).flatMap((a) => a.paths);
    expect(redirects.map((r) => r.oldPathAndQuery).sort()).toEqual(expected.sort());
  });

  it('reports broken attachments, bad pages and left-out columns with their reasons', async () => {
    const withBroken = legacy.truth.articles.find((a) => IMPORTED_COLUMNS.includes(a.column) && a.attachments.some((f) => !f.ok))!;
    const imported = await importPages(deps, target.admin, first.id, { outcome: 'imported', limit: 500 });
    const page = imported.items.find((p) => p.url === normalizeOldUrl(legacy.url(withBroken.paths[0]!)))!;
    expect(page.reason).toContain('未能下载（HTTP 404）');
    const failed = await importPages(deps, target.admin, first.id, { outcome: 'failed' });
    const reasons = Object.fromEntries(failed.items.map((p) => [new URL(p.url).pathname, p.reason]));
    expect(reasons[legacy.truth.emptyBodyPath]).toContain('未能提取正文');
    expect(reasons[legacy.truth.missingPath]).toBe('页面无法访问（HTTP 404）');
    const skipped = await importPages(deps, target.admin, first.id, { outcome: 'skipped', kind: 'article', limit: 500 });
    const speeches = legacy.truth.articles.filter((a) => a.column === '领导讲话');
    expect(skipped.items.filter((p) => p.reason?.includes('领导讲话'))).toHaveLength(speeches.length);
    expect(first.counts.failed).toBe(2);
    expect(first.byColumn.find((c) => c.name === '领导讲话')!.outcomes.skipped).toBe(speeches.length);
  });

  it('updates on a re-run: a changed article gets a new revision, nothing is duplicated', async () => {
    const before = await articlesOf(target.site.id);
    const changed = legacy.truth.articles.find((a) => a.column === '通知公告')!;
    legacy.edit(changed.id, { lead: '（更正）本通知有关时间安排调整如下，请各单位遵照执行。' });
    const again = await importInto(target);
    const after = await articlesOf(target.site.id);
    expect(after).toHaveLength(before.length);
    expect(again.counts).toMatchObject({ imported: 0, updated: 1, unchanged: before.length - 1 });
    const row = after.find((r) => r.title === changed.title)!;
    const revs = await deps.db.kysely
      .selectFrom('article_revisions')
      .selectAll()
      .where('article_id', '=', row.id)
      .orderBy('number')
      .execute();
    expect(revs).toHaveLength(2);
    expect(revs[1]!.body_html).toContain('（更正）');
    expect(row.live_revision_id).toBe(revs[1]!.id);
    expect(row.first_published_at).toBe(beijingMidnight(changed.date));
  });
});

describe('a dry run and an interrupted import', () => {
  it('reports what a dry run would import, per column, and writes no article', async () => {
    const target = await buildTarget();
    const dry = await importInto(target, { dryRun: true });
    expect(dry.status).toBe('done');
    expect(await articlesOf(target.site.id)).toHaveLength(0);
    const notices = legacy.truth.articles.filter((a) => a.column === '通知公告');
    const col = dry.byColumn.find((c) => c.name === '通知公告')!;
    // The articles the first import already brought in count as updates or unchanged; this one target is new, but the old URLs are known.
    expect((col.outcomes.imported ?? 0) + (col.outcomes.updated ?? 0) + (col.outcomes.unchanged ?? 0) + (col.outcomes.duplicate ?? 0)).toBe(
      notices.reduce((s, a) => s + a.paths.length, 0),
    );
    const pages = await importPages(deps, target.admin, dry.id, { kind: 'article', limit: 500 });
    expect(
      pages.items
        .filter((p) => p.outcome !== 'duplicate' && p.outcome !== 'failed' && p.outcome !== 'skipped')
        .every((p) => p.reason?.startsWith('试运行')),
    ).toBe(true);
  });

  it('finishes an interrupted import without duplicating anything', async () => {
    const other = await buildSite(deps, { name: '另一个原网站', hosting: 'external', baseUrl: legacy.url('/') });
    const target = await buildTarget();
    const made = await createImport(deps, target.admin, {
      sourceSiteId: other.id,
      targetSiteId: target.site.id,
      startUrl: legacy.url('/'),
      options: FAST,
    });
    await drain();
    const analysed = await getImport(deps, target.admin, made.id);
    const mapping = Object.fromEntries(analysed.columns.map((c) => [c.key, c.suggestion.columnId]));
    const confirmed = await confirmMapping(deps, target.admin, made.id, { version: analysed.version, mapping });
    await startImport(deps, target.admin, made.id, { version: confirmed.version });
    const part = await runImport(deps, jobActor('test'), made.id, { limit: 10 });
    expect(part.handled).toBe(10);
    expect(part.remaining).toBeGreaterThan(0);
    expect(await articlesOf(target.site.id)).toHaveLength(10);
    await drain();
    const done = await getImport(deps, target.admin, made.id);
    expect(done.status).toBe('done');
    const rows = await articlesOf(target.site.id);
    expect(rows).toHaveLength(legacy.truth.articles.filter((a) => IMPORTED_COLUMNS.includes(a.column)).length);
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
  });

  it('with reviewEach, puts the imported articles into the normal review instead of publishing them', async () => {
    const other = await buildSite(deps, { name: '第三个原网站', hosting: 'external', baseUrl: legacy.url('/') });
    const target = await buildTarget();
    const made = await createImport(deps, target.admin, {
      sourceSiteId: other.id,
      targetSiteId: target.site.id,
      startUrl: legacy.url('/'),
      options: { ...FAST, reviewEach: true },
    });
    await drain();
    const analysed = await getImport(deps, target.admin, made.id);
    const mapping = Object.fromEntries(analysed.columns.map((c) => [c.key, c.name === '工作动态' ? target.columns.news.id : null]));
    const confirmed = await confirmMapping(deps, target.admin, made.id, { version: analysed.version, mapping });
    await startImport(deps, target.admin, made.id, { version: confirmed.version });
    await drain();
    const rows = await articlesOf(target.site.id);
    expect(rows).toHaveLength(legacy.truth.articles.filter((a) => a.column === '工作动态').length);
    expect(rows.every((r) => r.status !== 'published' && r.first_published_at === null && r.migrated_from)).toBe(true);
    expect(rows.some((r) => r.status === 'in_review')).toBe(true);
  });
});

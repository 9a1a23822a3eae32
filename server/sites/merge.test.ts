/** A department site merged into its county portal: columns, articles, channels and service items move; 索引号 and old URLs hold. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateOrg } from '#server/accounts/index.ts';
import { jobRegistry } from '#server/composition.ts';
import { getArticle } from '#server/content/index.ts';
import { createServiceItem } from '#server/guides/index.ts';
import { createChannel } from '#server/interaction/index.ts';
import { drainJobs } from '#server/platform/jobs/index.ts';
import { rebuildSiteRedirects, siteFolder } from '#server/publishing/index.ts';
import { getLifecycle, takeLifecycleStep, updateColumn } from '#server/sites/index.ts';
import { createSubscription } from '#server/syndication/index.ts';
import {
  activateSite,
  buildColumn,
  buildNewsroom,
  buildOrg,
  buildSite,
  factoryActor,
  factoryApprover,
  publishThroughReview,
} from '#test/factories.ts';
import { completeGuide } from '#test/guides.ts';
import { createTestApp, type TestApp } from '#test/http.ts';

let t: TestApp;
let dataDir: string;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-merge-'));
  t = await createTestApp({ config: { GONGKAI_DATA_DIR: dataDir }, now: '2026-11-27T02:00:00.000Z' });
});
afterEach(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const db = () => t.deps.db.kysely;
const runJobs = () => drainJobs(t.deps, jobRegistry());
const PORTAL_CODE = '9901000001';
const PORTAL_HOST = 'www.example-county.gov.cn';
const DEPT_CODE = '9901000062';

/** A county portal (with its own columns) and a department site with two columns (one nested), articles, a channel and a service item. */
async function setting(portalSlugs: string[] = ['gzdt']) {
  const county = await buildOrg(t.deps, { level: 'county', name: '示例县人民政府' });
  const portal = await buildSite(t.deps, {
    sponsorOrgId: county.id,
    kind: 'portal',
    name: '示例县人民政府门户网站',
    status: 'active',
    code: PORTAL_CODE,
    domains: [PORTAL_HOST],
  });
  const portalColumns = [];
  for (const slug of portalSlugs) portalColumns.push(await buildColumn(t.deps, portal.id, { name: `门户栏目${slug}`, slug }));
  const room = await buildNewsroom(t.deps);
  // The portal's first column shows the department's policies (统一信息资源库).
  await createSubscription(t.deps, factoryActor, { columnId: portalColumns[0]!.id, sourceColumnId: room.columns.policy.id, auto: true });
  const notices = await buildColumn(t.deps, room.site.id, { name: '通知公告', slug: 'tzgg', parentId: room.columns.news.id });
  await updateColumn(t.deps, factoryActor, room.site.id, room.columns.policy.id, { catalogueCategory: 'art20.1' });
  await activateSite(t.deps, room.site.id, { code: DEPT_CODE, domains: ['ny.example-county.gov.cn'] });
  const orgId = room.site.sponsorOrgId;
  await updateOrg(t.deps, factoryActor, orgId, { indexTemplate: '{creditCode}-{category}/{YYYY}-{NNNNN}' });
  const articles = {
    policy: await publishThroughReview(t.deps, room, {
      columnId: room.columns.policy.id,
      type: 'policy',
      title: '示例县农业补贴办法',
      summary: '补贴办法的内容概述',
      metadata: { issuingOrg: '示例县农业农村局', validity: 'valid', docNumber: '示农发〔2026〕1号', writtenOn: '2026-03-02' },
    }),
    news: await publishThroughReview(t.deps, room, { columnId: room.columns.news.id, type: 'news', title: '局领导调研春耕' }),
    notice: await publishThroughReview(t.deps, room, { columnId: notices.id, type: 'news', title: '关于春耕备耕的通知' }),
  };
  const channel = await createChannel(t.deps, factoryActor, room.site.id, {
    kind: 'consultation',
    name: '农业咨询',
    handlingOrgId: orgId,
    replyDays: 5,
    publishReplies: true,
    reviewReplies: false,
    reopenOnUnsatisfied: false,
    enabled: true,
  });
  const item = await createServiceItem(t.deps, factoryActor, room.site.id, { ...completeGuide('NY-1'), orgId });
  await runJobs();
  return { portal, room, notices, articles, channel, item };
}

async function merge(siteId: string, portalId: string) {
  const seq = async () => (await getLifecycle(t.deps, factoryActor, siteId)).seq;
  await takeLifecycleStep(t.deps, factoryActor, siteId, 'requestMerge', {
    expectedSeq: await seq(),
    reason: '整合到县政府门户网站',
    parentSiteId: portalId,
    dataMigrated: true,
  });
  return takeLifecycleStep(t.deps, factoryApprover, siteId, 'approve', { expectedSeq: await seq(), opinion: '同意整合' });
}

describe('merging a department site into its county portal', () => {
  it('moves columns, articles, channels and service items; keeps 索引号; publishes the articles at new paths and redirects the old ones', async () => {
    const { portal, room, notices, articles, channel, item } = await setting();
    const ids = Object.values(articles);
    const before = await db().selectFrom('published_articles').select(['article_id', 'path']).where('site_id', '=', room.site.id).execute();
    expect(before).toHaveLength(3);
    const indexNo = (await getArticle(t.deps, factoryActor, articles.policy)).indexNo;
    expect(indexNo).toMatch(/-01\/2026-00001$/);
    const revisions = await db().selectFrom('article_revisions').select('id').where('article_id', 'in', ids).orderBy('id').execute();

    expect((await merge(room.site.id, portal.id)).status).toBe('closing');

    // The channel column, named after the site, with the site's tree under it (the clashing slug renamed).
    const cols = await db().selectFrom('site_columns').selectAll().where('site_id', '=', portal.id).execute();
    const channelCol = cols.find((c) => c.slug === DEPT_CODE)!;
    expect(channelCol).toMatchObject({ name: room.site.name, parent_id: null, status: 'active' });
    const byId = new Map(cols.map((c) => [c.id, c]));
    expect(byId.get(room.columns.news.id)).toMatchObject({ parent_id: channelCol.id, slug: 'gzdt-2' });
    expect(byId.get(room.columns.policy.id)).toMatchObject({ parent_id: channelCol.id, slug: 'zcwj', catalogue_category: 'art20.1' });
    expect(byId.get(notices.id)).toMatchObject({ parent_id: room.columns.news.id, slug: 'tzgg' });
    expect(await db().selectFrom('site_columns').select('id').where('site_id', '=', room.site.id).execute()).toEqual([]);

    // Articles, channel and service item belong to the portal; 索引号 and revisions unchanged.
    const moved = await db().selectFrom('articles').select(['id', 'site_id', 'column_id']).where('id', 'in', ids).execute();
    expect(moved.every((a) => a.site_id === portal.id)).toBe(true);
    expect(moved.find((a) => a.id === articles.notice)!.column_id).toBe(notices.id);
    expect((await getArticle(t.deps, factoryActor, articles.policy)).indexNo).toBe(indexNo);
    expect(await db().selectFrom('article_revisions').select('id').where('article_id', 'in', ids).orderBy('id').execute()).toEqual(
      revisions,
    );
    expect(
      (await db().selectFrom('interaction_channels').select('site_id').where('id', '=', channel.id).executeTakeFirstOrThrow()).site_id,
    ).toBe(portal.id);
    expect((await db().selectFrom('service_items').select('site_id').where('id', '=', item.id).executeTakeFirstOrThrow()).site_id).toBe(
      portal.id,
    );

    // The portal's subscription to the department's policies now names the portal on both sides.
    expect(await db().selectFrom('column_subscriptions').select(['site_id', 'source_site_id']).execute()).toEqual([
      { site_id: portal.id, source_site_id: portal.id },
    ]);
    expect(await db().selectFrom('syndications').select(['article_id', 'source_site_id', 'site_id']).execute()).toEqual([
      { article_id: articles.policy, source_site_id: portal.id, site_id: portal.id },
    ]);

    // One audit entry with the counts.
    const audit = await db().selectFrom('audit_events').selectAll().where('action', '=', 'sites.merge.move').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      portalSiteId: portal.id,
      channelSlug: DEPT_CODE,
      columns: 3,
      articles: 3,
      oldUrls: 3,
      channels: 1,
      serviceItems: 1,
      subscriptions: 1,
      syndications: 1,
      renamedColumns: [{ id: room.columns.news.id, from: 'gzdt', to: 'gzdt-2' }],
    });

    // The portal's build has the articles at their new paths.
    await runJobs();
    const after = await db()
      .selectFrom('published_articles')
      .select(['article_id', 'site_id', 'path'])
      .where('article_id', 'in', ids)
      .execute();
    expect(after).toHaveLength(3);
    const newPath = new Map(after.map((p) => [p.article_id, p.path]));
    expect(after.every((p) => p.site_id === portal.id)).toBe(true);
    expect(newPath.get(articles.notice)).toMatch(new RegExp(`^/${DEPT_CODE}/gzdt-2/tzgg/`));
    expect(newPath.get(articles.policy)).toMatch(new RegExp(`^/${DEPT_CODE}/zcwj/`));
    const titles = new Map([
      [articles.policy, '示例县农业补贴办法'],
      [articles.news, '局领导调研春耕'],
      [articles.notice, '关于春耕备耕的通知'],
    ]);
    for (const p of after)
      expect(fs.readFileSync(path.join(siteFolder(dataDir, PORTAL_CODE), p.path), 'utf8')).toContain(titles.get(p.article_id));

    // The search finds them on the portal.
    const docs = await db().selectFrom('search_documents').select(['site_id', 'url']).where('article_id', 'in', ids).execute();
    expect(docs.map((d) => d.site_id)).toEqual([portal.id, portal.id, portal.id]);

    // The portal's 政府信息公开目录 lists the policy under the same 索引号.
    expect(
      await db().selectFrom('catalogue_entries').select(['site_id', 'index_no', 'url']).where('article_id', '=', articles.policy).execute(),
    ).toEqual([{ site_id: portal.id, index_no: indexNo, url: newPath.get(articles.policy) }]);

    // Each old page of the merged site leads to the article's new page: the jobs rebuilt the map
    // after the portal's build, and a rebuild now gives the same.
    const expected = new Map(before.map((b) => [b.path, `https://${PORTAL_HOST}${newPath.get(b.article_id)!}`]));
    const redirects = () =>
      db().selectFrom('site_redirects').select(['path', 'target', 'kind']).where('site_id', '=', room.site.id).execute();
    expect(new Map((await redirects()).map((r) => [r.path, r.target]))).toEqual(expected);
    expect(await rebuildSiteRedirects(t.deps, room.site.id)).toEqual({ entries: 3 });
    expect(new Map((await redirects()).map((r) => [r.path, r.target]))).toEqual(expected);
    expect((await redirects()).every((r) => r.kind === 'article')).toBe(true);
  });

  it('picks another slug when the portal already has a top column named after the site’s code', async () => {
    const { portal, room } = await setting([DEPT_CODE]);
    await merge(room.site.id, portal.id);
    const top = await db()
      .selectFrom('site_columns')
      .select(['slug', 'name'])
      .where('site_id', '=', portal.id)
      .where('parent_id', 'is', null)
      .orderBy('slug')
      .execute();
    expect(top).toEqual([
      { slug: DEPT_CODE, name: `门户栏目${DEPT_CODE}` },
      { slug: `${DEPT_CODE}-2`, name: room.site.name },
    ]);
  });

  it('refuses the approval, moving nothing, when the portal has a service item under the same code', async () => {
    const { portal, room, item } = await setting();
    await createServiceItem(t.deps, factoryActor, portal.id, { ...completeGuide('NY-1'), orgId: portal.sponsorOrgId });
    await expect(merge(room.site.id, portal.id)).rejects.toThrow('门户网站已有相同编码的办事事项（NY-1）');
    expect((await getLifecycle(t.deps, factoryActor, room.site.id)).status).toBe('active');
    expect((await db().selectFrom('service_items').select('site_id').where('id', '=', item.id).executeTakeFirstOrThrow()).site_id).toBe(
      room.site.id,
    );
    expect(await db().selectFrom('site_columns').select('id').where('site_id', '=', portal.id).execute()).toHaveLength(1);
  });
});

/**
 * Writes a site's 办事服务 pages from the guides room's published catalogue: the catalogue home,
 * the lists per department, topic and life event, one page per item, the forms and samples
 * they offer and the sitemap chunk; and keeps the items in the site search. Every pass writes
 * the whole set (a site has hundreds of items, a portal a few thousand) and removes whatever
 * else is under /bsfw/, so a withdrawn item or a shrunk list leaves no page behind.
 */
import { AUDIENCE_LABELS, type Audience } from '../../common/service-items.ts';
import { publishedServiceCatalogue, servicePagePath, type PublishedServiceItem } from '../guides/index.ts';
import type { Deps } from '../platform/deps.ts';
import { storedFilePath } from '../platform/stored-files.ts';
import { indexedArticleIds, indexedDocuments, removeSearchDocuments, upsertSearchDocuments, type SearchDocument } from '../search/index.ts';
import type { PublicFiles } from './public-files.ts';
import { PAGE_SIZE, pageCount } from './render/index.ts';
import {
  renderServiceHome,
  renderServiceItem,
  renderServiceList,
  renderServicesSitemap,
  SERVICE_SEARCH,
  type ServiceFileView,
  type ServiceGroupLink,
  type ServiceItemEntry,
} from './render/service-pages.ts';
import { SERVICES_DIR, SERVICES_INDEX_PATH, SERVICES_PATH, SITEMAP_SERVICES_PATH, filePath, serviceListPath } from './rules/paths.ts';
import { catalogueSignature, serviceLists, serviceSearchText, sortServiceItems, type ServiceList } from './rules/service-catalogue.ts';
import { pageContext, type SiteModel } from './site-model.ts';

export interface ServicePagesResult {
  /** HTML pages written. */
  pages: number;
  /** The items that have a page now (for the search index). */
  items: PublishedServiceItem[];
  /** What the catalogue held when the pass read it (see catalogueSignature). */
  signature: string;
}

const LIST_KIND_LABELS = { bm: '部门', zt: '主题' } as const;

function listKindLabel(list: ServiceList<unknown>): string {
  return list.kind === 'sj' ? `${AUDIENCE_LABELS[list.audience ?? 'person']}·人生事件` : LIST_KIND_LABELS[list.kind];
}

/** Writes every 办事服务 page of the site and removes the files under /bsfw/ it did not write. */
export async function writeServicePages(deps: Deps, model: SiteModel, out: PublicFiles, now: string): Promise<ServicePagesResult> {
  const catalogue = await publishedServiceCatalogue(deps, model.siteId);
  const items = sortServiceItems(catalogue.items);
  const written = new Set<string>();
  const write = (path: string, content: string) => {
    out.write(path, content);
    written.add(path);
  };

  // Blank forms and samples are stored files, placed once by content hash (as article attachments are).
  const files = new Map<string, ServiceFileView>();
  for (const item of items)
    for (const m of item.guide.materials)
      for (const id of [m.formFileId, m.sampleFileId]) {
        const f = id ? catalogue.files.get(id) : undefined;
        if (!f || files.has(f.id)) continue;
        const path = filePath(f.sha256, f.ext);
        out.place(path, storedFilePath(deps.config.dataDir, f.sha256));
        files.set(f.id, { path, ext: f.ext, size: f.size });
      }

  const lists = serviceLists(items);
  const departments = new Set(lists.departments.map((l) => l.key));
  const entries = new Map(
    items.map((i): [string, ServiceItemEntry] => [
      i.id,
      {
        id: i.id,
        code: i.code,
        path: servicePagePath(i.code),
        orgId: i.orgId,
        orgName: i.orgName,
        orgPath: departments.has(i.orgId) ? serviceListPath('bm', i.orgId, 1) : null,
        guide: i.guide,
        publishedAt: i.publishedAt,
        reviewedOn: i.reviewedOn,
      },
    ]),
  );

  const listed = [...lists.departments, ...lists.topics, ...lists.lifeEvents].filter((l) => l.items.length > 0);
  for (const list of listed) {
    const total = list.items.length;
    const pagePath = (p: number) => serviceListPath(list.kind, list.key, p);
    for (let page = 1; page <= pageCount(total); page++) {
      const path = pagePath(page);
      const onPage = list.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((i) => entries.get(i.id)!);
      write(
        path,
        renderServiceList(pageContext(model, path, now), {
          kindLabel: listKindLabel(list),
          name: list.name,
          items: onPage,
          page,
          total,
          pagePath,
        }),
      );
    }
  }
  for (const entry of entries.values()) write(entry.path, renderServiceItem(pageContext(model, entry.path, now), entry, files));

  const link = (l: ServiceList<unknown>): ServiceGroupLink => ({
    name: l.name,
    count: l.items.length,
    path: l.items.length ? serviceListPath(l.kind, l.key, 1) : null,
  });
  const events = (audience: Audience) => lists.lifeEvents.filter((l) => l.audience === audience).map(link);
  write(
    SERVICES_INDEX_PATH,
    renderServiceHome(pageContext(model, SERVICES_INDEX_PATH, now), {
      total: items.length,
      lifeEvents: { person: events('person'), legal: events('legal') },
      topics: lists.topics.map(link),
      departments: lists.departments.map(link),
    }),
  );
  const pages = written.size;

  out.write(
    SITEMAP_SERVICES_PATH,
    renderServicesSitemap(pageContext(model, SITEMAP_SERVICES_PATH, now), [
      { path: SERVICES_PATH, lastmod: null },
      ...listed.map((l) => ({ path: serviceListPath(l.kind, l.key, 1), lastmod: null })),
      ...[...entries.values()].map((e) => ({ path: e.path, lastmod: e.publishedAt })),
    ]),
  );

  // Whatever else is under /bsfw/ (a withdrawn item's page, a list's lost last page) goes, with its compressed copies.
  for (const file of out.list(SERVICES_DIR)) {
    const page = file.replace(/\.(gz|br)$/, '');
    if (!written.has(page) && !file.endsWith('.tmp')) out.remove(page);
  }
  return { pages, items, signature: catalogueSignature(catalogue.items) };
}

/**
 * Puts the items into the site search (as documents of type `serviceItem`, one per item, under
 * the item's id) and takes out those of the site's items that are no longer published.
 * Documents the index holds as they are (same page, name and publication) are left alone.
 */
export async function indexServiceItems(deps: Deps, model: SiteModel, items: readonly PublishedServiceItem[]): Promise<void> {
  const held = new Map(
    (
      await indexedDocuments(
        deps.db,
        items.map((i) => i.id),
      )
    ).map((d) => [d.articleId, d]),
  );
  const docs: SearchDocument[] = [];
  for (const i of items) {
    const url = servicePagePath(i.code);
    const h = held.get(i.id);
    if (h && h.url === url && h.publishedAt === i.publishedAt && h.title === i.guide.name && h.columnName === SERVICE_SEARCH.columnName)
      continue;
    docs.push({
      articleId: i.id,
      siteId: model.siteId,
      columnId: SERVICE_SEARCH.columnId,
      columnName: SERVICE_SEARCH.columnName,
      type: SERVICE_SEARCH.type,
      title: i.guide.name,
      bodyText: serviceSearchText(i),
      publishedAt: i.publishedAt,
      url,
    });
  }
  if (docs.length) await upsertSearchDocuments(deps.db, docs);
  const listed = new Set(items.map((i) => i.id));
  await removeSearchDocuments(
    deps.db,
    (await indexedArticleIds(deps.db, model.siteId, SERVICE_SEARCH.type)).filter((id) => !listed.has(id)),
  );
}

/** Whether the published catalogue still is what a pass wrote (nothing published or withdrawn since). */
export async function servicesUnchangedSince(deps: Deps, siteId: string, signature: string): Promise<boolean> {
  return catalogueSignature((await publishedServiceCatalogue(deps, siteId)).items) === signature;
}

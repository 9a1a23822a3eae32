/**
 * What a site's pages are made of, loaded from the database: the site's identity and theme,
 * its column tree with public paths, and per batch of articles the references their pages
 * need (linked articles, files, policy ↔ interpretation). Rendering itself is pure (render/).
 */
import { indexNumbersOf } from '../disclosure/index.ts';
import { ARTICLE_TYPE_CONFIG, columnAccepts, type ArticleType, type Validity } from '../../common/content.ts';
import type { ArticleMetadata } from '../../common/schemas/content.ts';
import { DEFAULT_HOME_BLOCKS, FRESHNESS_LABELS, type FreshnessClass, type SiteTheme } from '../../common/schemas/sites.ts';
import { storedFilePath } from '../platform/stored-files.ts';
import type { Deps } from '../platform/deps.ts';
import { Errors } from '../platform/errors.ts';
import {
  publicArticleQueries,
  publicSites,
  syndicatedLists,
  type ListedArticleRow,
  type PublicArticleRow,
} from './publishing.repository.ts';
import type { ArticleSummary, ArticleView, ColumnRef, ColumnView, HomeLists, Links, RenderContext, SiteView } from './render/index.ts';
import {
  ASSETS_DIR,
  SEARCH_PATH,
  CATALOGUE_PATH,
  INTERACTION_PATH,
  DISCLOSURE_REQUEST_PATH,
  SERVICES_PATH,
  GUIDE_PATH,
  SITE_MAP_PATH,
  articlePath,
  columnDir,
  columnPageUrl,
  filePath,
  previewRoot,
  relativeUrl,
  rssPath,
} from './rules/paths.ts';

export interface ModelColumn extends ColumnView {
  freshnessClass: string;
  accepts: string[] | null;
  /** The 政府信息公开目录 category the column feeds, or null. */
  catalogueCategory: string | null;
}

export interface SiteModel {
  siteId: string;
  code: string;
  view: SiteView;
  columns: ModelColumn[];
  columnById: Map<string, ModelColumn>;
  nav: ColumnRef[];
}

/** Article and file targets a page links to, resolved for one batch. */
export interface PageRefs {
  articles: Map<string, string>;
  files: Map<string, { path: string; size: number; source: string }>;
  /** Absolute URLs of other sites' article pages the page lists (syndicated entries). */
  remote?: Map<string, string>;
}

const EMPTY_REFS: PageRefs = { articles: new Map(), files: new Map() };

function recordCode(psb: string): string {
  return psb.replace(/\D/g, '');
}

/** A site's public address: its first domain, else its registered address, else the platform's preview. */
function publicUrl(s: { code: string | null; domains: string; base_url: string | null }): string | null {
  const domains = JSON.parse(s.domains) as string[];
  if (domains[0]) return `https://${domains[0]}/`;
  if (s.base_url) return s.base_url;
  return s.code ? `/sites/${s.code}/` : null;
}

async function noticeOf(
  deps: Deps,
  site: {
    status: string;
    notice_text: string | null;
    notice_until: string | null;
    successor_site_id: string | null;
    successor_url: string | null;
  },
): Promise<SiteView['notice']> {
  if (site.status === 'offline')
    return { kind: 'offline', text: site.notice_text, successorName: null, successorUrl: null, until: site.notice_until };
  if (site.status !== 'closing') return null;
  const successor = site.successor_site_id ? await publicSites.successor(deps.db.kysely, site.successor_site_id) : undefined;
  return {
    kind: 'closing',
    text: site.notice_text,
    successorName: successor?.name ?? null,
    successorUrl: successor ? publicUrl(successor) : site.successor_url,
    until: site.notice_until,
  };
}

/** Loads a site's model; throws when the site cannot be published (no code, not hosted). */
export async function loadSiteModel(deps: Deps, siteId: string): Promise<SiteModel> {
  const db = deps.db.kysely;
  const site = await publicSites.byId(db, siteId);
  if (!site) throw Errors.notFound('网站不存在');
  if (!site.code) throw Errors.conflict('网站尚未取得网站标识码，不能发布');
  const rows = await publicSites.columns(db, siteId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chain = (id: string): typeof rows => {
    const out: typeof rows = [];
    for (let c = byId.get(id); c && out.length < 20; c = c.parent_id ? byId.get(c.parent_id) : undefined) out.unshift(c);
    return out;
  };
  const columns: ModelColumn[] = [];
  for (const r of rows) {
    const path = chain(r.id);
    // A column under a closed parent is not reachable: it is left out with its parent.
    if (path[0]?.parent_id) continue;
    const dir = columnDir(path.map((c) => c.slug));
    columns.push({
      id: r.id,
      name: r.name,
      slug: r.slug,
      path: dir,
      typeLabel: FRESHNESS_LABELS[r.freshness_class as FreshnessClass] ?? r.freshness_class,
      parentId: r.parent_id,
      ancestors: [],
      freshnessClass: r.freshness_class,
      accepts: r.accepts ? (JSON.parse(r.accepts) as string[]) : null,
      catalogueCategory: r.catalogue_category,
    });
  }
  const columnById = new Map(columns.map((c) => [c.id, c]));
  for (const c of columns)
    c.ancestors = chain(c.id)
      .slice(0, -1)
      .map((a) => ref(columnById.get(a.id)!));
  const theme = JSON.parse(site.theme) as SiteTheme;
  const contact = JSON.parse(site.contact) as SiteView['contact'];
  const domains = JSON.parse(site.domains) as string[];
  const view: SiteView = {
    notice: await noticeOf(deps, site),
    name: site.name,
    code: site.code,
    domain: domains[0] ?? `${site.code}.invalid`,
    sponsorName: site.sponsor_name,
    contact,
    icp: site.icp_number,
    psb: site.psb_number ? { number: site.psb_number, recordCode: recordCode(site.psb_number) } : null,
    conacId: site.conac_id,
    theme: {
      colors: theme.colors ?? [],
      logoUrl: theme.logoUrl ?? null,
      bannerUrl: theme.bannerUrl ?? null,
      homeBlocks: theme.homeBlocks ?? DEFAULT_HOME_BLOCKS,
    },
  };
  return {
    siteId,
    code: site.code,
    view,
    columns,
    columnById,
    nav: columns.filter((c) => c.parentId === null).map(ref),
  };
}

function ref(c: ModelColumn): ColumnRef {
  return { id: c.id, name: c.name, path: c.path };
}

/** The page path of a public article, or null when its column is not public. */
export function articlePagePath(model: SiteModel, a: { column_id: string; first_published_at: string; id: string }): string | null {
  const col = model.columnById.get(a.column_id);
  return col ? articlePath(col.path, a.first_published_at, a.id) : null;
}

/**
 * Render context for the page at `pagePath`: every link is relative to it — or, with `root`
 * (e.g. `/` or `/sites/<code>/`), absolute under that root, for a page served at any URL (404).
 */
export function pageContext(model: SiteModel, pagePath: string, now: string, refs: PageRefs = EMPTY_REFS, root?: string): RenderContext {
  const to = root === undefined ? (p: string) => relativeUrl(pagePath, p) : (p: string) => root + p.slice(1);
  const links: Links = {
    home: to('/'),
    siteMap: to(SITE_MAP_PATH),
    search: to(SEARCH_PATH),
    disclosureRequest: to(DISCLOSURE_REQUEST_PATH),
    catalogue: to(CATALOGUE_PATH),
    guide: to(GUIDE_PATH),
    // Both are the platform's own pages on every site, not columns.
    section: (kind) => to(kind === 'interaction' ? INTERACTION_PATH : SERVICES_PATH),
    page: to,
    article: (id) => {
      const p = refs.articles.get(id);
      return p ? to(p) : (refs.remote?.get(id) ?? null);
    },
    file: (id) => {
      const f = refs.files.get(id);
      return f ? to(f.path) : null;
    },
    column: (c, page) => to(columnPageUrl(c.path, page)),
    rss: (c) => to(rssPath(c.path)),
    asset: (name) => to(`${ASSETS_DIR}/${name}`),
  };
  return { site: model.view, nav: model.nav, links, pagePath, now };
}

// ---------------------------------------------------------------- article batches

const REF_RE = /gk:(article|file):([A-Za-z0-9-]{1,40})/g;

function parseMetadata(raw: string): ArticleMetadata {
  try {
    return JSON.parse(raw) as ArticleMetadata;
  } catch {
    return {};
  }
}

/** Policy ↔ interpretation partners of each article in the batch. */
export interface BatchRelations {
  policies: Map<string, string[]>;
  interpretations: Map<string, string[]>;
  titles: Map<string, string>;
}

export interface ArticleBatch {
  rows: PublicArticleRow[];
  metadata: Map<string, ArticleMetadata>;
  refs: PageRefs;
  relations: BatchRelations;
  /** Each page's references to other articles (body links, the replacing document), resolved or not. */
  mentions: { article_id: string; target_id: string }[];
  /** 索引号 of the batch's articles (those that have one). */
  indexNumbers: Map<string, string>;
}

/** Resolves everything the pages of these articles link to, in a few queries. */
export async function loadBatch(deps: Deps, model: SiteModel, rows: PublicArticleRow[]): Promise<ArticleBatch> {
  const db = deps.db.kysely;
  const metadata = new Map(rows.map((r) => [r.id, parseMetadata(r.metadata)]));
  const articleIds = new Set<string>();
  const fileIds = new Set<string>();
  const mentions: { article_id: string; target_id: string }[] = [];
  for (const r of rows) {
    const targets = new Set<string>();
    for (const m of r.body_html.matchAll(REF_RE)) (m[1] === 'article' ? targets : fileIds).add(m[2]!);
    const md = metadata.get(r.id)!;
    if (md.replacedBy) targets.add(md.replacedBy);
    for (const a of md.attachments ?? []) fileIds.add(a.fileId);
    for (const t of targets) {
      articleIds.add(t);
      if (t !== r.id) mentions.push({ article_id: r.id, target_id: t });
    }
  }
  const links = await publicArticleQueries.links(
    db,
    rows.map((r) => r.id),
  );
  const policies = new Map<string, string[]>();
  const interpretations = new Map<string, string[]>();
  for (const l of links) {
    push(policies, l.interpretation_id, l.policy_id);
    push(interpretations, l.policy_id, l.interpretation_id);
    articleIds.add(l.policy_id).add(l.interpretation_id);
  }
  const listed: ListedArticleRow[] = await publicArticleQueries.listedByIds(db, [...articleIds]);
  const articles = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const a of listed) {
    const p = articlePagePath(model, a);
    if (p) articles.set(a.id, p);
    titles.set(a.id, a.title);
  }
  for (const r of rows) {
    const p = articlePagePath(model, r);
    if (p) articles.set(r.id, p);
    titles.set(r.id, r.title);
  }
  const files = new Map<string, { path: string; size: number; source: string }>();
  for (const f of await publicArticleQueries.files(db, [...fileIds]))
    files.set(f.id, { path: filePath(f.sha256, f.ext), size: f.size, source: storedFilePath(deps.config.dataDir, f.sha256) });
  const indexNumbers = await indexNumbersOf(
    deps,
    rows.map((r) => r.id),
  );
  return { rows, metadata, refs: { articles, files }, relations: { policies, interpretations, titles }, mentions, indexNumbers };
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const CATALOGUE_FIELDS = ['issuingOrg', 'docNumber', 'writtenOn'] as const;

/** The view of one article of a batch, for its page (`ctx` made with the batch's refs). */
export function articleView(batch: ArticleBatch, row: PublicArticleRow, ctx: RenderContext): ArticleView {
  const md = batch.metadata.get(row.id) ?? {};
  const type = row.type as ArticleType;
  const config = ARTICLE_TYPE_CONFIG[type];
  const isCatalogue = config ? CATALOGUE_FIELDS.some((f) => config.fields.includes(f)) : false;
  const linkRefs = (ids: readonly string[] | undefined) =>
    (ids ?? []).flatMap((id) => {
      const url = ctx.links.article(id);
      const title = batch.relations.titles.get(id);
      return url && title ? [{ title, url }] : [];
    });
  const replacedUrl = md.replacedBy ? ctx.links.article(md.replacedBy) : null;
  const replacedTitle = md.replacedBy ? batch.relations.titles.get(md.replacedBy) : undefined;
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    bodyHtml: row.body_html,
    source: row.source,
    author: md.author ?? null,
    keywords: md.keywords?.join(',') ?? null,
    publishedAt: row.published_at,
    typeLabel: config?.label ?? row.type,
    metadata: isCatalogue
      ? {
          indexNo: batch.indexNumbers.get(row.id) ?? null,
          topic: md.topic ?? null,
          issuingOrg: md.issuingOrg ?? null,
          writtenOn: md.writtenOn ?? null,
          docNumber: md.docNumber ?? null,
          validity: (md.validity as Validity | undefined) ?? null,
          replacedBy: replacedUrl && replacedTitle ? { title: replacedTitle, url: replacedUrl } : null,
        }
      : null,
    attachments: (md.attachments ?? []).flatMap((a) => {
      const f = batch.refs.files.get(a.fileId);
      const url = ctx.links.file(a.fileId);
      return f && url ? [{ name: a.name, url, size: f.size }] : [];
    }),
    relatedPolicies: linkRefs(batch.relations.policies.get(row.id)),
    relatedInterpretations: linkRefs(batch.relations.interpretations.get(row.id)),
    correction: md.correctionNote ? { note: md.correctionNote, at: row.published_at } : null,
  };
}

export function summaryOf(a: ListedArticleRow): ArticleSummary {
  return { id: a.id, title: a.title, publishedAt: a.published_at };
}

// ---------------------------------------------------------------- home

const HOME_LIST_TYPES = { news: 'news', notices: 'notice', policies: 'policy', interpretations: 'interpretation' } as const;
export const HOME_ITEMS = 8;

/** The column that best takes a type: one that names it, then one of its primary class, then any that accepts it. */
function homeColumnFor(model: SiteModel, type: ArticleType): ModelColumn | undefined {
  const rank = (c: ModelColumn) =>
    c.accepts?.includes(type) ? 0 : c.freshnessClass === ARTICLE_TYPE_CONFIG[type].columns[0] ? 1 : columnAccepts(c, type) ? 2 : 3;
  let best: ModelColumn | undefined;
  for (const c of model.columns) if (rank(c) < 3 && (!best || rank(c) < rank(best))) best = c;
  return best;
}

/** The article lists of the home page blocks: the newest articles of each block's type. */
export async function loadHomeLists(deps: Deps, model: SiteModel): Promise<{ lists: HomeLists; refs: PageRefs }> {
  const lists: HomeLists = {};
  const articles = new Map<string, string>();
  const remoteUrls = new Map<string, string>();
  // Taken articles of other sites join the blocks only on a site that took any (the plain query stays on its index).
  const took = await syndicatedLists.siteHasTaken(deps.db.kysely, model.siteId);
  for (const [block, type] of Object.entries(HOME_LIST_TYPES) as [keyof typeof HOME_LIST_TYPES, ArticleType][]) {
    if (!model.view.theme.homeBlocks.includes(block)) continue;
    const items = took
      ? await syndicatedLists.latestOfType(deps.db.kysely, model.siteId, type, HOME_ITEMS)
      : await publicArticleQueries.latestOfType(deps.db.kysely, model.siteId, type, HOME_ITEMS);
    const remote = took ? await loadRemoteRefs(deps, model, items as (ListedArticleRow & { site_id: string })[]) : EMPTY_REMOTE;
    for (const [id, url] of remote.urls) remoteUrls.set(id, url);
    // "More" leads to the column of the newest such article, else to the column that takes the type best.
    const column = (items[0] && model.columnById.get(items[0].column_id)) ?? homeColumnFor(model, type);
    if (!column) continue;
    for (const a of items) {
      const p = articlePagePath(model, a);
      if (p) articles.set(a.id, p);
    }
    lists[block] = { column: ref(column), items: items.map(summaryIn(remote)) };
  }
  const report = await publicArticleQueries.latestWebsiteReport(deps.db.kysely, model.siteId);
  const reportPath = report ? articlePagePath(model, report) : null;
  if (report && reportPath) {
    articles.set(report.id, reportPath);
    lists.websiteReport = summaryOf(report);
  }
  return { lists, refs: { articles, files: new Map(), remote: remoteUrls } };
}

// ---------------------------------------------------------------- syndicated entries

/** Other sites' article pages a list shows: their absolute URLs and the source marks (来源). */
export interface RemoteRefs {
  urls: Map<string, string>;
  via: Map<string, string>;
}

export const EMPTY_REMOTE: RemoteRefs = { urls: new Map(), via: new Map() };

/**
 * Resolves the rows of a list that belong to other sites (taken syndicated entries): the one
 * page of each on its source site — `https://<domain>/…` when the source has a domain, else its
 * preview path `/sites/<code>/…` on the platform — and the source's sponsor org as the mark.
 * A source site not published (no code, not hosted, planned or closed) leaves the title unlinked.
 */
export async function loadRemoteRefs(
  deps: Deps,
  model: SiteModel,
  rows: readonly { id: string; site_id: string; column_id: string; first_published_at: string }[],
): Promise<RemoteRefs> {
  const others = rows.filter((r) => r.site_id !== model.siteId);
  if (!others.length) return EMPTY_REMOTE;
  const out: RemoteRefs = { urls: new Map(), via: new Map() };
  const sites = await syndicatedLists.sourceSites(deps.db.kysely, [...new Set(others.map((r) => r.site_id))]);
  for (const site of sites) {
    const mine = others.filter((r) => r.site_id === site.id);
    for (const r of mine) out.via.set(r.id, site.sponsor_name);
    if (!site.code || site.hosting !== 'hosted' || site.status === 'planned' || site.status === 'closed') continue;
    const source = await loadSiteModel(deps, site.id);
    const domain = (JSON.parse(site.domains) as string[])[0];
    for (const r of mine) {
      const path = articlePagePath(source, r);
      if (path) out.urls.set(r.id, domain ? `https://${domain}${path}` : `${previewRoot(site.code)}${path.slice(1)}`);
    }
  }
  return out;
}

/** `summaryOf` with the source mark of syndicated entries. */
export function summaryIn(remote: RemoteRefs): (a: ListedArticleRow) => ArticleSummary {
  return (a) => {
    const via = remote.via.get(a.id);
    return via ? { ...summaryOf(a), via } : summaryOf(a);
  };
}

/**
 * The data the public-site renderer takes. Views are plain, already-loaded data: the renderer
 * never reads a database, a file or the clock. URLs come from the injected `Links` resolver, which may
 * return root-relative or page-relative URLs (published pages link relatively, so one tree works at
 * a domain's root and under a preview prefix).
 */
import type { Validity } from '../../../common/content.ts';

import type { HomeBlockKind } from '../../../common/schemas/sites.ts';

export { HOME_BLOCKS, type HomeBlockKind } from '../../../common/schemas/sites.ts';

export interface ThemeView {
  /** Up to 3 colours as `#rgb`/`#rrggbb`: primary, secondary, accent. Checked by `resolveThemeColors`. */
  colors: readonly string[];
  /** Logo image URL (site-relative or http(s)); unsafe schemes are dropped. */
  logoUrl: string | null;
  /** Home page banner image URL; unsafe schemes are dropped. */
  bannerUrl: string | null;
  /** Home page blocks, in display order. */
  homeBlocks: readonly HomeBlockKind[];
}

export interface SiteView {
  name: string;
  /** 网站标识码 (§2.4), null while not yet issued. */
  code: string | null;
  /** Main domain, e.g. `www.example.gov.cn`; absolute URLs are `https://<domain>/…`. */
  domain: string;
  /** 主办单位 name. */
  sponsorName: string;
  contact: { phone?: string | null; email?: string | null; address?: string | null };
  /** ICP备案号, e.g. `蜀ICP备05001234号`. */
  icp: string | null;
  /** 公安机关备案: the displayed number and the numeric record code for the beian.gov.cn link. */
  psb: { number: string; recordCode: string } | null;
  /** The id of the 党政机关网站标识 at bszs.conac.cn; null shows a plain-text mark. */
  conacId: string | null;
  description?: string | null;
  keywords?: string | null;
  theme: ThemeView;
  /** The notice every page shows while the site is temporarily offline or closing (site lifecycle), or none. */
  notice?: SiteNoticeView | null;
}

/** A site-wide notice: the filed offline notice, or the closure notice naming and linking the new site. */
export interface SiteNoticeView {
  kind: 'offline' | 'closing';
  /** The notice text filed with the step (offline: required; closing: optional extra words). */
  text: string | null;
  /** Closing: the site that takes over, by name, and its public address. */
  successorName: string | null;
  successorUrl: string | null;
  /** Closing: the last day of the notice, YYYY-MM-DD; offline: the expected return, if filed. */
  until: string | null;
}

/** A column as the public site shows it. */
export interface ColumnView {
  id: string;
  name: string;
  slug: string;
  /** Public path, e.g. `/xwdt/zwyw`. */
  path: string;
  /** ColumnType meta value, e.g. the freshness class or column type label. */
  typeLabel: string;
  parentId: string | null;
  /** Ancestor columns, root first, for breadcrumbs. */
  ancestors: readonly ColumnRef[];
  description?: string | null;
  keywords?: string | null;
}

export interface ColumnRef {
  id: string;
  name: string;
  path: string;
}

/** An article in a list (home blocks, column pages, RSS). */
export interface ArticleSummary {
  id: string;
  title: string;
  publishedAt: string;
  summary?: string | null;
  updatedAt?: string | null;
  /** For an article of another site shown here (syndicated): its source, e.g. the issuing org. */
  via?: string | null;
}

export interface LinkRef {
  title: string;
  url: string;
}

/** Metadata shown in the table of catalogue (公开目录) items, §4.5. */
export interface ArticleMetadataView {
  indexNo: string | null;
  topic: string | null;
  issuingOrg: string | null;
  /** 成文日期, `YYYY-MM-DD` or ISO. */
  writtenOn: string | null;
  docNumber: string | null;
  validity: Validity | null;
  replacedBy: LinkRef | null;
}

export interface ArticleView {
  id: string;
  title: string;
  summary: string | null;
  /** Body HTML returned by `sanitizeRichText`; may contain `gk:article:<id>` and `gk:file:<id>` references. */
  bodyHtml: string;
  source: string | null;
  author: string | null;
  keywords: string | null;
  publishedAt: string;
  /** Article type label (ARTICLE_TYPE_CONFIG[type].label). */
  typeLabel: string;
  /** Null for articles that are not catalogue items (no metadata table). */
  metadata: ArticleMetadataView | null;
  attachments: readonly { name: string; url: string; size: number | null }[];
  /** For an interpretation: the policies it explains; for a policy: its interpretations. */
  relatedPolicies: readonly LinkRef[];
  relatedInterpretations: readonly LinkRef[];
  correction: { note: string; at: string } | null;
}

/** Public URLs, injected by the caller. Resolvers return null for unknown or unpublished targets. */
export interface Links {
  home: string;
  siteMap: string;
  search: string;
  /** The 依申请公开 request form (a page of the application). */
  disclosureRequest: string;
  /** The 政府信息公开目录 and 指南 (pages of the application). */
  catalogue: string;
  guide: string;
  /** Entry pages of the home blocks that are neither article lists nor the catalogue: 政民互动 (/hdjl/) and 办事服务 (/bsfw/). */
  section(kind: 'interaction' | 'services'): string;
  /** Any other static page of the site by its site-root path (e.g. `/bsfw/sx/<code>.html`). */
  page(sitePath: string): string;
  article(id: string): string | null;
  file(id: string): string | null;
  /** Page `page` (1-based) of a column list. */
  column(column: ColumnRef, page: number): string;
  rss(column: ColumnRef): string;
  /** A file of the site's `assets/` folder, e.g. `site.css`. */
  asset(name: string): string;
}

/** What every page needs. `now` is the render instant (ISO), passed in: the renderer reads no clock. */
export interface RenderContext {
  site: SiteView;
  /** Top-level columns for the main navigation, in order. */
  nav: readonly ColumnRef[];
  links: Links;
  /** Site-root path of the page being rendered (e.g. `/xwdt/zwyw/index_2.html`): relative links resolve against it. */
  pagePath: string;
  now: string;
}

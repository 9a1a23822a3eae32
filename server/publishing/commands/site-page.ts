/**
 * A dynamic page in a public site's frame (header, navigation, 适老化 switch, identity footer),
 * for other rooms' public forms: they render the body with the escaping `html` template and
 * get the whole page back, linked like the static pages.
 */
import type { Deps } from '../../platform/deps.ts';
import { publicSites } from '../publishing.repository.ts';
import type { SafeHtml } from '../render/html.ts';
import { layout, siteMeta } from '../render/layout.ts';
import { loadSiteModel, pageContext } from '../site-model.ts';

const SITE_CODE = /^[0-9a-z]{1,16}$/;

export interface SitePageInput {
  /** Site path of the page, one level deep (`/ysqgk`), so its relative links match the static pages'. */
  path: string;
  title: string;
  body: SafeHtml;
  /** Where the 适老化 switch returns to (default: `path`). */
  backPath?: string;
}

/** The page in the frame of the site with this 网站标识码, or null when there is no such site. */
export async function sitePage(deps: Deps, code: string, page: SitePageInput): Promise<string | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const model = await loadSiteModel(deps, siteId);
  const ctx = pageContext(model, page.path, deps.clock.now().toISOString());
  return layout(ctx, {
    title: page.title,
    meta: [...siteMeta(ctx), ['ColumnName', page.title], ['ColumnType', page.title]],
    breadcrumbs: [{ name: page.title, url: null }],
    ...(page.backPath ? { backPath: page.backPath } : {}),
    body: page.body,
  });
}

/** The id of the site with this 网站标识码 (anything that is not a code finds none). */
export async function publicSiteId(deps: Deps, code: string): Promise<string | undefined> {
  return SITE_CODE.test(code) ? publicSites.idByCode(deps.db.kysely, code) : undefined;
}

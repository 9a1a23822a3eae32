/**
 * The 政府信息公开目录 of every hosted site: its items, kept by the publisher beside the search
 * index (an article in a column mapped onto a category is an item while its page is public);
 * the public catalogue and 指南 pages; the office's view of how complete the catalogue is; the
 * 指南's fields, edited by the site's disclosure officers.
 */
import { CATALOGUE_GROUP_LABELS, categoriesFor } from '../../../common/catalogue.ts';
import { beijingDate } from '../../../common/dates.ts';
import { CATALOGUE_PATH, GUIDE_PATH } from '../../../common/public-paths.ts';
import type { OrgLevel } from '../../../common/schemas/accounts.ts';
import { GuideSchema, type CatalogueCoverageView, type CatalogueOverviewItem, type Guide } from '../../../common/schemas/catalogue.ts';
import { recordAudit } from '../../audit/index.ts';
import { can, requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { DisclosureGuideTable } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { publicSiteId, relativeUrl, sitePage } from '../../publishing/index.ts';
import { catalogueEntries, catalogueSites, guides } from '../catalogue.repository.ts';
import { catalogueBody, guideBody, type CatalogueForm } from '../render/catalogue-pages.ts';
import { catalogueCoverage, catalogueEntry, parseCatalogueQuery, type CatalogueSource } from '../rules/catalogue.ts';
import type { PublicPage } from './public-requests.ts';

type Db = Pick<Deps, 'db'>;

/** Items per catalogue page. */
export const CATALOGUE_PAGE_SIZE = 20;

/**
 * Puts these published articles into their site's catalogue (or updates them), with their 索引号
 * and org; `unmapped` are public articles of columns not mapped onto a category, which leave it.
 */
export async function recordCatalogueEntries(
  deps: Db,
  sources: readonly CatalogueSource[],
  unmapped: readonly string[] = [],
): Promise<void> {
  const db = deps.db.kysely;
  if (unmapped.length) await catalogueEntries.remove(db, unmapped);
  if (!sources.length) return;
  const numbers = new Map(
    (
      await catalogueEntries.numbering(
        db,
        sources.map((s) => s.articleId),
      )
    ).map((r) => [r.article_id, r]),
  );
  const sponsors = new Map<string, string | null>();
  for (const s of sources)
    if (!numbers.has(s.articleId) && !sponsors.has(s.siteId)) sponsors.set(s.siteId, await catalogueEntries.sponsorOf(db, s.siteId));
  const entries = sources.flatMap((s) => {
    const n = numbers.get(s.articleId);
    const orgId = n?.org_id ?? sponsors.get(s.siteId);
    return orgId ? [catalogueEntry(s, { indexNo: n?.index_no ?? null, orgId })] : [];
  });
  await catalogueEntries.upsert(db, entries);
}

/** Takes these articles out of the catalogue (retracted, or their page is gone). */
export async function removeCatalogueEntries(deps: Db, articleIds: readonly string[]): Promise<void> {
  await catalogueEntries.remove(deps.db.kysely, articleIds);
}

/** After a full build: the site's catalogue keeps only the articles in `keep`. Returns how many left. */
export async function pruneCatalogue(deps: Db, siteId: string, keep: ReadonlySet<string>): Promise<number> {
  return catalogueEntries.removeOthers(deps.db.kysely, siteId, keep);
}

const FORM_FIELDS = ['category', 'topic', 'org', 'year', 'q', 'wh', 'sy', 'from', 'to'] as const;

function echo(raw: Readonly<Record<string, unknown>>): CatalogueForm {
  const out = {} as CatalogueForm;
  for (const f of FORM_FIELDS) {
    const v = raw[f];
    out[f] = typeof v === 'string' ? v.slice(0, 50) : '';
  }
  return out;
}

/** The public catalogue page of a site for the visitor's query (400 with the reasons when it is refused). */
export async function cataloguePage(deps: Deps, code: string, raw: Readonly<Record<string, unknown>>): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const db = deps.db.kysely;
  const site = await catalogueSites.sponsor(db, siteId);
  if (!site) return null;
  const categories = categoriesFor(site.level as OrgLevel);
  const { query, problems } = parseCatalogueQuery(raw, { categories: new Set(categories.map((c) => c.code)) });
  const counts = new Map((await catalogueEntries.countsByCategory(db, siteId)).map((r) => [r.category, Number(r.n)]));
  const facets = await catalogueEntries.facets(db, siteId);
  let result = null;
  if (!problems.length) {
    const found = await catalogueEntries.query(db, siteId, query, CATALOGUE_PAGE_SIZE);
    result = { ...found, pages: Math.max(1, Math.ceil(found.total / CATALOGUE_PAGE_SIZE)) };
  }
  const body = catalogueBody({
    orgName: site.org_name,
    categories,
    counts,
    facets,
    form: echo(raw),
    query,
    problems: problems.map((p) => p.message),
    result,
    itemUrl: (url) => relativeUrl(CATALOGUE_PATH, url),
  });
  const html = await sitePage(deps, code, { path: CATALOGUE_PATH, title: '政府信息公开目录', body });
  return html === null ? null : { status: problems.length ? 400 : 200, html };
}

function presentGuide(orgId: string, orgName: string, row: DisclosureGuideTable | undefined): Guide {
  return {
    orgId,
    orgName,
    officeName: row?.office_name ?? null,
    address: row?.address ?? null,
    postalCode: row?.postal_code ?? null,
    officeHours: row?.office_hours ?? null,
    phone: row?.phone ?? null,
    fax: row?.fax ?? null,
    webContact: row?.web_contact ?? null,
    arrangement: row?.arrangement ?? null,
    obtaining: row?.obtaining ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

/** The public 政府信息公开指南 page of a site (its sponsor org's guide). */
export async function guidePage(deps: Deps, code: string): Promise<PublicPage | null> {
  const siteId = await publicSiteId(deps, code);
  if (!siteId) return null;
  const db = deps.db.kysely;
  const site = await catalogueSites.sponsor(db, siteId);
  if (!site) return null;
  const guide = presentGuide(site.org_id, site.org_name, await guides.byOrg(db, site.org_id));
  const body = guideBody({ ...guide, categories: categoriesFor(site.level as OrgLevel) });
  const html = await sitePage(deps, code, { path: GUIDE_PATH, title: '政府信息公开指南', body });
  return html === null ? null : { status: 200, html };
}

async function sponsorOrThrow(deps: Deps, siteId: string) {
  const site = await catalogueSites.sponsor(deps.db.kysely, siteId);
  if (!site) throw Errors.notFound('网站不存在');
  return site;
}

/** Who may see a site's catalogue in the admin: its disclosure officers, site editors, supervisors. */
function requireCatalogueRead(actor: Actor, siteId: string): void {
  if (!(can(actor, 'disclosure.handle', siteId) || can(actor, 'sites.edit', siteId) || can(actor, 'evaluation.manage')))
    throw Errors.forbidden();
}

/** The 指南 of a site's sponsor org. */
export async function getGuide(deps: Deps, actor: Actor, siteId: string): Promise<Guide> {
  requireCatalogueRead(actor, siteId);
  const site = await sponsorOrThrow(deps, siteId);
  return presentGuide(site.org_id, site.org_name, await guides.byOrg(deps.db.kysely, site.org_id));
}

/** Saves the 指南 of a site's sponsor org (its disclosure officers); the public page shows it at once. */
export async function saveGuide(deps: Deps, actor: Actor, siteId: string, input: unknown): Promise<Guide> {
  requirePermission(actor, 'disclosure.handle', siteId);
  const d = parseInput(GuideSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const site = await catalogueSites.sponsor(tx.trx, siteId);
    if (!site) throw Errors.notFound('网站不存在');
    const row: DisclosureGuideTable = {
      org_id: site.org_id,
      office_name: d.officeName,
      address: d.address,
      postal_code: d.postalCode ?? null,
      office_hours: d.officeHours,
      phone: d.phone,
      fax: d.fax,
      web_contact: d.webContact,
      arrangement: d.arrangement,
      obtaining: d.obtaining,
      updated_by: actor.id ?? actor.name,
      updated_at: deps.clock.now().toISOString(),
    };
    await guides.save(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'disclosure.guide.save',
      targetType: 'org',
      targetId: site.org_id,
      siteId,
      details: { officeName: d.officeName },
    });
    return presentGuide(site.org_id, site.org_name, row);
  });
}

/** How complete a site's catalogue is: every category of the standard structure, what feeds it, what is missing. */
export async function catalogueCoverageOf(deps: Deps, actor: Actor, siteId: string): Promise<CatalogueCoverageView> {
  requireCatalogueRead(actor, siteId);
  return coverageView(deps, await sponsorOrThrow(deps, siteId));
}

/** The supervision office's view: every hosted site's catalogue, the least complete first. */
export async function catalogueOverview(deps: Deps, actor: Actor): Promise<{ items: CatalogueOverviewItem[] }> {
  if (!can(actor, 'evaluation.manage')) throw Errors.forbidden();
  const items: CatalogueOverviewItem[] = [];
  for (const site of await catalogueSites.hosted(deps.db.kysely)) {
    const view = await coverageView(deps, site);
    items.push({
      siteId: site.site_id,
      siteName: site.site_name,
      orgName: site.org_name,
      items: view.categories.reduce((n, c) => n + c.items, 0),
      problemCount: view.problemCount,
      missing: view.categories.filter((c) => c.problems.length).map((c) => c.label),
    });
  }
  return { items: items.sort((a, b) => b.problemCount - a.problemCount || a.siteName.localeCompare(b.siteName, 'zh-CN')) };
}

async function coverageView(
  deps: Deps,
  site: { site_id: string; org_id: string; org_name: string; level: string },
): Promise<CatalogueCoverageView> {
  const db = deps.db.kysely;
  const siteId = site.site_id;
  const columns = await catalogueSites.mappedColumns(db, siteId);
  const counts = new Map(
    (await catalogueEntries.countsByCategory(db, siteId)).map((r) => [
      r.category,
      { items: Number(r.n), newestPublishedAt: (r.newest as string | null) ?? null },
    ]),
  );
  const guide = await guides.byOrg(db, site.org_id);
  const coverage = catalogueCoverage({
    level: site.level as OrgLevel,
    columns: columns.map((c) => ({ id: c.id, name: c.name, category: c.catalogue_category })),
    counts,
    guideComplete: Boolean(guide),
    reportYears: await catalogueEntries.yearsInCategory(db, siteId, 'annualReport'),
    today: beijingDate(deps.clock.now().toISOString()),
  });
  const categories = coverage.map((c) => ({
    code: c.category.code,
    label: c.category.label,
    group: c.category.group,
    groupLabel: CATALOGUE_GROUP_LABELS[c.category.group],
    basis: c.category.basis,
    columns: c.columns,
    items: c.items,
    newestPublishedAt: c.newestPublishedAt,
    problems: c.problems,
  }));
  return {
    siteId,
    orgId: site.org_id,
    orgName: site.org_name,
    categories,
    problemCount: categories.filter((c) => c.problems.length).length,
  };
}

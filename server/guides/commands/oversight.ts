/**
 * What supervisors and the annual website report read about services: per site, the items,
 * those a citizen can use (published), those lacking required elements, the national veto rule
 * 服务不实用 over the published guides, broken links, overdue reviews and 全程网办 items.
 */
import {
  missingElements,
  missingKeyCategories,
  ONLINE_LEVELS,
  serviceVeto,
  SERVICE_VETO_LABELS,
  VETO_MISSING_CATEGORIES,
  type OnlineLevel,
} from '../../../common/service-items.ts';
import type { GuideSiteOversight, ServiceStatistics } from '../../../common/schemas/guides.ts';
import { requirePermission, visibleSites } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { guideRefs, linkChecks, serviceItems } from '../guides.repository.ts';
import { reviewDue } from '../rules/items.ts';
import { guideOf, publishedGuideOf, requireGuidesRead } from './items.ts';
import { loadGuideSettings } from './settings.ts';

/** Every site the supervisor may see, with its services' state; sites with a veto first. */
export async function guidesOversight(deps: Deps, actor: Actor): Promise<GuideSiteOversight[]> {
  requirePermission(actor, 'monitoring.read');
  const db = deps.db.kysely;
  const scope = visibleSites(actor, 'monitoring.read');
  const sites = (await guideRefs.sites(db, scope)).filter((s) => s.hosting === 'hosted');
  const rows = await serviceItems.ofSites(
    db,
    sites.map((s) => s.id),
  );
  const settings = await loadGuideSettings(db);
  const today = beijingToday(deps.clock);
  const broken = await linkChecks.brokenCounts(
    db,
    rows.map((r) => r.id),
  );
  const out = sites.map((s): GuideSiteOversight => {
    const mine = rows.filter((r) => r.site_id === s.id);
    const published = mine.filter((r) => r.state === 'published');
    const publishedGuides = published.map(publishedGuideOf);
    const missingKey = publishedGuides.map(missingKeyCategories);
    const veto = serviceVeto(missingKey);
    return {
      siteId: s.id,
      siteName: s.name,
      items: mine.filter((r) => r.state !== 'withdrawn').length,
      published: published.length,
      incomplete: mine.filter((r) => r.state !== 'withdrawn' && missingElements(guideOf(r), settings.requiredElements).length > 0).length,
      poorItems: missingKey.filter((n) => n >= VETO_MISSING_CATEGORIES).length,
      veto: veto ? SERVICE_VETO_LABELS[veto] : null,
      brokenLinks: published.reduce((n, r) => n + (broken.get(r.id) ?? 0), 0),
      reviewDue: mine.filter((r) => r.state !== 'withdrawn' && reviewDue(r.reviewed_on, today, settings.reviewIntervalDays)).length,
      fullyOnline: publishedGuides.filter((g) => g.onlineLevel === 'full').length,
    };
  });
  return out.sort((a, b) => Number(!!b.veto) - Number(!!a.veto) || b.incomplete - a.incomplete || a.siteName.localeCompare(b.siteName));
}

/**
 * The 办事服务 figures of a site's annual website report (国办函〔2018〕12号), as they stand now
 * (the report is filed in January for the year just ended): published items, those handled fully
 * online (全程网办), whether a catalogue is published; by category and online level.
 */
export async function serviceStatistics(deps: Deps, actor: Actor, siteId: string): Promise<ServiceStatistics> {
  requireGuidesRead(actor, siteId);
  const db = deps.db.kysely;
  if (!(await guideRefs.site(db, siteId))) throw Errors.notFound('网站不存在');
  const guides = (await serviceItems.publishedOfSite(db, siteId)).map(publishedGuideOf);
  const byCategory: Record<string, number> = {};
  const byOnlineLevel = Object.fromEntries(ONLINE_LEVELS.map((l) => [l, 0])) as Record<OnlineLevel, number>;
  for (const g of guides) {
    const c = g.category ?? '未分类';
    byCategory[c] = (byCategory[c] ?? 0) + 1;
    byOnlineLevel[g.onlineLevel]++;
  }
  return {
    siteId,
    items: guides.length,
    fullyOnline: byOnlineLevel.full,
    cataloguePublished: guides.length > 0,
    byCategory,
    byOnlineLevel,
  };
}
